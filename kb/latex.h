// LaTeX as BibTeX fields hold it, both ways, from one table of spellings (latex.cc): the
// BibTeX reader decodes with it (indexer/imports/bibtex_reader.h) and the BibTeX export
// encodes with it (query/export_bibtex.h), so that what the export writes reads back as the
// characters the KB holds. tests/unit/latex_test.cc checks the round trip row by row.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// Plain UTF-8 text of LATEX, a BibTeX field value:
//   - protective braces are removed; accent commands become the accented letter (\'e, {\"o},
//     \c{c}, \v s, \'{\i}), with a combining mark where no precomposed letter exists (\'x);
//     control words their character or word (\ss, \o, \aa, \textdegree, \alpha, \LaTeX);
//     escapes (\& \% \_ \$ \# \{ \}) their character;
//   - -- and --- become en and em dashes, ~ a space, `` and '' curly quotes;
//   - other commands (\emph, \textit, \url ...) are dropped and their argument kept; the $ of
//     math mode is dropped, and ^ and _ inside it;
//   - white space collapses to single spaces, the ends trimmed; a letter followed by a
//     combining mark is composed where a precomposed letter exists ("Lu\u0308scher").
std::string decode_latex(std::string_view latex);

// S escaped for a braced BibTeX field value, so that BibTeX, biber and every BibTeX reader
// get S back:
//   - the ten special characters: & % $ # _ { } become \& \% \$ \# \_ \{ \}, and the other
//     three ~ ^ \ become \textasciitilde{} \textasciicircum{} \textbackslash{};
//   - Latin letters with diacritics become their accent commands, each in braces as BibTeX
//     needs for sorting and case changes: ü -> {\"u}, é -> {\'e}, ø -> {\o}; the en and em
//     dashes, the no-break space and ± × ° their LaTeX spellings: the rows of latex.cc's
//     table marked written;
//   - hyphens and dashes in a row are kept apart ("-{}-", "--{}---"), since LaTeX would
//     print "--" as an en dash and "---" as an em dash;
//   - any other character stays UTF-8, which biber and modern BibTeX readers take as it is.
// decode_latex(encode_latex(s)) == s for text with single spaces and no no-break space
// (which comes back as a space).
std::string encode_latex(std::string_view s);

}  // namespace kb
