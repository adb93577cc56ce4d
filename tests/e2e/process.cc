#include "process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "kb/sha256.h"

extern char** environ;

namespace e2e {

namespace fs = std::filesystem;

Outcome run(const std::vector<std::string>& args, const std::string& cwd, const std::vector<std::string>& env,
            int timeout_seconds) {
  Outcome outcome;
  int out_pipe[2], err_pipe[2];
  if (pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return outcome;
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, STDIN_FILENO);
    dup2(out_pipe[1], STDOUT_FILENO);
    dup2(err_pipe[1], STDERR_FILENO);
    close(out_pipe[0]);
    close(err_pipe[0]);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    for (const std::string& kv : env) putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  close(out_pipe[1]);
  close(err_pipe[1]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
  int open_fds = 2;
  bool timed_out = false;
  char buf[65536];
  while (open_fds > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      kill(pid, SIGKILL);
      break;
    }
    if (poll(fds, 2, static_cast<int>(left.count())) <= 0) continue;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP))) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n <= 0) {
        close(fds[i].fd);
        fds[i].fd = -1;
        --open_fds;
      } else {
        (i == 0 ? outcome.out : outcome.err).append(buf, static_cast<std::size_t>(n));
      }
    }
  }
  for (auto& f : fds)
    if (f.fd >= 0) close(f.fd);
  int status = 0;
  waitpid(pid, &status, 0);
  outcome.exit_code = (!timed_out && WIFEXITED(status)) ? WEXITSTATUS(status) : -1;
  return outcome;
}

std::string kbindex() { return std::string(KB_BIN_DIR) + "/kbindex"; }
std::string kbquery() { return std::string(KB_BIN_DIR) + "/kbquery"; }

namespace {
struct TempRoot {
  fs::path root;
  TempRoot() {
    std::string pattern = (fs::temp_directory_path() / "kb-e2e-XXXXXX").string();
    root = mkdtemp(pattern.data());
  }
  ~TempRoot() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};
}  // namespace

std::string temp_dir() {
  static TempRoot root;
  static int counter = 0;
  fs::path dir = root.root / std::to_string(++counter);
  fs::create_directories(dir);
  return dir.string();
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary);
  out << content;
}

std::string seed_path() { return std::string(KB_SOURCE_DIR) + "/corpus/local-therapies-metastatic-breast-cancer.txt"; }
std::string seed_text() { return read(seed_path()); }

const std::string& seed_kb() {
  static const std::string path = [] {
    std::string dir = temp_dir();
    auto r = run({kbindex(), "build", seed_path(), "--db", "kb.sqlite"}, dir);
    if (r.exit_code != 0) throw std::runtime_error("cannot build the seed KB: " + r.err);
    return dir + "/kb.sqlite";
  }();
  return path;
}

std::string file_hash(const std::string& path) {
  if (!fs::exists(path)) return "";
  return kb::sha256_hex(read(path));
}

Started start(const std::vector<std::string>& args, const std::string& cwd, const std::vector<std::string>& env,
              long max_file_bytes) {
  Started started;
  const std::string dir = temp_dir();
  started.out_path = dir + "/stdout";
  started.err_path = dir + "/stderr";
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    int out = open(started.out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(started.err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (devnull < 0 || out < 0 || err < 0) _exit(127);
    dup2(devnull, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(err, STDERR_FILENO);
    if (chdir(cwd.c_str()) != 0) _exit(127);
    if (max_file_bytes > 0) {
      signal(SIGXFSZ, SIG_IGN);  // kept across exec: the write fails with EFBIG instead
      rlimit limit{static_cast<rlim_t>(max_file_bytes), static_cast<rlim_t>(max_file_bytes)};
      if (setrlimit(RLIMIT_FSIZE, &limit) != 0) _exit(127);
    }
    for (const std::string& kv : env) putenv(const_cast<char*>(kv.c_str()));
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  started.pid = pid;
  return started;
}

bool running(Started& started) {
  if (started.ended || started.pid <= 0) return false;
  if (waitpid(started.pid, &started.status, WNOHANG) == started.pid) started.ended = true;
  return !started.ended;
}

Outcome finish(Started& started, int timeout_seconds) {
  Outcome outcome;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  bool timed_out = false;
  while (running(started)) {
    if (std::chrono::steady_clock::now() >= deadline) {
      timed_out = true;
      kill(started.pid, SIGKILL);
      waitpid(started.pid, &started.status, 0);
      started.ended = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  outcome.exit_code = (!timed_out && WIFEXITED(started.status)) ? WEXITSTATUS(started.status) : -1;
  outcome.out = read(started.out_path);
  outcome.err = read(started.err_path);
  return outcome;
}

Outcome kill9(Started& started) {
  if (running(started)) kill(started.pid, SIGKILL);
  return finish(started);
}

}  // namespace e2e
