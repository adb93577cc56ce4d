// An HTML page of a guideline topic (the CDC's MMWR pages and their kin), read with libxml2's
// HTML parser into the same topic model as the text reader:
//
//   <head>: <title>, <meta> (MMWR Volume/Issue/Page/Date, or citation_* metadata)
//   <body>: site furniture (navigation, banners, layout tables) up to the first <h1>, the
//           title; then <h2>-<h4> sections, <p> paragraphs, <li> list items, superscript or
//           linked citations; a "References" heading and its numbered list; after the list,
//           disclaimers and footers that are not content.
#pragma once

#include <string>
#include <string_view>

#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

// Parses CONTENT, read from PATH (used in messages as "PATH:LINE: ..."). Fills everything
// but content_hash; source_format is "html". Nothing is ever loaded from the network or disk
// and no entity but HTML's own character references is expanded.
//
// Superscript citations (<sup>2,3</sup>) and links into the reference list (<a href="#r2">2</a>)
// are written into the paragraph text as bracketed markers ("[2,3]") when every number they
// name is in the reference list; parenthesised markers printed as text ("(4,5)") are kept as
// printed. What cannot be placed (a data table, a heading with nothing under it, a gap in the
// reference numbering) becomes a Topic::diagnostic at libxml2's line of the node. Input that
// cannot be a topic (empty, binary, UTF-16, no title, entity declarations, markup nested
// past libxml2's depth limit, broken reference numbering, dangling bracketed citations) gives
// a Parse status naming the line and what to do.
Result<Topic> parse_html_topic(std::string_view content, const std::string& path);

}  // namespace kb
