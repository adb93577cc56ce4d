#include <catch2/catch.hpp>

#include "seed_fixture.h"

#include <set>

#include "indexer/boilerplate.h"
#include "indexer/formats/topic_text.h"
#include "kb/file_io.h"

namespace {

const kb::Topic& seed_topic() {
  static const kb::Topic topic = seed::topic();
  return topic;
}

std::vector<const kb::Sentence*> sentences_citing(const kb::Topic& topic, int number) {
  std::vector<const kb::Sentence*> out;
  for (const auto& section : topic.sections)
    for (const auto& paragraph : section.paragraphs)
      for (const auto& sentence : paragraph.sentences)
        for (const auto& marker : sentence.citations)
          for (int n : marker.numbers)
            if (n == number) out.push_back(&sentence);
  return out;
}

std::vector<std::string> names_with_role(const kb::Topic& topic, kb::ContributorRole role) {
  std::vector<std::string> names;
  for (const auto& c : topic.contributors)
    if (c.role == role) names.push_back(c.name);
  return names;
}

kb::Result<kb::Topic> parse(const std::string& text) { return kb::parse_text_topic(text, "t.txt"); }

}  // namespace

TEST_CASE("Seed topic: title, slug and header", "[topic][seed]") {
  const kb::Topic& t = seed_topic();
  CHECK(t.title == "The role of local therapies in metastatic breast cancer");
  CHECK(t.slug == "the-role-of-local-therapies-in-metastatic-breast-cancer");
  CHECK(t.publisher == "Official reprint from UpToDate®");
  CHECK(t.copyright == "www.uptodate.com ©2017 UpToDate, Inc. and/or its affiliates. All Rights Reserved.");
  CHECK(t.diagnostics.empty());
}

TEST_CASE("Seed topic: two authors, three section editors and one deputy editor", "[topic][seed]") {
  const kb::Topic& t = seed_topic();
  CHECK(names_with_role(t, kb::ContributorRole::Author) == std::vector<std::string>{"Michael S Sabel", "Julia White"});
  CHECK(names_with_role(t, kb::ContributorRole::SectionEditor) ==
        std::vector<std::string>{"Daniel F Hayes", "Anees B Chagpar", "David E Wazer"});
  CHECK(names_with_role(t, kb::ContributorRole::DeputyEditor) == std::vector<std::string>{"Sadhna R Vora"});
  REQUIRE(t.contributors.size() == 6);
  CHECK(t.contributors[0].credentials == "MD");
  CHECK(t.contributors[3].credentials == "MD, MSc, MA, MPH, MBA, FACS, FRCS(C)");
  CHECK(t.contributors[3].line == 10);
}

TEST_CASE("Seed topic: both dates as ISO and the paywall flag", "[topic][seed]") {
  const kb::Topic& t = seed_topic();
  CHECK(t.review_current_through == "2017-11");
  CHECK(t.last_updated == "2017-03-02");
  CHECK(t.truncated);
}

TEST_CASE("Seed topic: 65 numbered references with their raw strings", "[topic][seed]") {
  const kb::Topic& t = seed_topic();
  REQUIRE(t.references.size() == 65);
  for (std::size_t i = 0; i < t.references.size(); ++i) CHECK(t.references[i].number == static_cast<int>(i) + 1);
  CHECK(t.references[0].raw ==
        "Lee CG, McCormick B, Mazumdar M, et al. Infiltrating breast carcinoma in patients age 30 years and "
        "younger: long term outcome for life, relapse, and second primary tumors. Int J Radiat Oncol Biol Phys "
        "1992; 23:969.");
  CHECK(t.references[0].line == 33);
  CHECK(t.references[8].raw.find("Güller U") != std::string::npos);
  CHECK(t.references[64].raw ==
        "Li W, Wang H, Wang J, et al. Ovarian metastases resection from extragenital primary sites: outcome and "
        "prognostic factor analysis of 147 patients. BMC Cancer 2012; 12:278.");
  CHECK(t.references[64].line == 97);
}

TEST_CASE("Seed topic: references 1-3 are cited by the survival sentence, 4 by the prospective-data sentence",
          "[topic][seed][citations]") {
  const kb::Topic& t = seed_topic();
  const std::string survival =
      "The median survival for patients with stage IV breast cancer is 18 to 24 months, although the range "
      "extends from only a few months to many years [1-3].";
  for (int n : {1, 2, 3}) {
    auto citing = sentences_citing(t, n);
    REQUIRE(citing.size() == 1);
    CHECK(citing[0]->text == survival);
    REQUIRE(citing[0]->citations.size() == 1);
    CHECK(citing[0]->citations[0].text == "[1-3]");
    CHECK(citing[0]->text.substr(citing[0]->citations[0].begin,
                                 citing[0]->citations[0].end - citing[0]->citations[0].begin) == "[1-3]");
  }
  auto citing4 = sentences_citing(t, 4);
  REQUIRE(citing4.size() == 1);
  CHECK(citing4[0]->text ==
        "Some evidence suggests a potential for prolonging survival, although prospective data are lacking [4].");
  CHECK(citing4[0]->citations[0].text == "[4]");
  CHECK(sentences_citing(t, 5).empty());
}

TEST_CASE("Seed topic: two sections of three and two paragraphs", "[topic][seed]") {
  const kb::Topic& t = seed_topic();
  REQUIRE(t.sections.size() == 2);
  CHECK(t.sections[0].paragraphs.size() == 3);
  CHECK(t.sections[1].paragraphs.size() == 2);
  CHECK(t.sections[0].paragraphs[0].line == 16);
  CHECK(t.sections[1].paragraphs[0].line == 23);
  CHECK(t.sections[1].paragraphs[1].text.rfind("Deviations to this approach", 0) == 0);
}

