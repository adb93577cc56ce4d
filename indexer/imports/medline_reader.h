// MEDLINE tagged text, as PubMed saves it ("Send to: File, Format: PubMed", the .nbib of
// citation managers):
//
//   PMID- 26211824
//   TI  - Locoregional treatment versus no treatment of the primary tumour in metastatic
//         breast cancer: an open-label randomised controlled trial.
//   FAU - Badwe, Rajendra
//   AU  - Badwe R
//
// A tag of up to four capitals padded to four, "- ", the value; lines starting with spaces
// continue the value above; a blank line ends a record.
#pragma once

#include <string>

#include "indexer/imports/import_record.h"
#include "kb/status.h"

namespace kb {

// Reads the MEDLINE file at PATH line by line and hands each record to SINK as soon as it
// ends. Tolerates blank lines before the first record, "PMID-22664220" without the space,
// stray untagged lines between records and a missing blank line before a new "PMID-".
// Errors: Status::IO when the file cannot be read; Status::Parse "PATH:LINE: what" for a
// continuation line with no tag above it in its record, an untagged line inside a record,
// control bytes or text that is not UTF-8, a record starting with RIS's "TY  - ", and a file
// with no record at all. A sink's error stops the reading and is returned as is.
Status read_medline(const std::string& path, const RecordSink& sink);

}  // namespace kb
