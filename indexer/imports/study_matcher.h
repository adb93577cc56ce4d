// Finds the study of the KB an imported record describes, the way NLM's citation matcher
// weighs evidence: an identifier first (PMID, then DOI), then the journal, year, volume and
// first page, then the first author and the title's words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "indexer/imports/import_record.h"
#include "kb/db.h"
#include "kb/status.h"

namespace kb {

struct StudyMatch {
  std::int64_t study_id = 0;
  std::string rule;        // "pmid", "doi", "journal_volume_page", "author_title"
  double confidence = 1;   // 1 for an identifier or a citation; the title similarity otherwise
  std::string detail;      // what agreed, in words: "PMID 26363985"
};

// Two titles at least this alike (Dice over content words) name the same study when the
// first author (surname and first initial) agrees and the years are at most one apart.
inline constexpr double kTitleMatchThreshold = 0.75;

class StudyMatcher {
 public:
  static Result<StudyMatcher> prepare(Database& db);
  // The study RECORD describes, if the KB has it.
  Result<std::optional<StudyMatch>> match(const ImportRecord& record);

 private:
  Statement by_pmid_, by_doi_, by_page_, by_author_;
};

}  // namespace kb
