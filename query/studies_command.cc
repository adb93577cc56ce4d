// `kbquery studies [QUERY]`: every study the KB knows, once however many topics cite it,
// with its identifiers and the references that cite it.
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "kb/console.h"
#include "query/commands.h"
#include "query/reference_search.h"

namespace kb {
namespace {

struct StudiesOptions {
  std::vector<std::string> words;
  std::string topic;
  int limit = 0;
};

Status run_studies(const StudiesOptions& options, const GlobalOptions& global) {
  std::string query;
  for (const std::string& w : options.words) query.append(query.empty() ? "" : " ").append(w);
  auto kb = KbReader::open(global.db);
  if (!kb.ok()) return kb.status();
  ReferenceFilter filter;
  filter.query = query;
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    filter.topic_id = topic->id;
  }
  auto refs = search_references(**kb, filter);
  if (!refs.ok()) return refs.status();

  // Studies in the order their first matching reference came, each with every reference
  // of the KB that cites it (not only the matching ones).
  Database& db = (*kb)->db();
  auto study_of = db.prepare("SELECT study_id FROM refs WHERE id = ?");
  auto study = db.prepare("SELECT id, pmid, doi, title, first_author, journal, year, design, citation_key FROM studies WHERE id = ?");
  auto citing = db.prepare("SELECT t.slug, r.number, r.authors FROM refs r JOIN topics t ON t.id = r.topic_id"
                           " WHERE r.study_id = ? ORDER BY t.slug, r.number");
  if (!study_of.ok()) return study_of.status();
  if (!study.ok()) return study.status();
  if (!citing.ok()) return citing.status();
  std::vector<std::int64_t> order;
  std::set<std::int64_t> seen;
  std::map<std::int64_t, const StoredReference*> example;
  for (const ScoredReference& r : *refs) {
    study_of->bind(1, r.reference.id);
    if (study_of->step() && !study_of->column_is_null(0)) {
      std::int64_t id = study_of->column_int(0);
      if (seen.insert(id).second) {
        order.push_back(id);
        example[id] = &r.reference;
      }
    }
    study_of->reset();
    if (options.limit > 0 && static_cast<int>(order.size()) >= options.limit) break;
  }
  Json results = Json::array();
  for (std::int64_t id : order) {
    study->bind(1, id);
    if (!study->step()) {
      study->reset();
      continue;
    }
    Json j = {{"id", id},
              {"pmid", study->column_is_null(1) ? Json("") : Json(study->column_text(1))},
              {"doi", study->column_is_null(2) ? Json("") : Json(study->column_text(2))},
              {"title", study->column_text(3)},
              {"authors", example[id]->ref.authors},
              {"journal", study->column_text(5)},
              {"year", study->column_is_null(6) ? Json(nullptr) : Json(study->column_int(6))},
              {"design", study->column_text(7)},
              {"publication_types", Json::array()},
              {"mesh", Json::array()},
              {"citation_key", study->column_is_null(8) ? Json("") : Json(study->column_text(8))},
              {"matches", Json::array()}};
    study->reset();
    citing->bind(1, id);
    while (citing->step()) j["matches"].push_back({{"topic", citing->column_text(0)}, {"number", citing->column_int(1)}});
    citing->reset();
    results.push_back(j);
  }
  if (global.json) {
    print_json({{"query", query}, {"results", results}});
    return Status::Ok();
  }
  const int width = terminal_width();
  std::cout << results.size() << (results.size() == 1 ? " study" : " studies") << "\n";
  for (const Json& s : results) {
    std::string cited;
    for (const Json& m : s["matches"])
      cited.append(cited.empty() ? "" : ", ").append(m["topic"].get<std::string>()).append(" #").append(std::to_string(m["number"].get<int>()));
    std::string head = s["title"].get<std::string>() + " (" + s["journal"].get<std::string>() +
                       (s["year"].is_null() ? "" : " " + std::to_string(s["year"].get<int>())) + ")";
    std::cout << wrap(head, width, "    ", "  ") << "\n" << wrap("cited as " + cited, width, "      ", "    ") << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_studies_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<StudiesOptions>();
  CLI::App* cmd = app.add_subcommand("studies", "Every study the KB knows, once however many topics cite it");
  cmd->add_option("query", options->words, "A citation search (the syntax of `kbquery refs`); none: every study");
  cmd->add_option("--topic", options->topic, "Only studies cited by this topic");
  cmd->add_option("--limit", options->limit, "At most this many studies (0: all)")->check(CLI::NonNegativeNumber);
  cmd->callback([options, &global, &outcome] { outcome.status = run_studies(*options, global); });
}

}  // namespace kb
