// Turns what a person types into a safe FTS5 MATCH expression. User text never reaches
// FTS5 as syntax: every word is re-quoted, so quotes, NEAR(, column filters or SQL in a
// query are searched for as words or ignored, never executed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/status.h"

namespace kb {

struct FtsTerm {
  std::vector<std::string> words;  // one word, or a quoted phrase's words
  bool prefix = false;             // "surg*"
};

struct FtsQuery {
  std::vector<FtsTerm> terms;
  std::string all_terms() const;  // every term must occur
  std::string any_term() const;   // at least one term
  std::string describe() const;   // the terms as people read them: surgery, "stage iv", surg*
};

// The FTS5 expression for the rows holding every term of at least one of QUERIES. A query that
// holds all the terms of another adds no row to it and is left out ("primary tumor" beside
// "primary"): FTS5 would merge its doclists for nothing. For row sets and counts only: the
// highlights of a match are those of the phrases its expression names.
std::string any_query(const std::vector<FtsQuery>& queries);

// Quoted "phrases", word* prefixes and plain words; stop words are dropped unless nothing
// else is left. A Usage status when the text holds no word at all.
Result<FtsQuery> parse_fts_query(std::string_view text);

}  // namespace kb
