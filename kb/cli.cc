#include "kb/cli.h"

#include <iostream>
#include <string>

#include "kb/db.h"

namespace kb {

namespace {

// Messages quote what was typed; its control characters (an escape sequence pasted into a
// query) are shown as '?' instead of being sent to the terminal.
std::string printable(std::string text) {
  for (char& c : text)
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == '\x7f') c = '?';
  return text;
}

}  // namespace

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.fallthrough();
  app.require_subcommand(1);
  app.add_option("--db", options.db, "The knowledge base file")
      ->envname("KB_DB")
      ->capture_default_str();
  app.add_flag("--json", options.json, "Print one JSON document instead of text for people");
}

int run_cli(CLI::App& app, int argc, char** argv, const CommandOutcome& outcome) {
  const std::string tool = app.get_name();
  if (!sqlite_has_fts5()) {
    std::cerr << tool << ": the SQLite library in use has no FTS5 full-text search; "
                         "install Debian's libsqlite3-0 (3.40 or later)\n";
    return 1;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << tool << ": " << printable(e.what()) << "\nRun '" << tool << " --help' for the commands and options.\n";
    return 2;
  }
  if (!outcome.status.ok()) {
    std::cerr << tool << ": " << printable(outcome.status.message()) << "\n";
    return outcome.status.exit_code();
  }
  return 0;
}

}  // namespace kb
