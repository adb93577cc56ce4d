#include <catch2/catch.hpp>

#include "seed_fixture.h"

#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "indexer/cross_references.h"

namespace {


std::vector<std::string> titles(std::string_view text) {
  std::vector<std::string> out;
  for (const kb::CrossReference& r : kb::find_cross_references(text)) out.push_back(r.title);
  return out;
}

std::vector<std::string> sections(std::string_view text) {
  std::vector<std::string> out;
  for (const kb::CrossReference& r : kb::find_cross_references(text)) out.push_back(r.section);
  return out;
}

}  // namespace

TEST_CASE("Cross-reference finder reads both titles of the seed topic's opening paragraph",
          "[xrefs]") {
  const std::string p = seed::line(16);
  const std::vector<kb::CrossReference> refs = kb::find_cross_references(p);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].title == "Systemic treatment for metastatic breast cancer: General principles");
  CHECK(refs[1].title ==
        "Tumor, Node, Metastasis (TNM) staging classification for breast cancer");
  for (const kb::CrossReference& r : refs) {
    CHECK(r.section.empty());
    CHECK(p.substr(r.begin, r.end - r.begin) == r.title);
    CHECK(p[r.begin - 1] == '"');
    CHECK(p[r.end] == '"');
  }
}

TEST_CASE("Cross-reference finder reads the single title of the seed topic's line 20",
          "[xrefs]") {
  const std::string p = seed::line(20);
  const std::vector<kb::CrossReference> refs = kb::find_cross_references(p);
  REQUIRE(refs.size() == 1);
  CHECK(refs[0].title == "Systemic treatment for metastatic breast cancer: General principles");
  CHECK(refs[0].begin == p.find("(See \"") + 6);
  // Paragraphs without a (See ...) give none.
  CHECK(kb::find_cross_references(seed::line(23)).empty());
}

TEST_CASE("Cross-reference finder accepts the openers and quote styles UpToDate prints",
          "[xrefs]") {
  using V = std::vector<std::string>;
  auto [text, expected] = GENERATE(table<std::string, V>({
      {"(See \"A\".)", V{"A"}},
      {"(see \"A\" and \"B\".)", V{"A", "B"}},
      {"(Refer to \"A\".)", V{"A"}},
      {"(See also \"A\".)", V{"A"}},
      {"(See \xE2\x80\x9C" "Curly title\xE2\x80\x9D and \xE2\x80\x9C" "B\xE2\x80\x9D.)",
       V{"Curly title", "B"}},
      {"(See \"Title: With (parens) and colon\".)", V{"Title: With (parens) and colon"}},
      {"(See \"A\" (an aside) and \"B\".)", V{"A", "B"}},
      {"(See \"A\".) Later \"Not a ref\" here.", V{"A"}},
      {"(See \"A\".) Then (see \"B\".)", V{"A", "B"}},
      {"Outer (text (See \"A\".) more).", V{"A"}},
      {"(See \"\".)", V{}},
      {"(See above.)", V{}},
      {"(Seen \"A\".)", V{}},
      {"(See\"A\".)", V{}},
      {"See \"A\".", V{}},
      {"(Refer \"A\".)", V{}},
  }));
  CAPTURE(text);
  CHECK(titles(text) == expected);
}

TEST_CASE("Cross-reference finder gives the byte offsets of each title without its quotes",
          "[xrefs]") {
  const std::string text =
      "Text \xC3\xBC. (See \xE2\x80\x9C" "Curly\xE2\x80\x9D and \"Straight\".)";
  const std::vector<kb::CrossReference> refs = kb::find_cross_references(text);
  REQUIRE(refs.size() == 2);
  CHECK(refs[0].begin == 17);
  CHECK(refs[0].end == 22);
  CHECK(refs[1].begin == text.find("Straight"));
  CHECK(refs[1].end == refs[1].begin + 8);
}

