// BibTeX, for LaTeX (BibTeX and biber), JabRef, Zotero and every reference manager.
//
// One @article entry per reference (a conference abstract too: it is published in the
// journal's supplement, and "journal" is where every reader looks for that):
//   - key: the first author's surname in ASCII lower case, then the year ("nd" when
//     unknown): "badwe2015", "guller2016", "depaz1999". A key already used in the same
//     export gets a, b, c ... in turn ("friedel2002", "friedel2002a"), so keys are unique
//     and stable for the same selection in the same order.
//   - author: "Surname, I. I." joined by " and ", with "and others" for et al.; a group's
//     name in braces so that it is never split into first and last names.
//   - title: capitals that must survive a style's sentence-casing are protected in braces:
//     acronyms and words with an inner capital ({SEER}, {HER2}, {IV}) always, and in a title
//     written in sentence case also the capitalised words after its first (proper nouns:
//     "The {Miami} experience").
//   - journal, year, month (a BibTeX month macro), volume, number (issue with supplement),
//     pages (a range with "--", compressed last page expanded; the spaces of a locator
//     such as "ASCO #1006" written as UTF-8 no-break spaces, which no reader takes for a
//     range's dash), doi (verbatim, as biblatex reads it), pmid, note ("topic: SLUG,
//     reference N").
// Text is escaped for LaTeX (export_latex.h). Lines end in LF; entries are separated by a
// blank line.
#pragma once

#include <string>
#include <vector>

#include "query/reference_store.h"

namespace kb {

std::string export_bibtex(const std::vector<StoredReference>& refs);

// The title with its capitals protected and escaped, as the title field holds it.
std::string bibtex_title(std::string_view title);

}  // namespace kb
