// Citation search over the KB's references: the engine behind `kbquery refs` and
// `kbquery export`. A query is PubMed-style text; the filters are the contract's options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "query/kb_reader.h"
#include "query/reference_store.h"

namespace kb {

struct ReferenceFilter {
  std::string query;    // PubMed-style: Soran[au] AND 2016[dp]; empty: every reference
  std::string author;   // --author
  std::string title;    // --title
  std::string journal;  // --journal
  std::string year;     // --year Y or Y1-Y2
  std::string design;   // --design (a contract design name)
  std::optional<std::int64_t> topic_id;
  int limit = 0;                      // 0: all matches
  std::string sort = "relevance";     // relevance, year, author, number
};

struct ScoredReference {
  StoredReference reference;
  double score = 0;  // relevance; 0 when the query has no free text
};

// The references matching FILTER, in the order it asks for (topic and number order when
// nothing ranks them). Usage status for a query or filter that cannot be read, naming
// the position at fault.
Result<std::vector<ScoredReference>> search_references(KbReader& kb, const ReferenceFilter& filter);

// How many references match FILTER, its limit aside.
Result<std::int64_t> count_references(KbReader& kb, const ReferenceFilter& filter);

}  // namespace kb
