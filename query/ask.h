// Answers an evidence question in plain English: finds its concepts through the KB's
// synonym table, notices what is asked (what supports, what argues against, should I,
// what is), chooses the recommendations that bear on it, and ranks their evidence by
// relevance and strength.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kb/concepts.h"
#include "query/kb_reader.h"
#include "query/recommendation_store.h"
#include "query/reference_store.h"
#include "query/search.h"

namespace kb {

enum class Intent { Supports, Against, Decision, Definition, Evidence };
const char* to_string(Intent intent);
Intent detect_intent(std::string_view question);

struct AskedConcept {
  std::string key;                 // the group's name ("surgery") or the word's stem
  std::string printed;             // as the question wrote it
  std::vector<std::string> terms;  // what was searched for: the group's terms
};

// The concepts of QUESTION, question words ("what", "supports", "here") left out.
std::vector<AskedConcept> question_concepts(std::string_view question, const ConceptIndex& index);

struct RankedRecommendation {
  StoredRecommendation rec;
  double score = 0;
  std::vector<std::string> matched;  // concept keys it shares with the question
};

struct RankedReference {
  StoredReference reference;
  double score = 0;
  std::string recommendation;  // the recommendation whose evidence it is; empty for a text match
  std::string link;            // cited, curated, inferred, or "text" for a full-text match
  std::string stance;          // toward that recommendation; empty for a text match
};

struct Answer {
  std::string question;
  Intent intent = Intent::Evidence;
  std::vector<AskedConcept> concepts;
  std::vector<RankedRecommendation> recommendations;  // best first, exceptions after their rule
  std::vector<RankedReference> references;            // best first
  std::vector<SearchHit> passages;                    // best first
  std::vector<StoredRecommendation> logic;            // the sections the answer comes from
};

struct AskRequest {
  std::string question;
  std::optional<std::int64_t> topic_id;
  int limit = 10;  // references and passages at most
};

Result<Answer> answer_question(KbReader& kb, const AskRequest& request);

}  // namespace kb
