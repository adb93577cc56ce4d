// kbquery on a KB built from the seed: search, topics, stats, ref.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "kb/schema.h"
#include "process.h"

using nlohmann::json;

namespace {


json query_json(std::vector<std::string> args) {
  args.insert(args.begin(), e2e::kbquery());
  args.insert(args.end(), {"--db", e2e::seed_kb(), "--json"});
  auto r = e2e::run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("search answers the demo question with the sentence about not offering surgery first", "[e2e][search]") {
  json doc = query_json({"search", "What supports surgery here?"});
  CHECK(doc["query"] == "What supports surgery here?");
  REQUIRE(doc["results"].size() == 10);
  CHECK(doc["results"][0]["kind"] == "passage");
  CHECK(doc["results"][0]["text"] == "As such, we typically do not offer surgery in such cases.");
  CHECK(doc["results"][0]["snippet"] == "As such, we typically do not offer **surgery** in such cases.");
  double previous = 1e9;
  for (const json& hit : doc["results"]) {
    CHECK(hit["score"].get<double>() <= previous);
    previous = hit["score"].get<double>();
    CHECK(hit["topic"] == "the-role-of-local-therapies-in-metastatic-breast-cancer");
    if (hit["kind"] == "reference") CHECK(hit["number"].is_number_integer());
  }
}

TEST_CASE("search --kind reference finds exactly the references that hold every term", "[e2e][search]") {
  json doc = query_json({"search", "radiofrequency ablation", "--kind", "reference", "--limit", "50"});
  std::set<int> numbers;
  for (const json& hit : doc["results"]) {
    CHECK(hit["kind"] == "reference");
    numbers.insert(hit["number"].get<int>());
  }
  CHECK(numbers == std::set<int>{29, 37, 54, 56, 57, 58});
}

TEST_CASE("search matches phrases, prefixes and folded diacritics", "[e2e][search]") {
  SECTION("a quoted phrase") {
    json doc = query_json({"search", "\"prospective data\"", "--kind", "passage"});
    REQUIRE(doc["results"].size() == 2);
    for (const json& hit : doc["results"]) CHECK(hit["text"].get<std::string>().find("prospective data") != std::string::npos);
  }
  SECTION("a prefix") {
    json doc = query_json({"search", "metastasect*", "--kind", "reference", "--limit", "50"});
    std::set<int> numbers;
    for (const json& hit : doc["results"]) numbers.insert(hit["number"].get<int>());
    CHECK(numbers == std::set<int>{25, 34, 47});
  }
  SECTION("an author without the diacritic") {
    json doc = query_json({"search", "Guller", "--kind", "reference"});
    REQUIRE(doc["results"].size() == 1);
    CHECK(doc["results"][0]["number"] == 9);
  }
}

TEST_CASE("search passages carry the numbers of the references they cite", "[e2e][search]") {
  json doc = query_json({"search", "median survival", "--kind", "passage"});
  REQUIRE_FALSE(doc["results"].empty());
  CHECK(doc["results"][0]["citations"] == json::array({1, 2, 3}));
}

TEST_CASE("ref shows the raw reference and every sentence citing it", "[e2e][ref]") {
  json doc = query_json({"ref", "4"});
  CHECK(doc["number"] == 4);
  CHECK(doc["raw"].get<std::string>().rfind("Pagani O, Senkus E, Wood W, et al.", 0) == 0);
  REQUIRE(doc["cited_by"].size() == 1);
  CHECK(doc["cited_by"][0]["marker"] == "[4]");
  CHECK(doc["cited_by"][0]["source_line"] == 18);

  json none = query_json({"ref", "5", "--topic", "metastatic-breast"});
  CHECK(none["cited_by"].empty());
}

TEST_CASE("topics lists the seed with its credits and dates", "[e2e][topics]") {
  json doc = query_json({"topics"});
  REQUIRE(doc["topics"].size() == 1);
  const json& t = doc["topics"][0];
  CHECK(t["title"] == "The role of local therapies in metastatic breast cancer");
  CHECK(t["review_current_through"] == "2017-11");
  CHECK(t["last_updated"] == "2017-03-02");
  CHECK(t["truncated"] == true);
  CHECK(t["contributors"].size() == 6);
  CHECK(t["contributors"][5] == json({{"name", "Sadhna R Vora"}, {"credentials", "MD"}, {"role", "deputy_editor"}}));
}

TEST_CASE("stats counts what the KB holds and says what built it", "[e2e][stats]") {
  json doc = query_json({"stats"});
  CHECK(doc["counts"]["references"] == 65);
  CHECK(doc["counts"]["sentences"] == 19);
  CHECK(doc["counts"]["citations"] == 4);
  CHECK(doc["meta"]["schema_version"] == std::to_string(kb::kSchemaVersion));
  CHECK(doc["meta"].contains("tool_version"));
}
