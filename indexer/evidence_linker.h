// Links each recommendation to the studies behind it, saying where every link comes from:
//
//   cited     a citation marker in the recommendation's own sentences (stance: supports),
//             or, when those have none, in its paragraph (stance: context);
//   curated   a guideline author's links file (stance as written there);
//   inferred  the indexer's proposal for a recommendation with no cited or curated link: the
//             topic's references ranked against the recommendation's profile by the
//             relevance module (kb/relevance/), held to its link policy, each link with
//             its score, stance and the reason for both.
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
#include "kb/relevance/recommendation_profile.h"
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

// The profiles of RECS (parallel to it), with the relevance module's weights; best is left
// 0, infer_links fills it.
std::vector<InferenceProfile> inference_profiles(const Topic& topic, const std::vector<Reference>& references,
                                                 const std::vector<Recommendation>& recs, const ConceptIndex& index);

// What TOPIC is about (relevance's topic_concepts over its references' titles).
std::map<std::string, double> topic_concepts(const Topic& topic, const std::vector<Reference>& references,
                                             const ConceptIndex& index);

// Inferred links for the recommendations that have no link in KNOWN (cited or curated: what
// the text or an author asserts stands for the recommendation). REFERENCES is parallel to
// TOPIC.references and carries their parsed titles and designs. PROFILES receives every
// recommendation's profile with its best score, parallel to RECS.
std::vector<EvidenceLink> infer_links(const Topic& topic, const std::vector<Reference>& references,
                                      const std::vector<Recommendation>& recs, const std::vector<EvidenceLink>& known,
                                      std::vector<InferenceProfile>& profiles, const ConceptIndex& concepts);

}  // namespace kb
