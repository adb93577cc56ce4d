#include "kb/tokenizer.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "kb/text.h"

namespace kb {
namespace {

// Non-ASCII code points that separate words (as unicode61 treats punctuation and spaces).
bool is_separator(char32_t cp) {
  if (cp < 0x80) return !std::isalnum(static_cast<int>(cp));
  return (cp >= 0x2000 && cp <= 0x206F) ||  // general punctuation: dashes, quotes, spaces
         cp == 0xA0 || cp == 0xA9 || cp == 0xAE || cp == 0xB0 || cp == 0xB1 || cp == 0xB7 ||
         cp == 0xD7 || cp == 0xF7 || cp == 0xAB || cp == 0xBB || cp == 0x2212 || cp == 0xFEFF ||
         (cp >= 0x3000 && cp <= 0x303F);
}

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t cp = utf8_next(text, i);
    if (is_separator(cp)) continue;
    std::size_t end = i;
    while (end < text.size()) {
      std::size_t next = end;
      if (is_separator(utf8_next(text, next))) break;
      end = next;
    }
    i = end;
    const std::string_view word = text.substr(start, end - start);
    // Most words are ASCII: folded by lower-casing alone, without the diacritics pass's copy.
    const bool ascii = std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    tokens.push_back({ascii ? ascii_lower(word) : ascii_lower(fold_diacritics(word)), start, end});
  }
  return tokens;
}

bool is_stopword(std::string_view w) {
  static constexpr std::array<std::string_view, 58> kStopwords = {
      "a",     "about", "an",    "and",   "any",   "are",   "as",    "at",    "be",    "by",
      "can",   "could", "did",   "do",    "does",  "for",   "from",  "had",   "has",   "have",
      "here",  "how",   "i",     "if",    "in",    "into",  "is",    "it",    "its",   "me",
      "my",    "of",    "on",    "or",    "our",   "should", "so",   "than",  "that",  "the",
      "their", "them",  "there", "these", "they",  "this",  "those", "to",    "was",   "we",
      "were",  "what",  "when",  "where", "which", "who",   "why",   "with"};
  return std::find(kStopwords.begin(), kStopwords.end(), w) != kStopwords.end();
}

}  // namespace kb
