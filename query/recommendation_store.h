// Reads recommendations, their guideline logic and their evidence back from the KB.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kb/recommendation.h"
#include "query/kb_reader.h"
#include "kb/output.h"
#include "query/reference_store.h"

namespace kb {

// The words stored in recommendations.direction, evidence_links.link and the stance of
// evidence_links and new_evidence_links, read back as their enums. The schema's CHECKs admit
// no other word, so another means the KB is damaged: Corrupt, naming the column and the word.
Result<Direction> stored_direction(std::string_view word);
Result<LinkSource> stored_link_source(std::string_view word);
Result<Stance> stored_stance(std::string_view word);

struct StoredEvidence {
  StoredReference reference;
  LinkSource link = LinkSource::Inferred;
  Stance stance = Stance::Context;
  std::optional<double> score;
  std::string basis;
};

struct StoredRecommendation {
  std::int64_t id = 0;
  std::string topic;  // slug
  std::string label;
  Direction direction = Direction::For;
  std::string text, action, cue, grade, rationale;
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
// How many studies are linked to each of IDS, by stance.
Result<std::map<std::int64_t, std::map<Stance, int>>> evidence_counts(KbReader& kb, const std::vector<std::int64_t>& ids);

// The contract's recommendation object: id, topic, text, direction, conditions,
// exceptions, rationale, evidence [{number, link, design, level, score}], and more.
Json recommendation_json(const StoredRecommendation& rec);

// A recommendation resting on one reference, with the link between them.
struct RelyingRecommendation {
  std::int64_t id = 0;
  std::string label, text;
  Direction direction = Direction::For;
  LinkSource link = LinkSource::Inferred;
  Stance stance = Stance::Context;
  std::optional<double> score;
  std::string basis;
};

// The recommendations linked to reference REFERENCE_ID (refs.id) in reading order, each once
// per kind of link (`kbquery ref` and `impact`).
Result<std::vector<RelyingRecommendation>> recommendations_relying_on(KbReader& kb, std::int64_t reference_id);

// {id (the label), direction, text, link, stance, score, basis}.
Json relying_json(const RelyingRecommendation& rec);

}  // namespace kb
