// Build speed and memory against a bare FTS5 load of the same text, measured in one run.
//
//   bench_build [TOPICS]   (default 1000 copies of the seed topic, each under its own title)
//
// Each phase runs in a child process so that its peak resident set size is its own.
// Figures are ratios to the baseline, since the machine is shared and noisy.
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "indexer/formats/topic_text.h"
#include "indexer/kb_build.h"
#include "kb/file_io.h"

namespace fs = std::filesystem;

namespace {

struct Measure {
  double seconds = 0;
  long peak_kib = 0;
  bool ok = false;
};

Measure in_child(const std::function<bool()>& work) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) _exit(work() ? 0 : 1);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measure m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.peak_kib = usage.ru_maxrss;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

// The baseline: the same paragraphs and reference strings into one FTS5 table, one
// transaction, no parsing beyond reading the files.
bool bare_fts5_load(const std::vector<std::string>& files, const std::string& db_path) {
  sqlite3* db = nullptr;
  if (sqlite3_open(db_path.c_str(), &db) != SQLITE_OK) return false;
  sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN;"
               "CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(text) VALUES (?)", -1, &insert, nullptr);
  for (const std::string& file : files) {
    auto content = kb::read_file(file);
    if (!content.ok()) return false;
    std::size_t start = 0;
    while (start < content->size()) {
      std::size_t nl = content->find('\n', start);
      if (nl == std::string::npos) nl = content->size();
      if (nl > start) {
        sqlite3_bind_text(insert, 1, content->data() + start, static_cast<int>(nl - start), SQLITE_STATIC);
        sqlite3_step(insert);
        sqlite3_reset(insert);
      }
      start = nl + 1;
    }
  }
  sqlite3_finalize(insert);
  bool ok = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(db);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  const int topics = argc > 1 ? std::atoi(argv[1]) : 1000;
  const fs::path seed = fs::path(KB_SOURCE_DIR) / "corpus" / "local-therapies-metastatic-breast-cancer.txt";
  auto text = kb::read_file(seed.string());
  if (!text.ok()) {
    std::fprintf(stderr, "bench_build: %s\n", text.status().message().c_str());
    return 1;
  }
  const std::string title = "The role of local therapies in metastatic breast cancer";
  const std::size_t at = text->find(title);

  fs::path dir = fs::temp_directory_path() / ("kb-bench-" + std::to_string(getpid()));
  fs::create_directories(dir / "corpus");
  std::vector<std::string> files;
  std::uintmax_t corpus_bytes = 0;
  for (int i = 0; i < topics; ++i) {
    std::string copy = *text;
    copy.replace(at, title.size(), title + " (variant " + std::to_string(i) + ")");
    fs::path file = dir / "corpus" / ("topic-" + std::to_string(i) + ".txt");
    std::ofstream(file, std::ios::binary) << copy;
    files.push_back(file.string());
    corpus_bytes += copy.size();
  }

  Measure bare = in_child([&] { return bare_fts5_load(files, (dir / "bare.sqlite").string()); });
  Measure build = in_child([&] { return kb::build_kb({(dir / "corpus").string()}, (dir / "kb.sqlite").string()).ok(); });
  // Memory must not grow with the corpus: a quarter of it should peak about as high.
  const std::vector<std::string> quarter(files.begin(), files.begin() + std::max(1, topics / 4));
  Measure build_small = in_child([&] { return kb::build_kb(quarter, (dir / "quarter.sqlite").string()).ok(); });

  std::error_code ec;
  auto kb_bytes = fs::file_size(dir / "kb.sqlite", ec);

  // The same KB brought up to date: nothing changed, then one topic edited (a sentence longer).
  const std::string kb_path = (dir / "kb.sqlite").string();
  Measure unchanged = in_child([&] { return kb::build_kb({(dir / "corpus").string()}, kb_path).ok(); });
  {
    std::string edited = *text;
    const std::string anchor = "Systemic medical therapy for metastatic breast cancer";
    edited.replace(at, title.size(), title + " (variant 0)");
    edited.insert(edited.find('\n', edited.find(anchor)), " Quality of life is the measure of such care.");
    std::ofstream(files.front(), std::ios::binary | std::ios::trunc) << edited;
  }
  Measure one_changed = in_child([&] { return kb::build_kb({(dir / "corpus").string()}, kb_path).ok(); });
  auto bare_bytes = fs::file_size(dir / "bare.sqlite", ec);
  std::printf("corpus: %d topics, %d references, %.1f MiB of text\n", topics, topics * 65,
              static_cast<double>(corpus_bytes) / 1048576.0);
  std::printf("bare FTS5 load:   %.2f s, peak RSS %ld KiB, %.1f MiB%s\n", bare.seconds, bare.peak_kib,
              static_cast<double>(bare_bytes) / 1048576.0, bare.ok ? "" : " (FAILED)");
  std::printf("kbindex build:    %.2f s, peak RSS %ld KiB, %.1f MiB%s\n", build.seconds, build.peak_kib,
              static_cast<double>(kb_bytes) / 1048576.0, build.ok ? "" : " (FAILED)");
  std::printf("build / bare:     %.2fx time, %.2fx size\n", build.seconds / bare.seconds,
              static_cast<double>(kb_bytes) / static_cast<double>(bare_bytes));
  std::printf("peak RSS, %d topics / %zu topics: %.2fx (flat memory: about 1x)\n", topics, quarter.size(),
              static_cast<double>(build.peak_kib) / static_cast<double>(build_small.peak_kib));
  std::printf("references per second: %.0f\n", topics * 65 / build.seconds);
  std::printf("rebuild, nothing changed:  %.2f s, %.3fx the full build%s\n", unchanged.seconds,
              unchanged.seconds / build.seconds, unchanged.ok ? "" : " (FAILED)");
  std::printf("rebuild, 1 topic changed:  %.2f s, %.3fx the full build, peak RSS %ld KiB%s\n", one_changed.seconds,
              one_changed.seconds / build.seconds, one_changed.peak_kib, one_changed.ok ? "" : " (FAILED)");
  fs::remove_all(dir, ec);
  return bare.ok && build.ok && build_small.ok && unchanged.ok && one_changed.ok ? 0 : 1;
}
