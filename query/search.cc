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

// Each kind of hit: its columns and joins, and the FTS5 table they are found in. The score
// is -bm25 (higher is better).
#define KB_PASSAGE_SELECT                                                                          \
  "SELECT t.slug, s.text, snippet(sentences_fts, 0, char(1), char(2), '…', 40), -bm25(sentences_fts)," \
  " sec.position, p.position, s.position, " KB_CITED_NUMBERS ", s.id, sentences_fts.rowid"       \
  " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid"                           \
  " JOIN paragraphs p ON p.id = s.paragraph_id JOIN sections sec ON sec.id = p.section_id"       \
  " JOIN topics t ON t.id = p.topic_id"
#define KB_REFERENCE_SELECT                                                                   \
  "SELECT t.slug, r.raw, snippet(refs_fts, 0, char(1), char(2), '…', 40), -bm25(refs_fts), r.number," \
  " refs_fts.rowid"                                                                           \
  " FROM refs_fts JOIN refs r ON r.id = refs_fts.rowid JOIN topics t ON t.id = r.topic_id"
#define KB_RECOMMENDATION_SELECT                                                             \
  "SELECT t.slug, rec.text, snippet(recommendations_fts, 0, char(1), char(2), '…', 40),"     \
  " -bm25(recommendations_fts), rec.label, recommendations_fts.rowid"                       \
  " FROM recommendations_fts JOIN recommendations rec ON rec.id = recommendations_fts.rowid" \
  " JOIN topics t ON t.id = rec.topic_id"

struct KindSql {
  const char* in_topic;  // the best ?3 hits of MATCH ?1 in topic ?2, whole
  const char* best;      // the rowids of the best ?2 hits of MATCH ?1, best first
  const char* hits;      // the hits of MATCH ?1 at the rowids of JSON array ?2, whole
  int rowid_column;      // of the whole hit's columns
};

// Over the whole KB the best rowids are found first and only they are joined and given a
// snippet: sorting whole rows by bm25 would build the joins and a snippet for every match of
// a common word. Both forms rank alike: bm25, ties in rowid order. The hits are then read in
// one pass over the matches ('+' keeps the rowid list from becoming one FTS5 lookup per rowid,
// each of which would expand a prefix or merge the doclists anew).
const KindSql kPassageSql = {
    KB_PASSAGE_SELECT " WHERE sentences_fts MATCH ?1 AND (?2 IS NULL OR t.id = ?2) ORDER BY bm25(sentences_fts) LIMIT ?3",
    "SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?1 ORDER BY bm25(sentences_fts) LIMIT ?2",
    KB_PASSAGE_SELECT " WHERE sentences_fts MATCH ?1"
    " AND +sentences_fts.rowid IN (SELECT value FROM json_each(?2))",
    9};
const KindSql kReferenceSql = {
    KB_REFERENCE_SELECT " WHERE refs_fts MATCH ?1 AND (?2 IS NULL OR t.id = ?2) ORDER BY bm25(refs_fts) LIMIT ?3",
    "SELECT rowid FROM refs_fts WHERE refs_fts MATCH ?1 ORDER BY bm25(refs_fts) LIMIT ?2",
    KB_REFERENCE_SELECT " WHERE refs_fts MATCH ?1"
    " AND +refs_fts.rowid IN (SELECT value FROM json_each(?2))",
    5};
const KindSql kRecommendationSql = {
    KB_RECOMMENDATION_SELECT " WHERE recommendations_fts MATCH ?1 AND (?2 IS NULL OR t.id = ?2) ORDER BY bm25(recommendations_fts) LIMIT ?3",
    "SELECT rowid FROM recommendations_fts WHERE recommendations_fts MATCH ?1 ORDER BY bm25(recommendations_fts) LIMIT ?2",
    KB_RECOMMENDATION_SELECT " WHERE recommendations_fts MATCH ?1"
    " AND +recommendations_fts.rowid IN (SELECT value FROM json_each(?2))",
    5};

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

SearchHit read_hit(HitKind kind, const Statement& row) {
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
  return hit;
}

Status read_kind(KbReader& kb, HitKind kind, const std::string& match, const SearchRequest& request,
                 std::vector<SearchHit>& hits) {
  const KindSql& sql = kind == HitKind::Passage ? kPassageSql : kind == HitKind::Reference ? kReferenceSql
                                                                                           : kRecommendationSql;
  auto read_rows = [&](Statement& st) {
    return st.each([&](const Statement& row) { hits.push_back(read_hit(kind, row)); });
  };
  if (request.topic_id) {
    auto st = kb.db().prepare(sql.in_topic);
    if (!st.ok()) return st.status();
    st->bind(1, match).bind(2, *request.topic_id).bind(3, request.limit);
    return read_rows(*st);
  }
  auto best = kb.db().prepare(sql.best);
  if (!best.ok()) return best.status();
  best->bind(1, match).bind(2, request.limit);
  std::vector<std::int64_t> rows;
  if (Status s = best->each([&](const Statement& row) { rows.push_back(row.column_int(0)); }); !s.ok()) return s;
  auto found = kb.db().prepare(sql.hits);
  if (!found.ok()) return found.status();
  found->bind(1, match).bind(2, json_id_list(rows));
  std::map<std::int64_t, SearchHit> by_rowid;
  Status read = found->each([&](const Statement& row) { by_rowid[row.column_int(sql.rowid_column)] = read_hit(kind, row); });
  if (!read.ok()) return read;
  for (std::int64_t rowid : rows)
    if (auto it = by_rowid.find(rowid); it != by_rowid.end()) hits.push_back(std::move(it->second));
  return Status::Ok();
}

Status run_kind(KbReader& kb, HitKind kind, const std::string& match, const SearchRequest& request,
                std::vector<SearchHit>& hits) {
  if (Status read = read_kind(kb, kind, match, request, hits); !read.ok())
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
