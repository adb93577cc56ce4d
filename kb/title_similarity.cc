#include "kb/title_similarity.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "kb/tokenizer.h"

namespace kb {

namespace {

// Containment counts only for titles long enough that sharing their words is telling, and a
// little less than the same words in full.
constexpr std::size_t kMinWordsForContainment = 5;
constexpr double kContainmentWeight = 0.9;

}  // namespace

std::set<std::string> title_words(std::string_view title) {
  std::set<std::string> words;
  for (const Token& t : tokenize(title))
    if (!is_stopword(t.word)) words.insert(t.word);
  return words;
}

double title_similarity(std::string_view a, std::string_view b) { return title_similarity(title_words(a), b); }

double title_similarity(const std::set<std::string>& wa, std::string_view b) {
  // B's distinct words as a sorted vector: one title is compared with many, and a set's
  // node per word cost more than the comparing.
  std::vector<Token> tokens = tokenize(b);
  std::vector<std::string> wb;
  wb.reserve(tokens.size());
  for (Token& t : tokens)
    if (!is_stopword(t.word)) wb.push_back(std::move(t.word));
  std::sort(wb.begin(), wb.end());
  wb.erase(std::unique(wb.begin(), wb.end()), wb.end());
  if (wa.empty() || wb.empty()) return 0;
  std::size_t shared = 0;
  for (const std::string& w : wb) shared += wa.count(w);
  const double dice = 2.0 * static_cast<double>(shared) / static_cast<double>(wa.size() + wb.size());
  // A title printed without its subtitle: the shorter one's words, nearly all found in the longer.
  const std::size_t shorter = std::min(wa.size(), wb.size());
  if (shorter < kMinWordsForContainment) return dice;
  const double containment = static_cast<double>(shared) / static_cast<double>(shorter);
  return std::max(dice, kContainmentWeight * containment);
}

}  // namespace kb
