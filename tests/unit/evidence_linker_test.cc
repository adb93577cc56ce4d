#include <catch2/catch.hpp>

#include "seed_fixture.h"

#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "indexer/formats/topic_text.h"
#include "indexer/links_file.h"
#include "indexer/topic_analysis.h"
#include "kb/file_io.h"

namespace {

kb::Topic seed_topic() { return seed::topic(); }

kb::AnalysedTopic analyse(const std::optional<kb::LinksFileText>& links = std::nullopt) {
  static const kb::ConceptIndex index(kb::default_synonyms());
  auto analysed = kb::analyse_topic(seed_topic(), links, index);
  INFO(analysed.status().message());
  REQUIRE(analysed.ok());
  return analysed.value();
}

std::string label_of(const kb::AnalysedTopic& t, const kb::EvidenceLink& l) { return t.recommendations[l.recommendation].label; }

}  // namespace

TEST_CASE("Inferred links agree with the judgement set written before tuning", "[linker][judgement]") {
  // recommendation -> reference -> stance, from tests/data/judgements/seed_links.tsv
  std::map<std::string, std::map<int, std::string>> judged;
  std::ifstream in(std::string(KB_TEST_DATA_DIR) + "/judgements/seed_links.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::stringstream row(line);
    std::string rec, number, stance;
    std::getline(row, rec, '\t');
    std::getline(row, number, '\t');
    std::getline(row, stance, '\t');
    judged[rec][std::stoi(number)] = stance;
  }
  REQUIRE(judged["R2"].size() == 22);

  const kb::AnalysedTopic t = analyse();
  int inferred = 0, relevant = 0, stance_agrees = 0;
  std::set<std::pair<std::string, int>> found;
  for (const kb::EvidenceLink& l : t.links) {
    if (l.source != kb::LinkSource::Inferred) continue;
    ++inferred;
    const std::string rec = label_of(t, l);
    found.insert({rec, l.number});
    auto it = judged[rec].find(l.number);
    if (it == judged[rec].end()) {
      std::cout << "inferred link not in the judgement set: " << rec << " -> " << l.number << "\n";
      continue;
    }
    ++relevant;
    if (it->second == kb::to_string(l.stance)) ++stance_agrees;
    else std::cout << "stance differs: " << rec << " -> " << l.number << " judged " << it->second << ", inferred "
                   << kb::to_string(l.stance) << "\n";
  }
  int judged_total = 0;
  for (const auto& [rec, refs] : judged) judged_total += static_cast<int>(refs.size());
  const double precision = static_cast<double>(relevant) / inferred;
  const double recall = static_cast<double>(relevant) / judged_total;
  std::cout << "inferred links: " << inferred << ", in the judgement set: " << relevant << " (precision "
            << precision << "), judged pairs found: " << relevant << " of " << judged_total << " (recall " << recall
            << "), stance agrees on " << stance_agrees << " of " << relevant << "\n";
  CHECK(inferred >= 10);
  CHECK(precision >= 0.9);
  CHECK(recall >= 0.5);
  // Both randomised trials are linked to the recommendation against operating, supporting it.
  for (int rct : {5, 7}) CHECK(found.count({"R2", rct}) == 1);
  // Nothing is inferred for radiotherapy after lumpectomy or for reconstruction: no study is about them.
  for (const kb::EvidenceLink& l : t.links) {
    CHECK(label_of(t, l) != "R4");
    CHECK(label_of(t, l) != "R5");
  }
}

TEST_CASE("Every inferred link carries a score and a basis naming its concepts and design", "[linker]") {
  const kb::AnalysedTopic t = analyse();
  for (const kb::EvidenceLink& l : t.links) {
    REQUIRE(l.source == kb::LinkSource::Inferred);  // the seed's recommendations carry no marker
    REQUIRE(l.score.has_value());
    CHECK(*l.score > 0);
    CHECK_FALSE(l.basis.empty());
  }
  for (const kb::EvidenceLink& l : t.links)
    if (label_of(t, l) == "R2" && l.number == 5) {
      CHECK(l.stance == kb::Stance::Supports);
      CHECK(l.basis.find("design rct") != std::string::npos);
      CHECK(l.basis.find("prospective") != std::string::npos);
    }
}

