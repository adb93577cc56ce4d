#include "indexer/sentence_splitter.h"

#include "indexer/quote_marks.h"

#include <array>
#include <cstdint>

#include "indexer/citation_markers.h"

namespace kb {
namespace {


bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_letter(char c) { return is_upper(c) || is_lower(c); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_terminal(char c) { return c == '.' || c == '?' || c == '!'; }
// Any byte of a multi-byte UTF-8 sequence; such bytes belong to a word, never to punctuation.
bool is_utf8_byte(char c) { return static_cast<unsigned char>(c) >= 0x80; }

bool at(std::string_view s, std::size_t i, std::string_view what) {
  return i <= s.size() && s.substr(i).starts_with(what);
}

// Net change of bracket depth at each byte: +1 on the first byte of an opener that has a
// partner, -1 on the first byte of its closer, 0 elsewhere. Unpaired brackets count for
// nothing, so a stray "(" or "1)" cannot swallow the rest of the paragraph. Straight quotes
// are not paired: they open and close with the same byte, so pairing them is guesswork.
std::vector<std::int8_t> bracket_deltas(std::string_view s) {
  enum Kind : std::size_t { kParen, kSquare, kCurly, kKinds };
  struct Open {
    std::size_t pos;
    Kind kind;
  };
  std::vector<std::int8_t> delta(s.size(), 0);
  std::vector<Open> stack;
  std::array<std::size_t, kKinds> open_count{};  // per kind, to reject closers in O(1)

  auto close = [&](std::size_t pos, Kind kind) {
    if (open_count[kind] == 0) return;  // unpaired closer
    // Openers of other kinds above the partner are unpaired; drop them for good (amortised
    // linear, since each is pushed once).
    while (stack.back().kind != kind) {
      --open_count[stack.back().kind];
      stack.pop_back();
    }
    delta[stack.back().pos] = 1;
    delta[pos] = -1;
    --open_count[kind];
    stack.pop_back();
  };

  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '(' || c == '[' || at(s, i, kLeftDoubleQuote)) {
      const Kind kind = c == '(' ? kParen : c == '[' ? kSquare : kCurly;
      stack.push_back({i, kind});
      ++open_count[kind];
    } else if (c == ')') {
      close(i, kParen);
    } else if (c == ']') {
      close(i, kSquare);
    } else if (at(s, i, kRightDoubleQuote)) {
      close(i, kCurly);
    }
  }
  return delta;
}

// Words after which a period does not end a sentence, as printed (case matters: "No." is a
// number sign, "no." may end a sentence). "etc." is absent on purpose: before a lowercase
// word no boundary is possible anyway, and before an uppercase one it usually ends the sentence.
constexpr std::string_view kAbbreviations[] = {
    "eg",  "Eg",  "ie",  "Ie",   "vs",  "Vs",   "cf",   "Cf",   "approx", "Approx",
    "Dr",  "Drs", "Fig", "Figs", "fig", "figs", "No",   "Nos",  "Ref",    "Refs",
    "ref", "St",  "Mr",  "Mrs",  "Ms",  "Prof", "Jr",   "Sr",
};

// True if the '.' at `dot` closes an abbreviation rather than a sentence.
bool is_abbreviation(std::string_view s, std::size_t dot) {
  std::size_t w = dot;
  while (w > 0 && (is_letter(s[w - 1]) || s[w - 1] == '.')) --w;
  while (w < dot && s[w] == '.') ++w;  // leading dots belong to an ellipsis, not the word
  if (w == dot) return false;          // no word: "[1-3].", "0.03.", "\"."
  // Part of a longer word ("HER2.", "Müller.") is not an abbreviation from this list.
  if (w > 0 && (is_digit(s[w - 1]) || is_utf8_byte(s[w - 1]))) return false;
  const std::string_view word = s.substr(w, dot - w);

  // Dotted abbreviations: "e.g", "i.e", "U.S" -- single letters joined by dots.
  if (word.find('.') != std::string_view::npos) {
    for (std::size_t k = 0; k < word.size(); ++k) {
      const bool want_letter = k % 2 == 0;
      if (want_letter != is_letter(word[k])) return false;
    }
    return true;
  }
  // An initial: "Michael S. Sabel", "A. B. Smith".
  if (word.size() == 1 && is_upper(word[0])) return true;
  // "et al."
  if (word == "al" && w >= 3 && is_space(s[w - 1]) && s.substr(w - 3, 2) == "et" &&
      (w == 3 || !is_letter(s[w - 4]))) {
    return true;
  }
  for (std::string_view a : kAbbreviations) {
    if (word == a) return true;
  }
  return false;
}

// True if a sentence may begin at byte i.
bool is_sentence_start(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (is_upper(c) || is_digit(c) || c == '"' || c == '\'' || c == '(' || c == '[') return true;
  if (at(s, i, kLeftDoubleQuote) || at(s, i, kLeftSingleQuote)) return true;
  // Latin-1 uppercase letters U+00C0..U+00DE, except U+00D7 (multiplication sign).
  if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < s.size()) {
    const auto b = static_cast<unsigned char>(s[i + 1]);
    return b >= 0x80 && b <= 0x9E && b != 0x97;
  }
  return false;
}

