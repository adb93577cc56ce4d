// Candidates for an answer from the FTS5 indexes, without ranking every match: each concept
// of the question is one doclist read (no bm25, no join), its rows weighed by the concepts
// they hold, and only the best K rows go on to be read and scored. A common word costs one
// pass over its doclist, not a bm25 score and a sort of every row holding it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kb/db.h"
#include "kb/relevance/question.h"
#include "kb/status.h"

namespace kb {

enum class FtsIndex { Sentences, References, Recommendations, Studies };

// The FTS5 expression for C: any of its terms, a term's words in any order (as speaks_of()
// reads a text). Empty when none of its terms holds a word.
std::string concept_expression(const QuestionConcept& c);
// The rows of concept_expression(C) in fewer FTS5 terms (any_query()): for choosing rows and
// counting them, not for highlighting.
std::string concept_rows_expression(const QuestionConcept& c);

// At most K rows of INDEX holding a focus concept of Q, best first: by the weight of the
// question's concepts they hold, ties in index order. With TOPIC_ID, only the rowids its
// rows fall in are read (a build writes one topic's rows together); candidates are checked
// against their topic again when read, so a range holding other topics' rows too costs
// time, not answers.
Result<std::vector<std::int64_t>> candidate_rows(Database& db, FtsIndex index, const Question& q,
                                                 std::optional<std::int64_t> topic_id, std::size_t k);

}  // namespace kb
