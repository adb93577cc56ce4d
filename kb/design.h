// The study-design vocabulary of the contract, as text: the names the KB stores and the query
// tool accepts ("rct", "meta_analysis", ...).
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "kb/reference.h"

namespace kb {

// Every design, strongest evidence for treatment benefit first (the enum's order).
inline constexpr std::array<Design, 11> kAllDesigns = {
    Design::Rct,         Design::MetaAnalysis,        Design::SystematicReview,
    Design::ProspectiveCohort, Design::Phase2Trial,   Design::RetrospectiveCohort,
    Design::RegistryAnalysis,  Design::CaseControl,   Design::CaseSeries,
    Design::Review,      Design::Other};

// The contract name of a design: "rct", "meta_analysis", "systematic_review",
// "prospective_cohort", "phase2_trial", "retrospective_cohort", "registry_analysis",
// "case_control", "case_series", "review", "other". Never null.
const char* to_string(Design design);

// The design a contract name denotes; exact, lower-case match. nullopt for anything else.
std::optional<Design> design_from_string(std::string_view name);

}  // namespace kb
