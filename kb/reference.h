// A bibliographic reference as data: the fields parsed from its printed string, its study
// design and level of evidence. Shared by the indexer (which parses) and the query tool.
#pragma once

#include <string>
#include <vector>

namespace kb {

// Study designs, the contract's vocabulary, strongest evidence for treatment benefit first.
enum class Design {
  Rct,
  MetaAnalysis,
  SystematicReview,
  ProspectiveCohort,
  Phase2Trial,
  RetrospectiveCohort,
  RegistryAnalysis,
  CaseControl,
  CaseSeries,
  Review,
  Other,
};

struct Reference {
  std::string raw;                   // as printed; never lost
  std::vector<std::string> authors;  // "Surname Initials" as printed, collective names whole
  bool et_al = false;
  std::string title;
  std::string translated_from;       // ISO 639-2 language of a bracketed translated title
  std::string language = "eng";
  std::string journal;               // abbreviation as printed
  int year = 0;                      // 0 when unknown
  std::string month;
  std::string volume;
  std::string issue;
  std::string supplement;
  std::string pages;                 // first page, or first-last as printed
  std::string conference;            // "ASCO #1006"
  std::string doi;
  std::string pmid;
  std::vector<std::string> uncertain_fields;  // fields the parser could not fill with confidence

  Design design = Design::Other;
  std::string design_reason;         // why: "title: 'randomized controlled trial'"
  int level = 5;                     // Oxford CEBM 2011, treatment benefit (1-5)
  std::string grade_start;           // GRADE starting certainty: "high" or "low"
};

}  // namespace kb
