#include "query/citation_match.h"

#include <algorithm>
#include <set>

#include "kb/study_key.h"
#include "kb/text.h"
#include "kb/tokenizer.h"

namespace kb {
namespace {

std::set<std::string> word_set(std::string_view text) {
  std::set<std::string> words;
  for (const Token& t : tokenize(text))
    if (!is_stopword(t.word) && t.word.size() > 2) words.insert(t.word);
  return words;
}

}  // namespace

Result<std::vector<CitationMatch>> match_citation(KbReader& kb, const std::string& citation, int limit) {
  // A garbled citation does not parse; each candidate's fields are looked for in its words
  // instead: the year and volume among its numbers, the journal's words as prefixes of its
  // words, the first author's surname among them, the title's words.
  std::vector<std::string> words;
  std::set<std::string> numbers, keys;
  int asked_year = 0;
  for (const Token& t : tokenize(citation)) {
    // Surnames of several words ("de Baere") are compared joined: "debaere".
    if (!words.empty()) keys.insert(words.back() + t.word);
    if (words.size() >= 2) keys.insert(words[words.size() - 2] + words.back() + t.word);
    words.push_back(t.word);
    keys.insert(t.word);
    if (std::all_of(t.word.begin(), t.word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      numbers.insert(t.word);
      int n = t.word.size() == 4 ? std::stoi(t.word) : 0;
      if (n >= 1800 && n <= 2100) asked_year = n;
    }
  }
  std::string expression;
  for (const std::string& w : words) {
    if (is_stopword(w) || w.size() < 2) continue;
    if (!expression.empty()) expression.append(" OR ");
    expression.append("\"").append(w).append("\"");
  }
  if (expression.empty())
    return Status::Usage("the citation '" + citation + "' has no words to match; give authors, title, journal or year");
  // Candidates: the references sharing words with the citation, best 200 by bm25.
  auto st = kb.db().prepare(std::string("SELECT ") + kReferenceColumns +
                            " FROM refs r JOIN topics t ON t.id = r.topic_id WHERE r.id IN ("
                            " SELECT rowid FROM refs_fts WHERE refs_fts MATCH ?1 ORDER BY bm25(refs_fts) LIMIT 200)");
  if (!st.ok()) return st.status();
  st->bind(1, expression);
  auto candidates = read_references(kb.db(), *st);
  if (!candidates.ok()) return candidates.status();

  auto digits_of = [](std::string_view s) {
    std::string d;
    for (char c : s)
      if (c >= '0' && c <= '9') d += c;
      else if (!d.empty()) break;
    return d;
  };
  // The share of the journal's words that begin a word of the citation: "Lancet Oncol" is
  // all there in "Lancet Oncology"; "AJR Am J Roentgenol" a quarter there in "AJR".
  auto journal_share = [&](std::string_view journal) {
    std::vector<Token> jw = tokenize(journal);
    if (jw.empty()) return 0.0;
    std::size_t found = 0;
    for (const Token& j : jw)
      found += std::any_of(words.begin(), words.end(), [&](const std::string& w) { return w.rfind(j.word, 0) == 0; });
    return static_cast<double>(found) / static_cast<double>(jw.size());
  };
  const std::set<std::string> asked_words = word_set(citation);
  std::vector<CitationMatch> matches;
  for (StoredReference& c : *candidates) {
    CitationMatch m{std::move(c), 0, {}, {}};
    const Reference& r = m.reference.ref;
    auto weigh = [&](const char* field, bool agree, double weight) {
      if (agree) {
        m.confidence += weight;
        m.agreed.push_back(field);
      }
    };
    const double journal = journal_share(r.journal);
    m.confidence += 0.2 * journal;
    if (journal >= 0.75) m.agreed.push_back("journal");
    if (asked_year > 0 && r.year > 0 && !numbers.count(std::to_string(r.year))) m.differed.push_back("year");
    weigh("year", r.year > 0 && numbers.count(std::to_string(r.year)), 0.15);
    std::string volume = digits_of(r.volume);
    weigh("volume", !volume.empty() && numbers.count(volume), 0.15);
    std::string page = digits_of(first_page(r.pages));
    weigh("first page", !page.empty() && numbers.count(page), 0.2);
    weigh("first author", !r.authors.empty() && keys.count(surname_key(r.authors.front())), 0.15);
    const auto title_words = word_set(r.title);
    std::size_t common = 0;
    for (const std::string& w : title_words) common += asked_words.count(w);
    if (!title_words.empty() && common > 0) {
      double containment = static_cast<double>(common) / static_cast<double>(title_words.size());
      m.confidence += 0.15 * containment;
      if (containment >= 0.5) m.agreed.push_back("title");
    }
    // A year that contradicts the citation's costs more than a field it left out.
    m.confidence = std::clamp(m.confidence - 0.1 * static_cast<double>(m.differed.size()), 0.0, 1.0);
    if (m.confidence >= 0.3) matches.push_back(std::move(m));
  }
  std::stable_sort(matches.begin(), matches.end(),
                   [](const CitationMatch& a, const CitationMatch& b) { return a.confidence > b.confidence; });
  if (static_cast<int>(matches.size()) > limit) matches.resize(static_cast<std::size_t>(limit));
  return matches;
}

}  // namespace kb
