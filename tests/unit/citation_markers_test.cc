#include <catch2/catch.hpp>

#include "seed_fixture.h"

#include <algorithm>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "indexer/citation_markers.h"
#include "indexer/formats/topic_text.h"

TEST_CASE("Citation marker grammar expands numbers and ranges in ascending order", "[markers]") {
  using V = std::vector<int>;
  auto [inside, expected] = GENERATE(table<std::string, V>({
      {"1", V{1}},
      {"1-3", V{1, 2, 3}},
      {"1, 3-5", V{1, 3, 4, 5}},
      {"5,7", V{5, 7}},
      {"1\xE2\x80\x93" "3", V{1, 2, 3}},  // en dash
      {"1\xE2\x80\x94" "3", V{1, 2, 3}},  // em dash
      {"1\xE2\x80\x91" "3", V{1, 2, 3}},  // non-breaking hyphen
      {"1\xE2\x88\x92" "3", V{1, 2, 3}},  // minus sign
      {" 2 ", V{2}},
      {"1 - 3 , 7", V{1, 2, 3, 7}},
      {"1,\xC2\xA0" "2", V{1, 2}},  // no-break space
      {"7,3,5", V{3, 5, 7}},
      {"3,1-4,2", V{1, 2, 3, 4}},
      {"4-4", V{4}},
      {"99999", V{99999}},
      {"007", V{7}},
  }));
  CAPTURE(inside);
  const auto numbers = kb::parse_marker_list(inside);
  REQUIRE(numbers.has_value());
  CHECK(*numbers == expected);
}

TEST_CASE("Citation marker grammar accepts a range of exactly 2000 numbers", "[markers]") {
  const auto numbers = kb::parse_marker_list("1-2000");
  REQUIRE(numbers.has_value());
  CHECK(numbers->size() == 2000);
  CHECK(numbers->front() == 1);
  CHECK(numbers->back() == 2000);
}

TEST_CASE("Citation marker grammar rejects anything that is not a marker list", "[markers]") {
  const std::string inside = GENERATE(as<std::string>{},
      "", " ", ",", "1,", ",1", "1,,2", "1-", "-3", "1---3", "3-1", "0", "0-2", "100000",
      "1-2001", "12345678901234567890", "1 2", "1-2-3", "1.5", "1a", "see below",
      "Hepatic resection for colorectal metastases", "1;2",
      "1\xE2\x80\x95" "3",   // U+2015 horizontal bar is not a dash here
      "1\xE2\x80" "3",       // truncated UTF-8 sequence
      "\xEF\xBC\x91");       // fullwidth digit one
  CAPTURE(inside);
  CHECK_FALSE(kb::parse_marker_list(inside).has_value());
}

TEST_CASE("Citation marker finder reports text, offsets and numbers of each marker",
          "[markers]") {
  const std::string text =
      "years [1-3]. A benefit.[5] Next [see below] and [1, 3-5]; [Hepatic resection] [ 2 ]";
  const std::vector<kb::CitationMarker> markers = kb::find_citation_markers(text);
  REQUIRE(markers.size() == 4);

  CHECK(markers[0].text == "[1-3]");
  CHECK(markers[0].begin == 6);
  CHECK(markers[0].end == 11);
  CHECK(markers[0].numbers == std::vector<int>{1, 2, 3});

  CHECK(markers[1].text == "[5]");
  CHECK(markers[1].begin == text.find("[5]"));
  CHECK(markers[1].numbers == std::vector<int>{5});

  CHECK(markers[2].text == "[1, 3-5]");
  CHECK(markers[2].numbers == std::vector<int>{1, 3, 4, 5});

  CHECK(markers[3].text == "[ 2 ]");
  CHECK(markers[3].end == text.size());
  for (const kb::CitationMarker& m : markers) {
    CHECK(text.substr(m.begin, m.end - m.begin) == m.text);
  }
}

TEST_CASE("Citation marker finder handles nested, adjacent and unclosed brackets",
          "[markers]") {
  SECTION("a marker nested in non-marker brackets is found") {
    const std::string text = "[see [2]]";
    const auto markers = kb::find_citation_markers(text);
    REQUIRE(markers.size() == 1);
    CHECK(markers[0].text == "[2]");
    CHECK(markers[0].begin == 5);
  }
  SECTION("adjacent markers are found separately") {
    const auto markers = kb::find_citation_markers("x[1][2,4]");
    REQUIRE(markers.size() == 2);
    CHECK(markers[0].numbers == std::vector<int>{1});
    CHECK(markers[1].numbers == std::vector<int>{2, 4});
    CHECK(markers[1].begin == 4);
  }
  SECTION("an unclosed bracket gives nothing") {
    CHECK(kb::find_citation_markers("text [1").empty());
    CHECK(kb::find_citation_markers("text [1, 2").empty());
    CHECK(kb::find_citation_markers("[").empty());
  }
  SECTION("a stray closer before a marker does not hide it") {
    const auto markers = kb::find_citation_markers("a] b [3]");
    REQUIRE(markers.size() == 1);
    CHECK(markers[0].begin == 5);
  }
}

