// Evidence gaps for guideline authors (`kbquery audit`): for each recommendation, the
// strongest design behind it, the span of its studies' years, whether any evidence is
// randomised, what kind of link it rests on, and the studies added since that may change
// it; for the topic, references the available text never cites, a text cut off at a
// paywall, references of one study printed twice, and the time since the literature review.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kb/db.h"
#include "kb/status.h"
#include "kb/output.h"

namespace kb {

// The audit of topic TOPIC_ID as the contract's JSON ({"topic", "truncated",
// "uncited_references", "recommendations": [...]}, with more keys). TODAY is "YYYY-MM",
// the month the time since the literature review is counted to.
Result<Json> audit_topic(Database& db, std::int64_t topic_id, const std::string& today);

// Whole months from FROM to TO, both "YYYY-MM"; nothing when either is not a month.
std::optional<int> months_between(const std::string& from, const std::string& to);

}  // namespace kb
