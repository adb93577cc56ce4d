// One bibliographic record brought by `kbindex add`, whatever file format it came in:
// PubMed XML, MEDLINE (.nbib), RIS or BibTeX. Each reader fills what its format has and
// leaves the rest empty; nothing is invented.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kb/status.h"

namespace kb {

// One part of an abstract; a structured abstract has several ("BACKGROUND", "METHODS"...),
// an unstructured one a single part with an empty label.
struct AbstractSection {
  std::string label;  // as the source prints it: "BACKGROUND", "Methods"; empty when none
  std::string text;
};

// One MeSH heading: a descriptor, whether it is a major topic of the article, and its
// qualifiers ("surgery", "mortality"). A heading is major when the descriptor or any of its
// qualifiers is marked major ("*" in MEDLINE, MajorTopicYN="Y" in XML).
struct MeshHeading {
  std::string descriptor;              // "Breast Neoplasms"
  bool major = false;
  std::vector<std::string> qualifiers; // "surgery"
};

struct ImportRecord {
  std::string source_path;             // the file it was read from
  int source_line = 0;                 // line where the record starts (1-based)
  std::string format;                  // "pubmed_xml", "medline", "ris", "bibtex"

  std::string pmid;                    // digits only
  std::string doi;                     // as given, without "doi:" or a resolver prefix
  std::string title;                   // markup removed, final period kept as printed
  std::vector<AbstractSection> abstract;
  std::vector<std::string> authors;    // "Surname Initials" ("Badwe R", "de Baere T"); groups whole
  std::string journal_abbreviation;    // "J Clin Oncol" (MedlineTA / ISOAbbreviation / JA / J2)
  std::string journal_title;           // "Journal of clinical oncology : official journal ..."
  int year = 0;                        // 0 when unknown
  std::string month;                   // "Oct", "10" or a season, as printed; empty when none
  std::string volume;
  std::string issue;
  std::string pages;                   // "1380-1388", "e93755" as printed
  std::string language;                // ISO 639-2 where the format gives it ("eng")
  std::vector<std::string> publication_types;  // "Randomized Controlled Trial", "Journal Article"
  std::vector<MeshHeading> mesh;
  std::vector<std::string> keywords;   // author keywords (RIS KW, BibTeX keywords, XML Keyword)
};

// Readers hand each record to a sink as soon as it is complete, so that a file of any size is
// read in bounded memory. A sink's error stops the reading and is returned.
using RecordSink = std::function<Status(ImportRecord&&)>;

}  // namespace kb

#include "kb/reference.h"

namespace kb {

// The record as a Reference, for what references and records share: the citation key, the
// design classifier. Its raw string is a citation printed from the fields.
Reference reference_from_record(const ImportRecord& record);

// The abstract as one text: "LABEL: text" sections joined by blank-free spaces.
std::string abstract_text(const ImportRecord& record);

}  // namespace kb
