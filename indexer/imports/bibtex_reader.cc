#include "indexer/imports/bibtex_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "indexer/imports/author_names.h"
#include "kb/identifiers.h"
#include "kb/language_codes.h"
#include "kb/file_io.h"
#include "kb/text.h"

namespace kb {
namespace {

constexpr std::size_t kMaxBytes = std::size_t{256} << 20;
constexpr int kMaxDepth = 64;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A character of an entry type, field name or macro name: BibTeX's, any printing character
// but " # % ' ( ) , = { } (and '@', which starts an entry).
bool is_ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7F && std::strchr("\"#%'(),={}@", c) == nullptr;
}

// ---------------------------------------------------------------------------------------------
// Encoding

// Windows-1252 (a superset of Latin-1 for printable text) to UTF-8.
std::string from_windows_1252(std::string_view s) {
  static constexpr std::array<char32_t, 32> k80 = {
      0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
      0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) out += c;
    else if (u < 0xA0) utf8_append(out, k80[u - 0x80]);
    else utf8_append(out, u);
  }
  return out;
}

// For identifiers (doi, pmid, url): braces dropped and escaped characters unescaped, but no
// dash, tilde or accent rules.
std::string verbatim_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{' || s[i] == '}') continue;
    if (s[i] == '\\' && i + 1 < s.size() && std::strchr("&%$#_{}~", s[i + 1]) != nullptr) {
      out += s[++i];
      continue;
    }
    out += s[i];
  }
  return collapse_whitespace(out);
}

// ---------------------------------------------------------------------------------------------
// Names

// Splits S at top-level (brace depth 0) positions where AT(s, i) returns the separator's
// length (0 where there is none).
template <class SeparatorAt>
std::vector<std::string_view> split_top_level(std::string_view s, SeparatorAt at) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '{') ++depth;
    else if (c == '}' && depth > 0) --depth;
    if (depth == 0) {
      if (std::size_t len = at(s, i)) {
        parts.push_back(s.substr(start, i - start));
        i += len;
        start = i;
        continue;
      }
    }
    ++i;
  }
  parts.push_back(s.substr(start));
  return parts;
}

// " and " between names: "and" (any case) with whitespace on both sides.
std::vector<std::string_view> split_names(std::string_view s) {
  return split_top_level(s, [](std::string_view t, std::size_t i) -> std::size_t {
    if (!is_space(t[i])) return 0;
    std::size_t j = i;
    while (j < t.size() && is_space(t[j])) ++j;
    if (j + 3 >= t.size() || ascii_lower(t.substr(j, 3)) != "and" || !is_space(t[j + 3])) return 0;
    j += 3;
    while (j < t.size() && is_space(t[j])) ++j;
    return j - i;
  });
}

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> parts = split_top_level(
      s, [](std::string_view t, std::size_t i) -> std::size_t { return t[i] == ',' ? 1 : 0; });
  for (std::string_view& p : parts) p = trim(p);
  return parts;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  for (std::string_view w : split_top_level(s, [](std::string_view t, std::size_t i) -> std::size_t {
         return is_space(t[i]) || t[i] == '~' ? 1 : 0;
       }))
    if (!w.empty()) words.push_back(w);
  return words;
}

