// MEDLINE, PubMed's tagged format (.nbib), as "Send to: Citation manager" writes it and
// Zotero, EndNote, Mendeley and Biopython's Bio.Medline read it.
//
// Each line is a tag padded to four characters, "- ", and the value ("PMID- ", "TI  - ",
// "LID - "). A value longer than a line continues on lines indented by six spaces, broken
// between words so that no line passes 80 columns (a word longer than that keeps its own
// line whole). Records are separated by one blank line; lines end in LF, as PubMed's do.
// Tags, in PubMed's order: PMID (when known), VI, IP (issue with supplement), DP ("2015"
// or "2015 May"), TI (the title as the KB holds it: no period is added), PG (a compressed
// range expanded, "1539-1569", as PubMed now writes pages), LID ("10.x/y [doi]"), AU per
// author ("Badwe R", MEDLINE's own form, which the KB keeps), CN for a group, LA (omitted
// when undetermined), PT (Journal Article), TA (the journal abbreviation), GN (the note:
// topic, reference number, et al.), SO (the source line: "Lancet Oncol. 2015;16:1380.").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "query/reference_store.h"

namespace kb {

std::string export_medline(const std::vector<StoredReference>& refs);

// "TAG - VALUE" with its continuation lines, each ending in LF.
std::string medline_field(std::string_view tag, std::string_view value);

}  // namespace kb
