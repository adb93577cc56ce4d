// Opens a KB for reading: read-only, schema version checked, topics resolved by slug.
// No kbquery command can change the KB: the connection itself is read-only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/status.h"

namespace kb {

struct GlobalOptions;

struct TopicRef {
  std::int64_t id = 0;
  std::string slug;
  std::string title;
};

class KbReader {
 public:
  // Fails with NotFound for a missing file, Corrupt for a file that is not a KB or has
  // another schema version (the message says to rebuild with `kbindex build`).
  static Result<std::unique_ptr<KbReader>> open(const std::string& path);

  Database& db() { return *db_; }
  const std::string& path() const { return db_->path(); }

  // The topic named by SLUG: exact, or else the one topic whose slug contains it.
  // Usage status listing the candidates when none or several match.
  Result<TopicRef> resolve_topic(const std::string& slug);
  Result<std::vector<TopicRef>> topics();

 private:
  explicit KbReader(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  std::unique_ptr<Database> db_;
};

// The KB a command reads: GLOBAL.db opened for this command, or, with GLOBAL.keep_kb_open
// (the web app), this thread's connection to it, opened on first use and kept. SQLite
// connections are not shared between threads; a KB file is never written while served.
Result<std::shared_ptr<KbReader>> open_kb(const GlobalOptions& global);

}  // namespace kb