// The case of a name token as BibTeX judges it for the von part: its first letter at brace
// depth 0, or in a special character "{\'e}" the letter (or letter command) inside; other
// brace groups are passed over. -1 lower, 1 upper, 0 none.
int token_case(std::string_view tok) {
  auto letter_case = [](char c) { return (c >= 'a' && c <= 'z') ? -1 : 1; };
  for (std::size_t i = 0; i < tok.size();) {
    const char c = tok[i];
    if (c == '{') {
      std::size_t end = i + 1;
      for (int depth = 1; end < tok.size() && depth > 0; ++end) {
        if (tok[end] == '{') ++depth;
        else if (tok[end] == '}') --depth;
      }
      if (i + 1 < tok.size() && tok[i + 1] == '\\') {  // a special character
        std::size_t j = i + 2;
        std::size_t name_start = j;
        while (j < end && is_ascii_letter(tok[j])) ++j;
        const std::string_view name = tok.substr(name_start, j - name_start);
        static const std::unordered_set<std::string_view> kUpper = {"OE", "AE", "AA", "O", "L"};
        static const std::unordered_set<std::string_view> kLower = {"oe", "ae", "aa", "o", "l", "i", "j", "ss"};
        if (kUpper.count(name)) return 1;
        if (kLower.count(name)) return -1;
        for (; j < end; ++j)
          if (is_ascii_letter(tok[j])) return letter_case(tok[j]);
        return 0;
      }
      i = end;
      continue;
    }
    if (c == '\\') {  // an accent at depth 0: the letter after it decides
      ++i;
      if (i < tok.size() && !is_ascii_letter(tok[i])) ++i;
      continue;
    }
    if (is_ascii_letter(c)) return letter_case(c);
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t start = i;
      utf8_next(tok, i);
      const std::string folded = fold_diacritics(tok.substr(start, i - start));
      if (!folded.empty() && is_ascii_letter(folded[0])) return letter_case(folded[0]);
      continue;
    }
    ++i;
  }
  return 0;
}

std::string join_words(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!out.empty()) out += ' ';
    out.append(words[k]);
  }
  return out;
}

// Words that make a name a group's, when the file did not brace it.
bool is_group_name(std::string_view decoded) {
  static const std::unordered_set<std::string_view> kGroupWords = {
      "Group", "Groups", "Team", "Initiative", "Consortium", "Collaboration", "Collaborative",
      "Collaborators", "Committee", "Investigators", "Investigator", "Organization", "Organisation",
      "Association", "Society", "Network", "Trialists", "Council", "Panel", "Foundation", "Institute",
      "Agency", "Alliance", "Federation", "Programme", "Program", "Project", "Registry", "Taskforce",
      "Ministry", "Department", "University", "Working", "Board", "Academy",
      "College", "Centre", "Center"};
  for (std::string_view w : split_words(decoded)) {
    while (!w.empty() && std::strchr(",.;:()", w.back()) != nullptr) w.remove_suffix(1);
    if (kGroupWords.count(w)) return true;
  }
  return false;
}

bool is_name_suffix(std::string_view s) {
  std::string lower = ascii_lower(trim(s));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  return lower == "jr" || lower == "sr" || lower == "ii" || lower == "iii" || lower == "iv";
}

