// `kbquery impact N [--topic SLUG]`: what depends on reference N: the sentences that cite
// it, the recommendations that rest on it, and what each would rest on without it.
#include <iostream>
#include <memory>

#include "kb/console.h"
#include "kb/design.h"
#include "query/commands.h"
#include "query/evidence_summary.h"
#include "query/kb_reader.h"
#include "query/recommendation_store.h"
#include "query/reference_store.h"

namespace kb {
namespace {

struct ImpactOptions {
  int number = 0;
  std::string topic;
};

// In words, what taking the reference away does to a recommendation.
std::vector<std::string> consequences(const EvidenceSummary& with, const EvidenceSummary& without, int number) {
  std::vector<std::string> out;
  if (without.studies == 0) {
    out.push_back("it would rest on nothing: reference " + std::to_string(number) + " is its only linked study");
    return out;
  }
  if (with.strongest_reference == number && without.strongest_level != with.strongest_level)
    out.push_back("its strongest evidence would fall from level " + std::to_string(*with.strongest_level) + " (" +
                  with.strongest_design + ") to level " + std::to_string(*without.strongest_level) + " (" +
                  without.strongest_design + ", reference " + std::to_string(without.strongest_reference) + ")");
  if (with.has_rct && !without.has_rct) out.push_back("it would keep no randomised trial");
  for (LinkSource kind : {LinkSource::Cited, LinkSource::Curated}) {
    auto before = with.by_link.find(kind);
    if (before != with.by_link.end() && !without.by_link.count(kind))
      out.push_back(std::string("it would keep no ") + to_string(kind) + " study: only " +
                    (without.by_link.count(LinkSource::Curated) || without.by_link.count(LinkSource::Cited)
                         ? "other asserted"
                         : "inferred") +
                    " links would remain");
  }
  if (out.empty())
    out.push_back("little changes: " + std::to_string(without.studies) + " other " +
                  (without.studies == 1 ? "study remains" : "studies remain") + ", the strongest at level " +
                  std::to_string(*without.strongest_level) + " (" + without.strongest_design + ")");
  return out;
}

Status run_impact(const ImpactOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  Database& db = (*kb)->db();
  auto found = find_numbered_reference(**kb, options.number, options.topic);
  if (!found.ok()) return found.status();
  const StoredReference& ref = *found;

  auto elsewhere = db.prepare(
      "SELECT t.slug, r.number FROM refs r JOIN topics t ON t.id = r.topic_id"
      " WHERE r.study_id = (SELECT study_id FROM refs WHERE id = ?1) AND r.id <> ?1 ORDER BY t.slug, r.number");
  auto summarizer = EvidenceSummarizer::prepare(db);
  if (!elsewhere.ok()) return elsewhere.status();
  if (!summarizer.ok()) return summarizer.status();

  auto cites = citing_sentences(db, ref.id);
  if (!cites.ok()) return cites.status();
  const Json& cited_by = *cites;

  Json recommendations = Json::array();
  auto relied = recommendations_relying_on(**kb, ref.id);
  if (!relied.ok()) return relied.status();
  for (const RelyingRecommendation& rec : *relied) {
    auto with = (*summarizer)->summarize(rec.id);
    if (!with.ok()) return with.status();
    auto without = (*summarizer)->summarize(rec.id, ref.id);
    if (!without.ok()) return without.status();
    Json j = relying_json(rec);
    j["with_it"] = with->to_json();
    j["without_it"] = without->to_json();
    j["consequences"] = consequences(*with, *without, ref.number);
    recommendations.push_back(j);
  }

  Json same_study = Json::array();
  elsewhere->bind(1, ref.id);
  Status read = elsewhere->each([&](const Statement& row) {
    same_study.push_back({{"topic", row.column_text(0)}, {"number", row.column_int(1)}});
  });
  if (!read.ok()) return read;

  if (global.json) {
    out.document({{"reference", reference_json(ref)},
                {"cited_by", cited_by},
                {"recommendations", recommendations},
                {"same_study_elsewhere", same_study}});
    return Status::Ok();
  }
  const int width = out.width();
  out.text() << "Reference " << ref.number << " of " << ref.topic << "\n" << wrap(ref.ref.raw, width, "  ") << "\n"
            << "  design " << to_string(ref.ref.design) << ", level " << ref.ref.level << "\n\n";
  if (cited_by.empty()) out.text() << "No sentence of the available text cites it.\n";
  else out.text() << "Cited by " << cited_by.size() << (cited_by.size() == 1 ? " sentence" : " sentences") << ":\n";
  for (const Json& c : cited_by)
    out.text() << "  " << c["marker"].get<std::string>() << " section " << c["section"] << ", paragraph "
              << c["paragraph"] << " (line " << c["source_line"] << ")\n"
              << wrap(c["text"].get<std::string>(), width, "    ") << "\n";
  out.text() << "\n";
  if (recommendations.empty()) out.text() << "No recommendation rests on it: removing it changes no recommendation's evidence.\n";
  for (const Json& r : recommendations) {
    std::string line = r["id"].get<std::string>() + " [" + r["direction"].get<std::string>() + "] rests on it (" +
                       r["link"].get<std::string>() +
                       (r["score"].is_null() ? "" : " " + format_score(r["score"].get<double>())) + ", " +
                       r["stance"].get<std::string>() + "): " + r["text"].get<std::string>();
    out.text() << wrap(line, width, "    ", "") << "\n";
    for (const Json& c : r["consequences"]) out.text() << wrap("without it: " + c.get<std::string>(), width, "      ", "    ") << "\n";
  }
  if (!same_study.empty()) {
    std::string where;
    for (const Json& s : same_study)
      where.append(where.empty() ? "" : ", ").append(s["topic"].get<std::string>()).append(" #").append(std::to_string(s["number"].get<int>()));
    out.text() << "\n" << wrap("The same study is also cited as " + where + ".", width, "") << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_impact_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<ImpactOptions>();
  CLI::App* cmd = app.add_subcommand(
      "impact", "What depends on reference N: citing sentences, recommendations, and what they would rest on without it");
  cmd->add_option("number", options->number, "The reference's number in its topic's list")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--topic", options->topic, "The topic (its slug, or a unique part of it)");
  cmd->footer("Example: kbquery impact 5 --topic metastatic-breast");
  cmd->callback([options, &global, &outcome] { outcome.status = run_impact(*options, global); });
}

}  // namespace kb
