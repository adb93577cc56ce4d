#include "kb/schema_migrations.h"

#include "kb/relevance/profile_store.h"
#include "kb/schema.h"

namespace kb {

extern const char* const kMigration0005Sql;
extern const char* const kMigration0006Sql;
extern const char* const kMigration0007Sql;

const std::vector<SchemaMigration>& schema_migrations() {
  static const std::vector<SchemaMigration> steps = {
      {4, 5, kMigration0005Sql,
       "topics remember their links file and abbreviations, so that a build rewrites only the topics that "
       "changed; indexes for deleting a topic; full-text indexes kept in step by triggers"},
      {5, 6, kMigration0006Sql,
       "the index of studies by first author holds their titles, which `kbindex add` compares with each record's"},
      {6, 7, kMigration0007Sql,
       "a recommendation's inference profile is one packed row instead of a row per concept", pack_inference_terms},
  };
  return steps;
}

Result<int> read_schema_version(Database& db, const std::string& path) {
  auto version = db.prepare("SELECT value FROM kb_meta WHERE key = 'schema_version'");
  if (!version.ok()) {
    // No kb_meta: either not SQLite at all, or some other SQLite database.
    if (version.status().code() == Code::Corrupt) return version.status();
    return Status::Corrupt(path + ": not a knowledge base (it has no kb_meta table)");
  }
  if (!version->step()) {
    if (!version->status().ok()) return Status::Corrupt(path + ": " + version->status().message());
    return Status::Corrupt(path + ": not a knowledge base (kb_meta has no schema_version)");
  }
  const std::string text = version->column_text(0);
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9' || value > 100000) return Status::Corrupt(path + ": schema_version '" + text + "' is not a number");
    value = value * 10 + (c - '0');
  }
  if (text.empty()) return Status::Corrupt(path + ": schema_version is empty");
  return value;
}

Result<std::vector<SchemaMigration>> migrate_schema(Database& db, int from) {
  std::vector<SchemaMigration> ran;
  int version = from;
  for (const SchemaMigration& step : schema_migrations()) {
    if (step.from != version) continue;
    Status s = db.exec(step.sql);
    if (s.ok() && step.then) s = step.then(db);
    if (!s.ok())
      return Status::Corrupt(db.path() + ": migration " + std::to_string(step.from) + " -> " +
                             std::to_string(step.to) + " failed: " + s.message());
    auto record = db.prepare("UPDATE kb_meta SET value = ? WHERE key = 'schema_version'");
    if (!record.ok()) return record.status();
    if (Status s = record->bind(1, std::to_string(step.to)).run(); !s.ok()) return s;
    ran.push_back(step);
    version = step.to;
  }
  if (version != kSchemaVersion)
    return Status::Corrupt(db.path() + ": no migration from schema version " + std::to_string(version) +
                           " to " + std::to_string(kSchemaVersion) + "; rebuild it with `kbindex build --fresh`");
  return ran;
}

}  // namespace kb