TEST_CASE("Markers in the recommendation's sentence are cited support; in its paragraph, cited context",
          "[linker][cited]") {
  const std::string text =
      "A topic\n\nWe recommend surgery for such patients [1]. Survival is longer [2].\n\n"
      "Observation is common [3].\n\nRT is not indicated.\n\n  1. A B. T one. J 2000; 1:1.\n  2. C D. T two. J 2001; "
      "2:2.\n  3. E F. T three. J 2002; 3:3.\n";
  auto topic = kb::parse_text_topic(text, "t.txt");
  REQUIRE(topic.ok());
  auto analysed = kb::analyse_topic(topic.value(), std::nullopt, kb::ConceptIndex(kb::default_synonyms()));
  REQUIRE(analysed.ok());
  REQUIRE(analysed->recommendations.size() == 2);
  std::vector<std::tuple<std::string, int, std::string, std::string>> cited;
  for (const kb::EvidenceLink& l : analysed->links)
    if (l.source == kb::LinkSource::Cited)
      cited.emplace_back(label_of(*analysed, l), l.number, kb::to_string(l.stance), l.basis);
  CHECK(cited == std::vector<std::tuple<std::string, int, std::string, std::string>>{
                     {"R1", 1, "supports", "marker [1] in the recommendation"}});
}

TEST_CASE("A links file adds curated links with the stance its author wrote", "[linker][curated]") {
  const std::string path = std::string(KB_TEST_DATA_DIR) + "/links/curated.links";
  auto content = kb::read_file(path);
  REQUIRE(content.ok());
  const kb::AnalysedTopic t = analyse(kb::LinksFileText{path, *content});
  std::vector<std::tuple<std::string, int, std::string>> curated;
  for (const kb::EvidenceLink& l : t.links)
    if (l.source == kb::LinkSource::Curated) curated.emplace_back(label_of(t, l), l.number, kb::to_string(l.stance));
  CHECK(curated == std::vector<std::tuple<std::string, int, std::string>>{{"R2", 5, "supports"},
                                                                          {"R2", 7, "supports"},
                                                                          {"R2", 9, "against"},
                                                                          {"R2", 14, "against"},
                                                                          {"R2", 15, "against"},
                                                                          {"R2", 16, "against"},
                                                                          {"R5", 42, "context"}});
  // An author's links stand for the recommendation: nothing is inferred beside them, while a
  // recommendation the file does not name is still inferred.
  int inferred_r2 = 0, inferred_r1 = 0;
  for (const kb::EvidenceLink& l : t.links) {
    if (l.source != kb::LinkSource::Inferred) continue;
    inferred_r2 += label_of(t, l) == "R2";
    inferred_r1 += label_of(t, l) == "R1";
  }
  CHECK(inferred_r2 == 0);
  CHECK(inferred_r1 == 1);
}

TEST_CASE("A bad links file is refused with its line", "[linker][curated][errors]") {
  auto [file, message] = GENERATE(table<std::string, std::string>({
      {"unknown-recommendation.links", "unknown-recommendation.links:2: R9 names no recommendation"},
      {"bad-stance.links", "bad-stance.links:3: unknown stance 'maybe'; write supports, against or context"},
      {"unknown-reference.links", "unknown-reference.links:1: reference 99 is not in the topic's list (it has 65)"},
      {"ambiguous-text.links", "ambiguous-text.links:1: \"we\" matches 2 recommendations"},
  }));
  const std::string path = std::string(KB_TEST_DATA_DIR) + "/links/" + file;
  auto content = kb::read_file(path);
  REQUIRE(content.ok());
  auto analysed = kb::analyse_topic(seed_topic(), kb::LinksFileText{path, *content}, kb::ConceptIndex(kb::default_synonyms()));
  REQUIRE_FALSE(analysed.ok());
  CHECK(analysed.status().message().find(message) != std::string::npos);
}

TEST_CASE("The links file grammar: labels, quoted text, stances and number lists", "[linker][links-file]") {
  auto parsed = kb::parse_links_file("# comment\nr3 context 1,2 4-6  # trailing\n\"do not\" against 7\n", "x.links");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[0].label == "R3");
  CHECK((*parsed)[0].numbers == std::vector<int>{1, 2, 4, 5, 6});
  CHECK((*parsed)[0].line == 2);
  CHECK((*parsed)[1].text == "do not");
  CHECK((*parsed)[1].stance == kb::Stance::Against);
  CHECK(kb::parse_links_file("R2 supports\n", "x.links").status().message() ==
        "x.links:1: no reference numbers; list them after the stance (5, 7-9)");
  CHECK(kb::parse_links_file("Rx supports 1\n", "x.links").status().message().rfind("x.links:1: 'Rx' is not a recommendation", 0) == 0);
  CHECK(kb::parse_links_file("\"open supports 1\n", "x.links").status().message().rfind("x.links:1: unclosed quote", 0) == 0);
  CHECK(kb::parse_links_file("R2 supports 9-3\n", "x.links").status().message().rfind("x.links:1: cannot read the reference numbers", 0) == 0);
}