// Length of the citation marker starting at i ("[5]"), or 0 if none starts there.
std::size_t marker_length(std::string_view s, std::size_t i) {
  if (i >= s.size() || s[i] != '[') return 0;
  const std::size_t close = s.find_first_of("[]", i + 1);
  if (close == std::string_view::npos || s[close] != ']') return 0;
  if (!parse_marker_list(s.substr(i + 1, close - i - 1))) return 0;
  return close + 1 - i;
}

void emit(std::string_view s, std::size_t begin, std::size_t end,
          std::vector<SentenceSpan>& out) {
  while (begin < end && is_space(s[begin])) ++begin;
  while (end > begin && is_space(s[end - 1])) --end;
  if (begin < end) out.push_back({begin, end});
}

}  // namespace

std::vector<SentenceSpan> split_sentences(std::string_view paragraph) {
  const std::string_view s = paragraph;
  const std::size_t n = s.size();
  const std::vector<std::int8_t> delta = bracket_deltas(s);

  std::vector<SentenceSpan> out;
  std::size_t start = 0;  // of the current sentence
  int depth = 0;          // paired brackets open at i
  std::size_t i = 0;
  while (i < n) {
    if (!is_terminal(s[i])) {
      depth += delta[i];
      ++i;
      continue;
    }
    // A run of terminal punctuation ("?!", "...") counts as one.
    std::size_t run_end = i;
    while (run_end < n && is_terminal(s[run_end])) ++run_end;

    // What trails the punctuation but still belongs to the sentence: closing quotes and
    // brackets, then citation markers ("benefit.[5] Next").
    std::size_t j = run_end;
    int after_depth = depth;
    while (j < n) {
      if (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']') {
        after_depth += delta[j];
        ++j;
      } else if (at(s, j, kRightDoubleQuote) || at(s, j, kRightSingleQuote)) {
        after_depth += delta[j];
        j += 3;
      } else if (const std::size_t len = marker_length(s, j); len > 0) {
        after_depth += delta[j] + delta[j + len - 1];
        j += len;
      } else {
        break;
      }
    }

    bool boundary = after_depth == 0;
    if (boundary && run_end == i + 1 && s[i] == '.' && is_abbreviation(s, i)) boundary = false;
    if (boundary) {
      std::size_t k = j;
      while (k < n && is_space(s[k])) ++k;
      boundary = k == n || (k > j && is_sentence_start(s, k));
    }
    if (boundary) {
      emit(s, start, j, out);
      start = j;
      depth = after_depth;
      i = j;
    } else {
      i = run_end;  // the trailing closers, if any, are counted by the main loop
    }
  }
  emit(s, start, n, out);
  return out;
}

}  // namespace kb
