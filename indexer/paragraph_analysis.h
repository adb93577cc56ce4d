// Turns a paragraph's text into sentences with their citation markers and cross-references.
// Shared by every topic format, so text, HTML and JATS topics are analysed alike.
#pragma once

#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

// Fills PARAGRAPH.sentences from PARAGRAPH.text. Parenthesised numbers that open a clause
// ("(1) in a patient ...") are not taken for citations; each is reported in NOTES if given.
void analyse_paragraph(Paragraph& paragraph, std::vector<Diagnostic>* notes = nullptr);

// Checks every citation marker of TOPIC against its reference list. A bracketed marker that
// cites no reference of the list is an error: a Parse status naming SOURCE_PATH and the
// paragraph's line. A parenthesised one is a citation only if all its numbers are in the
// list; otherwise it is text ("(2010)", "(150)") and is dropped from the sentence's
// citations, with a diagnostic unless it is plainly a year.
Status check_citations(Topic& topic);

}  // namespace kb
