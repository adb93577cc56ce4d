// Runs a real binary the way a user does, capturing what it prints and how it exits.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace e2e {

struct Outcome {
  int exit_code = -1;  // -1 when killed by a signal (a crash) or by the time limit
  std::string out;
  std::string err;
};

// Runs ARGS[0] with ARGS in folder CWD, extra environment ENV ("KEY=VALUE"), no stdin.
// Kills it after TIMEOUT_SECONDS, so a hang fails the test instead of stalling the suite.
Outcome run(const std::vector<std::string>& args, const std::string& cwd = ".",
            const std::vector<std::string>& env = {}, int timeout_seconds = 60);

// The tools as built next to this test binary.
std::string kbindex();
std::string kbquery();

// A fresh empty folder under the system's temporary folder, removed at exit.
std::string temp_dir();

std::string read(const std::string& path);
void write(const std::string& path, const std::string& content);
std::string seed_path();
std::string seed_text();
// A KB built once from the seed topic, shared by the read-only tests of one test binary.
const std::string& seed_kb();
std::string file_hash(const std::string& path);  // SHA-256, or "" when the file is missing

// A binary started in the background, its output going to files: for killing it midway, or
// running other commands while it runs.
struct Started {
  int pid = -1;
  std::string out_path, err_path;
  bool ended = false;
  int status = 0;  // waitpid's, once ended
};
// Starts ARGS as run() does. MAX_FILE_BYTES > 0 caps every file it writes (RLIMIT_FSIZE, with
// SIGXFSZ ignored): a write past the cap fails as on a full disk.
Started start(const std::vector<std::string>& args, const std::string& cwd = ".",
              const std::vector<std::string>& env = {}, long max_file_bytes = 0);
bool running(Started& started);  // false once it has ended (then reaped)
// Waits for it, killing it after TIMEOUT_SECONDS; exit_code -1 when a signal ended it.
Outcome finish(Started& started, int timeout_seconds = 60);
// SIGKILL now, then finish().
Outcome kill9(Started& started);

}  // namespace e2e
