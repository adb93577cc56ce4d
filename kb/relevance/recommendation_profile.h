// A recommendation's profile: the concepts it speaks of, weighted by how close to its
// advice each stands and by how rare it is among the topic's reference titles. Built once
// at build time, stored (profile_store.h), and read back by `kbindex add` so that a study
// added later is scored exactly as the topic's own references were. The same weighing of
// a recommendation's own words (kActionWeight, kConditionWeight, kLogicWeight) is what
// `kbquery ask` measures a question against (question_match.h).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kb/concepts.h"
#include "kb/reference.h"
#include "kb/relevance/evidence_stance.h"

namespace kb {

using ConceptWeights = std::map<std::string, double>;

// What the recommendation advises counts most, then for whom, then the rest of its logic,
// then the words of its paragraph and section around it.
inline constexpr double kActionWeight = 3.0;
inline constexpr double kConditionWeight = 2.0;
inline constexpr double kLogicWeight = 1.0;       // exceptions, rationale, evidence statements
inline constexpr double kParagraphWeight = 0.5;
inline constexpr double kSectionWeight = 0.25;
// A medical condition held by at most this share of the topic's reference titles sets the
// recommendation apart ("local complications" among studies of survival): a study must
// speak to it.
inline constexpr double kDiscriminatingShare = 0.15;
// A study about an organ or procedure the recommendation does not name (resecting liver
// metastases is not treating the primary) keeps this share of its score.
inline constexpr double kOtherTargetFactor = 0.3;

// The words of a recommendation, as both the build (kb::Recommendation) and the query
// side (stored rows) hold them.
struct RecommendationWords {
  std::vector<std::string> actions;  // what it advises, its advice words taken out; one per restatement too
  std::vector<std::string> conditions, exceptions;
  std::string rationale;
  std::vector<std::string> evidence_statements;
};

// ACTION without the CUE that makes it advice: "we do not offer local treatment" -> "local treatment".
std::string action_object(const std::string& action, const std::string& cue);
RecommendationWords recommendation_words(const std::string& action, const std::string& cue,
                                         const std::vector<std::string>& restatements,
                                         const std::vector<std::string>& conditions,
                                         const std::vector<std::string>& exceptions, const std::string& rationale,
                                         const std::vector<std::string>& evidence_statements);

// A word of advice or of the setting that says nothing of what is advised ("consider", "patient").
bool is_generic_concept(const Concept& c);

// The concept keys of a text (a study title).
std::set<std::string> concept_keys(const ConceptIndex& index, std::string_view text);

// How many of a topic's reference titles hold each concept.
struct TitleFrequencies {
  std::map<std::string, int> df;
  std::size_t titles = 0;
  double idf(const std::string& key) const;  // rarer concepts weigh more
};
TitleFrequencies title_frequencies(const std::vector<std::set<std::string>>& title_concepts);

struct InferenceProfile {
  bool scored = false;                    // false for an exception: it rests on its parent's evidence
  ConceptWeights weights;                 // concept -> its weight for the recommendation x its idf
  std::set<std::string> core;             // a study must share one of these
  std::set<std::string> discriminating;   // when any, a study must share one of these too
  double best = 0;                        // the best score among the topic's references; 0 for none
};

// The profile of a recommendation (not an exception) with WORDS, standing in a paragraph
// with PARAGRAPH's concepts and a section with SECTION's.
InferenceProfile build_profile(const RecommendationWords& words, const std::vector<Concept>& paragraph,
                               const std::vector<std::vector<Concept>>& section, const TitleFrequencies& frequencies,
                               const ConceptIndex& index);

// What a topic is about: the concepts of its TITLE and those at least half of its
// references' titles hold, each with the share of reference titles holding it. A study
// added later must speak to kMinTopicConcepts of them before it is scored against the
// topic's recommendations, so that "surgery" in a study of bowel disease does not make it
// evidence about breast cancer.
std::map<std::string, double> topic_concepts(std::string_view title, const TitleFrequencies& frequencies,
                                             const ConceptIndex& index);
inline constexpr std::size_t kMinTopicConcepts = 2;

struct StudyScore {
  double score = 0;
  std::vector<std::string> matched;       // the concepts it shares with the recommendation
};

// The score of a study with title CONCEPTS and REF's design against PROFILE, weighted as the
// recommendation's EVIDENCE_STATEMENTS weigh its design; nothing when it does not speak to it.
std::optional<StudyScore> score_study(const InferenceProfile& profile, const std::set<std::string>& concepts,
                                      const Reference& ref, const std::vector<std::string>& evidence_statements);

// The words stored as an inferred link's basis.
std::string inferred_basis(const StudyScore& score, const Reference& ref, const InferredStance& stance);

}  // namespace kb
