// Stance: whether a study supports a recommendation, argues against it, or is context.
// Read from what the study's title claims, else from what the topic's text says of the
// study's class of evidence ("retrospective evidence suggests a possible benefit,
// prospective data have shown no overall survival benefit"), set against the
// recommendation's direction. Used alike by the build, `kbindex add` and `kbquery ask`.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kb/recommendation.h"
#include "kb/reference.h"

namespace kb {

enum class EvidenceClass { Prospective, Retrospective, Pooled, Other };
enum class Polarity { None, Benefit, NoBenefit };

EvidenceClass class_of(Design design);
const char* to_string(EvidenceClass cls);

// What the text claims of each class of evidence, with the clause that claims it.
using EvidenceClaims = std::map<EvidenceClass, std::pair<Polarity, std::string>>;
EvidenceClaims text_claims(const std::vector<std::string>& evidence_statements);

// What a title says of the treatment's effect; a title that asks claims nothing.
Polarity title_polarity(std::string_view title);

struct InferredStance {
  Stance stance = Stance::Context;
  std::string why;
};

// Supports, against or context: what REF's title claims, else what the text says of its
// class of evidence, set against the recommendation's DIRECTION.
InferredStance infer_stance(Direction direction, const Reference& ref, const std::vector<std::string>& evidence_statements);

}  // namespace kb
