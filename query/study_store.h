// Reads studies as the contract shows them (`kbquery studies`, `kbquery audit`): identifiers,
// bibliographic fields, design, publication types, MeSH, the topic references that cite
// the study, and the imports it came from or was enriched by.
#pragma once

#include <cstdint>
#include <memory>

#include "kb/db.h"
#include "kb/status.h"
#include "kb/output.h"

namespace kb {

class StudyStore {
 public:
  static Result<std::unique_ptr<StudyStore>> prepare(Database& db);
  // The study STUDY_ID as JSON: pmid, doi, title, authors, journal, year, design, level,
  // publication_types, mesh ("*" marks a major topic, "/qualifier" follows), matches
  // ({topic, number} of every reference citing it; empty for a new study), origin, and
  // provenance: the import records that brought or matched it, the fields they filled;
  // for a new study, the recommendations it was linked to (inferred, with score and stance).
  Result<Json> read(std::int64_t study_id);

 private:
  StudyStore() = default;
  Statement study_, types_, mesh_, citing_, records_, enrichments_, linked_;
};

// Publication date as "YYYY-MM" when the month is known, else "YYYY"; empty when no year.
std::string publication_month(std::int64_t year, const std::string& month);

}  // namespace kb
