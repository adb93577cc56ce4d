// How alike two titles are, for matching an imported record to a reference printed with a
// slightly different title (punctuation, British spelling of a word, a dropped subtitle).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace kb {

// Dice coefficient over the titles' distinct folded words, stop words left out: 1 for the
// same words, 0 for none shared. When the shorter title has 5 content words or more, 0.9 x the
// share of its words found in the longer one counts if higher (a subtitle left out).
double title_similarity(std::string_view a, std::string_view b);

// The distinct folded content words of a title, for comparing one title with many.
std::set<std::string> title_words(std::string_view title);
double title_similarity(const std::set<std::string>& a_words, std::string_view b);

}  // namespace kb
