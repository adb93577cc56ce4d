#include "query/term_statistics.h"

#include <algorithm>

#include "kb/stemmer.h"
#include "kb/tokenizer.h"
#include "query/fts_query.h"

namespace kb {

namespace {

// Porter leaves a word family apart ("metastas", "metastasi", "metastat"); for how specific
// a word is, the family counts: a stem of at least this many letters stands for every stem
// it begins.
constexpr std::size_t kFamilyPrefix = 7;
// Rows read per index before the count is extrapolated.
constexpr int kCountedRows = 2000;

// The first and last rowid of the sentences or the references.
Result<std::pair<std::int64_t, std::int64_t>> rowid_span(Database& db, bool sentences) {
  // Two subqueries: SQLite reads a lone min() or max() off the end of the table, but scans the
  // whole table for both in one SELECT.
  auto st = db.prepare(sentences ? "SELECT (SELECT min(id) FROM sentences), (SELECT max(id) FROM sentences)"
                                 : "SELECT (SELECT min(id) FROM refs), (SELECT max(id) FROM refs)");
  if (!st.ok()) return st.status();
  std::pair<std::int64_t, std::int64_t> span{1, 0};
  Status read = st->each([&](const Statement& row) {
    if (!row.column_is_null(0)) span = {row.column_int(0), row.column_int(1)};
  });
  if (!read.ok()) return read;
  return span;
}

// The FTS5 expression for TERMS: any of them, a term's words ANDed; a lone word as its family's prefix.
std::string expression_of(const std::vector<std::string>& terms) {
  if (terms.size() == 1) {
    const std::vector<Token> tokens = tokenize(terms.front());
    if (tokens.size() == 1) {
      const std::string stem = porter_stem(tokens.front().word);
      if (stem.size() >= kFamilyPrefix) return "(\"" + stem.substr(0, kFamilyPrefix) + "\"*)";
    }
  }
  std::vector<FtsQuery> parsed_terms;
  for (const std::string& term : terms)
    if (auto parsed = parse_fts_query(term); parsed.ok()) parsed_terms.push_back(std::move(parsed.value()));
  return any_query(parsed_terms);
}

}  // namespace

Result<std::unique_ptr<KbTermStatistics>> KbTermStatistics::open(Database& db) {
  Index indexes[2];
  for (int i = 0; i < 2; ++i) {
    const std::string fts = i == 0 ? "sentences_fts" : "refs_fts";
    auto st = db.prepare("SELECT rowid FROM " + fts + " WHERE " + fts + " MATCH ?1 AND rowid BETWEEN ?3 AND ?4 LIMIT ?2");
    if (!st.ok()) return st.status();
    auto span = rowid_span(db, i == 0);
    if (!span.ok()) return span.status();
    indexes[i] = Index{std::move(st.value()), span->first, span->second};
  }
  return std::unique_ptr<KbTermStatistics>(new KbTermStatistics(std::move(indexes[0]), std::move(indexes[1])));
}

double KbTermStatistics::rows_holding(Index& index, const std::string& expression) const {
  if (index.size() <= 0) return 0;
  index.rows.bind(1, expression).bind(2, kCountedRows).bind(3, index.first).bind(4, index.last);
  int count = 0;
  std::int64_t last = 0;
  Status read = index.rows.each([&](const Statement& row) {
    ++count;
    last = row.column_int(0);
  });
  if (!read.ok()) {
    if (error_.ok()) error_ = read;
    return 0;
  }
  if (count < kCountedRows) return count;
  // The cap reached: as many again in every stretch of rows as long as the one read.
  return std::min(index.size(), count * index.size() / static_cast<double>(last - index.first + 1));
}

double KbTermStatistics::document_share(const std::vector<std::string>& terms) const {
  const std::string expression = expression_of(terms);
  const double documents = std::max(1.0, sentences_.size() + references_.size());
  if (expression.empty()) return 0;
  return std::min(1.0, (rows_holding(sentences_, expression) + rows_holding(references_, expression)) / documents);
}

}  // namespace kb
