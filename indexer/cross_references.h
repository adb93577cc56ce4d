// UpToDate's pointers to other topics, printed as a parenthetical:
//   (See "Systemic treatment for metastatic breast cancer: General principles".)
//   (See "Topic A" and "Topic B", section on 'Heading'.)
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "indexer/topic.h"

namespace kb {

// Longest "(See ...)" parenthetical, in bytes from '(' to ')', that is still read.
inline constexpr std::size_t kMaxCrossReferenceLength = 4096;

// Finds the cross-references in `text`, in order of position. A cross-reference parenthetical
// opens with "(See ", "(see ", "(Refer to " or "(refer to " and closes at the first ')' at its
// own depth outside quotes; every double-quoted title in it (straight "..." or curly “...”)
// gives one CrossReference whose begin/end are the byte offsets of the title without quotes.
// A title followed by ", section on 'Heading'" (or "Heading" in double quotes, or curly
// single quotes) carries that heading in `section`; "section(s) on 'A' and 'B'" gives one
// CrossReference per heading, all with the same title and offsets.
// A parenthetical with an unterminated quote, or that never closes, gives nothing; empty
// titles are skipped, and so is a parenthetical longer than kMaxCrossReferenceLength bytes
// (real ones are a few hundred), which bounds the work per opener: linear in the text size.
// Never reads past the end of `text`.
std::vector<CrossReference> find_cross_references(std::string_view text);

}  // namespace kb
