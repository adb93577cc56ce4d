#include "indexer/imports/text_line_check.h"

#include "kb/text.h"

namespace kb {

std::string text_line_problem(std::string_view line, std::string_view format) {
  for (char c : line) {
    auto b = static_cast<unsigned char>(c);
    if ((b < 0x20 && b != '\t') || b == 0x7f) {
      static const char* hex = "0123456789ABCDEF";
      std::string problem = "control byte 0x";
      problem.append(1, hex[b >> 4]).append(1, hex[b & 15]).append("; this is not a ").append(format);
      return problem.append(" text file (binary data?)");
    }
  }
  if (!is_valid_utf8(line))
    return "text is not UTF-8; convert the file first (iconv -f WINDOWS-1252 -t UTF-8 FILE)";
  return {};
}

}  // namespace kb
