// HTML for the web app and the evidence-map report: escaping for each context, and the page
// every screen shares (one embedded stylesheet, no script, no resource from the network).
// Every string that comes from the KB or from a request goes through one of the escapes
// below before it reaches a page; nothing else builds markup out of data.
#pragma once

#include <string>
#include <string_view>

#include "kb/output.h"

namespace kb {

// Text between tags: & < > " ' escaped; malformed UTF-8 as U+FFFD; control characters
// other than tab and newline dropped (they have no business in a page).
std::string html_text(std::string_view text);
// An attribute value, always written between double quotes: the same escapes.
std::string html_attr(std::string_view value);
// One component of a URL path or query: everything but A-Z a-z 0-9 - . _ ~ percent-encoded.
std::string url_component(std::string_view text);
// A snippet of a search document: its **...** emphasis becomes <mark>...</mark>, the rest escaped.
std::string html_snippet(std::string_view snippet);

// A JSON value as text for a page: a string as itself, a number as printed, null as "".
std::string json_string(const Json& value);

// The colour class and words for a study design and its level ("design-rct", "RCT").
std::string design_class(const std::string& design);
std::string design_words(const std::string& design);

// Where an evidence link comes from, as a badge: cited (a marker in the text), curated (a
// links file), inferred (the indexer, with its score). SCORE is printed for inferred links.
std::string provenance_badge(const std::string& link, const Json& score);

struct Page {
  std::string title;        // the <title> and the <h1>
  std::string body;         // markup, already escaped
  std::string search;       // the text to show in the search box
  bool with_search = true;  // the report has no server to search
};

// The whole document: doctype, language, viewport, the stylesheet, a skip link, the search
// form (GET /ask), the main landmark.
std::string render_page(const Page& page);

// The stylesheet alone, for documents that build their own frame.
const std::string& page_style();

}  // namespace kb
