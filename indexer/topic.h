// The parsed form of one clinical topic, as the topic parsers produce it and the KB writer
// stores it. Offsets are byte offsets into the UTF-8 text that holds them.
#pragma once

#include <string>
#include <vector>

#include "kb/reference.h"

namespace kb {

enum class ContributorRole { Author, SectionEditor, DeputyEditor };
const char* to_string(ContributorRole role);

struct Contributor {
  std::string name;         // "Anees B Chagpar"
  std::string credentials;  // "MD, MSc, MA, MPH, MBA, FACS, FRCS(C)", as printed
  ContributorRole role = ContributorRole::Author;
  int line = 0;
};

// How a citation marker is printed. A bracketed marker is unambiguous; a parenthesised one,
// "(4,5)" or "confirmed(2,3).", is a citation only when every number lies in the reference
// list: "(2010)" or "(150)" past the list are text.
enum class MarkerStyle { Bracket, Parenthesis };

// A citation marker such as "[1-3]", "[1,3-5]", "(1--3)", expanded to numbers.
struct CitationMarker {
  std::string text;          // as printed, brackets or parentheses included
  std::size_t begin = 0;     // byte offsets of the marker in its sentence
  std::size_t end = 0;
  std::vector<int> numbers;  // ascending, no duplicates
  MarkerStyle style = MarkerStyle::Bracket;
};

// A pointer to another topic: (See "Title", section on 'Heading'.)
struct CrossReference {
  std::string title;
  std::string section;      // empty unless "section on ..." names one
  std::size_t begin = 0;    // byte offsets of the quoted title in its sentence
  std::size_t end = 0;
};

struct Sentence {
  std::string text;
  std::size_t begin = 0;  // byte offsets into the paragraph text
  std::size_t end = 0;
  std::vector<CitationMarker> citations;
  std::vector<CrossReference> cross_references;
};

struct Paragraph {
  std::string text;  // citation markers as printed; a reader of a markup format writes a
                     // superscript or linked citation as a bracketed marker, "[2,3]"
  int line = 0;  // first source line
  std::vector<Sentence> sentences;
  // An item of a list in the body ("- Mass vaccination campaigns ..."; HTML <li>; JATS
  // <list-item>): its text without the bullet, and the paragraph that introduces the list
  // ("OPV should be used only for the following special circumstances:"), empty if none.
  bool list_item = false;
  std::string lead_in;
};

struct Section {
  std::string heading;  // empty where the layout prints none
  int line = 0;
  std::vector<Paragraph> paragraphs;
};

// One entry of the topic's numbered reference list.
struct ReferenceEntry {
  int number = 0;
  std::string raw;  // as printed (JATS: the <mixed-citation> text, or the tagged fields joined)
  int line = 0;
  // Fields a markup format tags (JATS <element-citation>, <pub-id pub-id-type="pmid|doi">):
  // they win over what the reference parser reads from RAW. Empty fields are not tagged.
  Reference tagged;
};

// Something the parser saw but could not place; kept and reported, never dropped silently.
struct Diagnostic {
  int line = 0;
  std::string message;
};

struct Topic {
  std::string source_path;
  std::string source_format;  // "text", "html", "jats"
  // Where the document was published, as printed under the title ("Morbidity and Mortality
  // Weekly Report (MMWR), Volume 48, Number 27, page 590, July 16, 1999. ...") or as a
  // markup format's metadata gives it; empty if none. Not body text.
  std::string source_line;
  std::string slug;
  std::string title;
  std::string publisher;      // "Official reprint from UpToDate®"
  std::string copyright;      // the copyright line as printed
  std::string review_current_through;  // ISO "YYYY-MM", empty if not printed
  std::string last_updated;            // ISO "YYYY-MM-DD", empty if not printed
  bool truncated = false;     // the text stops at a paywall notice
  std::string content_hash;   // SHA-256 of the source bytes, hex
  std::string links_hash;     // SHA-256 of its links file, empty when it has none
  std::vector<Contributor> contributors;
  std::vector<Section> sections;
  std::vector<ReferenceEntry> references;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace kb
