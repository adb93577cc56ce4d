// The citation fields every export format derives alike from a stored reference, so that
// RIS, BibTeX, CSL-JSON, MEDLINE and CSV never disagree on them: an author's name split
// into surname, initials and suffix; a page range with a compressed last page expanded;
// the issue with its supplement; the note that says where the reference comes from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/reference.h"
#include "query/reference_store.h"

namespace kb {

// An author as the KB prints it ("Gonzalez-Angulo AM", "de Paz L", "Jack C Jr",
// "Early Breast Cancer Trialists' Collaborative Group"), in parts.
struct AuthorName {
  std::string family;                 // "Gonzalez-Angulo", "de Paz"; the whole name when collective
  std::vector<std::string> initials;  // {"A", "M"}; a hyphenated initial stays one: {"J-P"}
  std::string suffix;                 // "Jr", "Sr", "II", "III"; empty when none
  bool collective = false;            // a group, kept whole: no initials to split off
};

// Splits a printed "Surname Initials [Suffix]". A name whose last word is not initials
// (capital letters only, at most four), or whose surname reads like a phrase ("Writing
// Committee for the ABC"), is a collective name. Never fails.
AuthorName split_author(std::string_view printed);

// The initials with a period after each, joined by SEPARATOR: "A.M." or "A. M.";
// a hyphenated initial keeps its hyphen: "J.-P.".
std::string dotted_initials(const AuthorName& name, std::string_view separator);

// The surname as ASCII letters only, lower case, particles kept: "de Paz" -> "depaz",
// "Güller" -> "guller". Used for citation keys.
std::string ascii_surname_key(const AuthorName& name);

struct PageRange {
  std::string first;  // "1539", "e93755", or the whole locator when it is no range ("ASCO #1006")
  std::string last;   // "1569", expanded from "69"; empty for a single page or a locator
};

// Splits printed pages at their hyphen or en dash. A compressed last page is expanded from
// the first ("1539-69" -> 1539, 1569; "S12-4" -> S12, S14); a last page that would then
// come before the first is kept as printed. Text that is no range is returned whole in first.
PageRange split_pages(std::string_view printed);

// The pages as "first-last" with the last page expanded, or the single page or locator.
std::string expanded_pages(std::string_view printed);

// The issue with its supplement as PubMed writes it: "3", "15 Suppl", "Suppl 2", "Suppl"
// (for a volume printed "34S"); empty when neither is known.
std::string issue_with_supplement(const Reference& ref);

// The month as a number 1-12, or 0 when none is printed or it cannot be read.
int month_number(const Reference& ref);

// Where the reference comes from and what the format cannot hold otherwise:
// "topic: SLUG, reference N", then "; conference abstract: ASCO #1006" and
// "; author list truncated (et al.)" when they apply.
std::string provenance_note(const StoredReference& stored);

}  // namespace kb
