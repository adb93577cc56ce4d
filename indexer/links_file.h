// Curated evidence links: a guideline author's own statement of which references bear on
// which recommendation, kept in a file next to the topic (TOPIC-STEM.links).
//
// One link a line; '#' starts a comment:
//
//   # recommendation            stance     references
//   R2                          supports   5, 7
//   "do not offer local"        against    9 14-18
//
// The recommendation is its label (R1, R2, ... as `kbquery recs` prints them) or a quoted
// piece of its text that names exactly one. The stance is supports, against or context.
// References are numbers of the topic's list, separated by commas or spaces, with ranges.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/recommendation.h"
#include "kb/status.h"

namespace kb {

struct CuratedLink {
  std::string label;      // "R2", or empty when the text names the recommendation
  std::string text;       // the quoted piece of text, or empty
  Stance stance = Stance::Supports;
  std::vector<int> numbers;
  int line = 0;
};

// Parses CONTENT read from PATH; a bad line is a Parse status "PATH:LINE: what; fix".
Result<std::vector<CuratedLink>> parse_links_file(std::string_view content, const std::string& path);

}  // namespace kb
