// `kbquery studies [QUERY]`: every study the KB knows, once however many topics cite it,
// with its identifiers and the references that cite it.
#include <iostream>
#include <map>
#include <regex>
#include <memory>
#include <set>

#include "kb/console.h"
#include "query/commands.h"
#include "kb/text.h"
#include "query/fts_query.h"
#include "query/reference_search.h"
#include "query/study_store.h"

namespace kb {
namespace {

// Studies brought by imports that no topic cites, matching QUERY's words (field tags and
// boolean operators are set aside: such studies are searched by their title, abstract,
// authors and journal), in the order they were added; every one when QUERY is empty.
Result<std::vector<std::int64_t>> import_only_studies(Database& db, const std::string& query) {
  static const std::regex tags(R"(\[[^\]]*\]|\b(AND|OR|NOT)\b)");
  const std::string words = std::regex_replace(query, tags, " ");
  std::string sql = "SELECT id FROM studies WHERE origin = 'import' ORDER BY id";
  std::string match;
  if (!trim(words).empty()) {
    auto fts = parse_fts_query(words);
    if (!fts.ok()) return std::vector<std::int64_t>{};
    match = fts->all_terms();
    sql = "SELECT s.id FROM studies_fts f JOIN studies s ON s.id = f.rowid WHERE studies_fts MATCH ?"
          " AND s.origin = 'import' ORDER BY s.id";
  }
  auto st = db.prepare(sql);
  if (!st.ok()) return st.status();
  if (!match.empty()) st->bind(1, match);
  std::vector<std::int64_t> ids;
  Status read = st->each([&](const Statement& row) { ids.push_back(row.column_int(0)); });
  if (!read.ok()) return read;
  return ids;
}

struct StudiesOptions {
  std::vector<std::string> words;
  std::string topic;
  int limit = 0;
};

Status run_studies(const StudiesOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  std::string query;
  for (const std::string& w : options.words) query.append(query.empty() ? "" : " ").append(w);
  auto kb = open_kb(global);
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
  // of the KB that cites it (not only the matching ones); then the studies imports brought
  // that no topic cites, in the order they came.
  Database& db = (*kb)->db();
  auto study_of = db.prepare("SELECT study_id FROM refs WHERE id = ?");
  if (!study_of.ok()) return study_of.status();
  std::vector<std::int64_t> order;
  std::set<std::int64_t> seen;
  auto full = [&] { return options.limit > 0 && static_cast<int>(order.size()) >= options.limit; };
  for (const ScoredReference& r : *refs) {
    if (full()) break;
    study_of->bind(1, r.reference.id);
    Status read = study_of->each([&](const Statement& row) {
      if (row.column_is_null(0)) return;
      std::int64_t id = row.column_int(0);
      if (seen.insert(id).second) order.push_back(id);
    });
    if (!read.ok()) return read;
  }
  if (options.topic.empty() && !full()) {
    auto imported = import_only_studies(db, query);
    if (!imported.ok()) return imported.status();
    for (std::int64_t id : *imported) {
      if (full()) break;
      if (seen.insert(id).second) order.push_back(id);
    }
  }
  auto store = StudyStore::prepare(db);
  if (!store.ok()) return store.status();
  Json results = Json::array();
  for (std::int64_t id : order) {
    auto study = (*store)->read(id);
    if (!study.ok()) return study.status();
    results.push_back(*study);
  }
  if (global.json) {
    out.document({{"query", query}, {"results", results}});
    return Status::Ok();
  }
  const int width = out.width();
  out.text() << results.size() << (results.size() == 1 ? " study" : " studies") << "\n";
  for (const Json& s : results) {
    std::string cited;
    for (const Json& m : s["matches"])
      cited.append(cited.empty() ? "" : ", ").append(m["topic"].get<std::string>()).append(" #").append(std::to_string(m["number"].get<int>()));
    std::string ids;
    if (!s["pmid"].get<std::string>().empty()) ids.append("PMID ").append(s["pmid"].get<std::string>());
    if (!s["doi"].get<std::string>().empty()) ids.append(ids.empty() ? "" : ", ").append("doi ").append(s["doi"].get<std::string>());
    std::string head = s["title"].get<std::string>() + " (" + s["journal"].get<std::string>() +
                       (s["year"].is_null() ? "" : " " + std::to_string(s["year"].get<int>())) + "; " +
                       s["design"].get<std::string>() + (ids.empty() ? "" : "; " + ids) + ")";
    out.text() << wrap(head, width, "    ", "  ") << "\n";
    if (!cited.empty()) out.text() << wrap("cited as " + cited, width, "      ", "    ") << "\n";
    else out.text() << "    new study: no topic cites it\n";
    for (const Json& i : s["imports"]) {
      std::string line = "from " + i["file"].get<std::string>() + " line " + std::to_string(i["line"].get<int>()) +
                         (i["matched_by"] == "new" ? std::string("") : ", matched " + i["detail"].get<std::string>());
      if (!i["filled"].empty()) {
        std::string filled;
        for (const Json& f : i["filled"]) filled.append(filled.empty() ? "" : ", ").append(f.get<std::string>());
        line += "; filled " + filled;
      }
      out.text() << wrap(line, width, "      ", "    ") << "\n";
    }
    for (const Json& l : s["recommendations"])
      out.text() << wrap("bears on " + l["recommendation"].get<std::string>() + " of " + l["topic"].get<std::string>() +
                            " (inferred " + format_score(l["score"].get<double>()) + ", " + l["stance"].get<std::string>() + ")",
                        width, "      ", "    ") << "\n";
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
