// Reads recommendations, their guideline logic and their evidence back from the KB.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/kb_reader.h"
#include "query/output.h"
#include "query/reference_store.h"

namespace kb {

struct StoredEvidence {
  StoredReference reference;
  std::string link;    // cited, curated or inferred
  std::string stance;  // supports, against or context
  std::optional<double> score;
  std::string basis;
};

struct StoredRecommendation {
  std::int64_t id = 0;
  std::string topic;  // slug
  std::string label;
  std::string text, action, direction, cue, grade, rationale;
  std::string parent;  // label of the recommendation it is an exception to
  int section = 0, paragraph = 0;
  std::vector<std::string> conditions, exceptions, considerations, evidence_statements;
  std::vector<std::string> restatements;  // sentences restating it
  std::vector<StoredEvidence> evidence;   // strongest first: provenance, design, then score
};

// Every recommendation of the topic TOPIC_ID (all topics when empty), in reading order.
Result<std::vector<StoredRecommendation>> load_recommendations(KbReader& kb, std::optional<std::int64_t> topic_id);
// The recommendations with these IDS, in topic and reading order; their evidence only when
// WITH_EVIDENCE (load_evidence() reads it for one later).
Result<std::vector<StoredRecommendation>> load_recommendations(KbReader& kb, const std::vector<std::int64_t>& ids,
                                                               bool with_evidence = true);
// Reads REC's evidence, strongest first.
Status load_evidence(KbReader& kb, StoredRecommendation& rec);
// How many studies are linked to each of IDS, by stance ("supports", "against", "context").
Result<std::map<std::int64_t, std::map<std::string, int>>> evidence_counts(KbReader& kb,
                                                                          const std::vector<std::int64_t>& ids);

// The contract's recommendation object: id, topic, text, direction, conditions,
// exceptions, rationale, evidence [{number, link, design, level, score}], and more.
Json recommendation_json(const StoredRecommendation& rec);

}  // namespace kb
