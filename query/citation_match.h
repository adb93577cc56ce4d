// Finds the reference a half-remembered or garbled citation points to, the way NLM's
// citation matcher weighs it: candidates are gathered by full text, and each is scored on
// whether its journal, year, volume, first page, first author and title words appear in
// the citation, with a confidence from 0 to 1. A garbled citation does not parse, so the
// candidate's fields are looked for in it rather than the other way round.
#pragma once

#include <string>
#include <vector>

#include "query/kb_reader.h"
#include "query/reference_store.h"

namespace kb {

struct CitationMatch {
  StoredReference reference;
  double confidence = 0;              // 0..1
  std::vector<std::string> agreed;    // fields that agree: "journal", "year", ...
  std::vector<std::string> differed;  // fields both sides have that disagree
};

// At most LIMIT matches with confidence of at least 0.3, best first.
Result<std::vector<CitationMatch>> match_citation(KbReader& kb, const std::string& citation, int limit);

}  // namespace kb
