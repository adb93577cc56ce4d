// `kbquery match "messy citation"`: the reference a garbled citation points to, with a
// confidence, for verifying citations.
#include <iostream>
#include <memory>

#include "kb/text.h"
#include "kb/console.h"
#include "query/citation_match.h"
#include "query/commands.h"

namespace kb {
namespace {

struct MatchOptions {
  std::vector<std::string> words;
  int limit = 5;
};

Status run_match(const MatchOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  const std::string citation = join(options.words, " ");
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  auto matches = match_citation(**kb, citation, options.limit);
  if (!matches.ok()) return matches.status();
  if (global.json) {
    Json doc = {{"citation", citation}, {"results", Json::array()}};
    for (const CitationMatch& m : *matches) {
      Json j = reference_json(m.reference);
      j["confidence"] = m.confidence;
      j["agreed"] = m.agreed;
      j["differed"] = m.differed;
      doc["results"].push_back(j);
    }
    out.document(doc);
    return Status::Ok();
  }
  if (matches->empty()) {
    out.text() << "No reference of the KB matches this citation with a confidence of 0.30 or more.\n";
    return Status::Ok();
  }
  const int width = out.width();
  for (const CitationMatch& m : *matches) {
    out.text() << format_score(m.confidence) << "  " << m.reference.topic << " reference " << m.reference.number
              << "  (agrees: " << (m.agreed.empty() ? "nothing" : join(m.agreed, ", "))
              << (m.differed.empty() ? "" : "; differs: " + join(m.differed, ", ")) << ")\n"
              << wrap(m.reference.ref.raw, width, "      ") << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_match_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<MatchOptions>();
  CLI::App* cmd = app.add_subcommand("match", "Find the reference a garbled or partial citation points to, with a confidence");
  cmd->add_option("citation", options->words, "The citation as you have it")->required();
  cmd->add_option("--limit", options->limit, "At most this many candidates")->check(CLI::Range(1, 100))->capture_default_str();
  cmd->footer("Example: kbquery match \"Badwe, Lancet Oncology 2015;16:1380\"");
  cmd->callback([options, &global, &outcome] { outcome.status = run_match(*options, global); });
}

}  // namespace kb