TEST_CASE("Cross-reference finder attaches a 'section on' heading to its title", "[xrefs]") {
  using V = std::vector<std::string>;
  auto [text, expected_titles, expected_sections] = GENERATE(table<std::string, V, V>({
      {"(See \"A\", section on 'Heading one'.)", V{"A"}, V{"Heading one"}},
      {"(See \"A\", section on \"Heading one\".)", V{"A"}, V{"Heading one"}},
      {"(See \"A\", section on \xE2\x80\x98Heading one\xE2\x80\x99.)", V{"A"},
       V{"Heading one"}},
      {"(See \"A\", section on 'Women's health'.)", V{"A"}, V{"Women's health"}},
      {"(See \"A\", section on 'Patients' preferences' and \"B\".)", V{"A", "B"},
       V{"Patients' preferences", ""}},
      {"(See \"A\", section on 'Human epidermal growth factor receptor 2 (HER2)'.)", V{"A"},
       V{"Human epidermal growth factor receptor 2 (HER2)"}},
      {"(See \"A\" and \"B\", section on 'X'.)", V{"A", "B"}, V{"", "X"}},
      {"(See \"A\", section on 'X' and \"B\", section on 'Y'.)", V{"A", "B"}, V{"X", "Y"}},
      {"(See \"A\", section on 'X' and 'Y'.)", V{"A", "A"}, V{"X", "Y"}},
      {"(See \"A\", sections on 'X', 'Y', and 'Z'.)", V{"A", "A", "A"}, V{"X", "Y", "Z"}},
      {"(See \"A\", section on below.)", V{"A"}, V{""}},
      {"(See \"A\", which covers it.)", V{"A"}, V{""}},
  }));
  CAPTURE(text);
  CHECK(titles(text) == expected_titles);
  CHECK(sections(text) == expected_sections);
}

TEST_CASE("Cross-reference finder gives nothing for an unterminated quote or parenthetical",
          "[xrefs]") {
  const std::string text = GENERATE(as<std::string>{},
      "(See \"Unclosed title.)",
      "(See \"Title\"",
      "(See \"Title\".",
      "(See \"A\" and \"B.)",
      "(See \"A\", section on 'Unclosed heading.)",
      "(See \"A\", section on \"Unclosed heading.)",
      "(See \xE2\x80\x9C" "Unclosed curly.)",
      "(See \"A\" (nested.)");
  CAPTURE(text);
  CHECK(kb::find_cross_references(text).empty());
}

TEST_CASE("Cross-reference finder reads no byte past the end of a truncated reference",
          "[xrefs]") {
  // Every proper prefix is truncated before the closing ')', so must give nothing. Each prefix
  // sits in a heap buffer of exactly its size, so a sanitizer build catches any over-read.
  const std::string full =
      "x (See \xE2\x80\x9C" "A (B): C\xE2\x80\x9D, section on \xE2\x80\x98" "D\xE2\x80\x99 and "
      "\"E\", sections on 'F' and 'G'.)";
  REQUIRE(kb::find_cross_references(full).size() == 3);
  for (std::size_t len = 0; len < full.size(); ++len) {
    CAPTURE(len);
    auto buffer = std::make_unique<char[]>(len == 0 ? 1 : len);
    std::memcpy(buffer.get(), full.data(), len);
    CHECK(kb::find_cross_references(std::string_view(buffer.get(), len)).empty());
  }
}

TEST_CASE("Cross-reference finder skips a parenthetical longer than the length limit",
          "[xrefs]") {
  // "(See \"" + title + "\".)" is title.size() + 9 bytes long.
  const std::string at_limit(kb::kMaxCrossReferenceLength - 9, 'x');
  const std::string fits = "(See \"" + at_limit + "\".)";
  REQUIRE(fits.size() == kb::kMaxCrossReferenceLength);
  CHECK(titles(fits) == std::vector<std::string>{at_limit});

  const std::string too_long = "(See \"" + at_limit + "y\".) (See \"B\".)";
  CHECK(titles(too_long) == std::vector<std::string>{"B"});
}
