#include "indexer/kb_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace kb {

Result<KbLock> KbLock::acquire(const std::filesystem::path& folder, const std::string& db_path) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return Status::IO(folder.string() + ": cannot open the KB's folder");
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::IO(db_path + ": another kbindex (build or add) is writing in " + folder.string() +
                      "; wait for it to finish, then run this command again");
  }
  return KbLock(fd);
}

KbLock::~KbLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace kb
