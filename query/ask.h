// Answers an evidence question in plain English. The question is understood by the
// relevance module (its concepts through the KB's synonym groups, weighed by how specific
// they are in this KB, its focus and intent); candidates come from the FTS5 indexes, never
// from reading every recommendation or reference; each is scored against the question by
// the same module. Three kinds of answer, said as such:
//   recommendations  some recommendation covers the question's focus: it comes first, with
//                    its conditions, exceptions, logic and evidence, then other studies;
//   none             no recommendation does: the answer says so, then gives the studies of
//                    the reference lists on the question and the passages that mention it;
//   fact             a question of fact: the passages that answer it, with what they cite.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kb/relevance/question.h"
#include "query/kb_reader.h"
#include "query/recommendation_store.h"
#include "query/reference_store.h"
#include "query/search.h"

namespace kb {

enum class AnswerKind { Recommendations, None, Fact };
const char* to_string(AnswerKind kind);

struct RankedRecommendation {
  StoredRecommendation rec;
  double score = 0;
  std::vector<std::string> matched;  // concept keys it shares with the question
  bool addresses = false;            // false for a rule or exception shown beside one that does
  double focus_coverage = 0;         // share of the question's focus it speaks of
};

struct RankedReference {
  StoredReference reference;
  double score = 0;
  std::string recommendation;        // the recommendation whose evidence it is; empty when none
  std::string link;                  // cited, curated, inferred; "question" when ranked for the question alone
  std::string stance;                // toward that recommendation; empty for a question match
  std::vector<std::string> matched;  // concept keys of the question it speaks of
  std::optional<double> link_score;  // an inferred link's own score
};

struct RankedPassage {
  SearchHit hit;
  double score = 0;
  std::vector<std::string> matched;
};

struct AnswerTopic {
  std::string slug, title;
  bool truncated = false;
  int sections = 0;
};

struct Answer {
  Question question;
  AnswerKind kind = AnswerKind::None;
  std::optional<AnswerTopic> topic;        // the topic the answer comes from
  std::string statement;                     // what kind of answer this is, in words
  bool mentioned = false;                    // some topic's text or references speak of the question
  std::vector<RankedRecommendation> recommendations;  // best first, exceptions after their rule
  std::vector<RankedReference> references;            // best first
  std::vector<RankedPassage> passages;                // best first
  std::vector<StoredRecommendation> logic;            // the sections the answer comes from
};

struct AskRequest {
  std::string question;
  std::optional<std::int64_t> topic_id;
  int limit = 10;  // references and passages at most
};

Result<Answer> answer_question(KbReader& kb, const AskRequest& request);

}  // namespace kb
