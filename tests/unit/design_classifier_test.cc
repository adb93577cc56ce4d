#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "indexer/design_classifier.h"
#include "indexer/reference_parser.h"
#include "kb/design.h"

namespace {

using Strings = std::vector<std::string>;

// Seed references of local-therapies-metastatic-breast-cancer.txt, by number.
const char* const kSeed4 =
    "Pagani O, Senkus E, Wood W, et al. International guidelines for management of metastatic "
    "breast cancer: can metastatic breast cancer be cured? J Natl Cancer Inst 2010; 102:456.";
const char* const kSeed5 =
    "Badwe R, Hawaldar R, Nair N, et al. Locoregional treatment versus no treatment of the "
    "primary tumour in metastatic breast cancer: an open-label randomised controlled trial. "
    "Lancet Oncol 2015; 16:1380.";
const char* const kSeed6 =
    "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage IV "
    "breast cancer (TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006.";
const char* const kSeed7 =
    "Soran A, Ozmen V, Ozbas S, et al. A randomized controlled trial evaluating resection of the "
    "primary breast tumor in women presenting with de novo stage IV breast cancer. J Clin Oncol "
    "2016; 34S: ASCO #1005.";
const char* const kSeed8 =
    "Harris E, Barry M, Kell MR. Meta-analysis to determine if surgical resection of the primary "
    "tumour in the setting of stage IV breast cancer impacts on survival. Ann Surg Oncol 2013; "
    "20:2828.";
const char* const kSeed9 =
    "Warschkow R, Güller U, Tarantino I, et al. Improved Survival After Primary Tumor Surgery in "
    "Metastatic Breast Cancer: A Propensity-adjusted, Population-based SEER Trend Analysis. Ann "
    "Surg 2016; 263:1188.";
const char* const kSeed11 =
    "Nieto Y, Cagnoni PJ, Shpall EJ, et al. Phase II trial of high-dose chemotherapy with "
    "autologous stem cell transplant for stage IV breast cancer with minimal metastatic disease. "
    "Clin Cancer Res 1999; 5:1731.";
const char* const kSeed16 =
    "Gnerlich J, Jeffe DB, Deshpande AD, et al. Surgical removal of the primary tumor increases "
    "overall survival in patients with metastatic breast cancer: analysis of the 1988-2003 SEER "
    "data. Ann Surg Oncol 2007; 14:2187.";
const char* const kSeed21 =
    "Thomas A, Khan SA, Chrischilles EA, Schroeder MC. Initial Surgery and Survival in Stage IV "
    "Breast Cancer in the United States, 1988-2011. JAMA Surg 2016; 151:424.";
const char* const kSeed24 =
    "Chua TC, Saxena A, Liauw W, et al. Hepatic resection for metastatic breast cancer: a "
    "systematic review. Eur J Cancer 2011; 47:2282.";
const char* const kSeed32 =
    "Miao H, Hartman M, Bhoo-Pathy N, et al. Predicting survival of de novo metastatic breast "
    "cancer in Asian women: systematic review and validation study. PLoS One 2014; 9:e93755.";
const char* const kSeed49 =
    "Atalay G, Biganzoli L, Renard F, et al. Clinical outcome of breast cancer patients with "
    "liver metastases alone in the anthracycline-taxane era: a retrospective analysis of two "
    "prospective, randomised metastatic breast cancer trials. Eur J Cancer 2003; 39:2439.";
const char* const kSeed53 =
    "Sadot E, Lee SY, Sofocleous CT, et al. Hepatic Resection or Ablation for Isolated Breast "
    "Cancer Liver Metastasis: A Case-control Study With Comparison to Medically Treated "
    "Patients. Ann Surg 2016; 264:147.";
const char* const kSeed60 =
    "Alvarado-Cabrero I, Rodríguez-Gómez A, Castelan-Pedraza J, Valencia-Cedillo R. Metastatic "
    "ovarian tumors: a clinicopathologic study of 150 cases. Anal Quant Cytopathol Histpathol "
    "2013; 35:241.";

kb::Reference classified(const char* raw, std::string_view abstract = {},
                         const Strings& publication_types = {}) {
  kb::Reference r = kb::parse_reference(raw);
  kb::classify_design(r, abstract, publication_types);
  return r;
}

kb::Reference titled(const char* title, std::string_view abstract = {},
                     const Strings& publication_types = {}) {
  kb::Reference r;
  r.title = title;
  kb::classify_design(r, abstract, publication_types);
  return r;
}

bool uncertain(const kb::Reference& r, const char* field) {
  return std::find(r.uncertain_fields.begin(), r.uncertain_fields.end(), field) !=
         r.uncertain_fields.end();
}

}  // namespace

