#include "query/search.h"

#include <algorithm>
#include <map>

namespace kb {

const char* to_string(HitKind kind) {
  switch (kind) {
    case HitKind::Passage: return "passage";
    case HitKind::Recommendation: return "recommendation";
    case HitKind::Reference: return "reference";
  }
  return "passage";
}

namespace {

// The reference numbers sentence s cites, ascending, as "1,2,3".
#define KB_CITED_NUMBERS                                                   \
  "(SELECT group_concat(number) FROM (SELECT DISTINCT r.number FROM citations c" \
  "   JOIN refs r ON r.id = c.reference_id WHERE c.sentence_id = s.id ORDER BY r.number))"

constexpr const char* kPassageSql =
    "SELECT t.slug, s.text, snippet(sentences_fts, 0, char(1), char(2), '…', 40), -bm25(sentences_fts),"
    " sec.position, p.position, s.position, " KB_CITED_NUMBERS ", s.id"
    " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid"
    " JOIN paragraphs p ON p.id = s.paragraph_id JOIN sections sec ON sec.id = p.section_id"
    " JOIN topics t ON t.id = p.topic_id"
    " WHERE sentences_fts MATCH ?1 AND (?2 IS NULL OR t.id = ?2)"
    " ORDER BY bm25(sentences_fts) LIMIT ?3";

constexpr const char* kReferenceSql =
    "SELECT t.slug, r.raw, snippet(refs_fts, 0, char(1), char(2), '…', 40), -bm25(refs_fts), r.number"
    " FROM refs_fts JOIN refs r ON r.id = refs_fts.rowid JOIN topics t ON t.id = r.topic_id"
    " WHERE refs_fts MATCH ?1 AND (?2 IS NULL OR t.id = ?2)"
    " ORDER BY bm25(refs_fts) LIMIT ?3";

constexpr const char* kRecommendationSql =
    "SELECT t.slug, rec.text, snippet(recommendations_fts, 0, char(1), char(2), '…', 40),"
    " -bm25(recommendations_fts), rec.label"
    " FROM recommendations_fts JOIN recommendations rec ON rec.id = recommendations_fts.rowid"
    " JOIN topics t ON t.id = rec.topic_id"
    " WHERE recommendations_fts MATCH ?1 AND (?2 IS NULL OR t.id = ?2)"
    " ORDER BY bm25(recommendations_fts) LIMIT ?3";

std::vector<int> parse_numbers(const std::string& csv) {
  std::vector<int> out;
  for (std::size_t i = 0; i < csv.size();) {
    std::size_t comma = csv.find(',', i);
    if (comma == std::string::npos) comma = csv.size();
    out.push_back(std::stoi(csv.substr(i, comma - i)));
    i = comma + 1;
  }
  return out;
}

Status run_kind(KbReader& kb, HitKind kind, const std::string& match, const SearchRequest& request,
                std::vector<SearchHit>& hits) {
  auto st = kb.db().prepare(kind == HitKind::Passage ? kPassageSql
                            : kind == HitKind::Reference ? kReferenceSql : kRecommendationSql);
  if (!st.ok()) return st.status();
  st->bind(1, match);
  if (request.topic_id) st->bind(2, *request.topic_id);
  else st->bind_null(2);
  st->bind(3, request.limit);
  Status read = st->each([&](const Statement& row) {
    SearchHit hit;
    hit.kind = kind;
    hit.topic = row.column_text(0);
    hit.text = row.column_text(1);
    hit.snippet = row.column_text(2);
    hit.score = row.column_double(3);
    if (kind == HitKind::Passage) {
      hit.section = static_cast<int>(row.column_int(4));
      hit.paragraph = static_cast<int>(row.column_int(5));
      hit.sentence = static_cast<int>(row.column_int(6));
      hit.citations = parse_numbers(row.column_text(7));
      hit.sentence_id = row.column_int(8);
    } else if (kind == HitKind::Reference) {
      hit.number = static_cast<int>(row.column_int(4));
    } else {
      hit.label = row.column_text(4);
    }
    hits.push_back(std::move(hit));
  });
  if (!read.ok())
    return Status::IO(kb.path() + ": full-text search failed (" + read.message() +
                      "); if the KB is damaged, rebuild it with `kbindex build`");
  return Status::Ok();
}

Result<std::vector<SearchHit>> run_all(KbReader& kb, const std::string& match, const SearchRequest& request) {
  std::vector<SearchHit> hits;
  for (HitKind kind : request.kinds)
    if (Status s = run_kind(kb, kind, match, request, hits); !s.ok()) return s;
  std::stable_sort(hits.begin(), hits.end(), [](const SearchHit& a, const SearchHit& b) { return a.score > b.score; });
  if (hits.size() > static_cast<std::size_t>(request.limit)) hits.resize(static_cast<std::size_t>(request.limit));
  return hits;
}

}  // namespace

Result<std::vector<SearchHit>> read_passages(KbReader& kb, const std::vector<std::int64_t>& sentence_ids,
                                             std::optional<std::int64_t> topic_id) {
  auto st = kb.db().prepare(
      "SELECT t.slug, s.text, sec.position, p.position, s.position, " KB_CITED_NUMBERS ", s.id"
      " FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id JOIN sections sec ON sec.id = p.section_id"
      " JOIN topics t ON t.id = p.topic_id"
      " WHERE s.id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR t.id = ?2)");
  if (!st.ok()) return st.status();
  st->bind(1, json_id_list(sentence_ids));
  if (topic_id) st->bind(2, *topic_id);
  else st->bind_null(2);
  std::map<std::int64_t, SearchHit> by_id;
  Status read = st->each([&](const Statement& row) {
    SearchHit hit;
    hit.kind = HitKind::Passage;
    hit.topic = row.column_text(0);
    hit.text = row.column_text(1);
    hit.snippet = hit.text;
    hit.section = static_cast<int>(row.column_int(2));
    hit.paragraph = static_cast<int>(row.column_int(3));
    hit.sentence = static_cast<int>(row.column_int(4));
    hit.citations = parse_numbers(row.column_text(5));
    hit.sentence_id = row.column_int(6);
    by_id.emplace(hit.sentence_id, std::move(hit));
  });
  if (!read.ok()) return read;
  std::vector<SearchHit> out;
  for (std::int64_t id : sentence_ids)
    if (auto it = by_id.find(id); it != by_id.end()) out.push_back(std::move(it->second));
  return out;
}

Result<SearchResult> search_kb(KbReader& kb, const SearchRequest& request) {
  SearchResult result;
  if (!request.expressions.empty()) {
    for (std::size_t i = 0; i < request.expressions.size(); ++i) {
      auto hits = run_all(kb, request.expressions[i], request);
      if (!hits.ok()) return hits.status();
      result.matched_all_terms = i == 0;
      result.hits = std::move(hits.value());
      if (!result.hits.empty()) break;
    }
    return result;
  }
  auto hits = run_all(kb, request.query.all_terms(), request);
  if (!hits.ok()) return hits.status();
  if (hits->empty() && request.query.terms.size() > 1) {
    hits = run_all(kb, request.query.any_term(), request);
    if (!hits.ok()) return hits.status();
    result.matched_all_terms = false;
  }
  result.hits = std::move(hits.value());
  return result;
}

}  // namespace kb
