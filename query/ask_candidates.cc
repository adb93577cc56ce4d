#include "query/ask_candidates.h"

#include <algorithm>
#include <unordered_map>

#include "query/fts_query.h"

namespace kb {

namespace {

const char* table_of(FtsIndex index) {
  switch (index) {
    case FtsIndex::Sentences: return "sentences_fts";
    case FtsIndex::References: return "refs_fts";
    case FtsIndex::Recommendations: return "recommendations_fts";
    case FtsIndex::Studies: return "studies_fts";
  }
  return "sentences_fts";
}

// A concept held by more than this share of the KB's documents orders candidates too little
// to be worth reading its doclist for; the scorer still weighs it in the rows chosen.
constexpr double kCommonShare = 0.25;
// How many rows of a common focus concept are read.
constexpr std::size_t kCommonRows = 5000;

}  // namespace

std::string concept_expression(const QuestionConcept& c) {
  std::string out;
  for (const std::string& term : c.terms) {
    auto parsed = parse_fts_query(term);
    if (!parsed.ok()) continue;
    if (!out.empty()) out.append(" OR ");
    out.append("(").append(parsed->all_terms()).append(")");
  }
  return out;
}

std::string concept_rows_expression(const QuestionConcept& c) {
  std::vector<FtsQuery> terms;
  for (const std::string& term : c.terms)
    if (auto parsed = parse_fts_query(term); parsed.ok()) terms.push_back(std::move(parsed.value()));
  return any_query(terms);
}

namespace {

using RowRange = std::pair<std::int64_t, std::int64_t>;

// The rowids of INDEX topic TOPIC_ID's rows fall in; nothing when it has none.
Result<std::optional<RowRange>> topic_rows(Database& db, FtsIndex index, std::int64_t topic_id) {
  const char* sql = nullptr;
  switch (index) {
    case FtsIndex::Sentences:
      sql = "SELECT min(s.id), max(s.id) FROM paragraphs p JOIN sentences s ON s.paragraph_id = p.id WHERE p.topic_id = ?";
      break;
    case FtsIndex::References: sql = "SELECT min(id), max(id) FROM refs WHERE topic_id = ?"; break;
    case FtsIndex::Recommendations: sql = "SELECT min(id), max(id) FROM recommendations WHERE topic_id = ?"; break;
    case FtsIndex::Studies: return std::optional<RowRange>{};
  }
  auto st = db.prepare(sql);
  if (!st.ok()) return st.status();
  st->bind(1, topic_id);
  std::optional<RowRange> out;
  Status read = st->each([&](const Statement& row) {
    if (!row.column_is_null(0)) out = RowRange{row.column_int(0), row.column_int(1)};
  });
  if (!read.ok()) return read;
  return out;
}

}  // namespace

Result<std::vector<std::int64_t>> candidate_rows(Database& db, FtsIndex index, const Question& q,
                                                 std::optional<std::int64_t> topic_id, std::size_t k) {
  std::optional<RowRange> range;
  if (topic_id) {
    auto rows = topic_rows(db, index, *topic_id);
    if (!rows.ok()) return rows.status();
    if (!*rows) return std::vector<std::int64_t>{};
    range = *rows;
  }
  const std::string table = table_of(index);
  auto st = db.prepare("SELECT rowid FROM " + table + " WHERE " + table + " MATCH ?1 AND rowid BETWEEN ?2 AND ?3 LIMIT ?4");
  if (!st.ok()) return st.status();
  std::unordered_map<std::int64_t, double> weight;
  std::string choosing;  // the focus concepts' expressions, ORed
  // Focus concepts first: they choose the rows; the others only add to rows already chosen,
  // so FTS5 reads them ANDed with the focus (its doclist merge skips the rows of theirs no
  // focus concept holds, which the loop below would only have looked up and passed over).
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1 && weight.empty()) break;
    for (const QuestionConcept& c : q.concepts) {
      if (!c.known || c.focus != (pass == 0) || c.role == WordRole::Everyday) continue;
      if (pass == 1 && c.share > kCommonShare) continue;
      std::string expression = concept_rows_expression(c);
      if (expression.empty()) continue;
      if (pass == 0) choosing.append(choosing.empty() ? "(" : " OR (").append(expression).append(")");
      else expression = "(" + choosing + ") AND (" + expression + ")";
      // A common focus concept tells its rows apart no better than any other order: its
      // first rows stand for all of them.
      const bool capped = pass == 0 && c.share > kCommonShare;
      st->bind(1, expression).bind(2, range ? range->first : INT64_MIN).bind(3, range ? range->second : INT64_MAX)
          .bind(4, capped ? static_cast<std::int64_t>(kCommonRows) : std::int64_t{-1});
      Status s = st->each([&](const Statement& match) {
        const std::int64_t row = match.column_int(0);
        if (pass == 0) weight[row] += c.weight;
        else if (auto it = weight.find(row); it != weight.end()) it->second += c.weight;
      });
      if (!s.ok()) return s;
    }
  }
  std::vector<std::pair<std::int64_t, double>> rows(weight.begin(), weight.end());
  auto better = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  const std::size_t keep = std::min(k, rows.size());
  std::partial_sort(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(keep), rows.end(), better);
  std::vector<std::int64_t> out;
  out.reserve(keep);
  for (std::size_t i = 0; i < keep; ++i) out.push_back(rows[i].first);
  return out;
}

}  // namespace kb
