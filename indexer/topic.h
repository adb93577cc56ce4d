// The parsed form of one clinical topic, as the topic parsers produce it and the KB writer
// stores it. Offsets are byte offsets into the UTF-8 text that holds them.
#pragma once

#include <string>
#include <vector>

namespace kb {

enum class ContributorRole { Author, SectionEditor, DeputyEditor };
const char* to_string(ContributorRole role);

struct Contributor {
  std::string name;         // "Anees B Chagpar"
  std::string credentials;  // "MD, MSc, MA, MPH, MBA, FACS, FRCS(C)", as printed
  ContributorRole role = ContributorRole::Author;
  int line = 0;
};

// A bracketed citation marker such as "[1-3]" or "[1,3-5]", expanded to numbers.
struct CitationMarker {
  std::string text;          // as printed, brackets included
  std::size_t begin = 0;     // byte offsets of the marker in its sentence
  std::size_t end = 0;
  std::vector<int> numbers;  // ascending, no duplicates
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
  std::string text;
  int line = 0;  // first source line
  std::vector<Sentence> sentences;
};

struct Section {
  std::string heading;  // empty where the layout prints none
  int line = 0;
  std::vector<Paragraph> paragraphs;
};

// One entry of the topic's numbered reference list.
struct ReferenceEntry {
  int number = 0;
  std::string raw;
  int line = 0;
};

// Something the parser saw but could not place; kept and reported, never dropped silently.
struct Diagnostic {
  int line = 0;
  std::string message;
};

struct Topic {
  std::string source_path;
  std::string source_format;  // "text", later "html", "jats"
  std::string slug;
  std::string title;
  std::string publisher;      // "Official reprint from UpToDate®"
  std::string copyright;      // the copyright line as printed
  std::string review_current_through;  // ISO "YYYY-MM", empty if not printed
  std::string last_updated;            // ISO "YYYY-MM-DD", empty if not printed
  bool truncated = false;     // the text stops at a paywall notice
  std::string content_hash;   // SHA-256 of the source bytes, hex
  std::vector<Contributor> contributors;
  std::vector<Section> sections;
  std::vector<ReferenceEntry> references;
  std::vector<Diagnostic> diagnostics;
};

}  // namespace kb
