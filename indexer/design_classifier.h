// Study design and level of evidence of a reference, from its title, its abstract and its
// PubMed publication types.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/reference.h"

namespace kb {

// Sets ref.design, ref.design_reason, ref.level and ref.grade_start; reads ref.title (ref.raw
// when the title is empty) and ref.journal. Idempotent: calling it again recomputes the same.
//
// Evidence, strongest first:
//   1. A specific publication type ("Randomized Controlled Trial", "Meta-Analysis",
//      "Systematic Review", "Clinical Trial, Phase II", "Case Reports", "Practice Guideline"...).
//      Generic ones ("Clinical Trial", "Observational Study", "Review", "Clinical Trial,
//      Phase III/I") give a default that the title or abstract may narrow within their family.
//      The types, their designs and their precedence are the table of kb/publication_types.h.
//   2. A design named in the title ("open-label randomised controlled trial", "SEER",
//      "retrospective analysis", "Phase II trial", "case-control study", ...).
//   3. A method stated in the abstract ("randomly assigned", "retrospectively reviewed").
//   4. Weaker title hints: "150 cases", "experience", "results of", "series", "review",
//      "guidelines", "consensus", "an update", "clinicopathologic", a bare "trial".
//   5. No design named at all: a default for an original clinical study, by what its title
//      describes. Two groups compared, or an effect or association on an outcome ("with or
//      without", "versus", "effect of", "associated with", "improves", "benefit") together with
//      a treatment, an outcome or patients: retrospective_cohort. A treatment or procedure
//      ("resection", "ablation", "-ectomy", "-oscopy") applied to patients or a disease, with
//      nothing compared: case_series. An outcome followed with no treatment named ("survival",
//      "prognostic", "clinical course"): retrospective_cohort. design_reason then reads
//      "no design named in the title; <which reading> (title: '<cue>'): assumed <design>", and
//      "design" is added to ref.uncertain_fields. A title naming none of these stays "other".
// design_reason names the evidence used, quoting it: "title: 'randomized controlled trial'",
// "publication type: 'Randomized Controlled Trial'", "abstract: 'randomly assigned'".
// Only the default of step 5 marks "design" uncertain; a rerun clears and recomputes both
// "design" and "level" in ref.uncertain_fields.
//
// level is the Oxford CEBM 2011 level for a treatment-benefit question and grade_start the
// GRADE starting certainty:
//   meta_analysis, systematic_review     1 "high" (of randomised trials; see below)
//   rct                                  2 "high"
//   prospective_cohort, phase2_trial     3 "low"
//   retrospective_cohort, registry_analysis, case_control, case_series
//                                        4 "low"
//   review, other                        5 ""
// A meta-analysis or systematic review whose title or abstract says it pools observational
// studies gets level 3 and "low"; when neither says what it pools, level 1 and "high" are
// assumed and "level" is added to ref.uncertain_fields.
void classify_design(Reference& ref, std::string_view abstract = {},
                     const std::vector<std::string>& publication_types = {});

}  // namespace kb
