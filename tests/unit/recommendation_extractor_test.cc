#include <catch2/catch.hpp>

#include "seed_fixture.h"

#include "indexer/formats/topic_text.h"
#include "indexer/recommendation_extractor.h"
#include "kb/grade.h"
#include "kb/file_io.h"

namespace {

const std::vector<kb::Recommendation>& seed_recommendations() {
  static const std::vector<kb::Recommendation> recs = kb::extract_recommendations(seed::topic());
  return recs;
}

kb::Recommendation analyse(const std::string& sentence) {
  kb::Recommendation rec;
  rec.text = sentence;
  auto cue = kb::find_advice_cue(sentence);
  REQUIRE(cue);
  rec.direction = cue->direction;
  kb::analyse_recommendation_sentence(rec, *cue);
  return rec;
}

}  // namespace

TEST_CASE("Advice cues give the direction; descriptive sentences have none", "[recs][cues]") {
  auto [sentence, direction] = GENERATE(table<std::string, std::string>({
      {"We recommend surgery for such patients.", "for"},
      {"We suggest against routine imaging.", "against"},
      {"Reconstruction should not be offered.", "against"},
      {"Patients should be evaluated for surgery.", "for"},
      {"RT is not indicated in this setting.", "against"},
      {"Resection may be considered in selected patients.", "conditional"},
      {"For example, we have offered surgery to some patients.", "conditional"},
      {"In such patients, observation is reasonable.", "for"},
      {"We treat with endocrine therapy first (Grade 2C).", "for"},
      {"Endocrine therapy first line (Grade 1B).", "for"},
  }));
  auto cue = kb::find_advice_cue(sentence);
  REQUIRE(cue);
  CHECK(kb::to_string(cue->direction) == direction);
}

TEST_CASE("Sentences that only describe are not advice", "[recs][cues]") {
  auto sentence = GENERATE(as<std::string>{},
      "The median survival for patients with stage IV breast cancer is 18 to 24 months [1-3].",
      "Some evidence suggests a potential for prolonging survival, although prospective data are lacking [4].",
      "Local treatment may palliate symptoms and prevent cancer-related complications.",
      "The primary role of local treatment to the breast in metastatic breast cancer is palliation.",
      "Deviations to this approach may be rarely made on a case-by-case basis.",
      "These approaches and their rationale are discussed here.",
      "Shoulder pain is common after surgery.");
  CHECK_FALSE(kb::find_advice_cue(sentence).has_value());
}

TEST_CASE("Grades are read from UpToDate's printed form", "[recs][cues]") {
  CHECK(kb::find_grade("We suggest surgery (Grade 2B).") == "2B");
  CHECK(kb::find_grade("We recommend it (grade 1a)") == "1A");
  CHECK(kb::find_grade("A grade of 3 tumour (Grade 3)").empty());
}

TEST_CASE("A recommendation's sentence splits into conditions, action, exception and rationale", "[recs][clauses]") {
  SECTION("leading condition after discourse markers, rationale after 'given'") {
    auto rec = analyse("However, in general, for patients who are asymptomatic at the site of their primary, we do not "
                       "offer local treatment given lack of clear evidence that it improves survival.");
    CHECK(rec.conditions == std::vector<std::string>{"for patients who are asymptomatic at the site of their primary"});
    CHECK(rec.action == "we do not offer local treatment");
    CHECK(rec.rationale == "given lack of clear evidence that it improves survival");
    CHECK(rec.exceptions.empty());
  }
  SECTION("an 'unless' in parentheses is an exception") {
    auto rec = analyse("Similarly, if mastectomy is used, reconstruction should not be offered (unless necessary to close "
                       "a large wound).");
    CHECK(rec.conditions == std::vector<std::string>{"if mastectomy is used"});
    CHECK(rec.action == "reconstruction should not be offered");
    CHECK(rec.exceptions == std::vector<std::string>{"unless necessary to close a large wound"});
  }
  SECTION("a subject naming patients, and an 'if' whose parenthesis holds commas") {
    auto rec = analyse("Patients with metastatic disease should be evaluated for possible local management of the primary "
                       "if it may control local complications from the cancer (eg, bleeding, infection, or wound management).");
    CHECK(rec.conditions == std::vector<std::string>{
                                "patients with metastatic disease",
                                "if it may control local complications from the cancer (eg, bleeding, infection, or wound "
                                "management)"});
    CHECK(rec.action == "should be evaluated for possible local management of the primary");
  }
  SECTION("'as it would be' gives the reason") {
    auto rec = analyse("If lumpectomy is pursued for local management of the primary, radiation therapy (RT) is not "
                       "indicated, as it would be for primary curative treatment for non-metastatic disease.");
    CHECK(rec.conditions == std::vector<std::string>{"if lumpectomy is pursued for local management of the primary"});
    CHECK(rec.action == "radiation therapy (RT) is not indicated");
    CHECK(rec.rationale == "as it would be for primary curative treatment for non-metastatic disease");
  }
}

