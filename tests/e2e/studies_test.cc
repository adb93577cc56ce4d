// One study however many topics cite it; a garbled citation matched to its reference.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "process.h"

using nlohmann::json;

namespace {

// Two topics citing the same 65 studies: the seed, and a copy under another title whose
// reference 9 carries a DOI and whose reference 12 is printed with another journal spelling.
std::string two_topic_kb() {
  std::string dir = e2e::temp_dir();
  std::filesystem::create_directories(dir + "/corpus");
  std::string seed = e2e::seed_text();
  e2e::write(dir + "/corpus/a.txt", seed);
  std::string copy = seed;
  copy.replace(copy.find("The role of local therapies in metastatic breast cancer"), 55, "A second topic on the same studies");
  auto nine_end = copy.find("Ann Surg 2016; 263:1188.") + std::string("Ann Surg 2016; 263:1188.").size();
  copy.insert(nine_end, " doi:10.1097/SLA.0000000000001433.");
  e2e::write(dir + "/corpus/b.txt", copy);
  auto r = e2e::run({e2e::kbindex(), "build", "corpus"}, dir);
  REQUIRE(r.exit_code == 0);
  return dir;
}

}  // namespace

TEST_CASE("The same study cited by two topics is one study, with both references", "[e2e][studies]") {
  std::string dir = two_topic_kb();
  auto r = e2e::run({e2e::kbquery(), "studies", "--json"}, dir);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  REQUIRE(doc["results"].size() == 65);
  for (const json& s : doc["results"]) {
    REQUIRE(s["matches"].size() == 2);
    CHECK(s["matches"][0]["number"] == s["matches"][1]["number"]);
    for (const char* key : {"pmid", "doi", "title", "authors", "journal", "year", "design", "publication_types", "mesh"})
      CHECK(s.contains(key));
  }
  // The DOI printed by one topic is kept for the study both cite.
  bool found = false;
  for (const json& s : doc["results"])
    if (s["doi"] == "10.1097/sla.0000000000001433") {
      found = true;
      CHECK(s["matches"][0]["number"] == 9);
    }
  CHECK(found);
}

TEST_CASE("studies with a query lists only the studies of the matching references", "[e2e][studies]") {
  auto r = e2e::run({e2e::kbquery(), "studies", "--json", "--db", e2e::seed_kb()});
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  CHECK(doc["results"].size() == 65);
  CHECK(doc["results"][4]["title"].get<std::string>().rfind("Locoregional treatment versus no treatment", 0) == 0);
  CHECK(doc["results"][4]["matches"] == json::array({{{"topic", "the-role-of-local-therapies-in-metastatic-breast-cancer"}, {"number", 5}}}));
}

TEST_CASE("match finds the reference a garbled citation points to, with a confidence", "[e2e][match]") {
  // The less a citation says, the lower the confidence it earns.
  auto [citation, expected, confidence] = GENERATE(table<std::string, int, double>({
      {"Badwe, Lancet Oncology 2015;16:1380", 5, 0.8},
      {"Soran A et al, J Clin Oncol 2016 34 suppl abstr 1005", 7, 0.8},
      {"Warschkow R, Guller U. Improved survival after primary tumor surgery in metastatic breast cancer. Ann Surg 2016", 9, 0.5},
      {"de Baere, radiofrequency ablation of 100 hepatic metastases, AJR 2000", 58, 0.4},
      {"Gnerlich J. Ann Surg Oncol 14:2187", 16, 0.7},
  }));
  auto r = e2e::run({e2e::kbquery(), "match", citation, "--json", "--db", e2e::seed_kb()});
  INFO(citation << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  REQUIRE_FALSE(doc["results"].empty());
  CHECK(doc["results"][0]["number"] == expected);
  CHECK(doc["results"][0]["confidence"].get<double>() >= confidence);
  if (doc["results"].size() > 1)
    CHECK(doc["results"][1]["confidence"].get<double>() < doc["results"][0]["confidence"].get<double>());
}

TEST_CASE("match says so when nothing in the KB is that citation", "[e2e][match]") {
  auto r = e2e::run({e2e::kbquery(), "match", "Nature 2020 581:1", "--db", e2e::seed_kb()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "No reference of the KB matches this citation with a confidence of 0.30 or more.\n");
}
