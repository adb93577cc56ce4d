#include "kb/design.h"

namespace kb {

const char* to_string(Design design) {
  switch (design) {
    case Design::Rct: return "rct";
    case Design::MetaAnalysis: return "meta_analysis";
    case Design::SystematicReview: return "systematic_review";
    case Design::ProspectiveCohort: return "prospective_cohort";
    case Design::Phase2Trial: return "phase2_trial";
    case Design::RetrospectiveCohort: return "retrospective_cohort";
    case Design::RegistryAnalysis: return "registry_analysis";
    case Design::CaseControl: return "case_control";
    case Design::CaseSeries: return "case_series";
    case Design::Review: return "review";
    case Design::Other: return "other";
  }
  return "other";
}

std::optional<Design> design_from_string(std::string_view name) {
  for (Design d : kAllDesigns) {
    if (name == to_string(d)) return d;
  }
  return std::nullopt;
}

}  // namespace kb
