#include "indexer/kb_build.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <map>

#include "indexer/formats/detect_format.h"
#include "indexer/formats/topic_text.h"
#include "kb/file_io.h"
#include "kb/sha256.h"
#include "kb/text.h"

namespace kb {

namespace fs = std::filesystem;

Result<Topic> load_topic(const std::string& path) {
  auto content = read_file(path);
  if (!content.ok()) return content.status();
  Format format = detect_format(std::string_view(*content).substr(0, 4096));
  if (format == Format::Unknown && trim(*content).empty()) format = Format::TopicText;  // it says "empty"
  Result<Topic> topic = Status::Parse("");
  switch (format) {
    case Format::TopicText:
      topic = parse_text_topic(*content, path);
      break;
    case Format::PubmedXml:
    case Format::Medline:
    case Format::Ris:
    case Format::Bibtex:
      return Status::Usage(path + ": is " + to_string(format) +
                           ", a list of studies rather than a topic; add it to a built KB with "
                           "`kbindex add " + path + "`");
    case Format::TopicHtml:
    case Format::TopicJats:
      return Status::Parse(path + ": is " + to_string(format) +
                           "; this version reads topics as text only (save the page as text)");
    case Format::Unknown:
      return Status::Parse(path + ":1: not a topic in any format kbindex knows");
  }
  if (!topic.ok()) return topic;
  topic->content_hash = sha256_hex(*content);
  return topic;
}

namespace {

// Holds an exclusive lock on the KB's folder for one build, so that two builds never
// write the same KB at once.
class BuildLock {
 public:
  static Result<BuildLock> acquire(const fs::path& folder, const std::string& db_path) {
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return Status::IO(folder.string() + ": cannot open the KB's folder");
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      ::close(fd);
      return Status::IO(db_path + ": another `kbindex build` is writing in " + folder.string() +
                        "; wait for it to finish, then run this build again");
    }
    return BuildLock(fd);
  }
  BuildLock(BuildLock&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  BuildLock(const BuildLock&) = delete;
  ~BuildLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }

 private:
  explicit BuildLock(int fd) : fd_(fd) {}
  int fd_;
};

// Temporary files of builds that died (kill -9, power loss): "kb.sqlite.tmp-1234".
void remove_stale_temporaries(const fs::path& folder, const std::string& db_name) {
  std::error_code ec;
  const std::string prefix = db_name + ".tmp-";
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
  }
}

}  // namespace

Result<BuildSummary> build_kb(const std::vector<std::string>& paths, const std::string& db_path) {
  const auto started = std::chrono::steady_clock::now();
  auto files = expand_paths(paths);
  if (!files.ok()) return files.status();
  if (files->empty()) return Status::Usage("no topic files found in the paths given");

  fs::path target = fs::absolute(db_path);
  fs::path folder = target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return Status::IO(db_path + ": folder " + folder.string() + " does not exist");
  auto lock = BuildLock::acquire(folder, db_path);
  if (!lock.ok()) return lock.status();
  const std::string db_name = target.filename().string();
  remove_stale_temporaries(folder, db_name);
  const std::string temp = (folder / (db_name + ".tmp-" + std::to_string(::getpid()))).string();

  BuildSummary summary;
  summary.db_path = db_path;
  auto write_all = [&]() -> Status {
    auto writer = KbWriter::create(temp);
    if (!writer.ok()) return writer.status();
    // One topic in memory at a time: a KB of thousands of topics builds in flat memory.
    // A bad file stops the build; only the temporary file has seen anything.
    std::map<std::string, std::string> slug_sources;
    for (const std::string& file : *files) {
      auto loaded = load_topic(file);
      if (!loaded.ok()) return Status(loaded.status());
      const Topic& topic = *loaded;
      auto [it, fresh] = slug_sources.emplace(topic.slug, file);
      if (!fresh)
        return Status::Parse(file + ": topic '" + topic.title + "' is already read from " + it->second +
                             "; remove one of the two");
      auto counts = (*writer)->write_topic(topic);
      if (!counts.ok()) return counts.status();
      summary.topics.push_back({topic.slug, topic.title, topic.source_path, topic.truncated, *counts,
                                topic.diagnostics});
      summary.totals += *counts;
    }
    if (Status s = (*writer)->finish(); !s.ok()) return s;
    return durable_rename(temp, target.string());
  };
  if (Status s = write_all(); !s.ok()) {
    fs::remove(temp, ec);
    if (s.code() != Code::IO) return s;  // the input's fault: its message names file and line
    return Status::IO(db_path + ": build failed, the previous KB is unchanged: " + s.message());
  }
  summary.kb_bytes = static_cast<std::int64_t>(fs::file_size(target, ec));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace kb
