// Links each recommendation to the studies behind it, saying where every link comes from:
//
//   cited     a citation marker in the recommendation's own sentences (stance: supports),
//             or, when those have none, in its paragraph (stance: context);
//   curated   a guideline author's links file (stance as written there);
//   inferred  the indexer's proposal for a recommendation with no cited or curated link: the
//             topic's references ranked against the recommendation, its paragraph and its
//             section, through the synonym table, weighted by study design as the text
//             itself weighs it ("prospective data", "retrospective evidence"), each link
//             with its score, stance and the reason for both.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/links_file.h"
#include "indexer/topic.h"
#include "kb/concepts.h"
#include "kb/recommendation.h"
#include "kb/reference.h"
#include "kb/status.h"

namespace kb {

struct EvidenceLink {
  std::size_t recommendation = 0;  // index into the topic's recommendations
  int number = 0;                  // reference number in the topic's list
  LinkSource source = LinkSource::Inferred;
  Stance stance = Stance::Context;
  std::optional<double> score;     // inferred links only
  std::string basis;               // why this link, in words
};

// The cited links of RECS in TOPIC.
std::vector<EvidenceLink> cited_links(const Topic& topic, const std::vector<Recommendation>& recs);

// Resolves the links file's lines against RECS and the topic's reference list. A line that
// names no recommendation, or an unknown reference, is a Parse status with PATH and line.
Result<std::vector<EvidenceLink>> curated_links(const std::vector<CuratedLink>& lines, const std::string& path,
                                                const Topic& topic, const std::vector<Recommendation>& recs);

// How a recommendation scores a study for an inferred link. Kept in the KB (inference_terms)
// so that studies added later by `kbindex add` are scored exactly as the topic's own.
struct InferenceProfile {
  bool scored = false;                    // false for an exception: it rests on its parent's evidence
  std::map<std::string, double> weights;  // concept -> its weight for the recommendation x its idf
                                          // among the topic's reference titles
  std::set<std::string> core;             // a study must share one of these
  std::set<std::string> discriminating;   // when any, a study must share one of these too
  double best = 0;                        // the best score among the topic's references; 0 for none
};

struct StudyScore {
  double score = 0;
  std::vector<std::string> matched;       // the concepts it shares with the recommendation
};

struct InferredStance {
  Stance stance = Stance::Context;
  std::string why;
};

// The concept keys of a study title.
std::set<std::string> concept_keys(const ConceptIndex& index, std::string_view title);

// What a topic is about: the concepts of its TITLE and those at least half of its
// references' titles hold, each with the share of reference titles holding it. A study
// added later must speak to two of them (see kMinTopicConcepts) before it is scored against
// the topic's recommendations, so that "surgery" in a study of bowel disease does not make
// it evidence about breast cancer.
std::map<std::string, double> topic_concepts(std::string_view title, const std::vector<Reference>& references,
                                             const ConceptIndex& index);
inline constexpr std::size_t kMinTopicConcepts = 2;

// The profiles of RECS (parallel to it); best is left 0, infer_links fills it.
std::vector<InferenceProfile> inference_profiles(const Topic& topic, const std::vector<Reference>& references,
                                                 const std::vector<Recommendation>& recs, const ConceptIndex& index);

// The score of a study with title CONCEPTS and REF's design against PROFILE, weighted as the
// recommendation's EVIDENCE_STATEMENTS weigh its design; nothing when it does not speak to it.
std::optional<StudyScore> score_study(const InferenceProfile& profile, const std::set<std::string>& concepts,
                                      const Reference& ref, const std::vector<std::string>& evidence_statements);

// Supports, against or context: what REF's title claims, else what the text says of its class
// of evidence, set against the recommendation's DIRECTION.
InferredStance infer_stance(Direction direction, const Reference& ref, const std::vector<std::string>& evidence_statements);

// The words stored as an inferred link's basis.
std::string inferred_basis(const StudyScore& score, const Reference& ref, const InferredStance& stance);

// Whether the candidate at RANK (0-based, best first) with SCORE becomes a link, given the
// recommendation's BEST score.
bool passes_threshold(double score, double best, std::size_t rank);

// An exception is inferred to rest against the studies that support its parent and are at
// least prospective (level 3 or better).
bool bears_on_exception(const Reference& ref);
std::string exception_basis(const std::string& parent_label, const Reference& ref);

// Inferred links for the recommendations that have no link in KNOWN (cited or curated: what
// the text or an author asserts stands for the recommendation). REFERENCES is parallel to
// TOPIC.references and carries their parsed titles and designs. PROFILES receives every
// recommendation's profile with its best score, parallel to RECS.
std::vector<EvidenceLink> infer_links(const Topic& topic, const std::vector<Reference>& references,
                                      const std::vector<Recommendation>& recs, const std::vector<EvidenceLink>& known,
                                      std::vector<InferenceProfile>& profiles, const ConceptIndex& concepts);

}  // namespace kb
