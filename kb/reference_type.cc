// Publication type from cue words of the printed reference and from the fields the parser
// filled. The cues are looked for in the ASCII-lower-cased raw string (UTF-8 bytes pass
// through unchanged, so "Ministério" is matched as printed in lower case).
#include "kb/reference_type.h"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

#include "kb/text.h"

namespace kb {
namespace {

using std::size_t;
using std::string_view;

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Letters, digits and every byte of a UTF-8 sequence belong to words.
constexpr bool is_word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool contains(string_view text, string_view cue) { return text.find(cue) != string_view::npos; }

bool contains_any(string_view text, std::initializer_list<string_view> cues) {
  for (string_view c : cues) {
    if (contains(text, c)) return true;
  }
  return false;
}

// cue as whole words: no word byte touches either end.
bool has_words(string_view text, string_view cue) {
  for (size_t at = text.find(cue); at != string_view::npos; at = text.find(cue, at + 1)) {
    const size_t end = at + cue.size();
    const bool left = at == 0 || !is_word_byte(text[at - 1]);
    const bool right = end == text.size() || !is_word_byte(text[end]);
    if (left && right) return true;
  }
  return false;
}

bool has_any_words(string_view text, std::initializer_list<string_view> cues) {
  for (string_view c : cues) {
    if (has_words(text, c)) return true;
  }
  return false;
}

// A year, 1600-2100, starting at text[i] and standing alone.
bool year_at(string_view text, size_t i) {
  if (i + 4 > text.size()) return false;
  for (size_t k = i; k < i + 4; ++k) {
    if (!is_digit(text[k])) return false;
  }
  if (i + 4 < text.size() && is_digit(text[i + 4])) return false;
  const int y = (text[i] - '0') * 1000 + (text[i + 1] - '0') * 100 + (text[i + 2] - '0') * 10 +
                (text[i + 3] - '0');
  return y >= 1600 && y <= 2100;
}

// The publisher of a book or report as printed before its year, "Place: Publisher; Year" or
// "Place: Publisher, Year" ("Atlanta, Georgia: Agency for Toxic Substances and Disease
// Registry, 1999"); empty when there is none. The colon follows a place name, a letter or a
// closing parenthesis ("Brasília (DF):"), never a digit ("2000:678--83").
string_view publisher(string_view text) {
  constexpr size_t kMaxPublisher = 120;
  for (size_t colon = text.find(':'); colon != string_view::npos;
       colon = text.find(':', colon + 1)) {
    if (colon == 0) continue;
    const char before = text[colon - 1];
    if (!(is_word_byte(before) && !is_digit(before)) && before != ')') continue;
    size_t b = colon + 1;
    while (b < text.size() && text[b] == ' ') ++b;
    size_t e = b;
    while (e < text.size() && e - b <= kMaxPublisher && text[e] != ';' && text[e] != ',' &&
           text[e] != ':' && !(text[e] == '.' && e + 1 < text.size() && text[e + 1] == ' ')) {
      ++e;
    }
    if (e >= text.size() || e == b || (text[e] != ';' && text[e] != ',')) continue;
    size_t y = e + 1;
    while (y < text.size() && text[y] == ' ') ++y;
    if (year_at(text, y)) return text.substr(b, e - b);
  }
  return {};
}

// A commercial publisher named before a year with no place ("Oxford University Press; 2000").
bool press_before_year(string_view text) {
  for (string_view cue : {string_view("press"), string_view("publishers"),
                          string_view("publishing"), string_view("verlag")}) {
    for (size_t at = text.find(cue); at != string_view::npos; at = text.find(cue, at + 1)) {
      size_t i = at + cue.size();
      if (i < text.size() && text[i] == '.') ++i;
      if (i >= text.size() || (text[i] != ';' && text[i] != ',')) continue;
      ++i;
      while (i < text.size() && text[i] == ' ') ++i;
      if (year_at(text, i)) return true;
    }
  }
  return false;
}

// A sentence that opens with "In:", the book or proceedings a chapter or abstract is in.
bool in_container(string_view text) {
  for (size_t at = text.find("in:"); at != string_view::npos; at = text.find("in:", at + 1)) {
    if (at == 0) return true;
    size_t k = at;
    while (k > 0 && text[k - 1] == ' ') --k;
    if (k < at && (k == 0 || text[k - 1] == '.' || text[k - 1] == ']')) return true;
  }
  return false;
}

// An edition printed as an ordinal: "8th ed", "3rd edn", "2nd ed.".
bool ordinal_edition(string_view text) {
  for (size_t at = text.find(" ed"); at != string_view::npos; at = text.find(" ed", at + 1)) {
    size_t end = at + 3;
    if (end < text.size() && text[end] == 'n') ++end;
    if (end < text.size() && is_word_byte(text[end])) continue;
    if (at < 3 || !is_digit(text[at - 3])) continue;
    const string_view suffix = text.substr(at - 2, 2);
    if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") return true;
  }
  return false;
}

// Serials of governments that print notices and rules, cited like journals.
bool government_serial(string_view journal) {
  std::string j = ascii_lower(trim(journal));
  while (!j.empty() && j.back() == '.') j.pop_back();
  for (string_view s : {string_view("federal register"), string_view("fed regist"),
                        string_view("fed reg"), string_view("code of federal regulations"),
                        string_view("congressional record")}) {
    if (j == s) return true;
  }
  return false;
}

bool public_body(string_view publisher_name) {
  return has_any_words(publisher_name,
                       {"agency", "department", "dept", "ministry", "ministério", "ministerio",
                        "ministère", "administration", "government", "office", "bureau",
                        "commission", "secretaria", "centers for disease control", "cdc",
                        "world health organization", "who", "council", "committee",
                        "institute", "national", "federal", "public health"});
}

bool commercial_publisher(string_view publisher_name) {
  return has_any_words(publisher_name, {"press", "publishers", "publishing", "verlag", "books",
                                        "wiley", "springer", "elsevier", "lippincott",
                                        "saunders", "mosby", "company", "inc", "ltd", "co",
                                        "editora", "editorial", "éditions", "publications"});
}

}  // namespace

const char* to_string(ReferenceType type) {
  switch (type) {
    case ReferenceType::JournalArticle: return "journal_article";
    case ReferenceType::ConferenceAbstract: return "conference_abstract";
    case ReferenceType::PackageInsert: return "package_insert";
    case ReferenceType::Report: return "report";
    case ReferenceType::WebPage: return "web_page";
    case ReferenceType::Book: return "book";
    case ReferenceType::BookChapter: return "book_chapter";
    case ReferenceType::Other: return "other";
  }
  return "other";
}

std::optional<ReferenceType> reference_type_from_string(std::string_view name) {
  for (ReferenceType t : kAllReferenceTypes) {
    if (name == to_string(t)) return t;
  }
  return std::nullopt;
}

ReferenceType reference_type(const Reference& ref) {
  const std::string text = ascii_lower(ref.raw);

  // Meeting abstracts, in a journal's supplement ("34S: ASCO #1006") or in a programme book.
  if (!ref.conference.empty() || starts_with_ci(ref.pages, "abstr") ||
      contains_any(text, {"[abstract]", "(abstract)", "[abstr]", "[meeting abstract]",
                          "[poster]", "presented at", "program and abstracts",
                          "programme and abstracts"})) {
    return ReferenceType::ConferenceAbstract;
  }
  if (government_serial(ref.journal)) return ReferenceType::Report;
  if (!ref.journal.empty()) return ReferenceType::JournalArticle;

  if (contains_any(text, {"package insert", "prescribing information", "product monograph",
                          "summary of product characteristics"})) {
    return ReferenceType::PackageInsert;
  }
  if (contains_any(text, {"report no", "technical report", "tech rep", "white paper",
                          "working paper"})) {
    return ReferenceType::Report;
  }
  // Before the web's marks: a chapter of a book on the web ("In: StatPearls [Internet]") is a
  // chapter still.
  if (in_container(text)) return ReferenceType::BookChapter;
  if (contains_any(text, {"[internet]", "[cited", "[updated", "[homepage", "[online]",
                          "available from", "available at", "available online", "http://",
                          "https://", "www."}) ||
      has_words(text, "accessed")) {
    return ReferenceType::WebPage;
  }
  const string_view by = publisher(text);
  if (!by.empty() && public_body(by) && !commercial_publisher(by)) return ReferenceType::Report;
  if (!by.empty() || press_before_year(text) ||
      contains_any(text, {"(eds)", "(ed)", "(eds.)", "(ed.)", "editors.", "editor.",
                          "edition"}) ||
      ordinal_edition(text)) {
    return ReferenceType::Book;
  }
  return ReferenceType::Other;
}

bool title_can_name_design(ReferenceType type) {
  switch (type) {
    case ReferenceType::PackageInsert:
    case ReferenceType::WebPage:
    case ReferenceType::Book:
    case ReferenceType::BookChapter:
      return false;
    case ReferenceType::JournalArticle:
    case ReferenceType::ConferenceAbstract:
    case ReferenceType::Report:
    case ReferenceType::Other:
      return true;
  }
  return true;
}

}  // namespace kb
