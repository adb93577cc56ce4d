#include "indexer/parse_refs_command.h"

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "indexer/design_classifier.h"
#include "indexer/reference_parser.h"
#include "kb/console.h"
#include "kb/design.h"
#include "kb/reference_json.h"

namespace kb {
namespace {

struct ParseRefsOptions {
  std::string input = "-";
};

void print_for_people(const Output& out, int line, const Reference& r) {
  std::string authors;
  for (const std::string& a : r.authors) authors += (authors.empty() ? "" : ", ") + a;
  if (r.et_al) authors += ", et al.";
  out.text() << line << ". " << (authors.empty() ? "(no authors)" : authors) << "\n";
  out.text() << wrap(r.title, out.width(), "     ", "   ") << "\n";
  out.text() << "   " << r.journal << " " << (r.year ? std::to_string(r.year) : "(no year)") << "; " << r.volume
            << (r.issue.empty() ? "" : "(" + r.issue + ")") << ":" << r.pages << "  [" << to_string(r.design)
            << ", level " << r.level << "]";
  if (!r.uncertain_fields.empty()) {
    std::string fields;
    for (const std::string& f : r.uncertain_fields) fields += (fields.empty() ? "" : ", ") + f;
    out.text() << "  uncertain: " << fields;
  }
  out.text() << "\n";
}

Status run_parse_refs(const ParseRefsOptions& options, const GlobalOptions& global) {
  std::ifstream file;
  if (options.input != "-") {
    file.open(options.input, std::ios::binary);
    if (!file) return Status::NotFound(options.input + ": cannot open; give a file of references, one a line, or - for stdin");
  }
  std::istream& in = options.input == "-" ? std::cin : file;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    Reference ref = parse_reference(line);
    classify_design(ref);
    if (global.json) {
      nlohmann::ordered_json j = {{"topic", nullptr}, {"number", number}};
      j.update(reference_to_json(ref));
      global.output->json_line(j);
    } else {
      print_for_people(*global.output, number, ref);
    }
  }
  if (in.bad()) return Status::IO(options.input + ": read error after line " + std::to_string(number));
  return Status::Ok();
}

}  // namespace

void add_parse_refs_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<ParseRefsOptions>();
  CLI::App* cmd = app.add_subcommand(
      "parse-refs", "Parse reference strings, one a line, into fields and a design label (no KB needed)");
  cmd->add_option("input", options->input, "A file of references, one a line; - for standard input")->capture_default_str();
  cmd->footer("Example: kbindex parse-refs references.txt --json");
  cmd->callback([options, &global, &outcome] { outcome.status = run_parse_refs(*options, global); });
}

}  // namespace kb
