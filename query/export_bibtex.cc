#include "query/export_bibtex.h"

#include <array>
#include <cctype>
#include <map>
#include <set>

#include "query/export_fields.h"
#include "kb/latex.h"

namespace kb {
namespace {

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool lower(char c) { return c >= 'a' && c <= 'z'; }
// A byte of a word: ASCII letters and digits, and any byte of a non-ASCII character.
bool word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

struct Run {
  std::size_t begin, end;
};

std::vector<Run> word_runs(std::string_view s) {
  std::vector<Run> runs;
  for (std::size_t i = 0; i < s.size();) {
    if (!word_byte(s[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    while (i < s.size() && word_byte(s[i])) ++i;
    runs.push_back({begin, i});
  }
  return runs;
}

bool has_inner_capital(std::string_view w) {
  for (std::size_t i = 1; i < w.size(); ++i)
    if (upper(w[i])) return true;
  return false;
}

// Title case ("Improved Survival After Primary Tumor Surgery") when most of the longer
// words after the first start with a capital; sentence case otherwise.
bool is_title_case(std::string_view title, const std::vector<Run>& runs) {
  int capitalised = 0, counted = 0;
  for (std::size_t r = 1; r < runs.size(); ++r) {
    std::string_view w = title.substr(runs[r].begin, runs[r].end - runs[r].begin);
    if (w.size() < 4 || (!upper(w[0]) && !lower(w[0]))) continue;
    ++counted;
    if (upper(w[0])) ++capitalised;
  }
  return counted > 0 && capitalised * 2 > counted;
}

const char* month_macro(int month) {
  static constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                           "jul", "aug", "sep", "oct", "nov", "dec"};
  return month >= 1 && month <= 12 ? kMonths[static_cast<std::size_t>(month - 1)] : nullptr;
}

std::string bibtex_author(const std::string& printed) {
  const AuthorName name = split_author(printed);
  if (name.collective) {
    std::string out = "{";
    out += encode_latex(name.family);
    out += '}';
    return out;
  }
  std::string out = encode_latex(name.family);
  if (!name.suffix.empty()) {  // BibTeX's "von Last, Jr, First"
    out += ", ";
    out += name.suffix;
    if (name.suffix == "Jr" || name.suffix == "Sr") out += '.';
  }
  if (!name.initials.empty()) {
    out += ", ";
    out += encode_latex(dotted_initials(name, " "));
  }
  return out;
}

// The key's stem: surname and year. A group's name gives its first word.
std::string key_stem(const Reference& ref) {
  std::string stem;
  if (!ref.authors.empty()) {
    AuthorName first = split_author(ref.authors.front());
    if (first.collective) first.family = first.family.substr(0, first.family.find(' '));
    stem = ascii_surname_key(first);
  }
  if (stem.empty()) stem = "anon";
  stem += ref.year ? std::to_string(ref.year) : std::string("nd");
  return stem;
}

// "a" for the second use of a key, "b" for the third, ..., "z", then "aa", "ab" ...
std::string collision_suffix(int n) {
  std::string s;
  for (; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('a' + (n - 1) % 26));
  return s;
}

// A locator such as "ASCO #1006" with its spaces made no-break, as UTF-8 U+00A0: BibTeX
// readers (bibutils) take a plain space in pages, and LaTeX's "~" too, for a range's
// separator. Applied after escaping, which would spell U+00A0 "~".
std::string no_break_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == ' ') out += "\u00a0";
    else out += c;
  }
  return out;
}

// Appends ",\n  NAME = {VALUE}"; an empty value writes nothing. The comma ends the line
// before, so the last field needs none.
void field(std::string& out, const char* name, const std::string& value) {
  if (value.empty()) return;
  out += ",\n  ";
  out += name;
  out += " = {";
  out += value;
  out += '}';
}

}  // namespace

std::string bibtex_title(std::string_view title) {
  const std::vector<Run> runs = word_runs(title);
  const bool title_case = is_title_case(title, runs);
  std::string out;
  std::size_t at = 0;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    const std::string_view w = title.substr(runs[r].begin, runs[r].end - runs[r].begin);
    const bool before_hyphen = runs[r].end < title.size() && title[runs[r].end] == '-';
    const bool protect = has_inner_capital(w) ||
                         (w.size() == 1 && upper(w[0]) && before_hyphen) ||  // "T-cell", "X-ray"
                         (!title_case && r > 0 && upper(w[0]));               // a proper noun
    if (!protect) continue;
    out += encode_latex(title.substr(at, runs[r].begin - at));
    out += '{';
    out += encode_latex(w);
    out += '}';
    at = runs[r].end;
  }
  out += encode_latex(title.substr(at));
  return out;
}

std::string export_bibtex(const std::vector<StoredReference>& refs) {
  std::string out;
  std::map<std::string, int> uses;  // stem -> references that used it
  std::set<std::string> used;       // keys given
  for (const StoredReference& stored : refs) {
    const Reference& ref = stored.ref;
    // The first use of a stem is the key itself; later ones take the next free suffix.
    const std::string stem = key_stem(ref);
    int n = uses[stem]++;
    std::string key = stem;
    if (n > 0) key.append(collision_suffix(n));
    while (used.count(key)) key = std::string(stem).append(collision_suffix(++n));
    used.insert(key);
    if (!out.empty()) out += '\n';
    out += "@article{";
    out += key;
    std::string authors;
    for (const std::string& a : ref.authors) {
      if (!authors.empty()) authors += " and ";
      authors += bibtex_author(a);
    }
    if (ref.et_al && !authors.empty()) authors += " and others";
    field(out, "author", authors);
    field(out, "title", bibtex_title(ref.title));
    field(out, "journal", encode_latex(ref.journal));
    if (ref.year) field(out, "year", std::to_string(ref.year));
    if (const char* month = month_macro(month_number(ref))) {
      out += ",\n  month = ";
      out += month;
    }
    field(out, "volume", encode_latex(ref.volume));
    field(out, "number", encode_latex(issue_with_supplement(ref)));
    const PageRange pages = split_pages(ref.pages);
    std::string page_field = no_break_spaces(encode_latex(pages.first));
    if (!pages.last.empty()) {
      page_field += "--";
      page_field += encode_latex(pages.last);
    }
    field(out, "pages", page_field);
    field(out, "doi", ref.doi);
    field(out, "pmid", ref.pmid);
    field(out, "note", encode_latex(provenance_note(stored)));
    out += "\n}\n";
  }
  return out;
}

}  // namespace kb
