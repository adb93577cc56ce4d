// The shared vocabulary tables: languages (kb/language_codes.h) and publication types
// (kb/publication_types.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/design.h"
#include "kb/language_codes.h"
#include "kb/publication_types.h"

TEST_CASE("find_language takes English names, other names, ISO 639-1 and 639-2 codes", "[languages]") {
  auto [name, code] = GENERATE(table<std::string, std::string>({
      {"English", "eng"},   {"english", "eng"},  {"american", "eng"}, {"en", "eng"},     {"eng", "eng"},
      {"ENG", "eng"},       {"German", "ger"},   {"ngerman", "ger"},  {"deutsch", "ger"}, {"de", "ger"},
      {"français", "fre"},  {"Francais", "fre"}, {"fr", "fre"},       {"brazil", "por"},  {"Nynorsk", "nno"},
      {"slovene", "slv"},   {"farsi", "per"},    {"he", "heb"},       {"Multiple", "mul"}, {"klingon", ""},
      {"", ""},
  }));
  INFO(name);
  const kb::Language* language = kb::find_language(name);
  CHECK((language ? std::string(language->iso639_2) : std::string()) == code);
}

TEST_CASE("language_by_english_name takes only English names, as references print them", "[languages]") {
  CHECK(kb::language_by_english_name("French")->iso639_2 == "fre");
  CHECK(kb::language_by_english_name("japanese")->iso639_2 == "jpn");
  CHECK(kb::language_by_english_name("Multiple")->iso639_2 == "mul");
  CHECK(kb::language_by_english_name("It") == nullptr);  // a code, or a word starting a sentence
  CHECK(kb::language_by_english_name("ger") == nullptr);
  CHECK(kb::language_by_english_name("deutsch") == nullptr);
}

TEST_CASE("iso639_1_code gives BCP 47's code for the KB's ISO 639-2 codes", "[languages]") {
  CHECK(kb::iso639_1_code("eng") == "en");
  CHECK(kb::iso639_1_code("ger") == "de");
  CHECK(kb::iso639_1_code("chi") == "zh");
  CHECK(kb::iso639_1_code("ara") == "ar");
  CHECK(kb::iso639_1_code("mul").empty());
  CHECK(kb::iso639_1_code("und").empty());
  CHECK(kb::iso639_1_code("").empty());
}

TEST_CASE("Publication types are found by PubMed's name and the other spellings people type", "[publication_types]") {
  auto [name, design] = GENERATE(table<std::string, std::string>({
      {"Randomized Controlled Trial", "rct"},
      {"randomised controlled trials", "rct"},
      {"Meta-Analysis", "meta_analysis"},
      {"meta analysis", "meta_analysis"},
      {"Metaanalysis", "meta_analysis"},
      {"Systematic Reviews", "systematic_review"},
      {"Clinical Trial, Phase II", "phase2_trial"},
      {"phase ii trial", "phase2_trial"},
      {"Clinical Trial, Phase I", "case_series"},
      {"Case Report", "case_series"},
      {"case-control study", "case_control"},
      {"Review", "review"},
      {"Editorial", "review"},
      {"Clinical Trial", "prospective_cohort"},
  }));
  INFO(name);
  const kb::PublicationType* type = kb::find_publication_type(name);
  REQUIRE(type != nullptr);
  CHECK(kb::to_string(type->design) == design);
  CHECK(kb::find_publication_type("Journal Article") == nullptr);
  CHECK(kb::find_publication_type("") == nullptr);
}

TEST_CASE("The deciding publication type is the first decisive one, else the first generic one", "[publication_types]") {
  using Types = std::vector<std::string>;
  auto name_of = [](const Types& types) {
    const kb::PublicationType* t = kb::deciding_publication_type(types);
    return t ? std::string(t->name) : std::string();
  };
  CHECK(name_of({"Journal Article", "Review", "Meta-Analysis"}) == "Meta-Analysis");
  CHECK(name_of({"Randomized Controlled Trial", "Meta-Analysis"}) == "Meta-Analysis");
  CHECK(name_of({"Clinical Trial", "Observational Study"}) == "Clinical Trial");
  CHECK(name_of({"Review", "Clinical Trial, Phase III"}) == "Clinical Trial, Phase III");
  CHECK(name_of({"Journal Article"}).empty());
  CHECK(name_of({}).empty());
  const kb::PublicationType* review = kb::find_publication_type("Review");
  CHECK(review->generic());
  CHECK(review->allows(kb::Design::SystematicReview));
  CHECK_FALSE(kb::find_publication_type("Case Reports")->generic());
}
