#include "indexer/migrate_command.h"

#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "indexer/kb_lock.h"
#include "indexer/kb_migrate.h"
#include "kb/schema.h"

namespace kb {
namespace {

Status run_migrate(const GlobalOptions& global) {
  std::error_code ec;
  if (!std::filesystem::exists(global.db, ec))
    return Status::NotFound(global.db + ": no KB here to migrate; name it with --db or KB_DB");
  auto lock = KbLock::acquire(std::filesystem::absolute(global.db).parent_path(), global.db);
  if (!lock.ok()) return lock.status();
  auto report = migrate_kb_file(global.db);
  if (!report.ok()) return report.status();
  if (global.json) {
    nlohmann::ordered_json out = {{"db", global.db}, {"schema_version", kSchemaVersion}, {"migrated", report->has_value()}};
    if (*report) {
      out["from"] = (*report)->from;
      out["backup"] = (*report)->backup_path;
      out["steps"] = nlohmann::ordered_json::array();
      for (const SchemaMigration& step : (*report)->steps)
        out["steps"].push_back({{"from", step.from}, {"to", step.to}, {"summary", step.summary}});
    }
    global.output->document(out);
    return Status::Ok();
  }
  if (!*report) global.output->text() << global.db << ": schema " << kSchemaVersion << " already; nothing to do\n";
  else global.output->text() << describe(**report, global.db) << "\n";
  return Status::Ok();
}

}  // namespace

void add_migrate_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  CLI::App* cmd = app.add_subcommand(
      "migrate", "Upgrade a KB written by an older release to this schema, in place, after a backup copy beside it");
  cmd->footer(
      "The KB is copied to KB.schemaN.bak first; the upgrade runs on a temporary copy that replaces the KB only\n"
      "when whole, so an interrupted or failed migration leaves it as it was. build and add do the same\n"
      "when they meet an older KB.\n"
      "Example: kbindex migrate --db kb.sqlite");
  cmd->callback([&global, &outcome] { outcome.status = run_migrate(global); });
}

}  // namespace kb
