// References as data, end to end: kbindex parse-refs and kbquery ref on the seed.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <cctype>
#include <filesystem>
#include <sstream>

#include "process.h"

using nlohmann::json;

namespace {

// The seed's reference lines, as printed ("  1. Lee CG, ...").
std::string seed_reference_lines() {
  std::istringstream in(e2e::seed_text());
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("  ", 0) == 0 && line.find(". ") != std::string::npos && std::isdigit(static_cast<unsigned char>(line[2])))
      out += line + "\n";
  return out;
}

}  // namespace

TEST_CASE("parse-refs turns each line into one JSON reference, in order, without a KB", "[e2e][parse-refs]") {
  std::string dir = e2e::temp_dir();
  e2e::write(dir + "/refs.txt", seed_reference_lines());
  auto r = e2e::run({e2e::kbindex(), "parse-refs", "refs.txt", "--json", "--db", "absent.sqlite"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<json> rows;
  std::istringstream out(r.out);
  for (std::string line; std::getline(out, line);) rows.push_back(json::parse(line));
  REQUIRE(rows.size() == 65);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i]["number"] == i + 1);
    for (const char* key : {"topic", "number", "raw", "authors", "et_al", "title", "journal", "year", "volume", "issue",
                            "pages", "language", "design", "level", "pmid", "doi"})
      CHECK(rows[i].contains(key));
  }
  const json& badwe = rows[4];
  CHECK(badwe["authors"] == json::array({"Badwe R", "Hawaldar R", "Nair N"}));
  CHECK(badwe["et_al"] == true);
  CHECK(badwe["journal"] == "Lancet Oncol");
  CHECK(badwe["year"] == 2015);
  CHECK(badwe["volume"] == "16");
  CHECK(badwe["pages"] == "1380");
  CHECK(badwe["design"] == "rct");
  CHECK(badwe["level"] == 2);
  CHECK(rows[8]["authors"][1] == "Güller U");
  CHECK(rows[7]["design"] == "meta_analysis");
  CHECK(rows[1]["title"] == "Survival after first recurrence of breast cancer. The Miami experience");
  CHECK_FALSE(std::filesystem::exists(dir + "/absent.sqlite"));
}

TEST_CASE("parse-refs reads standard input and keeps empty lines in their place", "[e2e][parse-refs]") {
  std::string dir = e2e::temp_dir();
  e2e::write(dir + "/in.txt", "Lopez A, Murray C (1998) The global burden of disease. Nat Med 4: 1241-1243.\n\nX\n");
  auto r = e2e::run({"/bin/sh", "-c", e2e::kbindex() + " parse-refs --json < in.txt"}, dir);
  REQUIRE(r.exit_code == 0);
  std::istringstream out(r.out);
  std::vector<json> rows;
  for (std::string line; std::getline(out, line);) rows.push_back(json::parse(line));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["year"] == 1998);
  CHECK(rows[0]["pages"] == "1241-1243");
  CHECK(rows[1]["raw"] == "");
  CHECK(rows[2]["raw"] == "X");
  CHECK_FALSE(rows[2]["uncertain_fields"].empty());
}

TEST_CASE("ref shows fields, design with its reason, and the recommendations relying on it", "[e2e][ref]") {
  std::string dir = e2e::temp_dir();
  REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
  auto r = e2e::run({e2e::kbquery(), "ref", "5", "--json"}, dir);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  CHECK(doc["design"] == "rct");
  CHECK(doc["level"] == 2);
  CHECK(doc["design_reason"] == "title: 'open-label randomised controlled trial'");
  REQUIRE_FALSE(doc["recommendations"].empty());
  CHECK(doc["recommendations"][0]["id"] == "R2");
  CHECK(doc["recommendations"][0]["link"] == "inferred");
  CHECK(doc["recommendations"][0]["stance"] == "supports");
  auto text = e2e::run({e2e::kbquery(), "ref", "5"}, dir);
  CHECK(text.out.find("because:    title: 'open-label randomised controlled trial'") != std::string::npos);
  CHECK(text.out.find("R2 (against), inferred") != std::string::npos);
}
