#include "indexer/kb_files.h"

#include <unistd.h>

namespace kb {

namespace fs = std::filesystem;

std::string temporary_path(const fs::path& target) {
  return (target.parent_path() / (target.filename().string() + ".tmp-" + std::to_string(::getpid()))).string();
}

void remove_stale_temporaries(const fs::path& target) {
  std::error_code ec;
  const std::string prefix = target.filename().string() + ".tmp-";
  for (const auto& entry : fs::directory_iterator(target.parent_path(), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
  }
}

std::string unused_backup_path(const fs::path& target, int version) {
  const std::string stem = target.string() + ".schema" + std::to_string(version);
  std::error_code ec;
  std::string path = stem + ".bak";
  for (int n = 2; fs::exists(path, ec); ++n) path = stem + "." + std::to_string(n) + ".bak";
  return path;
}

}  // namespace kb
