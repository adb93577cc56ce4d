// Small text helpers over UTF-8 shared by both tools.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

std::string_view trim(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);  // ASCII case-insensitive
std::string ascii_lower(std::string_view s);
// Runs of white space, no-break spaces (U+00A0) among them, as one space; the ends trimmed.
std::string collapse_whitespace(std::string_view s);

// Number of Unicode characters in the first BYTES bytes of S (for character offsets).
std::size_t utf8_chars(std::string_view s, std::size_t bytes);
std::size_t utf8_chars(std::string_view s);
// True when S is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);
// Decodes one code point at S[I], advancing I; malformed bytes decode as U+FFFD.
char32_t utf8_next(std::string_view s, std::size_t& i);
void utf8_append(std::string& out, char32_t cp);

// Latin letters with diacritics folded to ASCII ("Güller" -> "Guller"); other text kept.
std::string fold_diacritics(std::string_view s);
// A URL- and shell-friendly key: ASCII lower case words joined by '-'.
std::string slugify(std::string_view title);

// "Nov 2017" -> "2017-11"; "Mar 02, 2017" -> "2017-03-02"; empty when not a date.
std::string iso_month(std::string_view printed);
// The current UTC time in strftime FORMAT: "%Y-%m-%dT%H:%M:%SZ", "%Y-%m".
std::string utc_now(const char* format);
std::string iso_date(std::string_view printed);

std::vector<std::string> split(std::string_view s, char sep);
// ITEMS with SEP between them: the words of a command line, a list for people.
std::string join(const std::vector<std::string>& items, std::string_view sep);

}  // namespace kb
