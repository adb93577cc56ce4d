// Keys that tell when two references cite the same study, across topics and imports:
// the PMID, the DOI, or else a citation key from first author, year, journal, volume and
// first page, as NLM's citation matcher weighs them. The DOI as compared is
// normalized_doi in kb/identifiers.h.
#pragma once

#include <string>
#include <string_view>

#include "kb/reference.h"

namespace kb {

// "Ann Surg Oncol" and "Ann. Surg. Oncol." -> "annsurgoncol".
std::string journal_key(std::string_view journal);
// The first author's surname, folded: "de Baere T" -> "debaere", "Güller U" -> "guller".
std::string surname_key(std::string_view author);
// The first author as import matching compares it: folded surname and first initial,
// "Badwe RA" -> "badwe|r", "de Baere T" -> "debaere|t"; a group author's folded name alone.
std::string author_key(std::string_view author);
// "1539-69" -> "1539"; "e93755" -> "e93755"; "ASCO #1006" -> "asco1006".
std::string first_page(std::string_view pages);
// "soran|2016|jclinoncol|34|asco1005"; empty when the reference lacks what would make the
// key safe (a first author, a year, and a volume or a page).
std::string citation_key(const Reference& ref);

}  // namespace kb
