// Splits a paragraph of clinical prose into sentences. Tuned for UpToDate-style text:
// citation markers ("[1-3]"), abbreviations ("et al.", "vs.", "Dr."), initials, decimals,
// and whole parenthetical sentences such as (See "Topic title".) as their own sentence.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace kb {

// One sentence as byte offsets [begin, end) into the paragraph it came from.
struct SentenceSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Returns the sentences of `paragraph` in order. Guarantees, for any input bytes:
//  - begin < end, spans are ordered and do not overlap, end <= paragraph.size();
//  - no span starts or ends with ASCII whitespace;
//  - every non-whitespace byte of the paragraph lies in exactly one span (nothing dropped);
//  - runs in time linear in the paragraph size.
// A sentence ends after '.', '?' or '!' (a run of them counts as one), followed by optional
// closing quotes/parentheses and citation markers, then whitespace and either the end of text
// or a sentence start (uppercase letter, digit, opening quote or opening parenthesis/bracket).
// It never ends inside a matched (), [] or curly-quote pair, except when the closer itself
// follows the punctuation, as in `.)`; nor after a listed abbreviation, an initial, or a
// dotted abbreviation such as "e.g." or "U.S.". UTF-8 is handled by bytes.
std::vector<SentenceSpan> split_sentences(std::string_view paragraph);

}  // namespace kb