// One BibTeX name as "Surname Initials", a group whole; empty for "others".
std::string author_of(std::string_view raw) {
  raw = trim(raw);
  if (raw.empty() || raw == "others") return {};
  if (raw.front() == '{') {  // "{World Health Organization}": a group when one brace group
    int depth = 0;
    std::size_t end = 0;
    for (; end < raw.size(); ++end) {
      if (raw[end] == '{') ++depth;
      else if (raw[end] == '}' && --depth == 0) break;
    }
    if (end == raw.size() - 1) return decode_latex(raw);
  }
  const std::vector<std::string_view> parts = split_commas(raw);
  std::string first, surname, jr;
  if (parts.size() == 1) {  // First von Last
    const std::vector<std::string_view> words = split_words(parts[0]);
    if (words.empty()) return {};
    std::size_t von = words.size() - 1;
    for (std::size_t k = 0; k + 1 < words.size(); ++k)
      if (token_case(words[k]) < 0) {
        von = k;
        break;
      }
    first = join_words(words, 0, von);
    surname = join_words(words, von, words.size());
  } else {  // von Last, First / von Last, Jr, First
    surname = std::string(parts[0]);
    if (parts.size() == 2) {
      first = std::string(parts[1]);
    } else {
      jr = std::string(parts[1]);
      for (std::size_t k = 2; k < parts.size(); ++k) {
        if (!first.empty()) first += ", ";
        first.append(parts[k]);
      }
      // "Fulton, James E., Jr." (JabRef writes it so): the suffix came last, not second.
      if (is_name_suffix(first) && !is_name_suffix(jr)) std::swap(first, jr);
    }
  }
  surname = decode_latex(surname);
  first = decode_latex(first);
  jr = decode_latex(jr);
  if (surname.empty()) return {};
  if (is_group_name(surname) || is_group_name(first)) {
    std::string whole = first;
    if (!whole.empty()) whole += ' ';
    whole += surname;
    return whole;
  }
  std::string name = author_name(surname, first);
  while (!jr.empty() && jr.back() == '.') jr.pop_back();
  if (!jr.empty()) name += ' ' + jr;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Other fields

constexpr std::array<const char*, 12> kMonthAbbrev = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kMonthNames = {"january", "february", "march",     "april",
                                                     "may",     "june",     "july",      "august",
                                                     "september", "october", "november", "december"};

// "may", "May", "September", "Sept.", "5", "05" -> "May"/"Sep"; other text as given.
std::string month_text(const std::string& decoded) {
  if (decoded.empty()) return {};
  if (all_digits(decoded) && decoded.size() <= 2) {
    const int n = std::stoi(decoded);
    return n >= 1 && n <= 12 ? kMonthAbbrev[static_cast<std::size_t>(n - 1)] : decoded;
  }
  std::string word = ascii_lower(decoded);
  if (!word.empty() && word.back() == '.') word.pop_back();
  if (word.size() >= 3 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    for (std::size_t m = 0; m < kMonthNames.size(); ++m)
      if (std::string_view(kMonthNames[m]).substr(0, word.size()) == word) return kMonthAbbrev[m];
  return decoded;
}

// The first run of exactly four digits, 0 when there is none.
int year_of(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j - i == 4) return std::stoi(std::string(s.substr(i, 4)));
    i = j;
  }
  return 0;
}

// BibLaTeX's date "2009", "2009-03", "2009-03-15", "2009-03/2010-01", "2009-21" (season).
void parse_date(std::string_view date, int& year, std::string& month) {
  date = trim(date);
  if (date.size() < 4 || !all_digits(date.substr(0, 4))) return;
  year = std::stoi(std::string(date.substr(0, 4)));
  if (date.size() >= 7 && date[4] == '-' && all_digits(date.substr(5, 2))) {
    const int m = std::stoi(std::string(date.substr(5, 2)));
    static constexpr std::array<const char*, 4> kSeasons = {"Spring", "Summer", "Autumn", "Winter"};
    if (m >= 1 && m <= 12) month = kMonthAbbrev[static_cast<std::size_t>(m - 1)];
    else if (m >= 21 && m <= 24) month = kSeasons[static_cast<std::size_t>(m - 21)];
  }
}

// Page ranges with a hyphen: "454--81", "454 – 81" -> "454-81".
std::string pages_text(const std::string& decoded) {
  std::string dashed;
  for (std::size_t i = 0; i < decoded.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8_next(decoded, i);
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212) dashed += '-';
    else dashed.append(decoded, start, i - start);
  }
  std::string out;
  for (std::size_t i = 0; i < dashed.size(); ++i) {
    if (dashed[i] == ' ' && ((i + 1 < dashed.size() && dashed[i + 1] == '-') || (!out.empty() && out.back() == '-')))
      continue;
    if (dashed[i] == '-' && !out.empty() && out.back() == '-') continue;
    out += dashed[i];
  }
  return out;
}

}  // namespace

