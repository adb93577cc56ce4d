#include "kb/console.h"

#include <unistd.h>

#include <cstdlib>

#include "kb/text.h"

namespace kb {

int terminal_width() {
  if (const char* columns = std::getenv("COLUMNS")) {
    int n = std::atoi(columns);
    if (n >= 40 && n <= 500) return n;
  }
  return 100;
}

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) == 1; }

std::string wrap(std::string_view text, int width, std::string_view indent, std::string_view first_indent) {
  std::string out;
  std::string_view lead = first_indent.data() ? first_indent : indent;
  std::size_t column = 0;
  bool line_open = false;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (start == i) break;
    std::string_view word = text.substr(start, i - start);
    std::size_t word_cols = utf8_chars(word);
    if (!line_open) {
      out += lead;
      column = utf8_chars(lead);
      line_open = true;
    } else if (column + 1 + word_cols > static_cast<std::size_t>(width)) {
      out += '\n';
      out += indent;
      column = utf8_chars(indent);
    } else {
      out += ' ';
      ++column;
    }
    out += word;
    column += word_cols;
  }
  if (!line_open) out += lead;
  return out;
}

std::string render_emphasis(std::string_view text, bool terminal) {
  std::string out;
  for (char c : text) {
    if (c == '\x01') out += terminal ? "\x1b[1m" : "**";
    else if (c == '\x02') out += terminal ? "\x1b[0m" : "**";
    else out += c;
  }
  return out;
}

}  // namespace kb
