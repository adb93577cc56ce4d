// Turns a paragraph's text into sentences with their citation markers and cross-references.
// Shared by every topic format, so text, HTML and JATS topics are analysed alike.
#pragma once

#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

// Fills PARAGRAPH.sentences from PARAGRAPH.text.
void analyse_paragraph(Paragraph& paragraph);

// Checks that every citation marker of TOPIC cites a reference of its list.
// Returns a Parse status naming SOURCE_PATH and the paragraph's line otherwise.
Status check_citations(const Topic& topic);

}  // namespace kb
