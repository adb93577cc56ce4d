// The guideline logic: a topic's recommendations assembled section by section into a
// decision structure (condition -> action, its reasons, considerations and evidence, with
// exceptions nested under the rule they depart from).
#pragma once

#include <string>
#include <vector>

#include "kb/output.h"
#include "query/recommendation_store.h"

namespace kb {

// JSON nodes: {"topic", "sections": [{"section", "nodes": [node]}]}, where a node is
// {"id", "direction", "if": [...], "then", "because", "unless": [...], "consider": [...],
// "evidence_says": [...], "evidence": {design: count}, "exceptions": [node]}.
Json logic_json(const std::vector<StoredRecommendation>& recs);

// The same as an indented tree a clinician can read in ten seconds, wrapped to WIDTH.
std::string logic_text(const std::vector<StoredRecommendation>& recs, int width);

// "2 rct, 1 prospective_cohort, 6 registry_analysis": the designs behind a recommendation.
std::string evidence_summary(const StoredRecommendation& rec);

}  // namespace kb
