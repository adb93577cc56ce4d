// Everything the indexer learns from a parsed topic: its references as data, its
// recommendations, and the evidence linked to each.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "indexer/evidence_linker.h"
#include "indexer/topic.h"
#include "kb/concepts.h"
#include "kb/recommendation.h"
#include "kb/reference.h"
#include "kb/status.h"

namespace kb {

struct AnalysedTopic {
  Topic topic;
  std::vector<Reference> references;  // parallel to topic.references
  std::vector<Recommendation> recommendations;
  std::vector<EvidenceLink> links;
  std::vector<InferenceProfile> profiles;  // parallel to recommendations
  std::map<std::string, double> about;  // its concepts: topic_concepts()
};

// A links file's text and where it was read from.
struct LinksFileText {
  std::string path;
  std::string content;
};

// Parses the references, finds the recommendations and links the evidence. A bad links
// file is a Parse status naming its path and line.
Result<AnalysedTopic> analyse_topic(Topic topic, const std::optional<LinksFileText>& links, const ConceptIndex& concepts);

}  // namespace kb
