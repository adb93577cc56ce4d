#include "kb/relevance/design_strength.h"

namespace kb {

double link_design_factor(const Reference& ref, const EvidenceClaims& claims) {
  const EvidenceClass cls = class_of(ref.design);
  double by_level = ref.level <= 1 ? 1.25 : ref.level == 2 ? 1.2 : ref.level == 3 ? 1.1 : ref.level == 4 ? 1.0 : 0.85;
  // The text's own weighing of the evidence comes first: a class it speaks of counts more.
  if (claims.count(cls)) by_level *= cls == EvidenceClass::Prospective ? 1.15 : 1.05;
  return by_level;
}

double ranking_design_weight(Design d) {
  switch (d) {
    case Design::Rct: return 1.0;
    case Design::MetaAnalysis: return 0.95;
    case Design::SystematicReview: return 0.9;
    case Design::ProspectiveCohort: return 0.85;
    case Design::Phase2Trial: return 0.8;
    case Design::RetrospectiveCohort: return 0.7;
    case Design::RegistryAnalysis: return 0.7;
    case Design::CaseControl: return 0.65;
    case Design::CaseSeries: return 0.6;
    case Design::Review: return 0.5;
    case Design::Other: return 0.5;
  }
  return 0.5;
}

std::vector<Design> designs_named(std::string_view key) {
  if (key == "randomized controlled trial") return {Design::Rct};
  if (key == "meta-analysis") return {Design::MetaAnalysis};
  if (key == "systematic review") return {Design::SystematicReview, Design::MetaAnalysis};
  if (key == "prospective") return {Design::Rct, Design::ProspectiveCohort, Design::Phase2Trial};
  if (key == "retrospective") return {Design::RetrospectiveCohort, Design::RegistryAnalysis, Design::CaseSeries};
  if (key == "registry") return {Design::RegistryAnalysis};
  return {};
}

}  // namespace kb
