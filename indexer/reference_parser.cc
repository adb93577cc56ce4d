// Vancouver/NLM reference strings into kb::Reference fields.
//
// How it reads a reference. A tokenizer cuts the string into words and single punctuation
// marks, each knowing whether whitespace surrounds it; nothing is copied. A recursive-descent
// grammar over those tokens then reads
//
//   Reference := Preamble [Authors] Title Source [Trailers]
//
// in this order:
//   1. Authors from the front: they end at the first sentence period (or at an author-year
//      "(1998)"), and are accepted only if the items look like names. Surname-first names with
//      a comma before the initials (APA's "Adler, S., & Macura, K. J. (2017).") are read by a
//      rule of their own and normalised to "Surname Initials".
//   2. Trailers (doi, PMID, Epub, language notes...) by their keywords, after the title's
//      first sentence.
//   3. The Source (journal, date, volume, issue, pages) anchored at the END: of the sentence
//      boundaries between the authors and the trailers, the LAST one after which the tokens
//      parse completely as a Source wins. Titles keep their inner periods, question marks and
//      colons this way ("Survival after ... cancer. The Miami experience. Cancer 1992; 70:129.")
//   4. The title is what lies between authors and source.
// When no Source fits, the parser falls back to what it is sure of and lists the rest in
// uncertain_fields; the raw string is always kept.
#include "indexer/reference_parser.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/text.h"

namespace kb {
namespace {

using std::size_t;
using std::string_view;

// ---- Bytes ----------------------------------------------------------------------------------
// Every test is on ASCII bytes. Bytes >= 0x80 (UTF-8 lead and continuation bytes) are always
// word content, so no token boundary can fall inside a multi-byte character.

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_alpha(char c) { return is_upper(c) || is_lower(c); }
constexpr bool is_high(char c) { return static_cast<unsigned char>(c) >= 0x80; }
constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(string_view a, string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

bool all_digits(string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_digit(c)) return false;
  }
  return true;
}

bool all_letters(string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is_alpha(c)) return false;
  }
  return true;
}

// Whitespace: ASCII blanks and the UTF-8 no-break space (C2 A0), which copy-pasted reference
// lists often contain. Returns its length in bytes at s[i], 0 if there is none.
size_t space_len(string_view s, size_t i) {
  const char c = s[i];
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return 1;
  if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < s.size() &&
      static_cast<unsigned char>(s[i + 1]) == 0xA0) {
    return 2;
  }
  return 0;
}

// ---- Tokens ---------------------------------------------------------------------------------

enum class Tok : std::uint8_t {
  Word,
  Period,
  Comma,
  Semicolon,
  Colon,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Question,
  Exclaim,
};

// The punctuation that separates tokens; everything else that is not whitespace is word
// content ("Poll-Franse", "#1006", "e93755", "15_suppl", "Trialists'", "Güller").
bool punct_kind(char c, Tok& kind) {
  switch (c) {
    case '.': kind = Tok::Period; return true;
    case ',': kind = Tok::Comma; return true;
    case ';': kind = Tok::Semicolon; return true;
    case ':': kind = Tok::Colon; return true;
    case '(': kind = Tok::LParen; return true;
    case ')': kind = Tok::RParen; return true;
    case '[': kind = Tok::LBracket; return true;
    case ']': kind = Tok::RBracket; return true;
    case '?': kind = Tok::Question; return true;
    case '!': kind = Tok::Exclaim; return true;
    default: return false;
  }
}

struct Token {
  size_t b = 0;  // byte range [b, e) in the raw string
  size_t e = 0;
  Tok kind = Tok::Word;
  bool space_before = false;  // whitespace (or the start) precedes it
  bool space_after = false;   // whitespace (or the end) follows it
};

void tokenize(string_view s, std::vector<Token>& out) {
  out.clear();
  bool space = true;  // the start of the string counts as whitespace
  size_t i = 0;
  while (i < s.size()) {
    if (const size_t w = space_len(s, i); w != 0) {
      i += w;
      space = true;
      if (!out.empty()) out.back().space_after = true;
      continue;
    }
    Tok kind = Tok::Word;
    if (punct_kind(s[i], kind)) {
      out.push_back({i, i + 1, kind, space, false});
      ++i;
    } else {
      size_t j = i + 1;
      while (j < s.size() && space_len(s, j) == 0 && !punct_kind(s[j], kind)) ++j;
      out.push_back({i, j, Tok::Word, space, false});
      i = j;
    }
    space = false;
  }
  // The end of the string counts as whitespace: a final "." is a sentence boundary.
  if (!out.empty()) out.back().space_after = true;
}

// ---- Vocabulary -----------------------------------------------------------------------------

constexpr std::array<string_view, 19> kMonths = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "spring", "summer", "fall", "autumn", "winter", "1st"};

