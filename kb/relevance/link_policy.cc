#include "kb/relevance/link_policy.h"

#include <cmath>

#include "kb/design.h"

namespace kb {

bool passes_threshold(double score, double best, std::size_t rank) {
  return rank < kMaxInferredLinks && score >= kRelativeThreshold * best && score > 0;
}

double rounded_score(double score) { return std::round(score * 100.0) / 100.0; }

bool bears_on_exception(const Reference& ref) { return ref.level <= kExceptionLevel; }

std::string exception_basis(const std::string& parent_label, const Reference& ref) {
  return "supports " + parent_label + ", the rule this exception departs from; design " + to_string(ref.design) +
         " (level " + std::to_string(ref.level) + ")";
}

}  // namespace kb
