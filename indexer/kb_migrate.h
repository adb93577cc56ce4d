// `kbindex migrate`, and the upgrade build and add run first when they meet an older KB: a
// backup copy beside the KB, then the schema steps on a temporary copy, renamed over the KB
// only when whole. Killed or out of disk at any point, the KB is as it was.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kb/schema_migrations.h"
#include "kb/status.h"

namespace kb {

struct MigrationReport {
  int from = 0;
  int to = 0;
  std::string backup_path;               // the copy of the KB as it was
  std::vector<SchemaMigration> steps;
};

// Upgrades the KB at DB_PATH to this release's schema; nullopt when it is current already.
// REQUIRES: the caller holds the KB's lock (KbLock).
Result<std::optional<MigrationReport>> migrate_kb_file(const std::string& db_path);

// As migrate_kb_file when DB_PATH is a KB of an older schema; nullopt, and nothing done, when
// it is missing, not a KB or current (the caller's own open reports those in its words).
Result<std::optional<MigrationReport>> upgrade_if_older(const std::string& db_path);

// "upgraded kb.sqlite from schema 4 to 5 (backup: kb.sqlite.schema4.bak): ..." for people.
std::string describe(const MigrationReport& report, const std::string& db_path);

}  // namespace kb
