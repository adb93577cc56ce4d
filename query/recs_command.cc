// `kbquery recs [--topic SLUG]` and `kbquery logic [--topic SLUG]`: the recommendations
// with their evidence, and the guideline logic they make up.
#include <cctype>
#include <iostream>
#include <memory>

#include "kb/console.h"
#include "kb/design.h"
#include "kb/grade.h"
#include "query/commands.h"
#include "query/logic.h"
#include "query/recommendation_store.h"

namespace kb {
namespace {

struct TopicOption {
  std::string topic;
};

struct Loaded {
  std::vector<StoredRecommendation> recs;
  std::string topic;  // the slug asked for, or empty for all
};

Result<Loaded> load(const TopicOption& options, const GlobalOptions& global) {
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  std::optional<std::int64_t> topic_id;
  Loaded loaded;
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    topic_id = topic->id;
    loaded.topic = topic->slug;
  }
  auto recs = load_recommendations(**kb, topic_id);
  if (!recs.ok()) return recs.status();
  loaded.recs = std::move(recs.value());
  return loaded;
}

void print_recommendation_text(const Output& out, const StoredRecommendation& rec, int width) {
  std::string dir = to_string(rec.direction);  // in capitals: "FOR", "AGAINST", "CONDITIONAL"
  for (char& c : dir) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  out.text() << rec.label << "  " << dir << "  " << rec.topic << ", section " << rec.section << ", paragraph "
            << rec.paragraph << (rec.parent.empty() ? "" : "; exception to " + rec.parent) << "\n";
  out.text() << wrap(rec.text, width, "    ") << "\n";
  if (!rec.grade.empty()) out.text() << wrap("graded: " + describe_grade(rec.grade), width, "      ", "    ") << "\n";
  for (const std::string& r : rec.restatements) out.text() << wrap("restated: " + r, width, "      ", "    ") << "\n";
  for (const std::string& c : rec.conditions) out.text() << wrap("when: " + c, width, "      ", "    ") << "\n";
  for (const std::string& e : rec.exceptions) out.text() << wrap("unless: " + e, width, "      ", "    ") << "\n";
  if (!rec.rationale.empty()) out.text() << wrap("because: " + rec.rationale, width, "      ", "    ") << "\n";
  for (const std::string& c : rec.considerations) out.text() << wrap("consider: " + c, width, "      ", "    ") << "\n";
  if (rec.evidence.empty()) out.text() << "    evidence: none linked\n";
  for (const StoredEvidence& e : rec.evidence) {
    std::string line = "[" + std::to_string(e.reference.number) + "] " + short_citation(e.reference.ref) + ", " +
                       to_string(e.reference.ref.design) + " (level " + std::to_string(e.reference.ref.level) + "), " +
                       to_string(e.link) + (e.score ? " " + format_score(*e.score) : std::string()) + ", " +
                       to_string(e.stance);
    out.text() << wrap(line, width, "      ", "    evidence: ") << "\n";
  }
  out.text() << "\n";
}

Status run_recs(const TopicOption& options, const GlobalOptions& global) {
  Output& out = *global.output;
  auto loaded = load(options, global);
  if (!loaded.ok()) return loaded.status();
  if (global.json) {
    Json doc;
    if (!loaded->topic.empty()) doc["topic"] = loaded->topic;
    doc["recommendations"] = Json::array();
    for (const StoredRecommendation& r : loaded->recs) doc["recommendations"].push_back(recommendation_json(r));
    out.document(doc);
    return Status::Ok();
  }
  if (loaded->recs.empty()) out.text() << "No recommendations found.\n";
  out.text() << "Evidence links say where they come from: cited (a marker in the text), curated (a links file),\n"
               "inferred (proposed by the indexer, with its score).\n\n";
  for (const StoredRecommendation& r : loaded->recs) print_recommendation_text(out, r, out.width());
  return Status::Ok();
}

Status run_logic(const TopicOption& options, const GlobalOptions& global) {
  Output& out = *global.output;
  auto loaded = load(options, global);
  if (!loaded.ok()) return loaded.status();
  if (global.json) {
    out.document({{"topics", logic_json(loaded->recs)}});
    return Status::Ok();
  }
  if (loaded->recs.empty()) out.text() << "No recommendations found.\n";
  out.text() << logic_text(loaded->recs, out.width());
  return Status::Ok();
}

}  // namespace

void add_recs_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<TopicOption>();
  CLI::App* cmd = app.add_subcommand("recs", "The recommendations: direction, conditions, exceptions, rationale, evidence");
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->callback([options, &global, &outcome] { outcome.status = run_recs(*options, global); });
}

void add_logic_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<TopicOption>();
  CLI::App* cmd = app.add_subcommand("logic", "The guideline logic: condition -> action, exceptions, reasons, evidence");
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->callback([options, &global, &outcome] { outcome.status = run_logic(*options, global); });
}

}  // namespace kb
