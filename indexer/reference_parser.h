// Parses one printed bibliographic reference into kb::Reference fields.
//
// Accepted styles (Vancouver/NLM and its common variants):
//   UpToDate's   "Lee CG, McCormick B, et al. Title. Int J Radiat Oncol Biol Phys 1992; 23:969."
//                "... J Clin Oncol 2016; 34S: ASCO #1006."
//   PubMed's     "Sung H, ... Bray F. Title. CA Cancer J Clin. 2021 May;71(3):209-249.
//                 doi:10.3322/caac.21660. Epub 2021 Feb 4. PMID: 33538338."
//   author-year  "Lopez A, Murray C (1998) Title. Nat Med 4: 1241-1243."
//   APA          "Adler, S., Seidel, J., & Maass-Moreno, R. (2017). Title. EJNMMI Physics, 4(1),
//                 13. https://doi.org/10.1186/s40658-017-0179-2"
//   NIH          "Douek DC, ... Hill BJ, et al. Title. Nature. 2002; 417:95-98. [PubMed: 11986671]"
//
// Contract:
//   - Never throws, never crashes, for any byte string (empty, huge, invalid UTF-8).
//   - result.raw == raw, byte for byte: the reference is never lost.
//   - Every other text field is a substring of raw (minus surrounding brackets or a final
//     period), so valid UTF-8 in gives valid UTF-8 out: a multi-byte sequence is never split.
//     Three exceptions, each only removing ASCII: surname-first names printed with a comma
//     ("Macura, K. J.", "Nowak, MA.") are normalised to "Surname Initials" ("Macura KJ"); a
//     suffix printed as an item of its own is joined to its name ("Jack C, Jr" -> "Jack C Jr");
//     bracketed notes are dropped from titles ("[see comments]", "[abstract]", "[letter]").
//   - Fields the parser could not fill with confidence are named in result.uncertain_fields
//     ("authors", "title", "journal", "year", "volume", "pages", "language", "doi", "pmid");
//     what is sure is filled regardless.
//   - language is "eng" unless a language is printed ("French.", "[Article in French]"); a title
//     printed in brackets is a translation: translated_from is the printed language, and with
//     none printed language becomes "und" (undetermined) and "language" is uncertain.
//   - The design fields are left at their defaults; kb::classify_design fills them.
//   - Thread-safe; reuses a per-thread token buffer, so it allocates little besides the
//     result's own strings.
#pragma once

#include <string_view>

#include "kb/reference.h"

namespace kb {

Reference parse_reference(std::string_view raw);

}  // namespace kb
