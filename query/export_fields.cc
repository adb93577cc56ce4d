#include "query/export_fields.h"

#include <array>
#include <cctype>

#include "kb/text.h"

namespace kb {
namespace {

bool is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// "AM", "J-P", "Ö": capital letters only (any non-ASCII letter counts, as the KB prints
// initials in upper case), at most four, a hyphen only between two of them.
bool is_initials(std::string_view w) {
  if (w.empty() || w.front() == '-' || w.back() == '-') return false;
  int letters = 0;
  for (std::size_t i = 0; i < w.size();) {
    const auto c = static_cast<unsigned char>(w[i]);
    if (c == '-') {
      if (w[i + 1] == '-') return false;
      ++i;
      continue;
    }
    if (c < 0x80 && !is_ascii_upper(static_cast<char>(c))) return false;
    utf8_next(w, i);
    ++letters;
  }
  return letters <= 4;
}

bool is_suffix(std::string_view w) {
  static constexpr std::array<std::string_view, 8> kSuffixes = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "2nd", "3rd"};
  for (std::string_view s : kSuffixes)
    if (w == s) return true;
  return false;
}

// Lower-case words that belong to a surname ("de Paz", "van de Poll-Franse"); any other
// lower-case word makes the name a phrase, that is a group's name.
bool is_particle(std::string_view w) {
  static constexpr std::array<std::string_view, 24> kParticles = {
      "de", "del", "della", "der", "den", "des", "di",  "da", "das", "do", "dos", "du",
      "la", "le",  "van",   "von", "ten", "ter", "zu", "af", "av",  "y",  "al", "el"};
  for (std::string_view p : kParticles)
    if (w == p) return true;
  return false;
}

std::vector<std::string_view> words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

// Reads "e1234" or "S12" as a letter prefix and digits; false for anything else.
bool prefix_and_digits(std::string_view s, std::string_view& prefix, std::string_view& digits) {
  std::size_t i = 0;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
  std::size_t j = i;
  while (j < s.size() && is_ascii_digit(s[j])) ++j;
  if (j == i || j != s.size()) return false;
  prefix = s.substr(0, i);
  digits = s.substr(i);
  return true;
}

}  // namespace

