#include "kb/text.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace kb {

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

std::string collapse_whitespace(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    if (is_space(s[i])) {
      pending = true;
      ++i;
      continue;
    }
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      pending = true;
      i += 2;
      continue;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out += s[i++];
  }
  return out;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t utf8_chars(std::string_view s, std::size_t bytes) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < bytes && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

std::size_t utf8_chars(std::string_view s) { return utf8_chars(s, s.size()); }

char32_t utf8_next(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
    ++i;
    return 0xFFFD;
  }
  char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = byte(i + static_cast<std::size_t>(k));
    if ((cc & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong forms and surrogates are malformed.
  static constexpr std::array<char32_t, 5> kMin = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[static_cast<std::size_t>(len)] || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<std::size_t>(len);
  return cp;
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t before = i;
    char32_t cp = utf8_next(s, i);
    if (cp == 0xFFFD && !(i - before == 3 && s.substr(before, 3) == "\xEF\xBF\xBD")) return false;
  }
  return true;
}

void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

using namespace std::string_view_literals;

namespace {

// ASCII base letters for U+00C0..U+017F (Latin-1 Supplement letters and Latin Extended-A);
// '\0' where there is none. Multi-letter folds (ß, æ, œ, ø) are handled apart.
constexpr std::string_view kLatinFold =
    "AAAAAAACEEEEIIII"  // C0-CF
    "DNOOOOO\0OUUUUYTs"  // D0-DF (D7 is ×)
    "aaaaaaaceeeeiiii"  // E0-EF
    "dnooooo\0ouuuuyty"  // F0-FF (F7 is ÷)
    "AaAaAaCcCcCcCcDd"  // 100-10F
    "DdEeEeEeEeEeGgGg"  // 110-11F
    "GgGgHhHhIiIiIiIi"  // 120-12F
    "IiJjJjKkkLlLlLlL"  // 130-13F
    "lLlNnNnNnnNnOoOo"  // 140-14F
    "OoOoRrRrRrSsSsSs"  // 150-15F
    "SsTtTtTtUuUuUuUu"  // 160-16F
    "UuUuWwYyYZzZzZzs"sv;  // 170-17F

}  // namespace

std::string fold_diacritics(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      out += s[i++];
      continue;
    }
    std::size_t start = i;
    char32_t cp = utf8_next(s, i);
    switch (cp) {
      case 0xDF: out += "ss"; continue;
      case 0xC6: out += "AE"; continue;
      case 0xE6: out += "ae"; continue;
      case 0x152: out += "OE"; continue;
      case 0x153: out += "oe"; continue;
      case 0xD8: out += 'O'; continue;
      case 0xF8: out += 'o'; continue;
      default: break;
    }
    if (cp >= 0xC0 && cp <= 0x17F && kLatinFold[cp - 0xC0] != '\0') {
      out += kLatinFold[cp - 0xC0];
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

std::string slugify(std::string_view title) {
  std::string folded = fold_diacritics(title);
  std::string slug;
  bool pending_dash = false;
  for (char c : folded) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) && u < 0x80) {
      if (pending_dash && !slug.empty()) slug += '-';
      pending_dash = false;
      slug += static_cast<char>(std::tolower(u));
    } else if (c != '\'') {  // "Paget's" -> "pagets", not "paget-s"
      pending_dash = true;
    }
  }
  return slug;
}

namespace {

int month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  std::string lower = ascii_lower(name.substr(0, 3));
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i]) return static_cast<int>(i) + 1;
  return 0;
}

// Reads a run of digits at S[I]; -1 when there is none.
int read_number(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  int value = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i - start < 6)
    value = value * 10 + (s[i++] - '0');
  return i == start ? -1 : value;
}

std::string word_at(std::string_view s, std::size_t& i) {
  std::size_t start = i;
  while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
  return std::string(s.substr(start, i - start));
}

void skip(std::string_view s, std::size_t& i, std::string_view chars) {
  while (i < s.size() && chars.find(s[i]) != std::string_view::npos) ++i;
}

}  // namespace

std::string iso_month(std::string_view printed) {
  printed = trim(printed);
  std::size_t i = 0;
  int month = month_number(word_at(printed, i));
  skip(printed, i, " .,");
  int year = read_number(printed, i);
  if (month == 0 || year < 1000 || year > 9999) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string iso_date(std::string_view printed) {
  printed = trim(printed);
  std::size_t i = 0;
  int month = month_number(word_at(printed, i));
  skip(printed, i, " .");
  int day = read_number(printed, i);
  skip(printed, i, " ,");
  int year = read_number(printed, i);
  if (month == 0 || day < 1 || day > 31 || year < 1000 || year > 9999) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == sep) {
      parts.emplace_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  return parts;
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out.append(sep);
    out.append(item);
  }
  return out;
}

std::string utc_now(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

}  // namespace kb