TEST_CASE("Citation marker finder reads the markers of the seed topic", "[markers]") {
  const std::string p16 = seed::line(16);
  const auto m16 = kb::find_citation_markers(p16);
  REQUIRE(m16.size() == 1);
  CHECK(m16[0].text == "[1-3]");
  CHECK(m16[0].numbers == std::vector<int>{1, 2, 3});
  CHECK(p16.substr(m16[0].begin, m16[0].end - m16[0].begin) == "[1-3]");

  const auto m18 = kb::find_citation_markers(seed::line(18));
  REQUIRE(m18.size() == 1);
  CHECK(m18[0].numbers == std::vector<int>{4});

  // A paragraph whose only brackets are parentheses has no markers.
  CHECK(kb::find_citation_markers(seed::line(23)).empty());
}

TEST_CASE("Citation marker finder stays within random bracket soup", "[markers]") {
  const std::string alphabet = "[]0123456789,- a";
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::size_t found = 0;
  for (int round = 0; round < 2000; ++round) {
    std::string text(rng() % 40, ' ');
    for (char& c : text) c = alphabet[pick(rng)];
    CAPTURE(text);
    std::size_t previous_end = 0;
    for (const kb::CitationMarker& m : kb::find_citation_markers(text)) {
      REQUIRE(m.begin >= previous_end);
      REQUIRE(m.end <= text.size());
      REQUIRE(text[m.begin] == '[');
      REQUIRE(text[m.end - 1] == ']');
      REQUIRE_FALSE(m.numbers.empty());
      // Strictly ascending: sorted and without duplicates.
      REQUIRE(std::adjacent_find(m.numbers.begin(), m.numbers.end(),
                                 [](int a, int b) { return a >= b; }) == m.numbers.end());
      previous_end = m.end;
      ++found;
    }
  }
  CHECK(found > 0);
}

TEST_CASE("Citation markers in the styles journals print, and what is never one", "[markers][styles]") {
  auto [text, numbers] = GENERATE(table<std::string, std::vector<int>>({
      {"as shown [1].", {1}},
      {"as shown [1-3].", {1, 2, 3}},
      {"as shown [1,3-5].", {1, 3, 4, 5}},
      {"as shown (1).", {1}},
      {"as shown (4,5).", {4, 5}},
      {"as shown (1--3).", {1, 2, 3}},
      {"as shown (1\xE2\x80\x93" "3).", {1, 2, 3}},
      {"was confirmed(2,3).", {2, 3}},
      {"(the new drug abacavir [2])", {2}},
      {"see (Table 1) for doses", {}},
      {"after (2 months) of therapy", {}},
      {"a cohort (n = 35) of children", {}},
      {"a dose (150 mg) twice weekly", {}},
      {"three situations: 1) in a patient", {}},
      {"three situations: (1) in a patient whose regimen", {}},
  }));
  CAPTURE(text);
  std::vector<int> found;
  for (const auto& m : kb::find_citation_markers(text)) found.insert(found.end(), m.numbers.begin(), m.numbers.end());
  CHECK(found == numbers);
}

TEST_CASE("A parenthesised number past the reference list is text, said in a note unless a year", "[markers][styles]") {
  auto topic = kb::parse_text_topic(
      "A guideline\n\nSurveillance began (2010) and cites (1); a cohort of (12) was seen (2).\n\n"
      "References\n\n  1. A B. T. J 2000; 1:1.\n  2. C D. T. J 2001; 2:2.\n", "p.txt");
  REQUIRE(topic.ok());
  std::vector<int> cited;
  for (const auto& s : topic->sections[0].paragraphs[0].sentences)
    for (const auto& m : s.citations) cited.insert(cited.end(), m.numbers.begin(), m.numbers.end());
  CHECK(cited == std::vector<int>{1, 2});
  std::vector<std::string> notes;
  for (const auto& d : topic->diagnostics) notes.push_back(d.message);
  CHECK(notes == std::vector<std::string>{"read '(12)' as text: the reference list has 2 entries"});
}

TEST_CASE("A numbered list in the body of an article stays body when a References heading starts the list",
          "[markers][styles][topic]") {
  auto topic = kb::parse_text_topic(
      "A research article\n\nWe asked three questions:\n\n1. Does it work?\n2. Is it safe?\n\n"
      "Both were answered [1].\n\nReferences\n\n  1. A B. T. J 2000; 1:1.\n  2. C D. T. J 2001; 2:2.\n", "a.txt");
  REQUIRE(topic.ok());
  CHECK(topic->references.size() == 2);
  CHECK(topic->references[0].raw == "A B. T. J 2000; 1:1.");
}

TEST_CASE("A number printed onto a word is reported as a doubtful citation, never read as one", "[markers][styles]") {
  auto topic = kb::parse_text_topic(
      "A guideline\n\nPatients had a sixfold risk of death2. CD20 and BNT162b2 are names.\n\n"
      "References\n\n  1. A B. T. J 2000; 1:1.\n  2. C D. T. J 2001; 2:2.\n", "g.txt");
  REQUIRE(topic.ok());
  for (const auto& s : topic->sections[0].paragraphs[0].sentences) CHECK(s.citations.empty());
  REQUIRE(topic->diagnostics.size() == 1);
  CHECK(topic->diagnostics[0].line == 3);
  CHECK(topic->diagnostics[0].message.rfind("'death2': a number printed onto a word", 0) == 0);
}
