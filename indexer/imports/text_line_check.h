// Whether a line of a tagged text format (MEDLINE, RIS) is text at all: a control byte means
// a binary file, invalid UTF-8 a file in another encoding. Both readers say so alike.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// What is wrong with LINE, naming FORMAT ("MEDLINE", "RIS"); empty when it is fine.
std::string text_line_problem(std::string_view line, std::string_view format);

}  // namespace kb