constexpr std::array<string_view, 12> kMonthNames = {
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december"};

bool is_month_part(string_view w) {
  for (string_view m : kMonths) {
    if (iequals(w, m)) return true;
  }
  for (string_view m : kMonthNames) {
    if (iequals(w, m)) return true;
  }
  return false;
}

// "May", "Jan-Feb", "Nov-Dec", "Spring".
bool is_month(string_view w) {
  const size_t dash = w.find('-');
  if (dash == string_view::npos) return is_month_part(w) && !all_digits(w);
  return is_month_part(w.substr(0, dash)) && is_month_part(w.substr(dash + 1));
}

// Surname particles printed in lower case ("de Baere T", "van de Poll-Franse LV").
constexpr std::array<string_view, 22> kParticles = {
    "de", "del", "della", "der", "den", "di", "da", "das", "dos", "du", "van",
    "von", "la", "le", "ter", "ten", "zu", "af", "al", "el", "bin", "y"};

// Name suffixes that follow the initials ("Smith JA Jr").
constexpr std::array<string_view, 8> kSuffixes = {"jr", "sr", "2nd", "3rd", "4th", "ii", "iii",
                                                  "iv"};

// Words that make a name a collective author ("Early Breast Cancer Trialists' Collaborative
// Group (EBCTCG)", "American Society of Clinical Oncology"), a company that wrote a package
// insert ("Glaxo Wellcome Inc", "Abbott Laboratories") or a public body ("Food and Drug
// Administration", "Ministério da Saúde", "Sociedade Brasileira de Pediatria"). Capitalised
// only.
constexpr std::array<string_view, 62> kCollective = {
    "Group", "Groups", "Collaborative", "Collaboration", "Collaborators", "Committee",
    "Consortium", "Society", "Association", "Trialists", "Investigators", "Network",
    "Panel", "Organization", "Organisation", "Working", "College", "Institute",
    "Institutes", "Force", "Board", "Council", "Agency", "Federation",
    "Programme", "Program", "Team", "Alliance", "Foundation", "Academy",
    "Centre", "Center", "Centres", "Centers", "Members", "Office", "Department", "Coalition",
    "Commission", "Intergroup", "Administration", "Ministry", "Bureau", "Service",
    "Services", "Authority", "Inc", "Corporation", "Corp", "Company", "Laboratories", "Ltd",
    "LLC", "Pharmaceuticals", "Ministério", "Ministerio", "Ministère", "Associação",
    "Asociación", "Sociedade", "Sociedad", "Société"};

struct Language {
  string_view name;
  string_view code;  // ISO 639-2/B, as MEDLINE uses
};

constexpr std::array<Language, 40> kLanguages = {{
    {"English", "eng"},   {"French", "fre"},     {"German", "ger"},     {"Spanish", "spa"},
    {"Italian", "ita"},   {"Japanese", "jpn"},   {"Chinese", "chi"},    {"Russian", "rus"},
    {"Portuguese", "por"}, {"Dutch", "dut"},     {"Polish", "pol"},     {"Czech", "cze"},
    {"Hungarian", "hun"}, {"Turkish", "tur"},    {"Korean", "kor"},     {"Danish", "dan"},
    {"Swedish", "swe"},   {"Norwegian", "nor"},  {"Finnish", "fin"},    {"Greek", "gre"},
    {"Hebrew", "heb"},    {"Croatian", "hrv"},   {"Serbian", "srp"},    {"Slovak", "slo"},
    {"Slovenian", "slv"}, {"Romanian", "rum"},   {"Bulgarian", "bul"},  {"Ukrainian", "ukr"},
    {"Persian", "per"},   {"Arabic", "ara"},     {"Lithuanian", "lit"}, {"Estonian", "est"},
    {"Latvian", "lav"},   {"Icelandic", "ice"},  {"Catalan", "cat"},    {"Thai", "tha"},
    {"Vietnamese", "vie"}, {"Indonesian", "ind"}, {"Afrikaans", "afr"}, {"Multiple", "mul"},
}};

string_view language_code(string_view w) {
  for (const Language& l : kLanguages) {
    if (iequals(w, l.name)) return l.code;
  }
  return {};
}

template <size_t N>
bool in_list(string_view w, const std::array<string_view, N>& list) {
  for (string_view x : list) {
    if (iequals(w, x)) return true;
  }
  return false;
}

// One initial or a run of them as a word of an inverted name, without its period: "S", "MA",
// "-P" (of "J.-P."), "Á". At most three letters, none of them lower case ASCII.
bool is_initial_word(string_view w) {
  if (w.empty() || w.size() > 6) return false;
  size_t letters = 0;
  for (size_t k = 0; k < w.size(); ++k) {
    const char c = w[k];
    if (is_upper(c)) {
      ++letters;
    } else if (c == '-' && k == 0 && w.size() > 1) {
      continue;
    } else if (is_high(c)) {
      if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++letters;  // a lead byte
    } else {
      return false;
    }
  }
  return letters >= 1 && letters <= 3;
}

// Initials: 1-4 capitals, optionally dotted or hyphenated ("CG", "J-P", "C.G.").
bool is_initials(string_view w) {
  if (w.empty() || !is_upper(w[0])) return false;
  int caps = 0;
  for (char c : w) {
    if (is_upper(c)) {
      ++caps;
    } else if (c != '.' && c != '-') {
      return false;
    }
  }
  return caps >= 1 && caps <= 4;
}

// A surname word starts with a capital (ASCII or not: "Güller", "Ölçer"), or with an elided
// particle ("d'Amico"); it holds no digits or brackets.
bool is_surname_word(string_view w) {
  if (w.empty()) return false;
  const bool starts_ok = is_upper(w[0]) || is_high(w[0]) ||
                         (w.size() > 2 && is_lower(w[0]) && w[1] == '\'');
  if (!starts_ok) return false;
  for (char c : w) {
    if (is_digit(c) || c == '(' || c == ')' || c == '[' || c == ']' || c == ':' || c == '?') {
      return false;
    }
  }
  return true;
}

bool is_collective_word(string_view w) {
  // Two bodies joined by a slash ("American Thoracic Society/CDC"): either part may say it.
  if (const size_t slash = w.find('/'); slash != string_view::npos) {
    return is_collective_word(w.substr(0, slash)) || is_collective_word(w.substr(slash + 1));
  }
  // Strip the possessive or other trailing punctuation: "Trialists'" -> "Trialists".
  while (!w.empty() && !is_alpha(w.back()) && !is_high(w.back())) w.remove_suffix(1);
  for (string_view k : kCollective) {
    if (w == k) return true;
  }
  return false;
}

// ---- Grammar --------------------------------------------------------------------------------

// How well the tokens after a candidate split read as a Source.
enum class Fit : std::uint8_t {
  None,
  Partial,  // a Source, then a sentence we do not understand
  Full,     // a Source up to the end
};

// What kind of thing a reference was found in: a journal (or another serial), a publisher's
// imprint (a book, report, package insert or web page: "Atlanta, Georgia: Agency ..., 1999"),
// or a container named after "In:" (a book's chapter, a meeting's abstract).
enum class SourceKind : std::uint8_t { Journal, Publisher, Container };

// What a Source rule read; views into the raw string, copied out only once one is chosen.
struct Source {
  Fit fit = Fit::None;
  SourceKind kind = SourceKind::Journal;
  size_t journal_first = 0;  // token range of the journal name [first, last]
  size_t journal_last = 0;
  int year = 0;
  string_view month, volume, issue, supplement, pages, conference;
  bool pages_uncertain = false;
};

// Suffix: a name suffix printed as an item of its own ("Jack C, Jr, ..."), which belongs to the
// name before it. Note: an item wholly in parentheses ("(ASGE Committee Chair, 2017-2020)"), a
// role or affiliation of the name before it rather than an author.
enum class ItemKind : std::uint8_t { Person, EtAl, Collective, Suffix, Note, Other };

struct Item {
  size_t first = 0;  // token range [first, last) of the name, "et al" excluded
  size_t last = 0;
  ItemKind kind = ItemKind::Other;
  bool et_al = false;
  bool joined = false;  // a person of an item split at "and" / "&"
};

// Buffers reused by every parse on a thread: the tokenizer's and the author items'.
struct Scratch {
  std::vector<Token> tokens;
  std::vector<Item> items;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

constexpr size_t kNone = static_cast<size_t>(-1);
// Bounds that keep a 20,000-character garbage line linear: no journal name is longer than 24
// tokens, and no real reference has more than 64 sentences to try as the start of its source.
constexpr size_t kMaxJournalTokens = 24;
constexpr size_t kMaxSourceCandidates = 64;

class Parser {
 public:
  Parser(string_view raw, const std::vector<Token>& tokens, std::vector<Item>& items,
         Reference& ref)
      : raw_(raw), tok_(tokens), items_(items), ref_(ref), n_(tokens.size()), limit_(n_) {}

  void run();

 private:
  // -- token helpers --
  bool is(size_t i, Tok kind) const { return i < limit_ && tok_[i].kind == kind; }
  bool word(size_t i) const { return is(i, Tok::Word); }
  string_view text(size_t i) const { return raw_.substr(tok_[i].b, tok_[i].e - tok_[i].b); }
  // The raw bytes from token first through token last, inclusive.
  string_view span(size_t first, size_t last) const {
    return raw_.substr(tok_[first].b, tok_[last].e - tok_[first].b);
  }
  // A sentence boundary: ". ", "? " or "! " (or the same at the end). A period glued to the
  // next character ("10.3322", "U.S") is not one.
  bool boundary(size_t i) const {
    if (i >= limit_) return false;
    const Token& t = tok_[i];
    return (t.kind == Tok::Period || t.kind == Tok::Question || t.kind == Tok::Exclaim) &&
           t.space_after;
  }
  // Year := four digits, 1600-2100.
  bool year_at(size_t i, int* year) const;
  // An author-year list's date: a Year, or a Year with a letter that tells apart two works of
  // the same authors and year ("2009a").
  bool list_year_at(size_t i, int* year) const;
  // "(" ListYear ")"
  bool dated_at(size_t i, int* year) const {
    return is(i, Tok::LParen) && list_year_at(i + 1, year) && is(i + 2, Tok::RParen);
  }
  void mark(const char* field);

  // -- rules --
  size_t parse_preamble(size_t i);
  size_t parse_authors(size_t i);
  size_t parse_inverted_authors(size_t i0);
  size_t parse_body_of_state(size_t i0);
  bool names_end_at_colon(size_t i0, size_t c) const;
  bool dotted_abbreviation(size_t first, size_t p) const;
  bool split_joined_persons(size_t first, size_t last);
  ItemKind classify_item(size_t first, size_t last, Item& item) const;
  void add_author(const Item& item);
  size_t find_trailers(size_t title_start, size_t from) const;
  bool trailer_keyword(size_t i) const;
  size_t language_segment(size_t i, string_view* code) const;
  void parse_trailers(size_t i);
  struct Body {
    size_t limit = 0;  // where the trailers start
    size_t p = 0;      // where the source starts
    Source source;
  };
  Body find_body(size_t title_start);
  size_t find_source(size_t title_start, Source& out) const;
  void commit(size_t title_start, size_t p, const Source& chosen);
  bool single_word_sentence(size_t k, size_t title_start) const;
  Source parse_source(size_t p) const;
  Source date_tail(size_t i) const;
  Source author_year_tail(size_t i) const;
  Source volume_first_tail(size_t i) const;
  Source undated_tail(size_t i) const;
  Source parse_publisher(size_t p) const;
  size_t parse_place(size_t i) const;
  bool edition_at(size_t i) const;
  bool publication_year_at(size_t i, int* year) const;
  bool container_start(size_t c, size_t* content) const;
  Source parse_container(size_t c) const;
  string_view meeting_name(size_t first, size_t last) const;
  size_t skip_status(size_t i) const;
  size_t parse_date(size_t i, Source& s) const;
  size_t parse_volume_part(size_t i, Source& s) const;
  size_t parse_supplement(size_t i, Source& s) const;
  void read_issue(string_view content, Source& s) const;
  size_t parse_locator(size_t i, Source& s) const;
  Fit finish(size_t i) const;
  void set_title(size_t first, size_t last);
  void fallback(size_t title_start);

  string_view raw_;
  const std::vector<Token>& tok_;
  std::vector<Item>& items_;
  Reference& ref_;
  size_t n_;
  size_t limit_;  // tokens at and after limit_ are trailers, invisible to the Source rules

  int author_year_ = 0;        // "(1998)" after the authors
  bool collective_only_ = false;
  bool translated_ = false;    // the title was printed in brackets
  string_view printed_language_;
  int epub_year_ = 0;
};

bool Parser::year_at(size_t i, int* year) const {
  if (!word(i)) return false;
  const string_view w = text(i);
  if (w.size() != 4 || !all_digits(w)) return false;
  const int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  if (y < 1600 || y > 2100) return false;
  if (year != nullptr) *year = y;
  return true;
}

bool Parser::list_year_at(size_t i, int* year) const {
  if (year_at(i, year)) return true;
  if (!word(i)) return false;
  const string_view w = text(i);
  if (w.size() != 5 || !is_lower(w[4])) return false;
  for (size_t k = 0; k < 4; ++k) {
    if (!is_digit(w[k])) return false;
  }
  const int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  if (y < 1600 || y > 2100) return false;
  if (year != nullptr) *year = y;
  return true;
}

void Parser::mark(const char* field) {
  for (const std::string& f : ref_.uncertain_fields) {
    if (f == field) return;
  }
  ref_.uncertain_fields.emplace_back(field);
}

void Parser::run() {
  if (n_ == 0) {
    for (const char* f : {"authors", "title", "journal", "year"}) mark(f);
    return;
  }
  const size_t start = parse_preamble(0);
  size_t title_start = parse_authors(start);
  Body body = find_body(title_start);
  if (collective_only_ && body.source.fit != Fit::None && body.p == title_start) {
    // A collective name alone in front may as well be the title of an authorless reference
    // ("Cancer Center experience. Lancet 2001; 1:2."): it is an author only if a title follows.
    ref_.authors.clear();
    ref_.et_al = false;
    author_year_ = 0;
    title_start = start;
    body = find_body(title_start);
  }
  limit_ = n_;  // the trailers are read to the end
  if (body.limit < n_) parse_trailers(body.limit);
  limit_ = body.limit;
  if (body.source.fit == Fit::None) {
    fallback(title_start);
  } else {
    commit(title_start, body.p, body.source);
  }

  if (ref_.year == 0 && epub_year_ != 0) {
    // Ahead of print: the Epub date is the only date printed.
    ref_.year = epub_year_;
    mark("year");
  }
  if (ref_.year == 0) mark("year");

  // Language: printed, or undetermined for a bracketed (translated) title; else English.
  if (!printed_language_.empty()) {
    ref_.language = std::string(printed_language_);
    if (translated_) ref_.translated_from = ref_.language;
  } else if (translated_) {
    // The brackets say the title was translated, but not from what: rather than guess,
    // record ISO 639-2 "und" (undetermined), leave translated_from empty and flag it.
    ref_.language = "und";
    mark("language");
  }
}

// Rule Preamble := [ Number "." ] [ "[" "No" "authors" "listed" "]" ["."] ]
// A list number left in front ("12. Juan O, ...") and PubMed's marker for authorless items.
size_t Parser::parse_preamble(size_t i) {
  if (word(i) && all_digits(text(i)) && text(i).size() <= 3 && is(i + 1, Tok::Period) &&
      tok_[i + 1].space_after && i + 2 < n_) {
    i += 2;
  }
  if (is(i, Tok::LBracket) && i + 4 < n_ && iequals(text(i + 1), "No") &&
      iequals(text(i + 2), "authors") && iequals(text(i + 3), "listed") &&
      is(i + 4, Tok::RBracket)) {
    i += 5;
    if (is(i, Tok::Period)) ++i;
  }
  return i;
}

// Rule Authors := Item { ("," | ";") Item } ( "." | "(" Year ")" )
//      Item    := Person | "et al" | Collective
//      Person  := Surname{1,4} Initials [Suffix]     ("de Baere T", "Smith JA Jr")
// The segment ends at the first sentence period outside brackets, or where an author-year
// date "(1998)" follows the names. It is accepted as authors when its items read as names;
// otherwise the reference has no authors and the segment is the start of the title.
// Returns where the title starts.
size_t Parser::parse_authors(size_t i0) {
  if (const size_t title_start = parse_inverted_authors(i0); title_start != kNone) {
    return title_start;
  }
  if (const size_t title_start = parse_body_of_state(i0); title_start != kNone) {
    return title_start;
  }
  size_t end = i0;
  int depth = 0;
  bool dated = false;
  bool unpunctuated = false;  // "et al" ran into the title with no period between
  size_t item_first = i0;     // the first token of the name being read
  for (; end < n_; ++end) {
    const Tok k = tok_[end].kind;
    if (k == Tok::Comma || k == Tok::Semicolon) item_first = end + 1;
    if (k == Tok::LParen || k == Tok::LBracket) {
      if (k == Tok::LParen && depth == 0 && dated_at(end, nullptr)) {
        dated = true;
        break;
      }
      ++depth;
    } else if (k == Tok::RParen || k == Tok::RBracket) {
      if (depth > 0) --depth;
    } else if (depth == 0 && boundary(end)) {
      if (dotted_abbreviation(item_first, end)) continue;  // "U.S. Food and Drug ..."
      break;
    } else if (depth == 0 && k == Tok::Colon && names_end_at_colon(i0, end)) {
      break;  // "Lee CG, Smith J, et al: Title."  PDQ's "Smith AB, Jones C, et al.: Title."
    } else if (depth == 0 && end >= i0 + 2 && word(end) && iequals(text(end), "al") &&
               word(end - 1) && iequals(text(end - 1), "et") && is(end - 2, Tok::Comma) &&
               word(end + 1) && tok_[end + 1].space_before) {
      ++end;  // "de Souza DC, et al Pediatric patients ...": the title starts here
      unpunctuated = true;
      break;
    }
  }
  if (end == i0) return i0;

  // Split into items at commas and semicolons outside brackets.
  items_.clear();
  int persons = 0;
  int collectives = 0;
  int others = 0;
  depth = 0;
  size_t item_start = i0;
  for (size_t k = i0; k <= end; ++k) {
    const bool at_end = k == end;
    if (!at_end) {
      const Tok kind = tok_[k].kind;
      if (kind == Tok::LParen || kind == Tok::LBracket) ++depth;
      if ((kind == Tok::RParen || kind == Tok::RBracket) && depth > 0) --depth;
      if (depth != 0 || (kind != Tok::Comma && kind != Tok::Semicolon)) continue;
    }
    if (k > item_start) {
      Item item;
      item.kind = classify_item(item_start, k, item);
      if (item.kind == ItemKind::Other && split_joined_persons(item_start, k)) {
        item_start = k + 1;
        continue;  // "Jones C and Brown D": two persons, already counted
      }
      switch (item.kind) {
        case ItemKind::Person: ++persons; break;
        case ItemKind::Collective: ++collectives; break;
        case ItemKind::Other: ++others; break;
        case ItemKind::EtAl:
        case ItemKind::Suffix:
        case ItemKind::Note: break;
      }
      items_.push_back(item);
    }
    item_start = k + 1;
  }
  for (const Item& item : items_) {
    if (item.kind == ItemKind::Person && item.joined) ++persons;
  }

  const bool all_names = others == 0 && persons + collectives > 0;
  // A mostly-named list with an odd item ("Aristotle") is kept whole but flagged.
  const bool mostly_names = persons >= 2 && persons * 2 >= persons + collectives + others;
  // Names, then no period before what follows ("DeVita VT, Hellman S (Eds), Cancer:
  // Principles and Practice of Oncology, ..."): the names are authors, the rest the title.
  size_t leading = 0;
  while (leading < items_.size() && items_[leading].kind == ItemKind::Person) ++leading;
  if (!all_names && !mostly_names) {
    if (persons > 0) mark("authors");
    if (leading < 2) return i0;
    for (size_t k = 0; k < leading; ++k) add_author(items_[k]);
    return items_[leading].first;
  }
  if (!all_names) mark("authors");
  collective_only_ = persons == 0;
  for (const Item& item : items_) add_author(item);

  size_t i = unpunctuated ? end : end + 1;  // past the period
  if (dated) {
    list_year_at(end + 1, &author_year_);
    i = end + 3;
    if (is(i, Tok::Period) || is(i, Tok::Comma) || is(i, Tok::Colon)) ++i;
  } else if (dated_at(i, &author_year_)) {
    // "Lopez A, Murray C. (1998). Title."
    i += 3;
    if (is(i, Tok::Period)) ++i;
  } else if (!unpunctuated && list_year_at(i, nullptr) && boundary(i + 1) && i + 2 < n_) {
    // The Harvard and CSE form: "Smith AB, Jones C. 2009. Title."
    list_year_at(i, &author_year_);
    i += 2;
  }
  return i;
}

// Whether the colon at token c ends the names that start at i0: after "et al" or "et al."
// ("Lee CG, Smith J, et al: Title", PDQ's "et al.: Title"), after a person's initials in a
// list ("Smith AB, Jones C: Title") or a two-word name ("Smith AB: Title"), or after a
// collective name ("National Comprehensive Cancer Network: NCCN Clinical Practice ..."). A
// colon after capitalised title words ("Breast Cancer MRI: a review") is not one.
bool Parser::names_end_at_colon(size_t i0, size_t c) const {
  size_t k = c;
  if (k > i0 && is(k - 1, Tok::Period)) --k;
  if (k >= i0 + 2 && word(k - 1) && iequals(text(k - 1), "al") && word(k - 2) &&
      iequals(text(k - 2), "et")) {
    return true;
  }
  if (k == c && c > i0 && tok_[c].space_after) {
    size_t first = c;
    while (first > i0 && word(first - 1)) --first;
    Item item;
    if ((first == i0 || is(first - 1, Tok::Comma) || is(first - 1, Tok::Semicolon)) &&
        classify_item(first, c, item) == ItemKind::Collective) {
      return true;
    }
  }
  if (k != c || k < i0 + 2 || !word(k - 1) || !is_initials(text(k - 1)) || !word(k - 2) ||
      !is_surname_word(text(k - 2))) {
    return false;
  }
  for (size_t j = i0; j < k; ++j) {
    if (is(j, Tok::Comma)) return true;
  }
  return k == i0 + 2;
}

// Single capitals with glued periods, "U.S" of "U.S. Food and Drug Administration", from
// token first to the period at token p: an abbreviation in a name, not the end of the names.
bool Parser::dotted_abbreviation(size_t first, size_t p) const {
  if (p < first + 3) return false;
  for (size_t k = first; k < p; ++k) {
    const bool letter_place = (k - first) % 2 == 0;
    if (letter_place ? !(word(k) && text(k).size() == 1 && is_upper(text(k)[0]))
                     : !(is(k, Tok::Period) && !tok_[k].space_after)) {
      return false;
    }
  }
  // A name follows: "U.S. Food", not the end of "Smith J.A." (which a surname precedes).
  return word(p + 1) && is_upper(text(p + 1)[0]);
}

// An item that is no name may be two persons joined by "and" or "&" ("Jones C and Brown D",
// the author-year lists' last item). When every part is a person, the parts are added to
// items_ marked joined, and true is returned; a collective's own "and" ("Food and Drug
// Administration") never splits, since its parts are no persons.
bool Parser::split_joined_persons(size_t first, size_t last) {
  size_t part = first;
  std::vector<Item> parts;
  for (size_t k = first; k <= last; ++k) {
    const bool joiner = k < last && word(k) && (text(k) == "&" || iequals(text(k), "and"));
    if (!joiner && k < last) continue;
    if (k == part) return false;
    Item item;
    item.kind = classify_item(part, k, item);
    if (item.kind != ItemKind::Person) return false;
    item.joined = true;
    parts.push_back(item);
    part = k + 1;
  }
  if (parts.size() < 2) return false;
  items_.insert(items_.end(), parts.begin(), parts.end());
  return true;
}

// Rule BodyOfState := Jurisdiction "." Collective "." Title ...
// A public body printed under its state, as NLM cites government authors ("Brasil. Ministério
// da Saúde. Title [Internet]. ..."): one author, both sentences. The jurisdiction is one to
// three capitalised words that are no person's name and no acronym ("CDC. Title" is an author
// and a title); the body is one collective name of at most eight tokens. Returns where the
// title starts, kNone when the reference does not open so.
size_t Parser::parse_body_of_state(size_t i0) {
  size_t k = i0;
  while (k < n_ && k - i0 < 3 && word(k) && is_surname_word(text(k)) && !is_initials(text(k)) &&
         !is_collective_word(text(k))) {
    ++k;
  }
  if (k == i0 || !boundary(k)) return kNone;
  const size_t body = k + 1;
  size_t e = body;
  while (e < n_ && e - body <= 8 && !boundary(e)) {
    if (!word(e)) return kNone;  // no commas, colons or brackets in a body's name
    ++e;
  }
  if (e == body || e >= n_ || !boundary(e) || e + 1 >= n_) return kNone;
  Item item;
  if (classify_item(body, e, item) != ItemKind::Collective) return kNone;
  ref_.authors.emplace_back(span(i0, e - 1));
  collective_only_ = true;
  return e + 1;
}

// Rule InvertedAuthors := Inverted { Sep Inverted } [ Sep "et al" ["."] ] End
//      Inverted := Surname{1,4} "," Initial { Initial } [ "," Suffix ]
//      Initial  := Capitals ["."]               "S.", "K. J.", "MA.", "J.-P." ("J" "." "-P" ".")
//      Sep      := ( "," | ";" ) [ "&" | "and" ] | "&" | "and"
//      End      := "(" Year ")" [ "." ]  |  the sentence end after the last initials
// Surname-first names with a comma before the initials, as APA prints them ("Adler, S.,
// Seidel, J., & Maass-Moreno, R. (2017).") and NIH manuscripts do ("Nowak, MA.; May, RM.").
// They are normalised to the Vancouver form the rest of the KB uses, "Surname Initials"
// ("Macura, K. J." -> "Macura KJ", "Jack, C., Jr." -> "Jack C Jr"), so these names are not
// substrings of raw. A surname word that looks like initials ("Lee CG, ...") means the list is
// Vancouver's: returns kNone, and nothing is read.
size_t Parser::parse_inverted_authors(size_t i0) {
  std::vector<std::string> names;
  size_t i = i0;
  bool et_al = false;
  int year = 0;
  size_t title_start = kNone;
  while (title_start == kNone) {
    // Surname{1,4} ","
    const size_t first = i;
    bool has_surname = false;
    while (word(i) && i - first < 4) {
      const string_view w = text(i);
      if (!in_list(w, kParticles)) {
        if (!is_surname_word(w) || is_initials(w)) break;
        has_surname = true;
      }
      ++i;
    }
    if (!has_surname || !is(i, Tok::Comma)) return kNone;
    std::string name(span(first, i - 1));
    name += ' ';
    ++i;
    // Initial { Initial }; the last sentence boundary among them is where the list may end
    // when what follows is no separator ("Smith, J. A title ...").
    const size_t initials_at = name.size();
    size_t boundary_next = kNone;   // token after a boundary period among the initials
    size_t boundary_size = 0;       // name's length up to it
    while (word(i) && is_initial_word(text(i))) {
      name += text(i);
      ++i;
      if (is(i, Tok::Period)) {
        if (boundary(i)) {
          boundary_next = i + 1;
          boundary_size = name.size();
        }
        ++i;
      }
    }
    if (name.size() == initials_at) return kNone;
    // [ "," Suffix ]
    if (is(i, Tok::Comma) && word(i + 1) && in_list(text(i + 1), kSuffixes)) {
      name += ' ';
      name += text(i + 1);
      i += 2;
      if (is(i, Tok::Period)) {
        if (boundary(i)) {
          boundary_next = i + 1;
          boundary_size = name.size();
        }
        ++i;
      }
    }
    // End := "(" Year ")"
    if (is(i, Tok::LParen) && year_at(i + 1, &year) && is(i + 2, Tok::RParen)) {
      names.push_back(std::move(name));
      i += 3;
      if (is(i, Tok::Period)) ++i;
      title_start = i;
      break;
    }
    // Sep
    const bool and_word = word(i) && (text(i) == "&" || iequals(text(i), "and"));
    if (is(i, Tok::Comma) || is(i, Tok::Semicolon) || and_word) {
      names.push_back(std::move(name));
      if (!and_word) ++i;
      if (word(i) && (text(i) == "&" || iequals(text(i), "and"))) ++i;
      // [ "et al" ["."] ] End
      if (word(i) && iequals(text(i), "et") && word(i + 1) && iequals(text(i + 1), "al")) {
        et_al = true;
        i += 2;
        const bool period = is(i, Tok::Period);
        if (period) ++i;
        if (is(i, Tok::LParen) && year_at(i + 1, &year) && is(i + 2, Tok::RParen)) {
          i += 3;
          if (is(i, Tok::Period)) ++i;
        } else if (!period || !boundary(i - 1)) {
          return kNone;
        }
        title_start = i;
      }
      continue;
    }
    // End := the sentence end after the initials
    if (boundary_next == kNone) return kNone;
    name.resize(boundary_size);
    names.push_back(std::move(name));
    title_start = boundary_next;
  }
  if (title_start >= n_) return kNone;  // nothing after the names: not a reference's authors
  ref_.authors = std::move(names);
  ref_.et_al = et_al;
  author_year_ = year;
  return title_start;
}

// A name as printed; a person's closing period ("Lee C.G.", "Smith JA Jr.") is dropped.
void Parser::add_author(const Item& item) {
  if (item.et_al) ref_.et_al = true;
  if (item.kind == ItemKind::EtAl || item.kind == ItemKind::Note || item.last <= item.first) {
    return;
  }
  if (item.kind == ItemKind::Suffix) {
    // "Jack C, Jr" is the person "Jack C Jr".
    if (ref_.authors.empty()) return;
    string_view suffix = span(item.first, item.last - 1);
    if (suffix.back() == '.') suffix.remove_suffix(1);
    ref_.authors.back().append(" ").append(suffix);
    return;
  }
  size_t last = item.last - 1;
  if (item.kind == ItemKind::Person && last > item.first && tok_[last].kind == Tok::Period) {
    --last;
  }
  ref_.authors.emplace_back(span(item.first, last));
}

// Reads the words of one author item (tokens [first, last)); a word is a run of tokens with
// no whitespace between them, so "C.G." and "(EBCTCG)" are single words.
ItemKind Parser::classify_item(size_t first, size_t last, Item& item) const {
  constexpr size_t kMaxWords = 8;
  std::array<string_view, kMaxWords> words{};
  std::array<size_t, kMaxWords> word_token{};  // first token of each word
  size_t m = 0;
  bool too_many = false;
  for (size_t k = first; k < last; ++k) {
    if (k == first || tok_[k].space_before) {
      if (m == kMaxWords) {
        too_many = true;
        break;
      }
      word_token[m] = k;
      words[m++] = text(k);
    } else {
      // Extend the current word to this token.
      const size_t b = tok_[word_token[m - 1]].b;
      words[m - 1] = raw_.substr(b, tok_[k].e - b);
    }
  }
  item.first = first;
  item.last = last;

  // "(ASGE Standards of Practice Committee Chair, 2017-2020)": a note on the name before.
  if (tok_[first].kind == Tok::LParen && tok_[last - 1].kind == Tok::RParen) {
    int depth = 0;
    bool whole = true;
    for (size_t k = first; k + 1 < last && whole; ++k) {
      if (tok_[k].kind == Tok::LParen) ++depth;
      if (tok_[k].kind == Tok::RParen) --depth;
      whole = depth > 0;
    }
    if (whole) return ItemKind::Note;
  }
  // "Jr" or "Jr." alone between commas.
  if (!too_many && m == 1) {
    string_view w = words[0];
    if (w.size() > 1 && w.back() == '.') w.remove_suffix(1);
    if (in_list(w, kSuffixes)) return ItemKind::Suffix;
  }

  // "... et al" closes the list, alone or after the last name.
  if (!too_many && m >= 2 && iequals(words[m - 2], "et") &&
      (iequals(words[m - 1], "al") || iequals(words[m - 1], "al."))) {
    item.et_al = true;
    m -= 2;
    if (m == 0) return ItemKind::EtAl;
    item.last = word_token[m];
  }

  // Editors of a book: "Rosenberg SA (Eds)" is the person "Rosenberg SA".
  if (!too_many && m >= 3 &&
      (words[m - 1] == "(Eds)" || words[m - 1] == "(eds)" || words[m - 1] == "(Ed)" ||
       words[m - 1] == "(ed)")) {
    --m;
    item.last = word_token[m];
  }
  for (size_t k = 0; k < m; ++k) {
    if (is_collective_word(words[k])) return ItemKind::Collective;
  }
  if (too_many) return ItemKind::Other;

  // Person := Surname{1,4} Initials [Suffix]
  if (m >= 2) {
    size_t initials = m - 1;
    if (m >= 3 && in_list(words[initials], kSuffixes)) --initials;
    if (initials <= 4 && is_initials(words[initials])) {
      bool has_surname = false;
      bool ok = true;
      for (size_t k = 0; k < initials && ok; ++k) {
        if (in_list(words[k], kParticles)) continue;
        ok = is_surname_word(words[k]);
        has_surname = true;
      }
      if (ok && has_surname) return ItemKind::Person;
    }
  }
  // A lone acronym is an organisation ("NCCN", "WHO", "EBCTCG").
  if (m == 1 && words[0].size() >= 2 && all_letters(words[0])) {
    bool caps = true;
    for (char c : words[0]) caps = caps && is_upper(c);
    if (caps) return ItemKind::Collective;
  }
  return ItemKind::Other;
}

// Rule Trailers := Trailer { Trailer }
//      Trailer  := "doi" [":"] Id | "PMID" [":"] Digits | "PMCID" ... | "pii" ... | URL
//                | "Epub" Date | "[Epub ahead of print]" | "Erratum in:" ... | "Comment in:" ...
//                | "Published" ... | "Accessed" ... | "Available" ... | Languages "."
//                | "[PubMed:" Digits "]"
// Returns the first token of the trailers, n_ if there are none. Keyword trailers start a
// sentence after the title's first sentence (which never is one); "doi:"/"PMID:" forms and
// URLs are recognised anywhere after the title's first token, glued or not.
size_t Parser::find_trailers(size_t title_start, size_t from) const {
  size_t first_sentence_end = title_start;
  while (first_sentence_end < n_ && !boundary(first_sentence_end)) ++first_sentence_end;
  for (size_t i = std::max(from, title_start + 1); i < n_; ++i) {
    if (word(i) && is(i + 1, Tok::Colon)) {
      const string_view w = text(i);
      if (iequals(w, "doi") || iequals(w, "pmid") || iequals(w, "pmcid") || iequals(w, "pii") ||
          iequals(w, "http") || iequals(w, "https")) {
        return i;
      }
    }
    if (i > first_sentence_end && boundary(i - 1) && trailer_keyword(i)) return i;
    // NLM's dates of a web page follow its date of publication unpunctuated:
    // "2021 [cited 2022 Feb 22]", "[updated 2021 Oct 22; cited 2022 Mar 5]".
    if (i > first_sentence_end && is(i, Tok::LBracket) && word(i + 1) &&
        (iequals(text(i + 1), "cited") || iequals(text(i + 1), "accessed") ||
         iequals(text(i + 1), "updated"))) {
      return i;
    }
  }
  return n_;
}

bool Parser::trailer_keyword(size_t i) const {
  if (is(i, Tok::LBracket) && word(i + 1)) {
    const string_view w = text(i + 1);
    return iequals(w, "Epub") || iequals(w, "Article") || iequals(w, "Published") ||
           iequals(w, "Erratum") || iequals(w, "Retracted") || iequals(w, "Retraction") ||
           (iequals(w, "PubMed") && is(i + 2, Tok::Colon)) ||
           // PDQ's link: "[PUBMED Abstract]"
           (iequals(w, "PubMed") && word(i + 2) && iequals(text(i + 2), "Abstract"));
  }
  if (is(i, Tok::LParen) && word(i + 1)) {
    const string_view w = text(i + 1);
    return iequals(w, "Accessed") || iequals(w, "Cited") || iequals(w, "Available");
  }
  if (!word(i)) return false;
  const string_view w = text(i);
  const string_view next = word(i + 1) ? text(i + 1) : string_view{};
  if (iequals(w, "doi") || iequals(w, "pmid") || iequals(w, "pmcid") || iequals(w, "pii") ||
      iequals(w, "epub") || iequals(w, "erratum") || iequals(w, "retraction") ||
      iequals(w, "retracted") || iequals(w, "corrigendum") || iequals(w, "accessed") ||
      iequals(w, "cited")) {
    return true;
  }
  if (iequals(w, "comment")) return iequals(next, "in") || iequals(next, "on");
  if (iequals(w, "published")) {
    return year_at(i + 1, nullptr) || is_month(next) || iequals(next, "online") ||
           iequals(next, "ahead") || iequals(next, "correction") || iequals(next, "erratum");
  }
  if (iequals(w, "available")) {
    return iequals(next, "at") || iequals(next, "from") || iequals(next, "online") ||
           is(i + 1, Tok::Colon);
  }
  if (iequals(w, "www") && is(i + 1, Tok::Period) && !tok_[i + 1].space_after) return true;
  string_view code;
  return language_segment(i, &code) != 0;
}

// Rule Languages := Language { "," Language } ( "." | end )      ("French.", "English, French.")
// Returns the number of tokens read (0 if it is not one); *code is the first non-English one,
// or "eng" when English is all that is printed.
size_t Parser::language_segment(size_t i, string_view* code) const {
  const size_t start = i;
  string_view first_other;
  bool any = false;
  while (word(i)) {
    const string_view c = language_code(text(i));
    if (c.empty()) return 0;
    if (iequals(text(i), "Multiple") && word(i + 1) && iequals(text(i + 1), "languages")) ++i;
    if (c != "eng" && first_other.empty()) first_other = c;
    any = true;
    ++i;
    if (is(i, Tok::Comma)) {
      ++i;
      continue;
    }
    break;
  }
  if (!any) return 0;
  if (i < limit_ && !boundary(i)) return 0;
  *code = first_other.empty() ? string_view("eng") : first_other;
  return i - start + (i < limit_ ? 1 : 0);
}

// Reads the trailers from token i to the end: doi, PMID, Epub year and printed language.
void Parser::parse_trailers(size_t i) {
  // Identifiers run to the next whitespace whatever punctuation they hold (a DOI may have
  // periods, slashes and brackets), less a final period or comma.
  auto identifier = [&](size_t k, size_t* next) {
    const size_t b = tok_[k].b;
    size_t e = b;
    while (e < raw_.size() && space_len(raw_, e) == 0) ++e;
    size_t j = k;
    while (j < n_ && tok_[j].b < e) ++j;
    *next = j;
    string_view id = raw_.substr(b, e - b);
    while (!id.empty() && (id.back() == '.' || id.back() == ',' || id.back() == ';')) {
      id.remove_suffix(1);
    }
    return id;
  };
  while (i < n_) {
    const bool sentence_start = i == 0 || boundary(i - 1);
    if (word(i) && iequals(text(i), "doi")) {
      size_t j = i + 1;
      if (is(j, Tok::Colon)) ++j;
      if (j < n_ && ref_.doi.empty()) {
        string_view id = identifier(j, &i);
        // "doi: http://dx.doi.org/10.1016/...": the DOI is what follows the resolver.
        for (string_view host : {string_view("doi.org/"), string_view("dx.doi.org/")}) {
          const size_t at = id.find(host);
          if (at != string_view::npos && starts_with_ci(id, "http")) {
            id.remove_prefix(at + host.size());
            break;
          }
        }
        ref_.doi = std::string(id);
        if (!starts_with_ci(id, "10.")) mark("doi");
        continue;
      }
    } else if (word(i) && (iequals(text(i), "http") || iequals(text(i), "https")) &&
               is(i + 1, Tok::Colon)) {
      const string_view url = identifier(i, &i);
      for (string_view host : {string_view("doi.org/"), string_view("dx.doi.org/")}) {
        const size_t at = url.find(host);
        if (at != string_view::npos && ref_.doi.empty()) {
          ref_.doi = std::string(url.substr(at + host.size()));
          break;
        }
      }
      continue;
    } else if (word(i) && iequals(text(i), "pmid")) {
      size_t j = i + 1;
      if (is(j, Tok::Colon)) ++j;
      if (word(j)) {
        ref_.pmid = std::string(text(j));
        if (!all_digits(text(j))) mark("pmid");
        i = j + 1;
        continue;
      }
    } else if (word(i) && iequals(text(i), "pubmed") && is(i + 1, Tok::Colon) && word(i + 2) &&
               all_digits(text(i + 2))) {
      // NIH manuscripts: "[PubMed: 9367954]".
      if (ref_.pmid.empty()) ref_.pmid = std::string(text(i + 2));
      i += 3;
      continue;
    } else if (word(i) && iequals(text(i), "epub")) {
      year_at(i + 1, &epub_year_);
    } else if (is(i, Tok::LBracket) && word(i + 1) && iequals(text(i + 1), "Article") &&
               word(i + 2) && iequals(text(i + 2), "in") && word(i + 3)) {
      // "[Article in French]"
      const string_view c = language_code(text(i + 3));
      if (!c.empty() && printed_language_.empty()) printed_language_ = c;
    } else if (sentence_start && word(i)) {
      string_view c;
      if (const size_t len = language_segment(i, &c); len != 0) {
        if (printed_language_.empty()) printed_language_ = c;
        i += len;
        continue;
      }
    }
    ++i;
  }
}

// Rule Body := Title Source [Trailers]
// The trailers start at the first trailer keyword; but a keyword inside the title ("Comment
// on: ...") would hide the source, so when no source fits before one keyword the next is
// tried, and at last none. Without any source the first keyword still ends the body.
Parser::Body Parser::find_body(size_t title_start) {
  constexpr int kMaxTrailerStarts = 8;
  Body body;
  limit_ = n_;  // trailer keywords are looked for in the whole reference
  const size_t first = find_trailers(title_start, title_start + 1);
  size_t t = first;
  for (int k = 0;; ++k) {
    limit_ = t;
    body.limit = t;
    body.p = find_source(title_start, body.source);
    if (body.source.fit != Fit::None || t >= n_) break;
    limit_ = n_;
    t = k + 1 < kMaxTrailerStarts ? find_trailers(title_start, t + 1) : n_;
  }
  if (body.source.fit == Fit::None) body.limit = first;
  return body;
}

// Rule Title Source, with the Source anchored at the end: the candidate starts are the
// title's start and every sentence boundary after it, tried from the last one backwards; the
// first that parses completely as a Source wins (else the first partial fit). Returns where
// the source starts; out.fit is None when nothing fits.
size_t Parser::find_source(size_t title_start, Source& out) const {
  size_t partial_p = kNone;
  size_t tried = 0;
  out = Source{};
  // A container ("In: ...", "Presented at ...") ends the title wherever it stands, before the
  // imprint of its book that the search from the end would find first.
  size_t containers = 0;
  for (size_t c = title_start + 1; c < limit_ && containers < kMaxSourceCandidates; ++c) {
    size_t content = 0;
    if (!boundary(c - 1) || !container_start(c, &content)) continue;
    ++containers;
    if (Source s = parse_container(c); s.fit != Fit::None) {
      out = s;
      return c;
    }
  }
  for (size_t p = limit_; p-- > title_start && tried < kMaxSourceCandidates;) {
    if (p != title_start && !boundary(p - 1)) continue;
    ++tried;
    Source s = parse_source(p);
    if (s.fit == Fit::None) {
      s = parse_publisher(p);
      // The edition before an imprint is no part of the title: "Title. 3rd ed. Geneva: ..."
      if (s.fit != Fit::None && p >= title_start + 3 && boundary(p - 1) && edition_at(p - 3) &&
          (p - 3 == title_start || boundary(p - 4))) {
        p -= 3;
      }
    }
    if (s.fit == Fit::Full) {
      out = s;
      return p;
    }
    if (s.fit == Fit::Partial && partial_p == kNone) {
      out = s;
      partial_p = p;
    }
  }
  return partial_p;
}

// A one-word sentence of at most six letters, as in "J. Clin. Oncol."
bool Parser::single_word_sentence(size_t k, size_t title_start) const {
  return k >= title_start && word(k) && text(k).size() <= 6 && is(k + 1, Tok::Period) &&
         tok_[k + 1].space_after && (k == title_start || boundary(k - 1));
}

// Fills the fields from the chosen source and the title before it.
void Parser::commit(size_t title_start, size_t chosen_p, const Source& chosen) {
  if (chosen.kind == SourceKind::Journal) {
    ref_.journal = std::string(span(chosen.journal_first, chosen.journal_last));
  }
  ref_.year = chosen.year;
  ref_.month = std::string(chosen.month);
  ref_.volume = std::string(chosen.volume);
  ref_.issue = std::string(chosen.issue);
  ref_.supplement = std::string(chosen.supplement);
  ref_.pages = std::string(chosen.pages);
  ref_.conference = std::string(chosen.conference);
  if (chosen.pages_uncertain) mark("pages");

  if (chosen_p == title_start) {
    mark("title");
    return;
  }
  // The title ends before its closing period, or with its "?" / "!".
  const size_t b = chosen_p - 1;
  const size_t last = tok_[b].kind == Tok::Period ? b - 1 : b;
  if (last + 1 > title_start && last < n_) {
    set_title(title_start, last);
  }
  if (ref_.title.empty()) mark("title");

  // Old dotted journal abbreviations ("J. Clin. Oncol. 2001;19:123") cut the journal at its
  // last word; say so rather than guess which one-word sentences belong to it. The mark of
  // one: a one-letter sentence ("J.") or two one-word sentences before a one-word journal; or
  // a one-word journal printed with its period ("Treat. 2006") after a sentence that ends in
  // an abbreviated word of two or three letters ("Breast Cancer Res. Treat. 2006").
  const bool one_word =
      chosen.kind == SourceKind::Journal && chosen.journal_first == chosen.journal_last;
  const bool dotted_words =
      one_word && chosen_p >= title_start + 2 &&
      single_word_sentence(chosen_p - 2, title_start) &&
      (text(chosen_p - 2).size() <= 2 ||
       (chosen_p >= title_start + 4 && single_word_sentence(chosen_p - 4, title_start)));
  bool dotted_tail = false;
  if (one_word && !dotted_words && chosen_p >= title_start + 3 &&
      is(chosen.journal_last + 1, Tok::Period) && is(chosen_p - 1, Tok::Period) &&
      word(chosen_p - 2) && !tok_[chosen_p - 2].space_after) {
    const string_view w = text(chosen_p - 2);
    dotted_tail = w.size() >= 2 && w.size() <= 3 && is_upper(w[0]);
    for (size_t k = 1; k < w.size(); ++k) dotted_tail = dotted_tail && is_lower(w[k]);
  }
  if (dotted_words || dotted_tail) {
    mark("journal");
    mark("title");
  }
}

// Rule Source  := Journal ( "." DateTail | DateTail | AuthorYearTail | "," AuthorYearTail )
//      Journal := Word { Word | "(" | ")" | inner "." }      at most kMaxJournalTokens
// The journal starts with a word that does not start with a digit; it may hold parentheses
// ("Oncology (Williston Park)") and glued periods. Each possible journal end is tried in turn.
// In the author-year styles, where the date came with the authors, APA separates the journal
// from its volume by a comma, and its journal names may hold commas and colons ("Journal of
// Nuclear Medicine: Official Publication, Society of Nuclear Medicine, 48(6), 932-945"). A
// period glued to the volume ("Int J Radiat Oncol Biol Phys.89:888-98") is no part of the
// journal's name.
Source Parser::parse_source(size_t p) const {
  if (!word(p) || is_digit(text(p)[0])) return {};
  for (size_t j = p + 1; j < limit_ && j - p <= kMaxJournalTokens; ++j) {
    Source s;
    if (is(j, Tok::Period) && tok_[j].space_after && year_at(j + 1, nullptr)) {
      s = date_tail(j + 1);  // PubMed: "CA Cancer J Clin. 2021 May;71(3):209-249."
    } else if (tok_[j].space_before && year_at(j, nullptr)) {
      // UpToDate: "Cancer 1992; 70:129." The year stands apart: "Version 2.2017" is no date.
      s = date_tail(j);
    } else if (author_year_ != 0 && word(j) && is_digit(text(j)[0])) {
      s = author_year_tail(j);  // author-year: "Nat Med 4: 1241-1243."
    } else if (author_year_ != 0 && is(j, Tok::Comma) && word(j + 1) &&
               is_digit(text(j + 1)[0])) {
      s = author_year_tail(j + 1);  // APA: "EJNMMI Physics, 4(1), 13."
    } else if (word(j) && tok_[j].space_before && is_digit(text(j)[0])) {
      s = volume_first_tail(j);  // PDQ: "Lancet Oncol 10 (3): 258-66, 2009."
    } else if (is(j, Tok::Period) && tok_[j].space_after && word(j + 1) &&
               all_digits(text(j + 1)) && is(j + 2, Tok::Colon)) {
      s = undated_tail(j + 1);  // no year printed: "Front Immunol. 12:656362."
    }
    if (s.fit != Fit::None) {
      s.journal_first = p;
      s.journal_last = j - 1;
      while (s.journal_last > p && tok_[s.journal_last].kind == Tok::Period &&
             !tok_[s.journal_last].space_after) {
        --s.journal_last;  // "Phys.89"
      }
      return s;
    }
    const Token& t = tok_[j];
    const bool journal_token =
        t.kind == Tok::Word || t.kind == Tok::LParen || t.kind == Tok::RParen ||
        (t.kind == Tok::Period && !t.space_after) ||
        (author_year_ != 0 && (t.kind == Tok::Comma || t.kind == Tok::Colon));
    if (!journal_token) break;
  }
  return {};
}

// Rule DateTail := Date [ Status ] [ ";" | "," ] VolPart [ ":" Locator ] End
//      Status   := "in press" | "(in press)" | "submitted" | "accepted" | "forthcoming"
//   "2021 May;71(3):209-249"  "1992; 70:129"  "2016; 34S: ASCO #1006"  "2011; :CD003366"
//   "2010 Suppl 2:S12-5"  "2016."  "1999 submitted."  "2005 in press."
Source Parser::date_tail(size_t i) const {
  Source s;
  i = parse_date(i, s);
  i = skip_status(i);
  if (is(i, Tok::Semicolon) || is(i, Tok::Comma)) ++i;
  i = parse_volume_part(i, s);
  if (is(i, Tok::Colon)) i = parse_locator(i + 1, s);
  s.fit = finish(i);
  return s;
}

// Rule AuthorYearTail := VolPart ( ":" | "," ) Locator End      (the year came after the
//                        | VolPart End                            authors)
//   "4: 1241-1243"  "46(5), 1247-1262" (APA)  "33 (suppl; abstr 9534)" (pages in the brackets)
Source Parser::author_year_tail(size_t i) const {
  Source s;
  s.year = author_year_;
  i = parse_volume_part(i, s);
  if (s.volume.empty()) return {};
  if (is(i, Tok::Colon) || is(i, Tok::Comma)) {
    i = parse_locator(i + 1, s);
  } else if (s.pages.empty()) {
    return {};
  }
  s.fit = finish(i);
  return s;
}

// Rule VolumeFirstTail := VolPart ":" Pages "," Year End      (PDQ: the year comes last)
//   "10 (3): 258-66, 2009"  "27: 2328-38, 2009"
Source Parser::volume_first_tail(size_t i) const {
  Source s;
  i = parse_volume_part(i, s);
  if (s.volume.empty() || !is(i, Tok::Colon)) return {};
  const size_t first = ++i;
  while (i < limit_ && i - first < 8 && !is(i, Tok::Comma) && !boundary(i)) ++i;
  if (i == first || !is(i, Tok::Comma) || !year_at(i + 1, &s.year)) return {};
  s.pages = span(first, i - 1);
  s.fit = finish(i + 2);
  return s;
}

// Rule UndatedTail := Volume ":" Locator End, complete only: a journal cited with no year
// ("Front Immunol. 12:656362."), whose year stays unknown (and is flagged).
Source Parser::undated_tail(size_t i) const {
  Source s;
  i = parse_volume_part(i, s);
  if (s.volume.empty() || !is(i, Tok::Colon)) return {};
  i = parse_locator(i + 1, s);
  s.fit = finish(i) == Fit::Full ? Fit::Full : Fit::None;
  return s;
}

// Rule Publisher := [ Edition "." ] [ Place ":" ] Name ( ";" | "," ) Date [ ":" Pages ]
//                   [ Dash ] [ "(" Note ")" ] [ "." "(" Series ")" ] [ "." Pages ] End
//      Edition   := Ordinal ( "ed" | "edn" | "edition" )                    "3rd ed."
//      Pages     := ( "p" | "pp" ) "." Locator                               "p. 93-113."
// The imprint of a book, report, package insert or web page:
//   "Research Triangle Park, North Carolina: Glaxo Wellcome Inc., 1998."
//   "Montvale, New Jersey: Medical Economics Company, 2000:678--83."
//   "Brasília (DF): Ministério da Saúde; 2022. (Boletim Epidemiológico Especial, 103)."
//   "Canada (CA): National Advisory Committee on Immunization; 2021 –"     (an open date)
//   "São Paulo: SBP; 2021 (Nota de Alerta, no 20, 28 de dezembro de 2021)."
//   "New York: McGraw-Hill; 2002. p. 93-113."
// Without a place the name must say it is a publisher ("Oxford University Press; 2000."), for
// "Title words; 2009" is no imprint. Only the date and the pages are kept: the KB has no
// field for a place or a publisher (kb::reference_type reads the publisher from raw).
Source Parser::parse_publisher(size_t p) const {
  size_t i = p;
  if (edition_at(i)) i += 3;
  const size_t place_end = parse_place(i);
  const bool placed = place_end != kNone;
  if (placed) i = place_end + 1;
  // Name: words, commas, brackets, "&" and inner periods ("Inc.,"), up to the date.
  constexpr size_t kMaxNameTokens = 16;
  const size_t name_first = i;
  bool says_publisher = false;
  Source s;
  s.kind = SourceKind::Publisher;
  for (;; ++i) {
    if (i >= limit_ || i - name_first > kMaxNameTokens) return {};
    if ((is(i, Tok::Semicolon) || is(i, Tok::Comma)) && i > name_first &&
        publication_year_at(i + 1, &s.year)) {
      break;
    }
    const Token& t = tok_[i];
    if (t.kind == Tok::Word) {
      const string_view w = text(i);
      if (is_digit(w[0])) return {};
      for (string_view k : {string_view("Press"), string_view("Publishers"),
                            string_view("Publishing"), string_view("Verlag"),
                            string_view("Books")}) {
        says_publisher = says_publisher || w == k;
      }
      continue;
    }
    const bool inner_period = t.kind == Tok::Period && !boundary(i);
    if (!inner_period && t.kind != Tok::Comma && t.kind != Tok::LParen &&
        t.kind != Tok::RParen) {
      return {};
    }
  }
  if (!placed && !says_publisher) return {};
  i += 2;  // the separator and the year
  string_view month_word = word(i) ? text(i) : string_view{};
  if (month_word.size() > 1 && month_word.back() == '-') month_word.remove_suffix(1);  // "Jan-"
  if (!month_word.empty() && is_month(month_word)) {
    s.month = month_word;
    ++i;
    if (word(i) && text(i).size() <= 2 && all_digits(text(i))) ++i;
  }
  if (is(i, Tok::Colon)) {  // a chapter's pages printed with the year: "2000:678--83"
    s.fit = finish(parse_locator(i + 1, s));
    return s;
  }
  if (word(i) && (text(i) == "-" || text(i) == "\xE2\x80\x93" || text(i) == "\xE2\x80\x94")) {
    ++i;  // "2021 –": published since 2021
  }
  auto skip_note = [&](size_t k) {  // "(...)" -> past its ")"; k itself if there is none
    if (!is(k, Tok::LParen)) return k;
    int depth = 0;
    for (size_t r = k; r < limit_ && r - k < 40; ++r) {
      if (tok_[r].kind == Tok::LParen) ++depth;
      if (tok_[r].kind == Tok::RParen && --depth == 0) return r + 1;
    }
    return k;
  };
  i = skip_note(i);
  if (boundary(i) && i + 1 < limit_) {
    // A series after the imprint, "(Boletim Epidemiológico Especial, 103).", or a chapter's
    // pages, "p. 93-113."
    if (const size_t after = skip_note(i + 1); after != i + 1) {
      i = after;
    } else if (word(i + 1) && (text(i + 1) == "p" || text(i + 1) == "pp")) {
      i = parse_locator(i + 1, s);
    }
  }
  s.fit = finish(i);
  return s;
}

// Edition := Ordinal ( "ed" | "edn" | "edition" ) "."            "3rd ed.", "2nd edition."
bool Parser::edition_at(size_t i) const {
  if (!word(i) || !word(i + 1) || !boundary(i + 2)) return false;
  const string_view n = text(i);
  const string_view e = text(i + 1);
  const bool ordinal = n.size() >= 3 && is_digit(n[0]) &&
                       (n.ends_with("st") || n.ends_with("nd") || n.ends_with("rd") ||
                        n.ends_with("th"));
  return ordinal && (iequals(e, "ed") || iequals(e, "edn") || iequals(e, "edition"));
}

// Rule Place := { Word | "," | "(" | ")" } ":"      at most ten tokens, no digits
//   "Research Triangle Park, North Carolina:"  "Brasília (DF):"  "New York:"
// Returns the colon's token, kNone when there is no place.
size_t Parser::parse_place(size_t i) const {
  const size_t first = i;
  while (i < limit_ && i - first < 10) {
    const Token& t = tok_[i];
    if (t.kind == Tok::Colon) break;
    if (t.kind == Tok::Word ? is_digit(text(i)[0])
                            : (t.kind != Tok::Comma && t.kind != Tok::LParen &&
                               t.kind != Tok::RParen)) {
      return kNone;
    }
    ++i;
  }
  if (i == first || !is(i, Tok::Colon) || !word(first) || !word(i + 1)) return kNone;
  return i;
}

// A publication year: a Year, or the start of a span of years as a book on the web prints
// them ("1993-2023", "2023-").
bool Parser::publication_year_at(size_t i, int* year) const {
  if (year_at(i, year)) return true;
  if (!word(i)) return false;
  const string_view w = text(i);
  if (w.size() < 5 || w[4] != '-') return false;
  for (size_t k = 0; k < 4; ++k) {
    if (!is_digit(w[k])) return false;
  }
  const int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  if (y < 1600 || y > 2100) return false;
  if (year != nullptr) *year = y;
  return true;
}

// Container := "In" ":" ...  |  [ "Paper" | "Poster" | "Abstract" ] "presented" "at" [":"] ...
// Whether token c opens a container; *content is its first token.
bool Parser::container_start(size_t c, size_t* content) const {
  if (word(c) && iequals(text(c), "In") && is(c + 1, Tok::Colon)) {
    *content = c + 2;
    return *content < limit_;
  }
  size_t k = c;
  if (word(k) && (iequals(text(k), "Paper") || iequals(text(k), "Poster") ||
                  iequals(text(k), "Abstract"))) {
    ++k;
  }
  if (!word(k) || !iequals(text(k), "presented") || !word(k + 1) || !iequals(text(k + 1), "at")) {
    return false;
  }
  k += 2;
  if (is(k, Tok::Colon)) ++k;
  *content = k;
  return k < limit_;
}

// Rule Container := "In:" Meeting | "In:" [ Editors "." ] BookTitle { "." Sentence } "." Publisher
//                 | "presented at" Meeting
//      Meeting   := a name with "Conference", "Congress", "Meeting", "Symposium"... and a year
// A meeting's abstract ("In: Program and abstracts of the 12th World AIDS Conference, Geneva,
// Switzerland, 1998.") fills conference and year; a book's chapter ("In: Physicians desk
// reference. Montvale, New Jersey: Medical Economics Company, 2000:678--83.") fills the year
// and the pages from the book's imprint. The book's title and editors have no field.
Source Parser::parse_container(size_t c) const {
  size_t first = 0;
  if (!container_start(c, &first)) return {};
  size_t sentence_end = first;
  while (sentence_end < limit_ && !boundary(sentence_end)) ++sentence_end;
  if (const string_view meeting = meeting_name(first, sentence_end); !meeting.empty()) {
    Source s;
    s.kind = SourceKind::Container;
    s.conference = meeting;
    for (size_t k = first; k < limit_; ++k) {
      int y = 0;
      if (year_at(k, &y)) s.year = y;
    }
    // "Abstract 123." after the meeting is the abstract's number.
    const size_t next = sentence_end + 1;
    if (next < limit_ && word(next) && starts_with_ci(text(next), "abstr")) {
      size_t e = next;
      while (e < limit_ && !boundary(e)) ++e;
      s.pages = span(next, e - 1);
    }
    s.fit = Fit::Full;
    return s;
  }
  if (first == c + 2) {  // a book: its imprint is at the start of a later sentence
    size_t tried = 0;
    for (size_t q = sentence_end + 1; q < limit_ && tried < kMaxSourceCandidates; ++q) {
      if (!boundary(q - 1)) continue;
      ++tried;
      Source s = parse_publisher(q);
      if (s.fit != Fit::None) {
        s.kind = SourceKind::Container;
        return s;
      }
    }
  }
  return {};
}

// The meeting a container names, from tokens [first, last): less the proceedings' own title
// ("Program and abstracts of the", "Proceedings of the") and cut before its place or date
// (the first "," or ";"). Empty when no word says it is a meeting.
string_view Parser::meeting_name(size_t first, size_t last) const {
  bool meeting = false;
  for (size_t k = first; k < last && !meeting; ++k) {
    if (!word(k)) continue;
    for (string_view w : {string_view("Conference"), string_view("Congress"),
                          string_view("Meeting"), string_view("Symposium"),
                          string_view("Workshop"), string_view("Colloquium"),
                          string_view("Convention"), string_view("Summit"),
                          string_view("Sessions"), string_view("Assembly")}) {
      meeting = meeting || iequals(text(k), w);
    }
  }
  if (!meeting) return {};
  size_t b = first;
  for (;;) {
    const size_t before = b;
    for (std::initializer_list<string_view> phrase :
         {std::initializer_list<string_view>{"Program", "and", "abstracts", "of"},
          std::initializer_list<string_view>{"Programme", "and", "abstracts", "of"},
          std::initializer_list<string_view>{"Proceedings", "of"},
          std::initializer_list<string_view>{"Abstracts", "of"},
          std::initializer_list<string_view>{"Abstracts", "from"},
          std::initializer_list<string_view>{"Abstract", "book", "of"}}) {
      size_t k = b;
      bool all = true;
      for (string_view w : phrase) {
        all = all && k < last && word(k) && iequals(text(k), w);
        ++k;
      }
      if (all) {
        b = k;
        break;
      }
    }
    if (b < last && word(b) && iequals(text(b), "the") && b != before) ++b;
    if (b == before) break;
  }
  size_t e = b;
  int depth = 0;
  while (e < last) {
    const Tok k = tok_[e].kind;
    if (k == Tok::LParen) ++depth;
    if (k == Tok::RParen && depth > 0) --depth;
    if (depth == 0 && (k == Tok::Comma || k == Tok::Semicolon)) break;
    ++e;
  }
  if (e == b) return {};
  return span(b, e - 1);
}

// Status := "in press" | "(in press)" | "submitted" | "accepted" | "forthcoming": a paper not
// yet published has a date but no volume or pages.
size_t Parser::skip_status(size_t i) const {
  const size_t k = is(i, Tok::LParen) ? i + 1 : i;
  size_t e = k;
  if (word(k) && iequals(text(k), "in") && word(k + 1) && iequals(text(k + 1), "press")) {
    e = k + 2;
  } else if (word(k) && (iequals(text(k), "submitted") || iequals(text(k), "accepted") ||
                         iequals(text(k), "forthcoming"))) {
    e = k + 1;
  } else {
    return i;
  }
  if (k == i) return e;
  return is(e, Tok::RParen) ? e + 1 : i;
}

// Rule Date := Year [ Month [ Day ] ]      "2021", "2021 May", "2005 Dec 17", "2010 Nov-Dec"
// The day is read but not kept; a number followed by ":" or "(" is a volume, not a day.
size_t Parser::parse_date(size_t i, Source& s) const {
  if (!year_at(i, &s.year)) return i;
  ++i;
  if (word(i) && is_month(text(i))) {
    s.month = text(i);
    ++i;
    if (word(i) && text(i).size() <= 2 && all_digits(text(i)) && !is(i + 1, Tok::Colon) &&
        !is(i + 1, Tok::LParen)) {
      ++i;
    }
  }
  return i;
}

// Rule VolPart := [ Volume ] [ Supplement ] [ "(" Issue ")" ] [ Supplement ]
//      Volume  := a word starting with a digit: "23"; "34S" is volume 34, supplement "S"
size_t Parser::parse_volume_part(size_t i, Source& s) const {
  if (word(i) && is_digit(text(i)[0])) {
    const string_view w = text(i);
    size_t d = 0;
    while (d < w.size() && is_digit(w[d])) ++d;
    const string_view rest = w.substr(d);
    if (!rest.empty() && all_letters(rest) &&
        (rest == "S" || rest == "s" || starts_with_ci(rest, "suppl"))) {
      s.volume = w.substr(0, d);
      s.supplement = rest;
    } else {
      s.volume = w;
    }
    ++i;
  }
  i = parse_supplement(i, s);
  if (is(i, Tok::LParen)) {
    size_t r = i + 1;
    while (r < limit_ && r - i <= 8 && tok_[r].kind != Tok::RParen) ++r;
    if (is(r, Tok::RParen) && r > i + 1) {
      read_issue(span(i + 1, r - 1), s);
      i = r + 1;
    }
  }
  return parse_supplement(i, s);
}

// Rule Supplement := ( "Suppl" | "Supplement" | "Supp" ) [ "." ] [ Number ]   "Suppl 2"
size_t Parser::parse_supplement(size_t i, Source& s) const {
  if (!word(i)) return i;
  const string_view w = text(i);
  if (!iequals(w, "suppl") && !iequals(w, "supplement") && !iequals(w, "supp")) return i;
  const size_t first = i++;
  if (is(i, Tok::Period) && word(i + 1)) ++i;
  if (word(i) && text(i).size() <= 4 && !is_month(text(i))) ++i;
  if (s.supplement.empty()) s.supplement = span(first, i - 1);
  return i;
}

// Issue: "3" -> issue; "15_suppl", "15S", "15 Suppl 1" -> issue "15" and that supplement;
// "Suppl 1" -> supplement only; anything else ("3 Pt 2", "1-2") as printed.
void Parser::read_issue(string_view content, Source& s) const {
  auto is_supplement_marker = [](string_view x) {
    return x == "S" || x == "s" || starts_with_ci(x, "suppl") || starts_with_ci(x, "supplement");
  };
  // ASCO's meeting abstracts: "(suppl; abstr 9534)", the supplement and its abstract number.
  if (const size_t semi = content.find(';'); semi != string_view::npos) {
    string_view head = content.substr(0, semi);
    string_view tail = content.substr(semi + 1);
    while (!head.empty() && head.back() == ' ') head.remove_suffix(1);
    while (!tail.empty() && tail.front() == ' ') tail.remove_prefix(1);
    if (is_supplement_marker(head) && starts_with_ci(tail, "abstr")) {
      if (s.supplement.empty()) s.supplement = head;
      if (s.pages.empty()) s.pages = tail;
      return;
    }
  }
  if (is_supplement_marker(content)) {
    if (s.supplement.empty()) s.supplement = content;
    return;
  }
  // The issue's label is no part of it: MMWR's Recommendations and Reports "(no. RR-20)".
  for (string_view label : {string_view("no."), string_view("no "), string_view("nr.")}) {
    if (content.size() > label.size() + 1 && starts_with_ci(content, label)) {
      content.remove_prefix(label.size());
      while (!content.empty() && content.front() == ' ') content.remove_prefix(1);
      break;
    }
  }
  size_t d = 0;
  while (d < content.size() && is_digit(content[d])) ++d;
  if (d > 0 && d < content.size()) {
    string_view rest = content.substr(d);
    if (rest[0] == '_' || rest[0] == ' ') rest.remove_prefix(1);
    if (!rest.empty() && is_supplement_marker(rest)) {
      s.issue = content.substr(0, d);
      if (s.supplement.empty()) s.supplement = rest;
      return;
    }
  }
  s.issue = content;
}

// Rule Locator := { Token } up to a sentence period or the end
//   "969", "1241-1243", "1539-69", "e93755", "S12-5", "CD003366", "ASCO #1006"
// Pages are kept as printed; of "120-7; discussion 127-8" only the part before ";". A locator
// that opens with a meeting's acronym ("ASCO #1006") also names the conference.
size_t Parser::parse_locator(size_t i, Source& s) const {
  // The label of a page range is no part of it: Harvard's "pp. 258-266", "p. 93".
  if (word(i) && (text(i) == "pp" || text(i) == "p") && is(i + 1, Tok::Period) &&
      word(i + 2) && is_digit(text(i + 2)[0])) {
    i += 2;
  }
  const size_t first = i;
  while (i < limit_ && !(tok_[i].kind == Tok::Period && tok_[i].space_after)) ++i;
  size_t end = first;
  // Pages end at a ";" ("120-7; discussion 127-8") or a bracketed note ("123a [abstract]").
  while (end < i && tok_[end].kind != Tok::Semicolon &&
         !(tok_[end].kind == Tok::LBracket && tok_[end].space_before && end > first)) {
    ++end;
  }
  while (end > first && tok_[end - 1].kind == Tok::Period) --end;
  if (end == first) {
    s.pages_uncertain = true;
    return i;
  }
  s.pages = span(first, end - 1);
  if (end - first > 6) s.pages_uncertain = true;
  if (end - first >= 2 && word(first) && text(first).size() >= 2) {
    bool acronym = true;
    for (char c : text(first)) acronym = acronym && is_upper(c);
    if (acronym) s.conference = s.pages;
  }
  return i;
}

// Rule End := [ "." ] end          A full fit; a sentence period with more after it is partial.
Fit Parser::finish(size_t i) const {
  if (i >= limit_) return Fit::Full;
  if (tok_[i].kind == Tok::Period) {
    if (i + 1 >= limit_) return Fit::Full;
    if (tok_[i].space_after) return Fit::Partial;
  }
  return Fit::None;
}

// Bracketed notes that old MEDLINE-derived lists print inside a title but that are no part of
// it: "[see comments]", "[comment]", "[abstract]", "[letter]", "[editorial]",
// "[published erratum appears in ...]"; and the medium NLM and AMA print after a title
// ("[Internet]", "[homepage on the Internet]", "[package insert]"), which
// kb::reference_type reads from the raw string.
bool is_title_note(string_view inner) {
  for (string_view k : {string_view("see comment"), string_view("comment"),
                        string_view("abstract"), string_view("letter"), string_view("editorial"),
                        string_view("see editorial"), string_view("published erratum"),
                        string_view("erratum")}) {
    if (starts_with_ci(inner, k)) return true;
  }
  // Media whole, so that a translated title ("[Internet use among adolescents]") stays.
  const string_view medium = trim(inner);
  for (string_view k : {string_view("internet"), string_view("online"),
                        string_view("homepage on the internet"),
                        string_view("monograph on the internet"),
                        string_view("database on the internet"),
                        string_view("serial on the internet"), string_view("package insert"),
                        string_view("poster")}) {
    if (medium.size() == k.size() && starts_with_ci(medium, k)) return true;
  }
  return false;
}

// The title less its bracketed notes and the blanks before them ("... outcome [abstract]?" ->
// "... outcome?"); the title as printed if it is nothing but notes.
std::string without_title_notes(string_view t) {
  std::string title(t);
  size_t pos = 0;
  while ((pos = title.find('[', pos)) != std::string::npos) {
    const size_t close = title.find(']', pos);
    if (close == std::string::npos) break;
    if (!is_title_note(string_view(title).substr(pos + 1, close - pos - 1))) {
      pos = close + 1;
      continue;
    }
    size_t b = pos;
    while (b > 0 && title[b - 1] == ' ') --b;
    title.erase(b, close + 1 - b);
    pos = b;
  }
  while (!title.empty() && title.back() == ' ') title.pop_back();
  return title.empty() ? std::string(t) : title;
}

// Title: tokens [first, last], less a final period and its bracketed notes ("[see comments]");
// "[...]" around the whole marks a translated title, whose brackets are dropped.
void Parser::set_title(size_t first, size_t last) {
  string_view t = span(first, last);
  if (!t.empty() && t.back() == '.') t.remove_suffix(1);
  // The notes go first, so that "[Title in French] [see comments]" is one bracketed title.
  std::string without_notes;
  if (t.find('[') != string_view::npos) {
    without_notes = without_title_notes(t);
    t = without_notes;
  }
  if (t.size() >= 2 && t.front() == '[' && t.back() == ']') {
    // The opening bracket must close at the very end: "[A] and [B]" is not one bracket.
    int depth = 0;
    bool whole = true;
    for (size_t k = 0; k + 1 < t.size() && whole; ++k) {
      if (t[k] == '[') ++depth;
      if (t[k] == ']') --depth;
      whole = depth > 0;
    }
    if (whole) {
      translated_ = true;
      t = t.substr(1, t.size() - 2);
      while (!t.empty() && (t.front() == ' ')) t.remove_prefix(1);
      while (!t.empty() && (t.back() == ' ' || t.back() == '.')) t.remove_suffix(1);
    }
  }
  ref_.title = std::string(t);
}

// No Source fits: keep what is sure. The title is taken as the first sentence after the
// authors; the year as the last plausible year printed; the rest is flagged.
void Parser::fallback(size_t title_start) {
  if (title_start < limit_) {
    size_t k = title_start;
    while (k < limit_ && !boundary(k)) ++k;
    size_t last = k < limit_ ? k : limit_ - 1;
    if (k < limit_ && tok_[k].kind == Tok::Period) {
      if (k == title_start) {
        last = kNone;
      } else {
        last = k - 1;
      }
    }
    if (last != kNone) set_title(title_start, last);
    int year = 0;
    for (size_t i = title_start; i < limit_; ++i) {
      int y = 0;
      if (year_at(i, &y)) year = y;
    }
    if (year == 0) year = author_year_;
    ref_.year = year;
  }
  for (const char* f : {"title", "journal", "year", "volume", "pages"}) mark(f);
}

}  // namespace

Reference parse_reference(std::string_view raw) {
  Reference ref;
  ref.raw = std::string(raw);
  Scratch& s = scratch();
  tokenize(raw, s.tokens);
  Parser parser(raw, s.tokens, s.items, ref);
  parser.run();
  return ref;
}

}  // namespace kb
