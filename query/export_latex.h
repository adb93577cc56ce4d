// LaTeX for text that goes into a BibTeX field, so that BibTeX, biber and every BibTeX
// reader get back the characters the KB holds.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// Escapes S for a braced BibTeX field value:
//   - the ten special characters: & % $ # _ { } become \& \% \$ \# \_ \{ \}, and the
//     other three ~ ^ \ become \textasciitilde{} \textasciicircum{} \textbackslash{};
//   - Latin letters with diacritics become their accent commands, each in braces as BibTeX
//     needs for sorting and case changes: ü -> {\"u}, é -> {\'e}, ø -> {\o}; the en and em
//     dashes, the no-break space and ± × ° their LaTeX spellings: the table in
//     export_latex.cc;
//   - two hyphens in a row are kept apart ("-{}-"), since LaTeX would print "--" as a dash;
//   - any other character stays UTF-8, which biber and modern BibTeX readers take as it is.
std::string latex_escape(std::string_view s);

}  // namespace kb
