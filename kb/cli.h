// What both command-line tools share: the global options, and running a CLI11 app so that
// usage errors exit 2, other failures exit 1, and every message goes to stderr.
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

#include "kb/output.h"

#include "kb/status.h"

namespace kb {

struct GlobalOptions {
  std::string db = "kb.sqlite";  // --db FILE, or KB_DB
  bool json = false;             // --json: one JSON document on stdout
  // Where results go: standard output, or an HTTP response in `kbquery serve`.
  std::shared_ptr<Output> output = std::make_shared<Output>();
  // `kbquery serve`: each thread keeps its read-only connection between requests.
  bool keep_kb_open = false;
};

// Adds --db (with KB_DB) and --json to APP. Subcommands see them too (fallthrough), so
// `kbquery search X --db f.sqlite` works as well as `kbquery --db f.sqlite search X`.
void add_global_options(CLI::App& app, GlobalOptions& options);

// The Status of the subcommand that ran; set by its callback.
struct CommandOutcome {
  Status status;
};

// Parses ARGV and runs the chosen subcommand. Prints "TOOL: message" on stderr for
// errors. Returns the process exit status.
int run_cli(CLI::App& app, int argc, char** argv, const CommandOutcome& outcome);

}  // namespace kb
