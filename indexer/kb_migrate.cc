#include "indexer/kb_migrate.h"

#include <filesystem>

#include "indexer/kb_files.h"
#include "kb/db.h"
#include "kb/file_io.h"
#include "kb/schema.h"

namespace kb {

namespace fs = std::filesystem;

Result<std::optional<MigrationReport>> migrate_kb_file(const std::string& db_path) {
  const fs::path target = fs::absolute(db_path);
  int from = 0;
  {
    auto db = Database::open(db_path, Database::Mode::ReadOnly);
    if (!db.ok()) return db.status();
    auto version = read_schema_version(**db, db_path);
    if (!version.ok()) return version.status();
    from = *version;
  }
  if (from == kSchemaVersion) return std::optional<MigrationReport>{};
  if (from > kSchemaVersion)
    return Status::Corrupt(db_path + ": written with schema version " + std::to_string(from) + ", newer than the " +
                           std::to_string(kSchemaVersion) + " this kbindex writes; use the release that wrote it");
  if (from < schema_migrations().front().from)
    return Status::Corrupt(db_path + ": written with schema version " + std::to_string(from) +
                           ", older than any this release can upgrade; rebuild it with `kbindex build --fresh` "
                           "(it replaces the file)");

  remove_stale_temporaries(target);
  MigrationReport report;
  report.from = from;
  report.to = kSchemaVersion;
  report.backup_path = unused_backup_path(db_path, from);
  const std::string backup_temp = temporary_path(target) + "-backup";
  const std::string temp = temporary_path(target);
  std::error_code ec;
  auto fail = [&](const Status& s) {
    fs::remove(backup_temp, ec);
    fs::remove(temp, ec);
    const std::string message = db_path + ": migration stopped, the KB is unchanged: " + s.message();
    return s.code() == Code::Corrupt ? Status::Corrupt(message) : Status::IO(message);
  };
  {
    // Both copies come from one consistent snapshot; SQLite rolls back a hot journal first.
    auto db = Database::open(db_path, Database::Mode::ReadWriteCreate);
    if (!db.ok()) return fail(db.status());
    // The backup is the file's own bytes: what the user had, to the byte.
    fs::copy_file(target, backup_temp, fs::copy_options::overwrite_existing, ec);
    if (ec) return fail(Status::IO(backup_temp + ": cannot copy the KB there (" + ec.message() + ")"));
    if (Status s = durable_rename(backup_temp, report.backup_path); !s.ok()) return fail(s);
    if (Status s = (*db)->copy_to(temp); !s.ok()) return fail(s);
  }
  {
    auto db = Database::open(temp, Database::Mode::ReadWriteCreate);
    if (!db.ok()) return fail(db.status());
    if (Status s = (*db)->exec("PRAGMA journal_mode = OFF"); !s.ok()) return fail(s);
    if (Status s = (*db)->exec("BEGIN"); !s.ok()) return fail(s);
    auto steps = migrate_schema(**db, from);
    if (!steps.ok()) return fail(steps.status());
    report.steps = *steps;
    if (Status s = (*db)->exec("COMMIT"); !s.ok()) return fail(s);
    // A schema that does not hold together must not replace a KB that did.
    auto check = (*db)->prepare("PRAGMA foreign_key_check");
    if (!check.ok()) return fail(check.status());
    if (check->step()) return fail(Status::Corrupt("foreign key check failed on table " + check->column_text(0)));
    if (!check->status().ok()) return fail(check->status());
  }
  if (Status s = durable_rename(temp, target.string()); !s.ok()) return fail(s);
  return std::optional<MigrationReport>(report);
}

Result<std::optional<MigrationReport>> upgrade_if_older(const std::string& db_path) {
  std::error_code ec;
  if (!fs::is_regular_file(db_path, ec)) return std::optional<MigrationReport>{};
  {
    auto db = Database::open(db_path, Database::Mode::ReadOnly);
    if (!db.ok()) return std::optional<MigrationReport>{};
    auto version = read_schema_version(**db, db_path);
    if (!version.ok() || *version >= kSchemaVersion) return std::optional<MigrationReport>{};
  }
  return migrate_kb_file(db_path);
}

std::string describe(const MigrationReport& report, const std::string& db_path) {
  std::string out = "upgraded " + db_path + " from schema " + std::to_string(report.from) + " to " +
                    std::to_string(report.to) + " (the KB as it was: " + report.backup_path + ")";
  for (const SchemaMigration& step : report.steps)
    out += "\n  " + std::to_string(step.from) + " -> " + std::to_string(step.to) + ": " + step.summary;
  return out;
}

}  // namespace kb
