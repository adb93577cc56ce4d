#include "query/reference_search.h"

namespace kb {

// Every reference of the KB (or of one topic), in topic and number order. The fielded
// PubMed-style query and the filters are read by the query parser when present.
Result<std::vector<ScoredReference>> search_references(KbReader& kb, const ReferenceFilter& filter) {
  if (!filter.query.empty() || !filter.author.empty() || !filter.title.empty() || !filter.journal.empty() ||
      !filter.year.empty() || !filter.design.empty())
    return Status::Usage("reference queries and filters are not read by this build yet; run without them");
  auto st = kb.db().prepare(std::string("SELECT ") + kReferenceColumns +
                            " FROM refs r JOIN topics t ON t.id = r.topic_id"
                            " WHERE ?1 IS NULL OR t.id = ?1 ORDER BY t.slug, r.number");
  if (!st.ok()) return st.status();
  if (filter.topic_id) st->bind(1, *filter.topic_id);
  else st->bind_null(1);
  auto refs = read_references(kb.db(), *st);
  if (!refs.ok()) return refs.status();
  std::vector<ScoredReference> out;
  for (StoredReference& r : *refs) {
    if (filter.limit > 0 && static_cast<int>(out.size()) >= filter.limit) break;
    out.push_back({std::move(r), 0});
  }
  return out;
}

}  // namespace kb
