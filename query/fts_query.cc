#include "query/fts_query.h"

#include <algorithm>

#include "kb/tokenizer.h"

namespace kb {
namespace {

std::string term_expression(const FtsTerm& term) {
  std::string out = "\"";
  for (std::size_t i = 0; i < term.words.size(); ++i) {
    if (i) out += ' ';
    out += term.words[i];  // tokens are letters and digits only: nothing to escape
  }
  out += '"';
  if (term.prefix) out += " *";
  return out;
}

std::string join_terms(const std::vector<FtsTerm>& terms, std::string_view op) {
  std::string out;
  for (const FtsTerm& t : terms) {
    if (!out.empty()) out += op;
    out += term_expression(t);
  }
  return out;
}

}  // namespace

std::string FtsQuery::all_terms() const { return join_terms(terms, " AND "); }
std::string FtsQuery::any_term() const { return join_terms(terms, " OR "); }

std::string any_query(const std::vector<FtsQuery>& queries) {
  auto same = [](const FtsTerm& a, const FtsTerm& b) { return a.prefix == b.prefix && a.words == b.words; };
  auto holds_all_of = [&](const FtsQuery& a, const FtsQuery& b) {
    for (const FtsTerm& t : b.terms)
      if (std::none_of(a.terms.begin(), a.terms.end(), [&](const FtsTerm& u) { return same(t, u); })) return false;
    return true;
  };
  std::string out;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (queries[i].terms.empty()) continue;
    bool needless = false;
    for (std::size_t j = 0; j < queries.size() && !needless; ++j) {
      if (j == i || queries[j].terms.empty() || !holds_all_of(queries[i], queries[j])) continue;
      // Of two queries holding the same terms, the first stays.
      needless = !holds_all_of(queries[j], queries[i]) || j < i;
    }
    if (needless) continue;
    out.append(out.empty() ? "(" : " OR (").append(queries[i].all_terms()).append(")");
  }
  return out;
}

std::string FtsQuery::describe() const {
  std::string out;
  for (const FtsTerm& t : terms) {
    if (!out.empty()) out += ", ";
    std::string words;
    for (const std::string& w : t.words) words += (words.empty() ? "" : " ") + w;
    out += t.words.size() > 1 ? "\"" + words + "\"" : words;
    if (t.prefix) out += '*';
  }
  return out;
}

Result<FtsQuery> parse_fts_query(std::string_view text) {
  FtsQuery all;   // every term, stop words included
  FtsQuery kept;  // without stop words
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      // A phrase runs to the closing quote; an unbalanced quote runs to the end.
      std::size_t close = text.find('"', i + 1);
      std::string_view inside = text.substr(i + 1, close == std::string_view::npos ? std::string_view::npos
                                                                                    : close - i - 1);
      FtsTerm phrase;
      for (const Token& t : tokenize(inside)) phrase.words.push_back(t.word);
      if (!phrase.words.empty()) {
        all.terms.push_back(phrase);
        kept.terms.push_back(phrase);
      }
      i = close == std::string_view::npos ? text.size() : close + 1;
      continue;
    }
    std::size_t next_quote = text.find('"', i);
    std::string_view chunk = text.substr(i, next_quote == std::string_view::npos ? std::string_view::npos
                                                                                   : next_quote - i);
    for (const Token& t : tokenize(chunk)) {
      FtsTerm term{{t.word}, t.end < chunk.size() && chunk[t.end] == '*'};
      all.terms.push_back(term);
      if (term.prefix || !is_stopword(t.word)) kept.terms.push_back(term);
    }
    i = next_quote == std::string_view::npos ? text.size() : next_quote;
  }
  if (all.terms.size() > 64)
    return Status::Usage("the query has " + std::to_string(all.terms.size()) +
                         " terms; at most 64 are searched for, so shorten it");
  if (all.terms.empty())
    return Status::Usage("the query '" + std::string(text.substr(0, 80)) +
                         "' has no words to search for; give words, \"a phrase\" or a prefix such as surg*");
  return kept.terms.empty() ? all : kept;
}

}  // namespace kb
