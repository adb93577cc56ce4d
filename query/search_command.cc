// `kbquery search TEXT`: ranked full-text hits with highlighted snippets.
#include <iostream>
#include <memory>

#include "kb/text.h"
#include "kb/console.h"
#include "query/commands.h"
#include "kb/output.h"
#include "query/search.h"

namespace kb {
namespace {

struct SearchOptions {
  std::vector<std::string> words;
  std::string kind;
  std::string topic;
  int limit = 10;
};

Status run_search(const SearchOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  std::string text = join(options.words, " ");
  auto query = parse_fts_query(text);
  if (!query.ok()) return query.status();
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();

  SearchRequest request;
  request.query = *query;
  request.limit = options.limit;
  if (options.kind == "passage") request.kinds = {HitKind::Passage};
  else if (options.kind == "recommendation") request.kinds = {HitKind::Recommendation};
  else if (options.kind == "reference") request.kinds = {HitKind::Reference};
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    request.topic_id = topic->id;
  }
  auto result = search_kb(**kb, request);
  if (!result.ok()) return result.status();

  if (global.json) {
    Json doc = {{"query", text}, {"terms", query->describe()}, {"matched", result->matched_all_terms ? "all" : "any"}};
    doc["results"] = Json::array();
    for (const SearchHit& hit : result->hits) {
      Json row = {{"kind", to_string(hit.kind)}, {"topic", hit.topic}, {"text", hit.text},
                  {"snippet", render_emphasis(hit.snippet, false)}, {"score", hit.score}};
      if (hit.kind == HitKind::Reference) {
        row["number"] = hit.number;
      } else if (hit.kind == HitKind::Recommendation) {
        row["id"] = hit.label;
      } else {
        row["section"] = hit.section;
        row["paragraph"] = hit.paragraph;
        row["sentence"] = hit.sentence;
        row["citations"] = hit.citations;
      }
      doc["results"].push_back(row);
    }
    out.document(doc);
    return Status::Ok();
  }

  const bool tty = out.styled();
  const int width = out.width();
  if (result->hits.empty()) {
    out.text() << "No passage or reference matches " << query->describe() << ".\n";
    return Status::Ok();
  }
  if (!result->matched_all_terms)
    out.text() << "Nothing holds every term (" << query->describe() << "); showing what holds any of them.\n\n";
  int rank = 0;
  for (const SearchHit& hit : result->hits) {
    std::string head = std::to_string(++rank) + ". " + to_string(hit.kind);
    if (hit.kind == HitKind::Reference) {
      head += " " + std::to_string(hit.number);
    } else if (hit.kind == HitKind::Recommendation) {
      head += " " + hit.label;
    } else {
      head += " (section " + std::to_string(hit.section) + ", paragraph " + std::to_string(hit.paragraph) + ")";
      if (!hit.citations.empty()) {
        head += " cites";
        for (int n : hit.citations) head += " " + std::to_string(n);
      }
    }
    head += "  score " + format_score(hit.score) + "  " + hit.topic;
    out.text() << head << "\n" << render_emphasis(wrap(hit.snippet, width, "   "), tty) << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_search_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<SearchOptions>();
  CLI::App* cmd = app.add_subcommand("search", "Ranked full-text search over passages, recommendations and references");
  cmd->add_option("text", options->words, "Words, \"a phrase\", or a prefix such as surg*")->required();
  cmd->add_option("--kind", options->kind, "Only this kind of hit")
      ->check(CLI::IsMember({"passage", "recommendation", "reference"}));
  cmd->add_option("--limit", options->limit, "At most this many hits")->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->footer("Example: kbquery search \"primary tumor\" surg* --kind passage");
  cmd->callback([options, &global, &outcome] { outcome.status = run_search(*options, global); });
}

}  // namespace kb
