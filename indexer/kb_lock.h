// An exclusive lock on a KB's folder, held by `kbindex build` and `kbindex add` while they
// write, so that two writers never touch the same KB at once. Readers take no lock: a
// build renames a finished file into place and an add commits one transaction.
#pragma once

#include <filesystem>
#include <string>

#include "kb/status.h"

namespace kb {

class KbLock {
 public:
  // Takes the lock on FOLDER without waiting; an IO status naming DB_PATH when another
  // writer holds it.
  static Result<KbLock> acquire(const std::filesystem::path& folder, const std::string& db_path);
  KbLock(KbLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  KbLock(const KbLock&) = delete;
  KbLock& operator=(const KbLock&) = delete;
  ~KbLock();

 private:
  explicit KbLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace kb
