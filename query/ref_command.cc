// `kbquery ref N [--topic SLUG]`: one reference: its fields, design and level (and why),
// every sentence that cites it and every recommendation that relies on it.
#include <iostream>
#include <memory>

#include "kb/console.h"
#include "query/commands.h"
#include "query/kb_reader.h"
#include "kb/output.h"
#include "query/recommendation_store.h"
#include "query/reference_store.h"
#include "kb/design.h"

namespace kb {
namespace {

struct RefOptions {
  int number = 0;
  std::string topic;
};

Status run_ref(const RefOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  Database& db = (*kb)->db();
  std::string source;
  auto found = find_numbered_reference(**kb, options.number, options.topic, &source);
  if (!found.ok()) return found.status();
  const StoredReference& ref = *found;

  auto relied = recommendations_relying_on(**kb, ref.id);
  if (!relied.ok()) return relied.status();
  Json recommendations = Json::array();
  for (const RelyingRecommendation& rec : *relied) recommendations.push_back(relying_json(rec));

  auto cites = citing_sentences(db, ref.id);
  if (!cites.ok()) return cites.status();
  const Json& cited_by = *cites;

  if (global.json) {
    Json doc = reference_json(ref);
    doc["source"] = source;
    doc["cited_by"] = cited_by;
    doc["recommendations"] = recommendations;
    out.document(doc);
    return Status::Ok();
  }
  const int width = out.width();
  const Reference& r = ref.ref;
  out.text() << "Reference " << options.number << " of " << ref.topic << " (" << source << ")\n"
            << wrap(r.raw, width, "  ") << "\n\n";
  std::string authors;
  for (const std::string& a : r.authors) authors += (authors.empty() ? "" : ", ") + a;
  if (r.et_al) authors += ", et al.";
  auto field = [&](const char* name, const std::string& value) {
    if (!value.empty()) out.text() << wrap(value, width, "              ", std::string("  ") + name) << "\n";
  };
  field("authors:    ", authors);
  field("title:      ", r.title + (r.translated_from.empty() ? "" : " [translated from " + r.translated_from + "]"));
  field("journal:    ", r.journal);
  std::string where = r.year ? std::to_string(r.year) : "";
  if (!r.month.empty()) where += " " + r.month;
  if (!r.volume.empty()) where += "; " + r.volume + r.supplement;
  if (!r.issue.empty()) where += "(" + r.issue + ")";
  if (!r.pages.empty()) where += ":" + r.pages;
  field("published:  ", where);
  field("doi:        ", r.doi);
  field("pmid:       ", r.pmid);
  field("design:     ", std::string(to_string(r.design)) + ", level " + std::to_string(r.level) +
                            " (Oxford CEBM 2011)" + (r.grade_start.empty() ? "" : ", GRADE starts " + r.grade_start));
  field("because:    ", r.design_reason.empty() ? std::string("no design named in the title") : r.design_reason);
  std::string uncertain;
  for (const std::string& f : r.uncertain_fields) uncertain += (uncertain.empty() ? "" : ", ") + f;
  field("uncertain:  ", uncertain);
  out.text() << "\n";
  if (recommendations.empty()) {
    out.text() << "No recommendation relies on it.\n";
  } else {
    out.text() << "Recommendations that rely on it:\n";
    for (const Json& rec : recommendations) {
      std::string line = rec["id"].get<std::string>() + " (" + rec["direction"].get<std::string>() + "), " +
                         rec["link"].get<std::string>() +
                         (rec["score"].is_null() ? "" : " " + format_score(rec["score"].get<double>())) + ", " +
                         rec["stance"].get<std::string>() + ": " + rec["text"].get<std::string>();
      out.text() << wrap(line, width, "      ", "    ") << "\n";
    }
  }
  out.text() << "\n";
  if (cited_by.empty()) {
    out.text() << "No sentence of the available text cites it.\n";
    return Status::Ok();
  }
  out.text() << "Cited by " << cited_by.size() << (cited_by.size() == 1 ? " sentence" : " sentences") << ":\n";
  for (const Json& c : cited_by) {
    out.text() << "  " << c["marker"].get<std::string>() << " section " << c["section"] << ", paragraph "
              << c["paragraph"] << ", sentence " << c["sentence"] << " (line " << c["source_line"] << ")\n"
              << wrap(c["text"].get<std::string>(), width, "    ") << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_ref_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<RefOptions>();
  CLI::App* cmd = app.add_subcommand("ref", "One reference: the entry as printed and every sentence citing it");
  cmd->add_option("number", options->number, "The reference's number in its topic's list")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--topic", options->topic, "The topic (its slug, or a unique part of it)");
  cmd->footer("Example: kbquery ref 4 --topic metastatic-breast");
  cmd->callback([options, &global, &outcome] { outcome.status = run_ref(*options, global); });
}

}  // namespace kb