TEST_CASE("Design classifier recognises randomised controlled trials in titles", "[design]") {
  const kb::Reference r5 = classified(kSeed5);
  CHECK(r5.design == kb::Design::Rct);
  CHECK(r5.design_reason == "title: 'open-label randomised controlled trial'");
  CHECK(r5.level == 2);
  CHECK(r5.grade_start == "high");

  const kb::Reference r7 = classified(kSeed7);
  CHECK(r7.design == kb::Design::Rct);
  CHECK(r7.design_reason == "title: 'randomized controlled trial'");
  CHECK(r7.level == 2);
  CHECK(r7.grade_start == "high");
}

TEST_CASE("Design classifier recognises a meta-analysis and flags a level it must assume",
          "[design]") {
  const kb::Reference r8 = classified(kSeed8);
  CHECK(r8.design == kb::Design::MetaAnalysis);
  CHECK(r8.design_reason == "title: 'Meta-analysis'");
  CHECK(r8.level == 1);
  CHECK(r8.grade_start == "high");
  // Nothing says what it pools: randomised trials are assumed, and the level flagged.
  CHECK(uncertain(r8, "level"));
}

TEST_CASE("Design classifier grades a meta-analysis by the studies it pools", "[design]") {
  const kb::Reference observational =
      titled("Surgery of the primary tumour in stage IV breast cancer: a meta-analysis of "
             "observational studies");
  CHECK(observational.design == kb::Design::MetaAnalysis);
  CHECK(observational.level == 3);
  CHECK(observational.grade_start == "low");
  CHECK_FALSE(uncertain(observational, "level"));

  const kb::Reference randomised =
      titled("Radiotherapy after breast-conserving surgery: meta-analysis of individual patient "
             "data for 10,801 women in 17 randomised trials");
  CHECK(randomised.design == kb::Design::MetaAnalysis);
  CHECK(randomised.level == 1);
  CHECK(randomised.grade_start == "high");
  CHECK_FALSE(uncertain(randomised, "level"));

  const kb::Reference by_abstract =
      titled("Primary tumour surgery in metastatic breast cancer: a systematic review",
             "We searched MEDLINE for retrospective cohort studies comparing surgery with no "
             "surgery.");
  CHECK(by_abstract.design == kb::Design::SystematicReview);
  CHECK(by_abstract.level == 3);
  CHECK(by_abstract.grade_start == "low");
}

TEST_CASE("Design classifier recognises a prospective analysis as a prospective cohort",
          "[design]") {
  const kb::Reference r6 = classified(kSeed6);
  CHECK(r6.design == kb::Design::ProspectiveCohort);
  CHECK(r6.design_reason == "title: 'prospective analysis'");
  CHECK(r6.level == 3);
  CHECK(r6.grade_start == "low");
}

TEST_CASE("Design classifier recognises a phase II trial", "[design]") {
  const kb::Reference r11 = classified(kSeed11);
  CHECK(r11.design == kb::Design::Phase2Trial);
  CHECK(r11.design_reason == "title: 'Phase II trial'");
  CHECK(r11.level == 3);
  CHECK(r11.grade_start == "low");

  // Randomisation outranks the phase.
  CHECK(titled("A randomized phase II trial of X versus Y").design == kb::Design::Rct);
}

TEST_CASE("Design classifier recognises registry analyses", "[design]") {
  for (const char* raw : {kSeed9, kSeed16, kSeed21}) {
    const kb::Reference r = classified(raw);
    INFO(raw);
    CHECK(r.design == kb::Design::RegistryAnalysis);
    CHECK(r.level == 4);
    CHECK(r.grade_start == "low");
  }
  CHECK(classified(kSeed9).design_reason == "title: 'SEER'");
  CHECK(classified(kSeed21).design_reason == "title: 'United States, 1988-2011'");
  CHECK(titled("Surgery in stage IV breast cancer: a National Cancer Data Base analysis").design ==
        kb::Design::RegistryAnalysis);
}

TEST_CASE("Design classifier reads a systematic review followed by other work as a systematic "
          "review",
          "[design]") {
  const kb::Reference r24 = classified(kSeed24);
  CHECK(r24.design == kb::Design::SystematicReview);
  CHECK(r24.design_reason == "title: 'systematic review'");
  CHECK(r24.level == 1);
  CHECK(r24.grade_start == "high");

  const kb::Reference r32 = classified(kSeed32);
  CHECK(r32.design == kb::Design::SystematicReview);
  CHECK(r32.design_reason == "title: 'systematic review'");
}

