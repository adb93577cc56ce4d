// Question understanding: what a clinician's question is about and what it asks.
//
// The concepts of a question (through the KB's synonym groups) are weighed by how specific
// they are in the KB: "liver" in a KB on breast cancer says more than "metastases", which
// nearly every passage holds. The most specific of them are the question's focus: what a
// recommendation must speak of to address the question, so that a shared common word
// ("resection", "vaccine") never makes another recommendation its answer. A concept the KB
// holds nowhere ("metformin") is part of the focus too, as specific as the most specific
// concept it does hold: no recommendation covers it, and the answer says so.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kb/concepts.h"
#include "kb/relevance/everyday_words.h"

namespace kb {

enum class Intent {
  Supports,    // what supports, what is the evidence for
  Against,     // what argues against
  Decision,    // should I, is it recommended, does it help
  Fact,        // what is the median, how many, how long, how often
  Dose,        // which dose, how much
  Definition,  // what is X
  Evidence,    // anything else: the evidence on it
};
const char* to_string(Intent intent);
Intent detect_intent(std::string_view question);

// How specific a concept is in the KB: the share of its documents (passages and
// references) holding any of its terms, 0 for none.
class TermStatistics {
 public:
  virtual ~TermStatistics() = default;
  virtual double document_share(const std::vector<std::string>& terms) const = 0;
};

struct QuestionConcept {
  std::string key;                 // the group's name ("surgery") or the word's stem
  std::string printed;             // as the question wrote it
  std::vector<std::string> terms;  // what is searched for: the group's terms, or the word
  std::vector<std::vector<std::string>> term_stems;  // the stems of each term
  double share = 0;                // of the KB's documents holding it
  double weight = 0;               // its specificity: -log(share), the KB's rarest terms highest
  bool known = false;              // some document of the KB holds it
  bool focus = false;              // among the most specific: an answer must speak of it
  bool from_group = false;         // a synonym group's, not a word of its own
  bool quantity = false;           // what a question of fact asks for: "median", "risk", "proportion"
  WordRole role = WordRole::Subject;
  std::size_t begin = 0, end = 0;  // where the question prints it
};

struct Question {
  std::string text;
  Intent intent = Intent::Evidence;
  std::vector<QuestionConcept> concepts;  // in the question's order, question words left out

  double total_weight() const;
  double focus_weight() const;
  bool has_unknown_focus() const;
  // The words of the question its concepts span: "resection of liver metastases".
  std::string subject() const;
  // The focus concepts the KB holds nowhere, as printed.
  std::vector<std::string> unknown() const;
};

// A concept within this share of the most specific one's weight is part of the focus.
inline constexpr double kFocusShareOfMax = 0.7;
// No concept the question names weighs less than this share of the most specific one.
inline constexpr double kNamedShareOfMax = 0.5;
// An everyday word weighs this share of it: it orders answers a little, never chooses them.
inline constexpr double kEverydayShareOfMax = 0.2;

// The question's concepts, weighed by STATISTICS; question words ("what", "supports",
// "here", "help") left out.
Question understand_question(std::string_view text, const ConceptIndex& index, const TermStatistics& statistics);

}  // namespace kb