bool looks_like_journal_abbreviation(std::string_view journal) {
  static const std::unordered_set<std::string_view> kFunctionWords = {
      "of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "&", "und", "der", "die", "das", "für",
      "fur", "de", "des", "du", "la", "le", "les", "et", "y", "del", "della", "di", "van", "voor", "en", "och"};
  static const std::unordered_set<std::string_view> kNlmWords = {
      "Am", "Ann", "Arch", "Br", "Clin", "Med", "Surg", "Oncol", "Res", "Rev", "Int", "Eur", "Engl", "Natl",
      "Acad", "Sci", "Soc", "Assoc", "Dis", "Infect", "Microbiol", "Nutr", "Metab", "Cardiol", "Neurol",
      "Pediatr", "Gastroenterol", "Hepatol", "Endocrinol", "Immunol", "Biol", "Chem", "Pharmacol", "Ther",
      "Epidemiol", "Obstet", "Gynecol", "Radiol", "Dermatol", "Ophthalmol", "Urol", "Nephrol", "Rheumatol",
      "Hematol", "Physiol", "Pathol", "Biochem", "Genet", "Mol", "Exp", "Proc", "Lett", "Bull", "Rep", "Curr",
      "Opin", "Adv", "Syst", "Prev", "Anesth", "Anaesth", "Respir", "Crit", "Transl", "Psychol", "Behav",
      "Psychiatr", "Neurosci", "Cardiovasc", "Pulm", "Geriatr", "Orthop", "Dent", "Vet", "Toxicol",
      "Environ", "Intern", "Fam", "Pract", "Nurs", "Pharm", "Hosp", "Diagn", "Hist", "Jpn", "Chin"};
  const std::vector<std::string_view> words = split_words(trim(journal));
  if (words.size() < 2) return false;
  bool marked = false;
  for (std::string_view w : words) {
    if (kFunctionWords.count(w)) return false;
    const bool dotted = w.find('.') != std::string_view::npos;
    if (!dotted && w.size() > 3 && w[0] >= 'a' && w[0] <= 'z') return false;
    if (w.back() == '.' || (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') || kNlmWords.count(w)) marked = true;
  }
  return marked;
}

namespace {

// ---------------------------------------------------------------------------------------------
// The lexer

struct ParseError {
  int line;
  std::string what;
};

struct Field {
  std::string name;   // lower case
  std::string value;  // raw LaTeX, macros expanded
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& path, const RecordSink& sink)
      : s_(text), path_(path), sink_(sink) {
    for (std::size_t m = 0; m < kMonthNames.size(); ++m) {
      std::string name(kMonthNames[m]);
      std::string value = name;
      value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
      macros_[name.substr(0, 3)] = value;
    }
  }

  Status run() {
    try {
      int entries = 0;
      for (;;) {
        const std::size_t at = s_.find('@', i_);
        if (at == std::string_view::npos) break;
        line_ += static_cast<int>(std::count(s_.begin() + static_cast<std::ptrdiff_t>(i_),
                                             s_.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        i_ = at;
        const int start = line_;
        advance();
        skip_ws();
        const std::string type = ascii_lower(read_identifier());
        if (type.empty()) continue;  // a stray '@' in the text between entries
        skip_ws();
        const char open = peek();
        if (open != '{' && open != '(') continue;  // text such as an e-mail address
        const char close = open == '{' ? '}' : ')';
        advance();
        if (type == "comment") {
          skip_comment(close, start);
        } else if (type == "preamble") {
          Entry e{type, "", close, start};
          parse_value(e, "@preamble");
          skip_ws_and_comments();
          expect_close(e);
        } else if (type == "string") {
          parse_string(close, start);
        } else {
          ImportRecord record = parse_entry(type, close, start);
          if (type == "set" || type == "xdata") continue;  // BibLaTeX's helpers, not works
          ++entries;
          if (Status st = sink_(std::move(record)); !st.ok()) return st;
        }
      }
      if (entries == 0) return Status::Parse(path_ + ": no BibTeX entries");
      return Status::Ok();
    } catch (const ParseError& e) {
      return Status::Parse(path_ + ":" + std::to_string(e.line) + ": " + e.what);
    }
  }

 private:
  struct Entry {
    std::string type;
    std::string key;
    char close;
    int start;
    std::string name() const { return "@" + type + "{" + key; }
  };

  bool eof() const { return i_ >= s_.size(); }
  char peek() const { return eof() ? '\0' : s_[i_]; }
  void advance() {
    if (s_[i_] == '\n') ++line_;
    ++i_;
  }
  void skip_ws() {
    while (!eof() && is_space(s_[i_])) advance();
  }
  // Between fields a '%' line is a comment, as biber and JabRef take it.
  void skip_ws_and_comments() {
    for (;;) {
      skip_ws();
      if (peek() != '%') return;
      while (!eof() && peek() != '\n') advance();
    }
  }
  std::string read_identifier() {
    const std::size_t start = i_;
    while (!eof() && is_ident_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  [[noreturn]] void unterminated(const Entry& e) const {
    std::string what = "unterminated entry " + e.name() + ": no closing '" + std::string(1, e.close) + "' before ";
    what += eof() ? "the end of the file" : "the next entry at line " + std::to_string(line_);
    throw ParseError{e.start, what};
  }

  void expect_close(const Entry& e) {
    if (eof() || peek() == '@') unterminated(e);
    if (peek() != e.close)
      throw ParseError{line_,
                       std::string("expected '") + e.close + "' to end " + e.name() + ", found '" + peek() + "'"};
    advance();
  }

  // @comment{...}: skipped with its balanced braces.
  void skip_comment(char close, int start) {
    int depth = 0;
    while (!eof()) {
      const char c = peek();
      advance();
      if (c == '{') ++depth;
      else if (c == '}' && depth > 0) --depth;
      else if (c == close && depth == 0) return;
    }
    throw ParseError{start, "unterminated @comment: no closing '" + std::string(1, close) + "'"};
  }

  void parse_string(char close, int start) {
    Entry e{"string", "", close, start};
    skip_ws_and_comments();
    const int name_line = line_;
    const std::string name = read_identifier();
    if (name.empty()) {
      if (eof()) unterminated(e);
      throw ParseError{line_, "expected a macro name after @string, found '" + std::string(1, peek()) + "'"};
    }
    skip_ws_and_comments();
    if (peek() != '=') {
      if (eof()) unterminated(e);
      throw ParseError{name_line, "@string " + name + " without '='"};
    }
    advance();
    std::string value = parse_value(e, "@string " + name);
    skip_ws_and_comments();
    if (peek() == ',') {  // tolerated: "@string{x = {y},}"
      advance();
      skip_ws_and_comments();
    }
    expect_close(e);
    macros_[ascii_lower(name)] = std::move(value);
  }

  // A value: parts joined with '#', each braced, quoted, a number or a macro name.
  std::string parse_value(const Entry& e, const std::string& field) {
    std::string out;
    for (;;) {
      skip_ws();
      if (eof()) unterminated(e);
      const char c = peek();
      const int line = line_;
      if (c == '{') {
        read_braced(out, field);
      } else if (c == '"') {
        read_quoted(out, field);
      } else if (c == '@') {
        unterminated(e);
      } else if (is_ident_char(c)) {
        const std::string token = read_identifier();
        if (is_digit(token[0])) {
          out += token;
        } else {
          auto it = macros_.find(ascii_lower(token));
          if (it == macros_.end())
            throw ParseError{line, "undefined @string macro '" + token + "' in " + field + " of " + e.name()};
          out += it->second;
        }
      } else {
        throw ParseError{line,
                         "expected a value for " + field + " of " + e.name() + ", found '" + std::string(1, c) + "'"};
      }
      skip_ws();
      if (peek() != '#') return out;
      advance();
    }
  }

  void read_braced(std::string& out, const std::string& field) {
    const int open_line = line_;
    advance();
    int depth = 1;
    while (!eof()) {
      const char c = peek();
      if (c == '{' && ++depth > kMaxDepth)
        throw ParseError{line_, "braces nested deeper than " + std::to_string(kMaxDepth) + " levels in " + field};
      if (c == '}' && --depth == 0) {
        advance();
        return;
      }
      out += c;
      advance();
    }
    throw ParseError{open_line, "unbalanced braces: the '{' opening " + field + " is never closed"};
  }

  void read_quoted(std::string& out, const std::string& field) {
    const int open_line = line_;
    advance();
    int depth = 0;
    while (!eof()) {
      const char c = peek();
      if (c == '"' && depth == 0) {
        advance();
        return;
      }
      if (c == '{' && ++depth > kMaxDepth)
        throw ParseError{line_, "braces nested deeper than " + std::to_string(kMaxDepth) + " levels in " + field};
      if (c == '}' && --depth < 0) throw ParseError{line_, "unbalanced braces: '}' without '{' in " + field};
      out += c;
      advance();
    }
    if (depth > 0) throw ParseError{open_line, "unbalanced braces: a '{' in " + field + " is never closed"};
    throw ParseError{open_line, "unterminated quoted value of " + field};
  }

  ImportRecord parse_entry(const std::string& type, char close, int start) {
    Entry e{type, "", close, start};
    skip_ws_and_comments();
    // The key: up to ',' (BibTeX allows it empty, and JabRef writes "@article{,").
    const std::size_t key_start = i_;
    while (!eof() && !is_space(peek()) && peek() != ',' && peek() != close && peek() != '=' &&
           std::strchr("{}\"@", peek()) == nullptr)
      ++i_;
    std::string token(s_.substr(key_start, i_ - key_start));
    skip_ws_and_comments();
    std::string first_field;  // a keyless entry starts with a field
    if (peek() == '=') {
      first_field = ascii_lower(token);
    } else {
      e.key = token;
      if (peek() == ',') advance();
      else if (peek() != close) {
        if (eof() || peek() == '@') unterminated(e);
        throw ParseError{line_,
                         "expected ',' after the key of " + e.name() + ", found '" + std::string(1, peek()) + "'"};
      }
    }
    std::vector<Field> fields;
    for (;;) {
      std::string name;
      if (!first_field.empty()) {
        name = std::move(first_field);
        first_field.clear();
      } else {
        skip_ws_and_comments();
        if (eof() || peek() == '@') unterminated(e);
        if (peek() == close) {
          advance();
          break;
        }
        if (peek() == ',') {
          advance();
          continue;
        }
        const int field_line = line_;
        name = ascii_lower(read_identifier());
        if (name.empty())
          throw ParseError{line_, "expected a field name in " + e.name() + ", found '" + std::string(1, peek()) + "'"};
        skip_ws_and_comments();
        if (peek() != '=') {
          if (eof()) unterminated(e);
          throw ParseError{field_line, "field '" + name + "' without '=' in " + e.name()};
        }
      }
      advance();  // '='
      std::string value = parse_value(e, "field '" + name + "'");
      skip_ws_and_comments();
      if (peek() == ',') advance();
      else if (peek() != close) {
        if (eof() || peek() == '@') unterminated(e);
        throw ParseError{line_, "expected ',' or '" + std::string(1, close) + "' after field '" + name + "' of " +
                                    e.name() + ", found '" + std::string(1, peek()) + "'"};
      }
      const bool seen = std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
      if (!seen) fields.push_back({std::move(name), std::move(value)});
    }
    return to_record(fields, start);
  }

  ImportRecord to_record(const std::vector<Field>& fields, int start) const {
    auto raw = [&](std::string_view name) -> const std::string* {
      for (const Field& f : fields)
        if (f.name == name) return &f.value;
      return nullptr;
    };
    auto text = [&](std::initializer_list<std::string_view> names) -> std::string {
      for (std::string_view n : names)
        if (const std::string* v = raw(n)) {
          std::string t = decode_latex(*v);
          if (!t.empty()) return t;
        }
      return {};
    };
    auto verbatim = [&](std::initializer_list<std::string_view> names) -> std::string {
      for (std::string_view n : names)
        if (const std::string* v = raw(n)) {
          std::string t = verbatim_text(*v);
          if (!t.empty()) return t;
        }
      return {};
    };

    ImportRecord r;
    r.source_path = path_;
    r.source_line = start;
    r.format = "bibtex";

    r.title = text({"title"});
    if (std::string sub = text({"subtitle"}); !sub.empty()) r.title += (r.title.empty() ? "" : ": ") + sub;

    if (const std::string* authors = raw("author"))
      for (std::string_view name : split_names(*authors))
        if (std::string a = author_of(name); !a.empty()) r.authors.push_back(std::move(a));

    r.journal_title = text({"journal", "journaltitle"});
    r.journal_abbreviation = text({"journal-abbreviation", "journal_abbreviation", "journalabbreviation",
                                   "journalabbrev", "journal-abbrev", "journal_abbrev", "shortjournal",
                                   "journal-iso", "iso-abbreviation", "title-abbreviation"});
    if (r.journal_abbreviation.empty() && looks_like_journal_abbreviation(r.journal_title)) {
      r.journal_abbreviation = r.journal_title;
      r.journal_title.clear();
    }

    std::string date_month;
    if (const std::string* date = raw("date")) parse_date(verbatim_text(*date), r.year, date_month);
    if (int y = year_of(text({"year"}))) r.year = y;
    r.month = month_text(text({"month"}));
    if (r.month.empty()) r.month = date_month;

    r.volume = text({"volume"});
    r.issue = pages_text(text({"number", "issue"}));  // "2--3" -> "2-3"
    if (r.issue.size() > 3 && r.issue.compare(0, 3, "PMC") == 0 && all_digits(std::string_view(r.issue).substr(3)))
      r.issue.clear();  // JabRef's RIS import puts the PMC id here
    r.pages = pages_text(text({"pages", "eid"}));

    r.doi = clean_doi(verbatim({"doi"}));
    if (r.doi.empty()) r.doi = doi_from_url(verbatim({"url"}));

    // A PMID is digits; "PMID: 123" or "123[pmid]" in the field itself gives its digits.
    auto pmid_of = [](const std::string& v) { return all_digits(v) ? v : pmid_from_text(v); };
    r.pmid = pmid_of(verbatim({"pmid"}));
    if (r.pmid.empty() && ascii_lower(verbatim({"eprinttype", "archiveprefix"})) == "pubmed")
      r.pmid = pmid_of(verbatim({"eprint"}));
    for (std::string_view n : {"note", "comment", "annote", "extra"})
      if (r.pmid.empty()) r.pmid = pmid_from_text(verbatim({n}));
    if (r.pmid.empty()) r.pmid = pmid_from_url(verbatim({"url"}));

    if (std::string abstract = text({"abstract"}); !abstract.empty()) r.abstract.push_back({"", std::move(abstract)});

    if (std::string lang = text({"language", "langid"}); !lang.empty()) {
      const Language* language = find_language(lang);
      r.language = language ? std::string(language->iso639_2) : lang;
    }

    if (const std::string* keywords = raw("keywords")) {
      for (std::string_view k : split_top_level(*keywords, [](std::string_view t, std::size_t i) -> std::size_t {
             return t[i] == ',' || t[i] == ';' ? 1 : 0;
           })) {
        std::string kw = decode_latex(k);
        if (!kw.empty() && std::find(r.keywords.begin(), r.keywords.end(), kw) == r.keywords.end())
          r.keywords.push_back(std::move(kw));
      }
    }
    return r;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
  const std::string& path_;
  const RecordSink& sink_;
  std::unordered_map<std::string, std::string> macros_;
};

}  // namespace

Status read_bibtex(const std::string& path, const RecordSink& sink) {
  // Refused before reading, so that a huge file costs nothing.
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxBytes)
    return Status::IO(path + ": " + std::to_string(size) + " bytes, larger than the " +
                      std::to_string(kMaxBytes >> 20) + " MiB a BibTeX file may have; refusing to read it");
  Result<std::string> content = read_file(path, kMaxBytes);
  if (!content.ok()) {
    const Status& st = content.status();
    if (st.code() == Code::IO) return st;
    return Status::IO(st.message());  // a missing file: NotFound from read_file
  }
  std::string text = std::move(content.value());
  if (!is_valid_utf8(text)) text = from_windows_1252(text);
  std::string_view view(text);
  if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
  return Parser(view, path, sink).run();
}

}  // namespace kb