TEST_CASE("Seed topic: both cross-referenced topic titles", "[topic][seed][xrefs]") {
  const kb::Topic& t = seed_topic();
  std::set<std::string> titles;
  for (const auto& section : t.sections)
    for (const auto& paragraph : section.paragraphs)
      for (const auto& sentence : paragraph.sentences)
        for (const auto& xref : sentence.cross_references) titles.insert(xref.title);
  CHECK(titles == std::set<std::string>{"Systemic treatment for metastatic breast cancer: General principles",
                                        "Tumor, Node, Metastasis (TNM) staging classification for breast cancer"});
}

TEST_CASE("Seed topic: no boilerplate reaches an indexed sentence", "[topic][seed][boilerplate]") {
  const kb::Topic& t = seed_topic();
  int sentences = 0;
  for (const auto& section : t.sections)
    for (const auto& paragraph : section.paragraphs)
      for (const auto& sentence : paragraph.sentences) {
        ++sentences;
        INFO(sentence.text);
        CHECK_FALSE(kb::classify_boilerplate(sentence.text).has_value());
        for (const char* phrase : {"UpToDate", "log in", "subscription", "Subscribers", "Rights Reserved",
                                   "Literature review", "medical advice"})
          CHECK(sentence.text.find(phrase) == std::string::npos);
        // Offsets point back at the sentence inside its paragraph.
        CHECK(paragraph.text.substr(sentence.begin, sentence.end - sentence.begin) == sentence.text);
      }
  CHECK(sentences == 19);
}

TEST_CASE("Topic parser refuses input that cannot be a topic, naming the line", "[topic][errors]") {
  SECTION("empty file") {
    auto r = parse("\n\n  \n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "t.txt:1: the file is empty; expected a topic");
  }
  SECTION("binary data") {
    auto r = parse(std::string("Title\nsome\0text", 15));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.txt:2: binary data", 0) == 0);
  }
  SECTION("Latin-1 bytes") {
    auto r = parse("Title\n\nGood line.\nG\xFCller U said so.\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.txt:4: not valid UTF-8", 0) == 0);
  }
  SECTION("a duplicate reference number") {
    auto r = parse("Title\n\nText [1].\n\n  1. A B. T. J 2000; 1:1.\n  1. C D. T. J 2001; 2:2.\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() ==
          "t.txt:6: reference 1 appears twice (first at line 5); number each reference once");
  }
  SECTION("a decreasing reference number") {
    auto r = parse("Title\n\nText [1].\n\n  1. A B. T. J 2000; 1:1.\n  2. C D. T. J 2001; 2:2.\n  1. E F. T. J 2002; 3:3.\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "t.txt:7: reference 1 appears twice (first at line 5); number each reference once");
  }
  SECTION("a marker citing a reference that does not exist") {
    auto r = parse("Title\n\nFirst [1].\n\nSecond cites [2,7].\n\n  1. A B. T. J 2000; 1:1.\n  2. C D. T. J 2001; 2:2.\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() ==
          "t.txt:5: marker [2,7] cites reference 7, but the reference list has 2 entries; correct the marker or the list");
  }
  SECTION("a topic cut off before its reference list") {
    auto r = parse("Title\n\nSurvival is short [1-3]. More text th");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("has no reference list; is the file cut off?") != std::string::npos);
  }
  SECTION("a bare reference list") {
    auto r = parse("  1. A B. T. J 2000; 1:1.\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.txt:1: expected the topic's title but found a numbered reference", 0) == 0);
  }
}

TEST_CASE("Topic parser reports what it cannot place instead of dropping it", "[topic][diagnostics]") {
  auto r = parse("Title\n\nBody [1].\n\n  1. A B. T. J 2000; 1:1.\nStray trailing words\n");
  REQUIRE(r.ok());
  REQUIRE(r->diagnostics.size() == 1);
  CHECK(r->diagnostics[0].line == 6);
  CHECK(r->diagnostics[0].message.find("Stray trailing words") != std::string::npos);
}

TEST_CASE("Topic parser reads headings, wrapped paragraphs and continued references", "[topic]") {
  auto r = parse(
      "A topic\r\n\r\nINTRODUCTION\r\nFirst line of a paragraph\r\ncontinues here.\r\n\r\nSurgery\r\n"
      "Second section text.\r\n\r\n  1. A B. A title that\r\n     wraps. J 2000; 1:1.\r\n");
  REQUIRE(r.ok());
  REQUIRE(r->sections.size() == 2);
  CHECK(r->sections[0].heading == "INTRODUCTION");
  CHECK(r->sections[0].paragraphs[0].text == "First line of a paragraph continues here.");
  CHECK(r->sections[1].heading == "Surgery");
  REQUIRE(r->references.size() == 1);
  CHECK(r->references[0].raw == "A B. A title that wraps. J 2000; 1:1.");
  CHECK(r->contributors.empty());
  CHECK_FALSE(r->truncated);
}

TEST_CASE("A reference list whose numbers skip is indexed as printed, with a note on the gap", "[topic][references]") {
  auto r = parse("Title\n\nText [1] and [3].\n\n  1. A B. T. J 2000; 1:1.\n  3. C D. T. J 2001; 2:2.\n  7. E F. T. J 2002; 3:3.\n");
  REQUIRE(r.ok());
  REQUIRE(r->references.size() == 3);
  CHECK(r->references[1].number == 3);
  std::vector<std::string> notes;
  for (const auto& d : r->diagnostics) notes.push_back(std::to_string(d.line) + ": " + d.message);
  CHECK(notes == std::vector<std::string>{
                     "6: the reference list skips from 1 to 3; reference 2 is not in the text (indexed as printed)",
                     "7: the reference list skips from 3 to 7; references 4-6 are not in the text (indexed as printed)"});
}