TEST_CASE("Design classifier recognises a case-control study", "[design]") {
  const kb::Reference r53 = classified(kSeed53);
  CHECK(r53.design == kb::Design::CaseControl);
  CHECK(r53.design_reason == "title: 'Case-control Study'");
  CHECK(r53.level == 4);
  CHECK(r53.grade_start == "low");
}

TEST_CASE("Design classifier reads guidelines as a review", "[design]") {
  const kb::Reference r4 = classified(kSeed4);
  CHECK(r4.design == kb::Design::Review);
  CHECK(r4.design_reason == "title: 'guidelines'");
  CHECK(r4.level == 5);
  CHECK(r4.grade_start.empty());
  CHECK(titled("Management of bone metastases: an update").design == kb::Design::Review);
}

TEST_CASE("Design classifier reads a retrospective analysis of randomised trials as "
          "retrospective",
          "[design]") {
  const kb::Reference r49 = classified(kSeed49);
  CHECK(r49.design == kb::Design::RetrospectiveCohort);
  CHECK(r49.design_reason == "title: 'retrospective analysis'");
  CHECK(r49.level == 4);
  CHECK(r49.grade_start == "low");
  // The title outranks an abstract that mentions the original trials' randomisation.
  CHECK(classified(kSeed49, "Patients had been randomly assigned to doxorubicin or paclitaxel.")
            .design == kb::Design::RetrospectiveCohort);
}

TEST_CASE("Design classifier does not read non-randomised as randomised", "[design]") {
  const kb::Reference r = titled("A non-randomised comparison of surgery and radiotherapy");
  CHECK(r.design == kb::Design::ProspectiveCohort);
  CHECK(r.level == 3);
}

TEST_CASE("Design classifier reads counted cases and institutional experience as case series",
          "[design]") {
  const kb::Reference r60 = classified(kSeed60);
  CHECK(r60.design == kb::Design::CaseSeries);
  CHECK(r60.design_reason == "title: '150 cases'");
  CHECK(r60.level == 4);
  CHECK(titled("Survival after first recurrence of breast cancer. The Miami experience").design ==
        kb::Design::CaseSeries);
  CHECK(titled("Liver metastases of breast cancer: results of liver resection").design ==
        kb::Design::CaseSeries);
}

TEST_CASE("Design classifier lets publication types take precedence over the title", "[design]") {
  const kb::Reference r = classified(kSeed49, {}, {"Journal Article", "Randomized Controlled Trial"});
  CHECK(r.design == kb::Design::Rct);
  CHECK(r.design_reason == "publication type: 'Randomized Controlled Trial'");
  CHECK(r.level == 2);

  const kb::Reference guideline = titled("Breast cancer", {}, {"Practice Guideline"});
  CHECK(guideline.design == kb::Design::Review);
  CHECK(guideline.design_reason == "publication type: 'Practice Guideline'");

  const kb::Reference report = titled("An unusual metastasis", {}, {"Case Reports"});
  CHECK(report.design == kb::Design::CaseSeries);

  const kb::Reference pooled = titled("Surgery for X", {}, {"Systematic Review", "Meta-Analysis"});
  CHECK(pooled.design == kb::Design::MetaAnalysis);
}

TEST_CASE("Design classifier narrows a generic publication type with the title", "[design]") {
  const kb::Reference phase2 = classified(kSeed11, {}, {"Clinical Trial"});
  CHECK(phase2.design == kb::Design::Phase2Trial);
  CHECK(phase2.design_reason == "title: 'Phase II trial'; publication type: 'Clinical Trial'");

  const kb::Reference trial = titled("High-dose chemotherapy for breast cancer", {},
                                     {"Clinical Trial"});
  CHECK(trial.design == kb::Design::ProspectiveCohort);
  CHECK(trial.design_reason == "publication type: 'Clinical Trial'");

  const kb::Reference review = titled("Surgery for X: a meta-analysis", {}, {"Review"});
  CHECK(review.design == kb::Design::MetaAnalysis);

  // A narrative review stays a review whatever its title mentions.
  const kb::Reference narrative = titled("Randomized trials of surgery", {}, {"Review"});
  CHECK(narrative.design == kb::Design::Review);

  const kb::Reference observational = titled("Outcomes after surgery", {},
                                             {"Observational Study"});
  CHECK(observational.design == kb::Design::RetrospectiveCohort);
}

