// Upgrades of a KB's schema, one tested SQL step per version (migrations/NNNN_*.sql, compiled
// in, with a code step where SQL cannot do it), so that a KB people have worked on for months is carried forward instead of rebuilt.
#pragma once

#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/status.h"

namespace kb {

struct SchemaMigration {
  int from = 0;          // the version it upgrades
  int to = 0;            // from + 1
  const char* sql;       // the step, run in the caller's transaction
  const char* summary;   // one line for people: what the step adds
  // What SQL cannot do (packing rows into a format of ours), run after SQL in the same
  // transaction; nullptr for most steps.
  Status (*then)(Database& db) = nullptr;
};

// Every step, oldest first. The last one's `to` is kSchemaVersion.
const std::vector<SchemaMigration>& schema_migrations();

// The schema version recorded in the KB's kb_meta. A Corrupt status naming PATH when the file is
// not a KB (not SQLite, no kb_meta, no version).
Result<int> read_schema_version(Database& db, const std::string& path);

// Runs the steps from FROM up to kSchemaVersion on DB, which must be in a transaction the
// caller commits or rolls back, and records each new version. Returns the steps it ran.
// REQUIRES: the oldest step's from <= FROM <= kSchemaVersion.
Result<std::vector<SchemaMigration>> migrate_schema(Database& db, int from);

}  // namespace kb
