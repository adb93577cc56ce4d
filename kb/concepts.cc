#include "kb/concepts.h"

#include <algorithm>

#include "kb/stemmer.h"
#include "kb/text.h"
#include "kb/tokenizer.h"

namespace kb {

extern const char* const kDefaultSynonyms;  // data/synonyms.txt, compiled in

Result<SynonymGroups> parse_synonyms(std::string_view content, const std::string& path) {
  SynonymGroups groups;
  int line_number = 0;
  for (const std::string& line : split(content, '\n')) {
    ++line_number;
    std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    std::vector<std::string> group;
    for (const std::string& term : split(text, '~')) {
      std::string folded = ascii_lower(fold_diacritics(trim(term)));
      if (folded.empty())
        return Status::Parse(path + ":" + std::to_string(line_number) +
                             ": empty term; separate the terms of a group with '~'");
      group.push_back(folded);
    }
    if (group.size() < 2)
      return Status::Parse(path + ":" + std::to_string(line_number) + ": the group '" + std::string(text) +
                           "' has one term; a synonym group needs two or more, separated by '~'");
    groups.push_back(std::move(group));
  }
  return groups;
}

const SynonymGroups& default_synonyms() {
  static const SynonymGroups groups = [] {
    auto parsed = parse_synonyms(kDefaultSynonyms, "data/synonyms.txt");
    return parsed.ok() ? parsed.value() : SynonymGroups{};
  }();
  return groups;
}

namespace {

std::vector<std::string> stems_of(std::string_view text) {
  std::vector<std::string> stems;
  for (const Token& t : tokenize(text)) stems.push_back(porter_stem(t.word));
  return stems;
}

}  // namespace

ConceptIndex::ConceptIndex(const SynonymGroups& groups) : groups_(groups) {
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const std::string& term : groups[g]) {
      auto stems = stems_of(term);
      if (!stems.empty()) terms_.push_back({std::move(stems), g});
    }
  std::stable_sort(terms_.begin(), terms_.end(),
                   [](const Term& a, const Term& b) { return a.stems.size() > b.stems.size(); });
  for (std::size_t t = 0; t < terms_.size(); ++t) by_first_stem_[terms_[t].stems.front()].push_back(t);
}

std::vector<Concept> ConceptIndex::concepts(std::string_view text) const {
  const std::vector<Token> tokens = tokenize(text);
  std::vector<std::string> stems;
  stems.reserve(tokens.size());
  for (const Token& t : tokens) stems.push_back(porter_stem(t.word));
  return concepts(text, tokens, stems);
}

std::vector<Concept> ConceptIndex::concepts(std::string_view text, const std::vector<Token>& tokens,
                                            const std::vector<std::string>& stems) const {
  std::vector<Concept> out;
  for (std::size_t i = 0; i < tokens.size();) {
    const Term* match = nullptr;
    if (auto candidates = by_first_stem_.find(stems[i]); candidates != by_first_stem_.end()) {
      for (std::size_t t : candidates->second) {
        const Term& term = terms_[t];
        if (i + term.stems.size() > stems.size()) continue;
        if (std::equal(term.stems.begin(), term.stems.end(), stems.begin() + static_cast<std::ptrdiff_t>(i))) {
          match = &term;
          break;
        }
      }
    }
    if (match) {
      std::size_t last = i + match->stems.size() - 1;
      out.push_back({groups_[match->group].front(),
                     std::string(text.substr(tokens[i].begin, tokens[last].end - tokens[i].begin)), true});
      i = last + 1;
      continue;
    }
    if (!is_stopword(tokens[i].word) && tokens[i].word.size() > 1)
      out.push_back({stems[i], std::string(text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin)), false});
    ++i;
  }
  return out;
}

std::vector<std::string> ConceptIndex::terms_of(const std::string& key) const {
  for (const auto& group : groups_)
    if (group.front() == key) return group;
  return {key};
}

}  // namespace kb