TEST_CASE("Design classifier sharpens a silent title with the abstract", "[design]") {
  const kb::Reference rct = titled(
      "Locoregional treatment of the primary tumour in metastatic breast cancer",
      "Between 2005 and 2013, 350 women were randomly assigned to locoregional treatment or no "
      "locoregional treatment.");
  CHECK(rct.design == kb::Design::Rct);
  CHECK(rct.design_reason == "abstract: 'randomly assigned'");

  const kb::Reference retro = titled(
      "Outcome of surgery for stage IV breast cancer",
      "We retrospectively reviewed the records of 224 patients treated between 1990 and 2000.");
  CHECK(retro.design == kb::Design::RetrospectiveCohort);
  CHECK(retro.design_reason == "abstract: 'retrospectively'");
  CHECK(retro.level == 4);
}

TEST_CASE("Design classifier knows the Cochrane Database publishes systematic reviews",
          "[design]") {
  const kb::Reference r = classified(
      "Smith J, Wong K. Surgery for breast cancer. Cochrane Database Syst Rev 2011; "
      "(9):CD003366.");
  CHECK(r.design == kb::Design::SystematicReview);
  CHECK(r.design_reason == "journal: 'Cochrane Database Syst Rev'");
}

TEST_CASE("Design classifier leaves a title without cues as other, level 5", "[design]") {
  const kb::Reference r = titled("Ovarian disease in women with breast cancer");
  CHECK(r.design == kb::Design::Other);
  CHECK(r.design_reason == "no design cue");
  CHECK(r.level == 5);
  CHECK(r.grade_start.empty());
}

TEST_CASE("Design classifier assumes a design for a clinical study whose title names none, and "
          "says so",
          "[design]") {
  // Two groups compared: a retrospective cohort.
  const kb::Reference compared =
      titled("Effects of surgical excision on survival of patients with stage IV breast cancer");
  CHECK(compared.design == kb::Design::RetrospectiveCohort);
  CHECK(compared.design_reason ==
        "no design named in the title; groups compared (title: 'Effects of'): assumed "
        "retrospective_cohort");
  CHECK(compared.level == 4);
  CHECK(uncertain(compared, "design"));
  CHECK(titled("Matched outcome of breast cancer with or without resection of the primary")
            .design == kb::Design::RetrospectiveCohort);

  // Treated patients only: a case series.
  const kb::Reference treated = titled("Curative liver resection for metastatic breast cancer");
  CHECK(treated.design == kb::Design::CaseSeries);
  CHECK(treated.design_reason ==
        "no design named in the title; treated patients described (title: 'resection'): "
        "assumed case_series");
  CHECK(uncertain(treated, "design"));
  CHECK(titled("Role of laparoscopy in the evaluation of the adnexa in patients with breast "
               "cancer")
            .design == kb::Design::CaseSeries);

  // An outcome followed, no treatment named: a (prognostic) retrospective cohort.
  const kb::Reference course = titled("Clinical course of breast cancer patients with liver "
                                      "metastases");
  CHECK(course.design == kb::Design::RetrospectiveCohort);
  CHECK(uncertain(course, "design"));

  // A named design is not uncertain, and a rerun does not repeat the mark.
  CHECK_FALSE(uncertain(classified(kSeed5), "design"));
  kb::Reference twice = titled("Curative liver resection for metastatic breast cancer");
  kb::classify_design(twice);
  CHECK(std::count(twice.uncertain_fields.begin(), twice.uncertain_fields.end(), "design") == 1);
}

TEST_CASE("Design classifier gives the same answer when run twice", "[design]") {
  kb::Reference r = kb::parse_reference(kSeed8);
  kb::classify_design(r);
  kb::classify_design(r);
  CHECK(r.design == kb::Design::MetaAnalysis);
  CHECK(std::count(r.uncertain_fields.begin(), r.uncertain_fields.end(), "level") == 1);
}

TEST_CASE("Design names round-trip through their contract strings", "[design]") {
  const Strings names = {"rct",
                         "meta_analysis",
                         "systematic_review",
                         "prospective_cohort",
                         "phase2_trial",
                         "retrospective_cohort",
                         "registry_analysis",
                         "case_control",
                         "case_series",
                         "review",
                         "other"};
  REQUIRE(names.size() == kb::kAllDesigns.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    CHECK(std::string(kb::to_string(kb::kAllDesigns[i])) == names[i]);
    CHECK(kb::design_from_string(names[i]) == kb::kAllDesigns[i]);
  }
  CHECK_FALSE(kb::design_from_string("RCT").has_value());
  CHECK_FALSE(kb::design_from_string("").has_value());
  CHECK_FALSE(kb::design_from_string("cohort").has_value());
}
