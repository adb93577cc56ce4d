// Concepts: what a text is about, once synonyms are folded together. "Resection of the
// primary tumour" and "surgery for the primary tumor" share the concepts {surgery, primary
// tumor}. Used alike to link evidence at indexing time and to understand questions.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kb/status.h"
#include "kb/tokenizer.h"

namespace kb {

using SynonymGroups = std::vector<std::vector<std::string>>;

// Reads a synonyms file: one group a line, terms separated by '~', '#' comments. A line
// with one term is a Parse status naming PATH and the line.
Result<SynonymGroups> parse_synonyms(std::string_view content, const std::string& path);
// The groups shipped with the tool (data/synonyms.txt, compiled in).
const SynonymGroups& default_synonyms();

struct Concept {
  std::string key;      // "surgery" for any term of the surgery group; else the word's stem
  std::string printed;  // the words of the text that matched, as printed
  bool from_group = false;
};

class ConceptIndex {
 public:
  explicit ConceptIndex(const SynonymGroups& groups);
  // The concepts of TEXT in order; stop words are skipped, multi-word terms win over
  // single words ("local treatment" before "local").
  std::vector<Concept> concepts(std::string_view text) const;
  // The same, for a caller that has TEXT's tokens and their porter stems already.
  std::vector<Concept> concepts(std::string_view text, const std::vector<Token>& tokens,
                                const std::vector<std::string>& stems) const;
  // Every term of the group of KEY (the key alone when it is not a group's).
  std::vector<std::string> terms_of(const std::string& key) const;

 private:
  struct Term {
    std::vector<std::string> stems;
    std::size_t group;
  };
  std::vector<Term> terms_;         // longest first
  // Terms by their first stem, longest first: a position is compared only with the terms
  // that can start there.
  std::unordered_map<std::string, std::vector<std::size_t>> by_first_stem_;
  SynonymGroups groups_;
};

}  // namespace kb
