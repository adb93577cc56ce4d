#include "query/web/api.h"

#include <algorithm>
#include <sstream>

#include "kb/cli.h"
#include "query/commands.h"

namespace kb {
namespace {

using AddCommand = void (*)(CLI::App&, const GlobalOptions&, CommandOutcome&);

struct ApiCommand {
  std::string name;
  AddCommand add;
};

const std::vector<ApiCommand>& registry() {
  static const std::vector<ApiCommand> commands = {
      {"ask", add_ask_command},         {"search", add_search_command}, {"refs", add_refs_command},
      {"ref", add_ref_command},         {"recs", add_recs_command},     {"logic", add_logic_command},
      {"studies", add_studies_command}, {"audit", add_audit_command},   {"topics", add_topics_command},
      {"stats", add_stats_command}};
  return commands;
}

// An option's name as a URL may carry it: lower-case words joined by '-'.
bool plain_name(const std::string& name) {
  if (name.empty() || name.size() > 32 || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '-'; });
}

}  // namespace

const std::vector<std::string>& api_commands() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const ApiCommand& c : registry()) out.push_back(c.name);
    return out;
  }();
  return names;
}

Result<Json> command_document(const std::string& db, const std::string& command, const ApiParams& params) {
  auto found = std::find_if(registry().begin(), registry().end(), [&](const ApiCommand& c) { return c.name == command; });
  if (found == registry().end()) {
    std::string known;
    for (const std::string& name : api_commands()) known += (known.empty() ? "" : ", ") + name;
    return Status::Usage("no API command '" + command + "'; the commands are " + known);
  }
  // The arguments as the command line would have them; the positional text comes after "--",
  // so that a question starting with '-' is never read as an option.
  std::vector<std::string> args = {command};
  std::vector<std::string> positional;
  for (const auto& [name, value] : params) {
    if (name == "q") {
      positional.push_back(value);
      continue;
    }
    if (!plain_name(name) || name == "db" || name == "json" || name == "help" || name == "help-all")
      return Status::Usage("the parameter '" + name + "' is not an option of " + command);
    args.push_back("--" + name + (value.empty() ? "" : "=" + value));  // a flag: "explain=" or "explain=true"
  }
  if (!positional.empty()) {
    args.push_back("--");
    for (const std::string& p : positional) args.push_back(p);
  }

  GlobalOptions global;
  global.db = db;
  global.json = true;
  global.keep_kb_open = true;
  std::ostringstream text;  // commands write no text in JSON mode; kept apart all the same
  global.output = std::make_shared<Output>(Output::capturing(text, 100));
  CommandOutcome outcome;
  CLI::App app{"kbquery", "kbquery"};
  app.require_subcommand(1);
  found->add(app, global, outcome);
  std::reverse(args.begin(), args.end());  // CLI11 takes a vector of arguments last first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    return Status::Usage("the API has no help; the parameters are the command's options (kbquery " + command + " --help)");
  } catch (const CLI::ParseError& e) {
    return Status::Usage(e.what());
  }
  if (!outcome.status.ok()) return outcome.status;
  std::optional<Json> doc = global.output->take_document();
  if (!doc) return Status::IO(command + " gave no JSON document");
  return std::move(*doc);
}

}  // namespace kb
