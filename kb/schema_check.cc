#include "kb/schema_check.h"

#include "kb/schema.h"

namespace kb {

Status check_schema(Database& db, const std::string& path, std::string_view tool) {
  const std::string rebuild = "; rebuild it with `kbindex build`";
  auto version = db.prepare("SELECT value FROM kb_meta WHERE key = 'schema_version'");
  if (!version.ok()) {
    // No kb_meta: either not SQLite at all, or some other SQLite database.
    if (version.status().code() == Code::Corrupt) return version.status();
    return Status::Corrupt(path + ": not a knowledge base (it has no kb_meta table)" + rebuild);
  }
  if (!version->step()) {
    if (!version->status().ok()) return Status::Corrupt(path + ": " + version->status().message() + rebuild);
    return Status::Corrupt(path + ": not a knowledge base (kb_meta has no schema_version)" + rebuild);
  }
  std::string found = version->column_text(0);
  if (found != std::to_string(kSchemaVersion))
    return Status::Corrupt(path + ": built with schema version " + found + ", but this " + std::string(tool) +
                           " reads version " + std::to_string(kSchemaVersion) + rebuild);
  return Status::Ok();
}

}  // namespace kb
