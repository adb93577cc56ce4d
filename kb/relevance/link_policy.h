// The link policy: which scored studies become inferred links of a recommendation, how
// many, how their scores are stored, and how an exception inherits its rule's evidence.
// The build and `kbindex add` both decide through these, so an import is held to the
// build's bar and cap.
#pragma once

#include <cstddef>
#include <string>

#include "kb/reference.h"

namespace kb {

// An inferred link scores at least this share of the recommendation's best score: below
// it, studies share only the topic's common words with the recommendation.
inline constexpr double kRelativeThreshold = 0.4;
// A recommendation gets at most this many inferred links: past it a reader stops reading,
// and the judged links of the seed end well before it.
inline constexpr std::size_t kMaxInferredLinks = 15;
// An exception inherits its rule's supporting studies at this Oxford level or better
// (prospective evidence): weaker studies do not bear against departing from a rule.
inline constexpr int kExceptionLevel = 3;

// Whether a candidate with SCORE becomes a link when RANK (0-based) candidates or links of
// the recommendation score higher, given its BEST score.
bool passes_threshold(double score, double best, std::size_t rank);

// Scores are stored to two decimals: what people read, and what makes a rebuild
// reproduce the same rows.
double rounded_score(double score);

// An exception is inferred to rest against the studies that support its parent and are at
// least prospective.
bool bears_on_exception(const Reference& ref);
std::string exception_basis(const std::string& parent_label, const Reference& ref);

}  // namespace kb
