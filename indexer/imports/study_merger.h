// One study, one row: when an imported record shows two studies of the KB to be one (it
// matched one, and the other holds its PMID or DOI), the second is merged into the first.
// Its references, import records, enrichments and links move over; each field the first
// lacked is taken from the second and recorded as an enrichment naming where it came from.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "indexer/imports/import_record.h"
#include "kb/db.h"
#include "kb/status.h"

namespace kb {

// The study other than STUDY_ID that holds RECORD's PMID or DOI, and which identifier.
struct DuplicateStudy {
  std::int64_t id = 0;
  std::string identifier;  // "PMID 26363985" or "DOI 10.1016/..."
};
Result<std::optional<DuplicateStudy>> find_duplicate_study(Database& db, std::int64_t study_id,
                                                           const ImportRecord& record);

// Merges study DUPLICATE into KEEP, in the caller's transaction; RECORD_ID (the import record
// that showed them to be one) is named in the provenance of every field KEEP gains.
Status merge_studies(Database& db, std::int64_t keep, const DuplicateStudy& duplicate, std::int64_t record_id);

}  // namespace kb
