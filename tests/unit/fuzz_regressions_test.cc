// Inputs on which a libFuzzer target (fuzz/) crashed, fed to the same entry point, with the
// outcome the product must give. One TEST_CASE per crash; the name says which target found it.
#include <catch2/catch.hpp>

#include "seed_fixture.h"

#include <optional>
#include <string>

#include "indexer/citation_markers.h"
#include "indexer/formats/topic_text.h"
#include "indexer/topic_analysis.h"
#include "kb/concepts.h"
#include "kb/recommendation.h"

namespace {

const kb::ConceptIndex& concepts() {
  static const kb::ConceptIndex index(kb::default_synonyms());
  return index;
}

kb::AnalysedTopic analyse(const std::string& text) {
  auto topic = kb::parse_text_topic(text, "fuzz.txt");
  INFO(topic.status().message());
  REQUIRE(topic.ok());
  auto analysed = kb::analyse_topic(std::move(topic.value()), std::nullopt, concepts());
  INFO(analysed.status().message());
  REQUIRE(analysed.ok());
  return std::move(analysed.value());
}

}  // namespace

// topic_text_fuzzer: heap-use-after-free in infer_links (indexer/evidence_linker.cc). The
// exception's links were appended to the vector being iterated for its parent's supporting
// links; the append reallocated it. Found on the seed topic itself, minimised to this input:
// R2 ("we have offered", an exception to R1) takes R1's one supporting study, reference 4,
// as evidence against it.
TEST_CASE("Fuzz: an exception inherits its parent's inferred links without reading freed memory",
          "[fuzz][topic_text]") {
  const std::string input =
      "i\n"
      "prospectiveminimal benefit. A do not offer surgery\n"
      "\n"
      "Deviations to this approach. For example we have offered\n"
      "1. n\n"
      "2. .\n"
      "3. excision\n"
      "4. locoregion treatment randomi";
  const kb::AnalysedTopic t = analyse(input);

  REQUIRE(t.recommendations.size() == 2);
  CHECK(t.recommendations[0].label == "R1");
  CHECK(t.recommendations[0].direction == kb::Direction::Against);
  CHECK(t.recommendations[1].label == "R2");
  CHECK(t.recommendations[1].parent == "R1");
  CHECK(t.recommendations[1].direction == kb::Direction::Conditional);

  REQUIRE(t.links.size() == 3);
  // R1: reference 4 (a randomised trial) supports, reference 3 is context.
  CHECK(t.links[0].recommendation == 0);
  CHECK(t.links[0].number == 4);
  CHECK(t.links[0].stance == kb::Stance::Supports);
  CHECK(t.links[1].recommendation == 0);
  CHECK(t.links[1].number == 3);
  CHECK(t.links[1].stance == kb::Stance::Context);
  // R2: the supporting study of R1, against, with R1's score and the reason in words.
  const kb::EvidenceLink& inherited = t.links[2];
  CHECK(inherited.recommendation == 1);
  CHECK(inherited.number == 4);
  CHECK(inherited.source == kb::LinkSource::Inferred);
  CHECK(inherited.stance == kb::Stance::Against);
  REQUIRE(inherited.score.has_value());
  REQUIRE(t.links[0].score.has_value());
  CHECK(*inherited.score == *t.links[0].score);
  CHECK(inherited.basis == "supports R1, the rule this exception departs from; design rct (level 2)");
}

TEST_CASE("Fuzz: the seed topic's exception R3 inherits R2's supporting trials", "[fuzz][topic_text]") {
  const auto content = kb::read_file(seed::path());
  REQUIRE(content.ok());
  const kb::AnalysedTopic t = analyse(content.value());

  std::vector<int> against_r3;
  for (const kb::EvidenceLink& l : t.links)
    if (t.recommendations[l.recommendation].label == "R3") {
      CHECK(l.stance == kb::Stance::Against);
      CHECK(l.basis.rfind("supports R2, the rule this exception departs from; ", 0) == 0);
      against_r3.push_back(l.number);
    }
  CHECK(against_r3 == std::vector<int>{5, 6, 7});
}

// citation_markers_fuzzer: "invariant failed: marker.text.front() == '['". The fuzzer still
// held every marker to brackets after parenthesised markers ("(4,5)") joined the grammar; the
// product was right, the check was stale. Minimised from the crash input: a bracket that never
// parses as a marker, holding a parenthesised number that does.
TEST_CASE("Fuzz: a parenthesised marker inside a bracket that is no marker keeps its parentheses",
          "[fuzz][citation_markers]") {
  const std::string text = "uncl [1-20(((990)\xcf] and [2]";
  const auto markers = kb::find_citation_markers(text);
  REQUIRE(markers.size() == 2);
  CHECK(markers[0].text == "(990)");
  CHECK(markers[0].style == kb::MarkerStyle::Parenthesis);
  CHECK(markers[0].numbers == std::vector<int>{990});
  CHECK(text.substr(markers[0].begin, markers[0].end - markers[0].begin) == "(990)");
  CHECK(markers[1].text == "[2]");
  CHECK(markers[1].style == kb::MarkerStyle::Bracket);
}
