#include "kb/schema_check.h"

#include "kb/schema.h"
#include "kb/schema_migrations.h"

namespace kb {

Status check_schema(Database& db, const std::string& path, std::string_view tool) {
  const std::string rebuild = "; rebuild it with `kbindex build --fresh` (it replaces the file)";
  auto version = read_schema_version(db, path);
  if (!version.ok()) {
    const std::string& said = version.status().message();
    return Status::Corrupt(said.find("rebuild it with") == std::string::npos ? said + rebuild : said);
  }
  if (*version == kSchemaVersion) return Status::Ok();
  if (*version < schema_migrations().front().from)
    return Status::Corrupt(path + ": written with schema version " + std::to_string(*version) +
                           ", older than any this release can upgrade" + rebuild);
  if (*version < kSchemaVersion)
    return Status::Corrupt(path + ": written with schema version " + std::to_string(*version) + ", older than the " +
                           std::to_string(kSchemaVersion) + " this " + std::string(tool) +
                           " reads; upgrade it with `kbindex migrate --db " + path +
                           "` (it keeps a backup copy beside it)");
  return Status::Corrupt(path + ": written with schema version " + std::to_string(*version) + ", newer than the " +
                         std::to_string(kSchemaVersion) + " this " + std::string(tool) +
                         " reads; use the release that wrote it");
}

}  // namespace kb
