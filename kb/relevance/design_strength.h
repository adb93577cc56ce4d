// How much a study's design counts: once when a link is scored (the Oxford level, and more
// where the topic's own text weighs that class of evidence), once when an answer ranks the
// studies it shows (randomised trials first, the vocabulary's order).
#pragma once

#include <string_view>
#include <vector>

#include "kb/reference.h"
#include "kb/relevance/evidence_stance.h"

namespace kb {

// The factor an inferred link's score is multiplied by: 1.25 for level 1 down to 0.85 for
// level 5; a class of evidence the text speaks of counts 5% more (15% when prospective).
double link_design_factor(const Reference& ref, const EvidenceClaims& claims);

// A study's weight in an answer's ranking, 1.0 for a randomised trial down to 0.5 for a
// review or an unknown design.
double ranking_design_weight(Design design);

// The designs a question's concept names, by the synonym group it belongs to ("randomized
// controlled trial", "meta-analysis", "prospective", ...); empty for any other concept.
// A question naming a design asks for studies of that design, not about it.
std::vector<Design> designs_named(std::string_view concept_key);

}  // namespace kb
