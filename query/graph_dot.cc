#include "query/graph_dot.h"

#include "kb/text.h"

namespace kb {

std::string dot_quoted(std::string_view text) {
  std::string out = "\"";
  out.reserve(text.size() + 2);
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    char32_t cp = utf8_next(text, i);
    switch (cp) {
      case '\\': out += "\\\\"; break;
      case '"': out += "\\\""; break;
      case '\n': out += "\\n"; break;
      case '\r':
        if (i < text.size() && text[i] == '\n') ++i;  // CR LF is one line break
        out += "\\n";
        break;
      case '\t': out += ' '; break;
      default:
        // C0, DEL and C1 controls have no place in a label; Graphviz would print them raw.
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) break;
        if (cp == 0xFFFD) utf8_append(out, cp);  // malformed bytes become one replacement each
        else out.append(text.substr(start, i - start));
    }
  }
  out += '"';
  return out;
}

std::string shortened(std::string_view text, std::size_t max_chars) {
  const std::string flat = collapse_whitespace(text);
  if (utf8_chars(flat) <= max_chars) return flat;
  const std::string_view mark = "...";
  const std::size_t room = max_chars > mark.size() ? max_chars - mark.size() : 0;
  // The byte offset after ROOM code points, and the last space before it.
  std::size_t i = 0, chars = 0, last_space = std::string::npos;
  while (i < flat.size() && chars < room) {
    if (flat[i] == ' ') last_space = i;
    utf8_next(flat, i);
    ++chars;
  }
  std::size_t cut = (i < flat.size() && flat[i] != ' ' && last_space != std::string::npos && last_space > 0) ? last_space : i;
  std::string out(trim(std::string_view(flat).substr(0, cut)));
  // Malformed bytes in the kept part are left to the quoting, which replaces them.
  return out + std::string(mark);
}

}  // namespace kb