TEST_CASE("Seed topic: five recommendations and no descriptive sentence among them", "[recs][seed]") {
  const auto& recs = seed_recommendations();
  REQUIRE(recs.size() == 5);
  CHECK(recs[0].text.rfind("Patients with metastatic disease should be evaluated", 0) == 0);
  CHECK(recs[1].text.rfind("However, in general, for patients who are asymptomatic", 0) == 0);
  CHECK(recs[2].text.rfind("For example, we have offered local management", 0) == 0);
  CHECK(recs[3].text.rfind("If lumpectomy is pursued", 0) == 0);
  CHECK(recs[4].text.rfind("Similarly, if mastectomy is used", 0) == 0);
  std::vector<std::string> directions;
  for (const auto& r : recs) directions.push_back(kb::to_string(r.direction));
  CHECK(directions == std::vector<std::string>{"for", "against", "conditional", "against", "against"});
  for (std::size_t i = 0; i < recs.size(); ++i) CHECK(recs[i].label == std::string("R").append(std::to_string(i + 1)));
}

TEST_CASE("Seed topic: not operating on an asymptomatic primary, restated, with its exception", "[recs][seed]") {
  const auto& r2 = seed_recommendations()[1];
  CHECK(r2.direction == kb::Direction::Against);
  REQUIRE(r2.restatements.size() == 1);
  CHECK(r2.restatements[0] == kb::SentencePlace{1, 0, 4});  // "As such, we typically do not offer surgery ..."
  REQUIRE(r2.exceptions.size() == 2);
  CHECK(r2.exceptions[0].rfind("Deviations to this approach may be rarely made on a case-by-case basis", 0) == 0);
  CHECK(r2.exceptions[1] == "patients with human epidermal growth factor receptor 2 (HER2)-positive disease who have a "
                            "brisk and dramatic response to systemic therapy");
  REQUIRE(r2.evidence_statements.size() == 1);
  CHECK(r2.evidence_statements[0].rfind("While retrospective evidence suggests a possible benefit", 0) == 0);
}

TEST_CASE("Seed topic: the HER2 exception is a conditional recommendation with considerations", "[recs][seed]") {
  const auto& r3 = seed_recommendations()[2];
  CHECK(r3.parent == "R2");
  CHECK(r3.direction == kb::Direction::Conditional);
  CHECK(r3.action == "we have offered local management of the primary");
  CHECK(r3.considerations ==
        std::vector<std::string>{"expertise and experience of the treating institution", "patient preferences"});
  CHECK(r3.evidence_statements == std::vector<std::string>{"However, data supporting such an approach are lacking"});
}

namespace {

std::vector<kb::Recommendation> recs_of(const std::string& body) {
  auto topic = kb::parse_text_topic("A guideline\n\n" + body + "\n\nReferences\n\n  1. A B. T. J 2000; 1:1.\n  2. C D. T. J 2001; 2:2.\n", "g.txt");
  REQUIRE(topic.ok());
  return kb::extract_recommendations(*topic);
}

}  // namespace

TEST_CASE("Guideline styles of advice: committee voice, options, deferral, licensing", "[recs][cues][guidelines]") {
  auto [sentence, direction] = GENERATE(table<std::string, std::string>({
      {"ACIP recommends no changes in the influenza vaccination guidelines.", "for"},
      {"In addition, the updated guidelines recommend reducing the dose of rifabutin.", "for"},
      {"The committee recommends against routine screening.", "against"},
      {"Amoxicillin is an option for prophylaxis in children.", "conditional"},
      {"Amoxicillin may be used for the 60-day prophylaxis in infants.", "conditional"},
      {"The fourth dose should be deferred.", "against"},
      {"Pneumococcal polysaccharide vaccine is not licensed or recommended for children aged <2 years.", "against"},
      {"Concurrent use of NRTIs and rifamycins is not contraindicated.", "for"},
      {"Mothers should consider expressing and discarding breast milk.", "conditional"},
      {"Vaccines must not be administered to individuals with recurring disease.", "against"},
      {"All hospitals should ensure that newborn infants receive hepatitis B vaccine.", "for"},
  }));
  CAPTURE(sentence);
  auto cue = kb::find_advice_cue(sentence);
  REQUIRE(cue);
  CHECK(kb::to_string(cue->direction) == direction);
}

