// RIS, the tagged format that Zotero, EndNote, Mendeley and Reference Manager import.
//
// One record per reference, in the order given:
//   TY  - JOUR (CONF for a conference abstract), one AU per author as "Surname, I.I."
//   (the RIS specification's "Lastname, Firstname, Suffix", which Zotero and EndNote split
//   at the comma into last and first name; a group's name is written whole, without a
//   comma, so that they keep it as one name), TI, T2 (the journal as printed, an NLM
//   abbreviation), JO (the same: the specification's standard abbreviation), PY, DA
//   (year/month, when the month is known), VL, IS (with its supplement), SP and EP (a
//   compressed range expanded: "1539-69" gives SP 1539, EP 1569), DO, AN (the PMID), LA
//   (ISO 639-2, omitted when undetermined), N1 (topic, reference number, et al.), ER.
//   A conference abstract (CONF) has the specification's conference fields instead of
//   T2/JO: T2 the meeting ("ASCO"), C3 and BT the proceedings (the journal supplement it
//   is printed in), DA its date; its pages are the abstract's locator as printed.
// Lines end in CR LF, as Reference Manager's RIS specification requires ("each tag and its
// contents must be on a separate line, preceded by a carriage return/line feed") and
// EndNote on Windows expects; Zotero, citation-js and bibutils accept them too. Records are
// separated by a blank line, as Zotero writes them. Text is UTF-8 without a byte-order
// mark (the specification's Latin-1 would lose names such as "Dvořák"). A value never
// spans lines: line breaks inside one become spaces.
#pragma once

#include <string>
#include <vector>

#include "query/reference_store.h"

namespace kb {

std::string export_ris(const std::vector<StoredReference>& refs);

}  // namespace kb
