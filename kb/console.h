// Text output for people: wrapping to the terminal, and emphasis that survives a pipe.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// Columns to wrap at: $COLUMNS, else 100.
int terminal_width();
bool stdout_is_terminal();

// Wraps TEXT to WIDTH columns; every line starts with INDENT, the first with FIRST_INDENT
// when given. Never breaks inside a word.
std::string wrap(std::string_view text, int width, std::string_view indent,
                 std::string_view first_indent = {});

// Turns the \x01 ... \x02 emphasis marks that snippets carry into bold on a terminal and
// into **...** elsewhere.
std::string render_emphasis(std::string_view text, bool terminal);

}  // namespace kb
