// The plain-text layout of a topic reprint, as the seed topic has it:
//
//   header lines (reprint notice, copyright)
//   title
//   contributors: authors, then "Section Editors", then "Deputy Editor"
//   body: paragraphs separated by a blank line, sections by a double blank line
//   tail: paywall notice, review dates, disclaimer
//   numbered reference list: "  1. Lee CG, ... 1992; 23:969."
#pragma once

#include <string>
#include <string_view>

#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

// Parses CONTENT, read from PATH (used in messages as "PATH:LINE: ..."). Fills everything
// but content_hash. Lines that cannot be placed become Topic::diagnostics; input that
// cannot be a topic (empty, binary, no title, broken numbering, dangling citations)
// gives a Parse status naming the line and what to do.
Result<Topic> parse_text_topic(std::string_view content, const std::string& path);

}  // namespace kb
