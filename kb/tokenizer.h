// The one tokeniser of the project. It splits text into words the way the KB's FTS5
// tokenizer (unicode61, remove_diacritics 2) does, so that what a query asks for is what
// the index holds: letters and digits form words, everything else separates them, and
// words are folded to lower-case ASCII where they are Latin.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kb {

struct Token {
  std::string word;        // folded: lower case, diacritics removed
  std::size_t begin = 0;   // byte offsets in the input
  std::size_t end = 0;
};

std::vector<Token> tokenize(std::string_view text);

// Common English words that carry no meaning in a question ("what", "the", "here").
bool is_stopword(std::string_view folded_word);

}  // namespace kb
