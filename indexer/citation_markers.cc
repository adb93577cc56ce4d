#include "indexer/citation_markers.h"

#include <algorithm>
#include <cctype>
#include <cstddef>

namespace kb {
namespace {

enum class TokenKind { Number, Dash, Comma, End, Invalid };

struct Token {
  TokenKind kind = TokenKind::End;
  int value = 0;  // for Number
};

// Splits the inside of a bracket into tokens. Works on bytes: the only multi-byte sequences
// it accepts are the dashes and the no-break space, matched whole, so a stray UTF-8 byte
// can never pass for ASCII punctuation.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view s) : s_(s) {}

  Token next() {
    skip_spaces();
    if (pos_ >= s_.size()) return {TokenKind::End, 0};
    const char c = s_[pos_];
    if (c >= '0' && c <= '9') return number();
    if (c == ',') {
      ++pos_;
      return {TokenKind::Comma, 0};
    }
    if (c == '-') {
      pos_ += starts_with("--") ? 2 : 1;
      return {TokenKind::Dash, 0};
    }
    if (const std::size_t len = unicode_dash_length(); len > 0) {
      pos_ += len;
      return {TokenKind::Dash, 0};
    }
    return {TokenKind::Invalid, 0};
  }

 private:
  bool starts_with(std::string_view what) const { return s_.substr(pos_).starts_with(what); }

  void skip_spaces() {
    while (pos_ < s_.size()) {
      if (s_[pos_] == ' ' || s_[pos_] == '\t') {
        ++pos_;
      } else if (starts_with("\xC2\xA0")) {  // U+00A0 no-break space
        pos_ += 2;
      } else {
        return;
      }
    }
  }

  // Byte length of the Unicode dash at pos_, or 0 if there is none.
  std::size_t unicode_dash_length() const {
    static constexpr std::string_view kDashes[] = {
        "\xE2\x80\x90",  // U+2010 hyphen
        "\xE2\x80\x91",  // U+2011 non-breaking hyphen
        "\xE2\x80\x93",  // U+2013 en dash
        "\xE2\x80\x94",  // U+2014 em dash
        "\xE2\x88\x92",  // U+2212 minus sign
    };
    for (std::string_view d : kDashes) {
      if (starts_with(d)) return d.size();
    }
    return 0;
  }

  Token number() {
    // Stop accumulating once past the limit so that a long digit run cannot overflow.
    long value = 0;
    while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') {
      if (value <= kMaxCitationNumber) value = value * 10 + (s_[pos_] - '0');
      ++pos_;
    }
    if (value < 1 || value > kMaxCitationNumber) return {TokenKind::Invalid, 0};
    return {TokenKind::Number, static_cast<int>(value)};
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

// Recursive descent over the token stream, one token of lookahead.
class MarkerParser {
 public:
  explicit MarkerParser(std::string_view s) : tokens_(s) { advance(); }

  // list = item ("," item)* End
  std::optional<std::vector<int>> parse_list() {
    std::vector<int> numbers;
    if (!parse_item(numbers)) return std::nullopt;
    while (look_.kind == TokenKind::Comma) {
      advance();
      if (!parse_item(numbers)) return std::nullopt;
    }
    if (look_.kind != TokenKind::End) return std::nullopt;
    std::sort(numbers.begin(), numbers.end());
    numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
    return numbers;
  }

 private:
  void advance() { look_ = tokens_.next(); }

  // item = number | number dash number
  bool parse_item(std::vector<int>& out) {
    if (look_.kind != TokenKind::Number) return false;  // also catches an empty item
    const int first = look_.value;
    advance();
    if (look_.kind != TokenKind::Dash) {
      out.push_back(first);
      return true;
    }
    advance();
    if (look_.kind != TokenKind::Number) return false;
    const int last = look_.value;
    advance();
    if (last < first || last - first + 1 > kMaxCitationRange) return false;
    for (int n = first; n <= last; ++n) out.push_back(n);
    return true;
  }

  Tokenizer tokens_;
  Token look_;
};

}  // namespace

std::optional<std::vector<int>> parse_marker_list(std::string_view inside_brackets) {
  return MarkerParser(inside_brackets).parse_list();
}

namespace {

// Appends to MARKERS every marker between OPEN and CLOSE characters in TEXT.
void find_enclosed(std::string_view text, char open_char, char close_char, MarkerStyle style,
                   std::vector<CitationMarker>& markers, std::vector<CitationMarker>& enumerators) {
  const char both[] = {open_char, close_char, '\0'};
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find(open_char, i);
    if (open == std::string_view::npos) break;
    // The next bracket of either kind decides: a closing one ends this candidate, an opening
    // one means this one was not a marker and the scan resumes there (so the work stays linear).
    const std::size_t next = text.find_first_of(both, open + 1);
    if (next == std::string_view::npos) break;
    if (text[next] == open_char) {
      i = next;
      continue;
    }
    if (auto numbers = parse_marker_list(text.substr(open + 1, next - open - 1))) {
      CitationMarker m;
      m.text = std::string(text.substr(open, next + 1 - open));
      m.begin = open;
      m.end = next + 1;
      m.numbers = std::move(*numbers);
      m.style = style;
      bool enumerator = false;
      if (style == MarkerStyle::Parenthesis) {
        // "(1) in a patient ...; (2) in a patient ...": a clause number, not a citation.
        std::size_t before = open;
        while (before > 0 && text[before - 1] == ' ') --before;
        const bool opens_clause = before == 0 || text[before - 1] == ':' || text[before - 1] == ';';
        std::size_t after = next + 1;
        while (after < text.size() && text[after] == ' ') ++after;
        const bool word_follows = after > next + 1 && after < text.size() &&
                                  std::isalpha(static_cast<unsigned char>(text[after]));
        enumerator = opens_clause && word_follows;
      }
      (enumerator ? enumerators : markers).push_back(std::move(m));
    }
    i = next + 1;
  }
}

}  // namespace

std::vector<CitationMarker> find_citation_markers(std::string_view text, std::vector<CitationMarker>* enumerators) {
  std::vector<CitationMarker> markers;
  std::vector<CitationMarker> clause_numbers;
  find_enclosed(text, '[', ']', MarkerStyle::Bracket, markers, clause_numbers);
  find_enclosed(text, '(', ')', MarkerStyle::Parenthesis, markers, clause_numbers);
  std::sort(markers.begin(), markers.end(),
            [](const CitationMarker& a, const CitationMarker& b) { return a.begin < b.begin; });
  if (enumerators) *enumerators = std::move(clause_numbers);
  return markers;
}

}  // namespace kb
