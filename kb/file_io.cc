#include "kb/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace kb {

namespace fs = std::filesystem;

Result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return Status::IO(path + ": is a folder, expected a file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open (" + std::strerror(errno) + ")");
  std::string content;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    content.append(buf, static_cast<std::size_t>(in.gcount()));
    if (content.size() > max_bytes)
      return Status::IO(path + ": larger than " + std::to_string(max_bytes >> 20) + " MiB; refusing to read it");
  }
  if (in.bad()) return Status::IO(path + ": read error");
  return content;
}

Result<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Status::NotFound(path + ": no such file or folder");
    if (!fs::is_directory(st)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      std::string name = it->path().filename().string();
      if (!name.empty() && name.front() == '.') {
        if (it->is_directory()) it.disable_recursion_pending();
        continue;
      }
      if (it->is_regular_file()) found.push_back(it->path().string());
    }
    if (ec) return Status::IO(path + ": cannot list (" + ec.message() + ")");
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

Status durable_rename(const std::string& from, const std::string& to) {
  int fd = ::open(from.c_str(), O_RDONLY);
  if (fd < 0 || ::fsync(fd) != 0) {
    std::string err = std::strerror(errno);
    if (fd >= 0) ::close(fd);
    return Status::IO(from + ": cannot flush to disk (" + err + ")");
  }
  ::close(fd);
  if (std::rename(from.c_str(), to.c_str()) != 0)
    return Status::IO(to + ": cannot replace (" + std::string(std::strerror(errno)) + ")");
  fs::path folder = fs::path(to).parent_path();
  if (folder.empty()) folder = ".";
  int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (dir >= 0) {
    ::fsync(dir);  // best effort: some file systems refuse to fsync folders
    ::close(dir);
  }
  return Status::Ok();
}

}  // namespace kb
