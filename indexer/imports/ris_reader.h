// RIS, the tagged format of reference managers (EndNote, Zotero, Mendeley) and of database
// exports (PubMed, Embase, Scopus, Ovid):
//
//   TY  - JOUR
//   AU  - Badwe, Rajendra
//   TI  - Locoregional treatment versus no treatment of the primary tumour ...
//   ER  -
//
// A tag of two capitals or digits, two spaces, "- ", the value; "ER" ends a record. Lines
// without a tag continue the value above (EndNote writes KW and N1 that way).
#pragma once

#include <string>

#include "indexer/imports/import_record.h"
#include "kb/status.h"

namespace kb {

// Reads the RIS file at PATH line by line and hands each record to SINK as soon as its ER
// line is read. Tolerates a UTF-8 byte-order mark, CRLF line ends, "XX - value" with one
// space, "ER  -" without its trailing space, blank lines anywhere, and the "Provider:",
// "Database:", "Content:" header some publishers write before the first record.
// Errors: Status::IO when the file cannot be read; Status::Parse "PATH:LINE: what" for text
// outside a record, a record with no ER line (LINE is its TY line), an untagged line right
// after TY, control bytes or text that is not UTF-8, and a file with no record at all. A
// sink's error stops the reading and is returned as is.
Status read_ris(const std::string& path, const RecordSink& sink);

}  // namespace kb
