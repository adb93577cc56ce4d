#include "indexer/imports/author_names.h"

#include <cctype>

#include "kb/text.h"

namespace kb {

namespace {

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }

// "RA", "R.A.", "R. A.", "R": a token made only of capitals and dots.
bool looks_like_initials(std::string_view token) {
  if (token.empty() || token.size() > 8) return false;
  bool letter = false;
  for (char c : token) {
    if (is_upper_ascii(c)) letter = true;
    else if (c != '.' && c != '-') return false;
  }
  return letter;
}

}  // namespace

std::string initials_of(std::string_view given) {
  std::string out;
  given = trim(given);
  if (looks_like_initials(given)) {  // "RA", "R.A."
    for (char c : given)
      if (is_upper_ascii(c)) out += c;
    return out;
  }
  bool at_word_start = true;
  std::size_t i = 0;
  while (i < given.size()) {
    std::size_t start = i;
    char32_t cp = utf8_next(given, i);
    bool separator = cp == ' ' || cp == '.' || cp == '-' || cp == '\t' || cp == ',';
    if (separator) {
      at_word_start = true;
      continue;
    }
    if (at_word_start) {
      // A lower-case particle among given names ("Maria de") gives no initial.
      if (cp < 0x80 && std::islower(static_cast<unsigned char>(cp)) && start > 0) {
        at_word_start = false;
        continue;
      }
      std::string letter(given.substr(start, i - start));
      if (cp < 0x80) letter = std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(cp))));
      out += letter;
    }
    at_word_start = false;
  }
  return out;
}

std::string author_name(std::string_view surname, std::string_view given) {
  std::string name(trim(surname));
  std::string initials = initials_of(given);
  if (!initials.empty()) {
    if (!name.empty()) name += ' ';
    name += initials;
  }
  return name;
}

std::string author_from_written(std::string_view written) {
  written = trim(written);
  std::size_t comma = written.find(',');
  if (comma != std::string_view::npos) {
    std::string_view surname = written.substr(0, comma);
    std::string_view rest = trim(written.substr(comma + 1));
    // "Smith, Jr., John": the suffix goes after the initials as MEDLINE writes it ("Smith J Jr").
    std::string suffix;
    std::size_t second = rest.find(',');
    if (second != std::string_view::npos) {
      std::string_view maybe_suffix = trim(rest.substr(0, second));
      std::string lower = ascii_lower(maybe_suffix);
      if (lower == "jr" || lower == "jr." || lower == "sr" || lower == "sr." || lower == "ii" || lower == "iii" ||
          lower == "iv") {
        suffix = std::string(maybe_suffix);
        if (!suffix.empty() && suffix.back() == '.') suffix.pop_back();
        rest = trim(rest.substr(second + 1));
      }
    }
    std::string name = author_name(surname, rest);
    if (!suffix.empty()) name += " " + suffix;
    return name;
  }
  // "Liu R." or "Badwe RA": surname then initials.
  std::size_t space = written.rfind(' ');
  if (space != std::string_view::npos && looks_like_initials(written.substr(space + 1)))
    return author_name(written.substr(0, space), written.substr(space + 1));
  return std::string(written);
}

}  // namespace kb
