#include "indexer/abbreviations.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "kb/text.h"
#include "kb/tokenizer.h"

namespace kb {

namespace {

bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// A short form: 2-10 characters, one or two words, a letter first or second, an upper-case
// letter somewhere ("(eg", "(n = 35)" and "(1999)" are not abbreviations).
bool is_short_form(std::string_view s) {
  if (s.size() < 2 || s.size() > 10 || !alnum(s.front())) return false;
  if (std::count(s.begin(), s.end(), ' ') > 1) return false;
  const bool upper = std::any_of(s.begin(), s.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
  const int letters = static_cast<int>(std::count_if(s.begin(), s.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); }));
  return upper && letters >= 2 && !is_stopword(ascii_lower(s));
}

// The long form of SHORT_FORM at the end of BEFORE, or nothing.
std::optional<std::string> long_form(std::string_view before, std::string_view short_form) {
  // At most min(|SF| + 5, 2 |SF|) words before the parenthesis, within its clause.
  const std::size_t clause = before.find_last_of(".;:([]");
  if (clause != std::string_view::npos) before = before.substr(clause + 1);
  const std::size_t max_words = std::min(short_form.size() + 5, short_form.size() * 2);
  std::size_t start = before.size(), words = 0;
  while (start > 0 && words < max_words) {
    while (start > 0 && before[start - 1] == ' ') --start;
    while (start > 0 && before[start - 1] != ' ') --start;
    ++words;
  }
  const std::string_view candidate = trim(before.substr(start));
  if (candidate.empty()) return std::nullopt;
  long s = static_cast<long>(short_form.size()) - 1;
  long l = static_cast<long>(candidate.size()) - 1;
  while (s >= 0) {
    const char c = lower(short_form[static_cast<std::size_t>(s)]);
    if (!alnum(c)) {
      --s;
      continue;
    }
    // The first letter of the short form must begin a word of the long form.
    while (l >= 0 && (lower(candidate[static_cast<std::size_t>(l)]) != c ||
                      (s == 0 && l > 0 && alnum(candidate[static_cast<std::size_t>(l - 1)]))))
      --l;
    if (l < 0) return std::nullopt;
    --l;
    --s;
  }
  std::string_view found = candidate.substr(static_cast<std::size_t>(l + 1));
  if (found.size() <= short_form.size() + 1) return std::nullopt;
  return std::string(trim(found));
}

std::string folded(std::string_view s) { return ascii_lower(trim(s)); }

}  // namespace

std::vector<Abbreviation> find_abbreviations(std::string_view text) {
  std::vector<Abbreviation> out;
  for (std::size_t open = text.find('('); open != std::string_view::npos; open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    if (close == std::string_view::npos) break;
    std::string_view inside = trim(text.substr(open + 1, close - open - 1));
    if (std::size_t cut = inside.find_first_of(";,"); cut != std::string_view::npos) inside = trim(inside.substr(0, cut));
    if (!is_short_form(inside)) continue;
    if (auto lf = long_form(text.substr(0, open), inside)) out.push_back({std::string(inside), *lf});
  }
  return out;
}

void add_abbreviations(SynonymGroups& groups, const std::vector<Abbreviation>& found) {
  // Each short form's long forms across the corpus, folded; two meanings: left out.
  std::map<std::string, std::set<std::string>> meanings;
  for (const Abbreviation& a : found) meanings[folded(a.short_form)].insert(folded(a.long_form));
  std::map<std::string, std::size_t> group_of;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (const std::string& term : groups[g]) group_of.emplace(folded(term), g);
  for (const auto& [sf, lfs] : meanings) {
    if (lfs.size() != 1) continue;
    const std::string& lf = *lfs.begin();
    auto s = group_of.find(sf);
    auto l = group_of.find(lf);
    if (s != group_of.end() && l != group_of.end()) continue;  // both known: same group or a conflict
    if (s != group_of.end()) {
      groups[s->second].push_back(lf);
      group_of.emplace(lf, s->second);
    } else if (l != group_of.end()) {
      groups[l->second].push_back(sf);
      group_of.emplace(sf, l->second);
    } else {
      groups.push_back({lf, sf});
      group_of.emplace(lf, groups.size() - 1);
      group_of.emplace(sf, groups.size() - 1);
    }
  }
}

}  // namespace kb