AuthorName split_author(std::string_view printed) {
  AuthorName name;
  std::vector<std::string_view> w = words(trim(printed));
  if (w.size() >= 3 && is_suffix(w.back()) && is_initials(w[w.size() - 2])) {
    std::string_view s = w.back();
    if (s.back() == '.') s.remove_suffix(1);
    name.suffix = std::string(s);
    w.pop_back();
  }
  if (w.empty()) return name;
  // Each word of a surname is a particle or holds a capital ("d'Alessandro") or a letter
  // beyond ASCII ("Ávila"); a word that does neither ("for", "the") makes a phrase.
  const auto surname_word = [](std::string_view x) {
    if (is_particle(x)) return true;
    for (char c : x)
      if (is_ascii_upper(c) || static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
  };
  bool personal = w.size() >= 2 && w.size() <= 5 && is_initials(w.back());
  for (std::size_t i = 0; personal && i + 1 < w.size(); ++i) personal = surname_word(w[i]);
  // A single capitalised word in lower case after its capital ("Smith") is a surname
  // printed without initials; anything else without initials ("EBCTCG", "SEER Program")
  // is a group's name.
  const auto lower_after_first = [](std::string_view x) {
    return x.size() > 1 && x.substr(1).find_first_of("abcdefghijklmnopqrstuvwxyz") != std::string_view::npos;
  };
  if (!personal && w.size() == 1 && is_ascii_upper(w[0].front()) && lower_after_first(w[0])) {
    name.family = std::string(w[0]);
    return name;
  }
  if (!personal) {
    name.family = std::string(trim(printed));
    name.suffix.clear();
    name.collective = true;
    return name;
  }
  for (std::size_t i = 0; i + 1 < w.size(); ++i) {
    if (i) name.family += ' ';
    name.family += w[i];
  }
  const std::string_view initials = w.back();
  for (std::size_t i = 0; i < initials.size();) {
    const std::size_t start = i;
    utf8_next(initials, i);
    std::string letter(initials.substr(start, i - start));
    if (i < initials.size() && initials[i] == '-') {  // "J-P": one hyphenated initial
      const std::size_t second = ++i;
      utf8_next(initials, i);
      letter += '-';
      letter += initials.substr(second, i - second);
    }
    name.initials.push_back(std::move(letter));
  }
  return name;
}

std::string dotted_initials(const AuthorName& name, std::string_view separator) {
  std::string out;
  for (const std::string& initial : name.initials) {
    if (!out.empty()) out += separator;
    const std::size_t dash = initial.find('-');
    if (dash == std::string::npos) {
      out += initial;
      out += '.';
    } else {
      out += initial.substr(0, dash);
      out += ".-";
      out += initial.substr(dash + 1);
      out += '.';
    }
  }
  return out;
}

std::string ascii_surname_key(const AuthorName& name) {
  std::string key;
  for (char c : fold_diacritics(name.family))
    if (std::isalpha(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80)
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

PageRange split_pages(std::string_view printed) {
  printed = trim(printed);
  PageRange range;
  std::size_t dash = printed.find('-');
  std::size_t dash_len = 1;
  if (const std::size_t en = printed.find("\u2013"); en != std::string_view::npos && en < dash) {
    dash = en;
    dash_len = 3;
  }
  const bool single_dash = dash != std::string_view::npos && dash > 0 &&
                           printed.find('-', dash + dash_len) == std::string_view::npos &&
                           printed.find(' ') == std::string_view::npos;
  if (!single_dash || dash + dash_len >= printed.size()) {
    range.first = std::string(printed);
    return range;
  }
  const std::string_view left = printed.substr(0, dash);
  const std::string_view right = printed.substr(dash + dash_len);
  range.first = std::string(left);
  range.last = std::string(right);
  std::string_view left_prefix, left_digits, right_prefix, right_digits;
  if (!prefix_and_digits(left, left_prefix, left_digits) || !prefix_and_digits(right, right_prefix, right_digits))
    return range;
  if (!right_prefix.empty() && right_prefix != left_prefix) return range;
  if (right_digits.size() >= left_digits.size()) return range;
  // "1539-69": the last page repeats the first page's leading digits it leaves out.
  std::string expanded(left_digits.substr(0, left_digits.size() - right_digits.size()));
  expanded += right_digits;
  if (expanded <= std::string(left_digits)) return range;  // same length: text order is number order
  range.last = std::string(left_prefix);
  range.last += expanded;
  return range;
}

std::string expanded_pages(std::string_view printed) {
  PageRange range = split_pages(printed);
  if (range.last.empty()) return range.first;
  std::string out = range.first;
  out += '-';
  out += range.last;
  return out;
}

std::string issue_with_supplement(const Reference& ref) {
  std::string supplement = ref.supplement;
  // "S", "s", "suppl", "Supp" are the one word PubMed writes as "Suppl"; "Suppl 2" keeps its number.
  if (supplement == "S" || supplement == "s" || ascii_lower(supplement) == "suppl" || ascii_lower(supplement) == "supp")
    supplement = "Suppl";
  else if (starts_with_ci(supplement, "suppl") && supplement.size() > 5 && !std::isalpha(static_cast<unsigned char>(supplement[5])))
    supplement = std::string("Suppl").append(supplement, 5);
  else if (!supplement.empty() && !starts_with_ci(supplement, "supp"))
    supplement = std::string("Suppl ").append(supplement);
  if (ref.issue.empty()) return supplement;
  if (supplement.empty()) return ref.issue;
  std::string out = ref.issue;
  out += ' ';
  out += supplement;
  return out;
}

int month_number(const Reference& ref) {
  if (ref.month.empty() || ref.year == 0) return 0;
  std::string printed = ref.month;
  printed += ' ';
  printed += std::to_string(ref.year);
  const std::string iso = iso_month(printed);  // "2015-05"
  if (iso.size() != 7) return 0;
  return (iso[5] - '0') * 10 + (iso[6] - '0');
}

std::string provenance_note(const StoredReference& stored) {
  std::string note = "topic: ";
  note += stored.topic;
  note += ", reference ";
  note += std::to_string(stored.number);
  if (!stored.ref.conference.empty()) {
    note += "; conference abstract: ";
    note += stored.ref.conference;
  }
  if (stored.ref.et_al) note += "; author list truncated (et al.)";
  return note;
}

}  // namespace kb