TEST_CASE("History, hedges and descriptions in guideline text are not advice", "[recs][guidelines]") {
  const auto recs = recs_of(
      "In 1997, the Advisory Committee on Immunization Practices (ACIP) recommended a sequential schedule [1]. "
      "We suggest cautious interpretation of these results. These results should be interpreted with caution. "
      "In September 2000, CDC published an interim schedule recommended by ACIP [2]. "
      "Ciprofloxacin might be more effective than doxycycline.");
  CHECK(recs.empty());
}

TEST_CASE("Instructions opening list items are advice; 'Use of X' is not", "[recs][lists][guidelines]") {
  auto [item, direction] = GENERATE(table<std::string, std::string>({
      {"Vaccinate all patients, following the age limits.", "for"},
      {"In case of mild infection, maintain treatment.", "for"},
      {"Do not change the immunosuppressants in use.", "against"},
      {"Postpone vaccination in individuals with acute fever.", "against"},
  }));
  CAPTURE(item);
  auto cue = kb::find_imperative_cue(item);
  REQUIRE(cue);
  CHECK(kb::to_string(cue->direction) == direction);
  CHECK_FALSE(kb::find_imperative_cue("Use of ciprofloxacin might be associated with adverse effects."));
  CHECK_FALSE(kb::find_imperative_cue("Vaccination is safe."));
}

TEST_CASE("Items under 'ACIP recommends the following:' are each a recommendation carrying the lead-in",
          "[recs][lists][guidelines]") {
  const auto recs = recs_of(
      "Until adequate supplies are available, ACIP recommends the following:\n\n"
      "- Vaccine should be administered to high-risk children aged <5 years (1).\n\n"
      "- Healthy infants should receive a decreased number of doses.\n\n"
      "- Additional doses for catch-up vaccination.");
  REQUIRE(recs.size() == 3);
  for (const auto& rec : recs) {
    CAPTURE(rec.text);
    REQUIRE_FALSE(rec.conditions.empty());
    CHECK(rec.conditions.front() == "until adequate supplies are available");
    CHECK(rec.direction == kb::Direction::For);
  }
  CHECK(recs[2].text == "Additional doses for catch-up vaccination.");
}

TEST_CASE("Items under 'X should be used only for the following circumstances:' are its exceptions",
          "[recs][lists][guidelines]") {
  const auto recs = recs_of(
      "OPV should be used only for the following special circumstances:\n\n"
      "- Mass vaccination campaigns to control outbreaks of paralytic polio.\n\n"
      "- Unvaccinated children who will be traveling in less than 4 weeks to areas where polio is endemic.");
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].text == "OPV should be used only for the following special circumstances:");
  CHECK(recs[0].exceptions == std::vector<std::string>{
                                  "Mass vaccination campaigns to control outbreaks of paralytic polio",
                                  "Unvaccinated children who will be traveling in less than 4 weeks to areas where polio is endemic"});
}

TEST_CASE("Grades of three systems are read as printed and normalised to strength and certainty", "[recs][grades]") {
  auto [sentence, printed, system, strength, certainty] = GENERATE(table<std::string, std::string, std::string, std::string, std::string>({
      {"We suggest surgery (Grade 2B).", "2B", "UpToDate", "weak", "moderate"},
      {"We recommend it (grade 1a)", "1A", "UpToDate", "strong", "high"},
      {"Rifabutin should be used (AII).", "AII", "IDSA", "strong", "moderate"},
      {"Isoniazid is recommended (A-I).", "AI", "IDSA", "strong", "high"},
      {"We recommend vaccination (strong recommendation, moderate-certainty evidence).",
       "strong recommendation, moderate-certainty evidence", "GRADE", "strong", "moderate"},
      {"The panel suggests screening (conditional recommendation, very low certainty of evidence).",
       "conditional recommendation, very low certainty of evidence", "GRADE", "weak", "very low"},
  }));
  CAPTURE(sentence);
  CHECK(kb::find_grade(sentence) == printed);
  auto normal = kb::normalise_grade(printed);
  REQUIRE(normal);
  CHECK(normal->system == system);
  CHECK(normal->strength == strength);
  CHECK(normal->certainty == certainty);
}

TEST_CASE("Parenthesised text that is no grade is not read as one", "[recs][grades]") {
  CHECK(kb::find_grade("A grade of 3 tumour (Grade 3)").empty());
  CHECK(kb::find_grade("See (Table 1) and (CDC) (ACIP).").empty());
  CHECK_FALSE(kb::normalise_grade("3"));
}
