// Curly quotation marks as UTF-8, for the parsers that pair quotes in running text.
#pragma once

#include <string_view>

namespace kb {

inline constexpr std::string_view kLeftDoubleQuote = "\xE2\x80\x9C";   // “
inline constexpr std::string_view kRightDoubleQuote = "\xE2\x80\x9D";  // ”
inline constexpr std::string_view kLeftSingleQuote = "\xE2\x80\x98";   // ‘
inline constexpr std::string_view kRightSingleQuote = "\xE2\x80\x99";  // ’

}  // namespace kb
