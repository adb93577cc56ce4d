// Graphviz DOT text: every id and label quoted through one function, so that no text from the
// KB can end a string early, start an attribute or split a statement.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kb {

// TEXT as a double-quoted DOT string: backslash and double quote escaped, a line break
// (\n, \r\n or \r) as the two characters \n, a tab as a space, other control characters
// dropped, malformed UTF-8 as U+FFFD.
std::string dot_quoted(std::string_view text);

// TEXT with its white space collapsed, cut at a word boundary to at most MAX_CHARS characters
// (code points), "..." marking the cut: for labels that must stay readable.
std::string shortened(std::string_view text, std::size_t max_chars);

}  // namespace kb
