// Citation markers such as "[1-3]", "[1, 3-5]", "(4,5)" or "(1--3)": their grammar and how
// to find them in running text. Brackets or parentheses that hold anything else ("[see
// below]", "(Table 1)", "(n = 35)", "(150 mg)") are not markers and are left alone.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "indexer/topic.h"

namespace kb {

// Limits of the grammar; outside them a bracket is ordinary text, not a marker.
inline constexpr int kMaxCitationNumber = 99999;
inline constexpr int kMaxCitationRange = 2000;  // numbers in one "a-b" range

// Parses the text between '[' and ']' by the grammar
//   list  = item ("," item)*
//   item  = number | number dash number
//   dash  = "-" | "--" | U+2010 | U+2011 | U+2013 | U+2014 | U+2212   ("--": MMWR's en dash)
// with spaces, tabs or no-break spaces allowed between tokens.
// Returns the numbers ascending without duplicates, or nullopt when the text is not a marker:
// an empty list or item, a number outside 1..kMaxCitationNumber, a range whose end is below
// its start or that spans more than kMaxCitationRange numbers, or any other character.
std::optional<std::vector<int>> parse_marker_list(std::string_view inside_brackets);

// Finds every citation marker in `text`, in order of position, each with its text
// (brackets or parentheses included), byte offsets [begin, end) into `text`, expanded
// numbers and style. Brackets and parentheses that do not parse as a marker are skipped; an
// unclosed one is ignored. A parenthesised number list that opens an enumerated clause
// ("three situations: (1) in a patient ...", after ':' or ';' or at the start, followed by a
// word) is not a marker: it is returned in ENUMERATORS when that is given, so the caller can
// report it. Whether a parenthesised marker's numbers lie in the reference list is the
// caller's to check (see resolve_citations). Runs in time linear in the text size.
std::vector<CitationMarker> find_citation_markers(std::string_view text,
                                                  std::vector<CitationMarker>* enumerators = nullptr);

}  // namespace kb
