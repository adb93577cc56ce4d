#include "query/reference_search.h"

#include "query/pubmed_query.h"

namespace kb {

// The fielded PubMed-style query and the options, read into one tree and run as one SQL
// statement with bound parameters (query/pubmed_query.h). With neither, every reference of
// the KB (or of one topic) in topic and number order.
namespace {

// SQL of the compiled filter with its parameters bound (a statement may leave some unused).
Result<Statement> prepare_bound(KbReader& kb, const std::string& sql, const std::vector<SqlValue>& parameters) {
  auto st = kb.db().prepare(sql);
  if (!st.ok()) return st.status();
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    const int index = static_cast<int>(i + 1);
    const SqlValue& value = parameters[i];
    if (const auto* n = std::get_if<std::int64_t>(&value)) st->bind(index, *n);
    else if (const auto* s = std::get_if<std::string>(&value)) st->bind(index, std::string_view(*s));
    else st->bind_null(index);
  }
  return st;
}

}  // namespace

Result<std::vector<ScoredReference>> search_references(KbReader& kb, const ReferenceFilter& filter) {
  auto compiled = compile_reference_filter(filter);
  if (!compiled.ok()) return compiled.status();
  auto st = prepare_bound(kb, compiled->sql, compiled->parameters);
  if (!st.ok()) return st.status();
  std::vector<double> scores;
  auto refs = read_references(kb.db(), *st, [&scores](const Statement& row, StoredReference&) {
    scores.push_back(row.column_double(kReferenceColumnCount));
  });
  if (!refs.ok()) return refs.status();
  std::vector<ScoredReference> out;
  out.reserve(refs->size());
  for (std::size_t i = 0; i < refs->size(); ++i) out.push_back({std::move((*refs)[i]), scores[i]});
  return out;
}

Result<std::int64_t> count_references(KbReader& kb, const ReferenceFilter& filter) {
  auto compiled = compile_reference_filter(filter);
  if (!compiled.ok()) return compiled.status();
  auto st = prepare_bound(kb, compiled->count_sql, compiled->parameters);
  if (!st.ok()) return st.status();
  std::int64_t count = 0;
  if (Status s = st->each([&](const Statement& row) { count = row.column_int(0); }); !s.ok()) return s;
  return count;
}

}  // namespace kb
