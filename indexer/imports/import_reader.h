// Reads an import file in whichever format its content shows: one of the import formats of
// indexer/formats/format_registry.h (PubMed XML, MEDLINE, RIS, BibTeX), dispatched to the
// reader the registry names. A topic, or a file in no known format, is refused with what
// to do.
#pragma once

#include <string>

#include "indexer/formats/detect_format.h"
#include "indexer/imports/import_record.h"
#include "kb/status.h"

namespace kb {

// The format of the import file at PATH, judged from its first bytes.
Result<Format> detect_import_format(const std::string& path);

// Hands every record of PATH, in FORMAT, to SINK in file order.
Status read_import_file(const std::string& path, Format format, const RecordSink& sink);

// The name the KB stores for FORMAT: "pubmed_xml", "medline", "ris", "bibtex"; "unknown"
// for a format that is not an import format.
const char* import_format_name(Format format);

}  // namespace kb
