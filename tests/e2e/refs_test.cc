// kbquery refs on a KB built from the seed: PubMed's syntax and the plain options, end to
// end. Every expected number below was read off the seed's reference list
// (corpus/local-therapies-metastatic-breast-cancer.txt), not off the program's output.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "process.h"

using nlohmann::json;
using Numbers = std::vector<int>;

namespace {

json refs_json(std::vector<std::string> args) {
  args.insert(args.begin(), {e2e::kbquery(), "refs"});
  args.insert(args.end(), {"--db", e2e::seed_kb(), "--json"});
  auto r = e2e::run(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

// The numbers found, in the order printed.
Numbers numbers_in_order(const std::vector<std::string>& args) {
  Numbers out;
  const json doc = refs_json(args);
  for (const json& ref : doc["results"]) out.push_back(ref["number"].get<int>());
  return out;
}

// The numbers found, ascending: for ranked results, where the order is bm25's.
Numbers numbers(const std::vector<std::string>& args) {
  Numbers out = numbers_in_order(args);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("refs field tags find exactly the seed references that match", "[e2e][refs]") {
  auto [query, expected] = GENERATE(table<std::string, Numbers>({
      // Authors: any position; surname alone or with initials; diacritics folded.
      {"Soran[au]", Numbers{7}},
      {"Soran A[au]", Numbers{7}},
      {"Guller[au]", Numbers{9}},
      {"G\xC3\xBCller[au]", Numbers{9}},
      {"Guller U[au]", Numbers{9}},
      {"Friedel[au]", Numbers{25, 26, 34}},
      {"Friedel G[1au]", Numbers{25, 26}},
      {"Tada[au]", Numbers{28, 46}},      // Tada T and Tada K
      {"Tada K[au]", Numbers{46}},
      {"Sofocleous[au]", Numbers{29, 53}},
      {"Sofocleous[1au]", Numbers{29}},
      {"Gonzalez-Angulo AM[au]", Numbers{30}},
      {"Gonzalez Angulo[au]", Numbers{30}},
      {"de Baere T[au]", Numbers{58}},
      {"Rodriguez-Gomez[au]", Numbers{60}},
      // Last author: only when no 'et al.' follows the list.
      {"Kell MR[lastau]", Numbers{8}},
      {"Dixon JM[lastau]", Numbers{10}},
      {"Friedel[lastau]", Numbers{}},      // 34 names him third, then et al.
      // Dates, volume, first page, journal.
      {"2016[dp]", Numbers{6, 7, 9, 21, 53}},
      {"2000:2002[dp]", Numbers{13, 25, 27, 28, 51, 52, 55, 57, 58}},
      {"34[vi]", Numbers{6, 7}},
      {"113[vi]", Numbers{19, 34}},
      {"1380[pg]", Numbers{5}},
      {"Ann Surg[ta]", Numbers{9, 18, 43, 53}},
      {"Ann Surg*[ta]", Numbers{8, 9, 15, 16, 17, 18, 20, 43, 53, 54, 57}},
      // Publication types: the design labels, and PubMed's names for them.
      {"rct[pt]", Numbers{5, 7}},
      {"\"randomized controlled trial\"[pt]", Numbers{5, 7}},
      {"meta-analysis[pt]", Numbers{8}},
      {"systematic review[pt]", Numbers{24, 32}},
      {"review[pt]", Numbers{4}},
      // Titles: phrases (stemmed: 'tumors' is 'tumor'; 'tumour' is not), truncation.
      {"\"primary tumor\"[ti]", Numbers{1, 9, 15, 16, 17, 19}},
      {"metastasect*[ti]", Numbers{25, 34, 47}},
      {"surg*[ti] AND 2008[dp]", Numbers{18, 19, 46}},
      {"ablation[tiab]", Numbers{29, 37, 53, 54, 55, 56, 57, 58}},
      // Hyphen and spacing variants: radio-frequency also finds radiofrequency.
      {"radio-frequency[ti]", Numbers{29, 37, 54, 55, 56, 57, 58}},
      {"radiofrequency[ti]", Numbers{29, 37, 54, 56, 57, 58}},
      {"\"radio frequency\"[ti]", Numbers{55}},
      // Untagged: title, authors and journal.
      {"Guller", Numbers{9}},
      {"metastasectomy lung", Numbers{25, 34}},
  }));
  CAPTURE(query);
  CHECK(numbers({query}) == expected);
}

TEST_CASE("refs boolean operators read left to right with parentheses and NOT", "[e2e][refs]") {
  auto [query, expected] = GENERATE(table<std::string, Numbers>({
      {"Soran[au] OR Badwe[au]", Numbers{5, 7}},
      {"Soran[au] AND 2016[dp]", Numbers{7}},
      // Left to right: (Soran OR Badwe) AND 2015, which only Badwe's trial is.
      {"Soran[au] OR Badwe[au] AND 2015[dp]", Numbers{5}},
      {"Soran[au] OR (Badwe[au] AND 2015[dp])", Numbers{5, 7}},
      {"Soran[au] OR (Badwe[au] AND 2016[dp])", Numbers{7}},
      {"radiofrequency[ti] NOT Ann Surg Oncol[ta]", Numbers{29, 37, 56, 58}},
      {"ablation[tiab] NOT radiofrequency[ti]", Numbers{53, 55}},
      {"liver[ti] NOT (resection[ti] OR surg*[ti])", Numbers{29, 48, 49, 50, 55}},
      {"liver[ti] NOT resection[ti] NOT ablation[ti]", Numbers{48, 49, 50}},
  }));
  CAPTURE(query);
  CHECK(numbers({query}) == expected);
}

TEST_CASE("refs options filter without syntax and combine with AND", "[e2e][refs]") {
  CHECK(numbers({"--year", "2010-2011", "--design", "case_series"}) == Numbers{42, 64});
  CHECK(numbers({"--author", "Friedel G", "--year", "1994"}) == Numbers{26});
  CHECK(numbers({"--journal", "Ann Surg"}) == Numbers{9, 18, 43, 53});
  CHECK(numbers({"--design", "randomized controlled trial"}) == Numbers{5, 7});
  CHECK(numbers({"--title", "\"primary tumor\" surgery"}) == Numbers{9});  // 'surgical' is another stem
  CHECK(numbers({"surg*[ti]", "--year", "2008"}) == Numbers{18, 19, 46});
}

TEST_CASE("refs sorts by relevance year or author and limits the list", "[e2e][refs]") {
  SECTION("relevance: bm25 over the free text, best first") {
    json doc = refs_json({"\"primary tumor\"[ti]"});
    REQUIRE(doc["results"].size() == 6);
    CHECK(doc["results"][0]["number"] == 15);  // the only title that says it twice
    double previous = 1e9;
    for (const json& ref : doc["results"]) {
      CHECK(ref["score"].get<double>() > 0);
      CHECK(ref["score"].get<double>() <= previous);
      previous = ref["score"].get<double>();
    }
  }
  SECTION("no free text: topic and number order, score 0") {
    json doc = refs_json({"2016[dp]"});
    for (const json& ref : doc["results"]) CHECK(ref["score"].get<double>() == 0);
    CHECK(numbers_in_order({"2016[dp]"}) == Numbers{6, 7, 9, 21, 53});
  }
  SECTION("year, newest first") {
    CHECK(numbers_in_order({"Friedel[au]", "--sort", "year"}) == Numbers{25, 34, 26});
  }
  SECTION("first author") {
    // King TA, Sadot E, Soran A, Thomas A, Warschkow R
    CHECK(numbers_in_order({"2016[dp]", "--sort", "author"}) == Numbers{6, 53, 7, 21, 9});
  }
  SECTION("number") {
    CHECK(numbers_in_order({"\"primary tumor\"[ti]", "--sort", "number"}) == Numbers{1, 9, 15, 16, 17, 19});
  }
  SECTION("limit") {
    json doc = refs_json({"2016[dp]", "--limit", "2"});
    CHECK(doc["total"] == 5);
    REQUIRE(doc["results"].size() == 2);
    CHECK(doc["results"][0]["number"] == 6);
    CHECK(doc["results"][1]["number"] == 7);
  }
}

TEST_CASE("refs with neither query nor options lists every reference in topic and number order", "[e2e][refs]") {
  json doc = refs_json({});
  CHECK(doc["query"] == "");
  REQUIRE(doc["results"].size() == 65);
  for (int i = 0; i < 65; ++i) CHECK(doc["results"][static_cast<std::size_t>(i)]["number"] == i + 1);
}

TEST_CASE("refs json gives the query and contract reference objects with a score", "[e2e][refs]") {
  json doc = refs_json({"Soran[au] AND 2016[dp]"});
  CHECK(doc["query"] == "Soran[au] AND 2016[dp]");
  REQUIRE(doc["results"].size() == 1);
  const json& ref = doc["results"][0];
  for (const char* key : {"topic", "number", "raw", "authors", "et_al", "title", "journal", "year", "volume", "issue",
                          "pages", "language", "design", "level", "pmid", "doi", "score"})
    CHECK(ref.contains(key));
  CHECK(ref["topic"] == "the-role-of-local-therapies-in-metastatic-breast-cancer");
  CHECK(ref["number"] == 7);
  CHECK(ref["authors"] == json::array({"Soran A", "Ozmen V", "Ozbas S"}));
  CHECK(ref["et_al"] == true);
  CHECK(ref["year"] == 2016);
  CHECK(ref["journal"] == "J Clin Oncol");
  CHECK(ref["design"] == "rct");
}

TEST_CASE("refs text output is one line per reference with the count", "[e2e][refs]") {
  auto r = e2e::run({e2e::kbquery(), "refs", "Soran[au] OR Badwe[au]", "--db", e2e::seed_kb()}, ".", {"COLUMNS=300"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("2 references match Soran[au] OR Badwe[au], in topic and number order:") != std::string::npos);
  CHECK(r.out.find("  5. Badwe R et al. 2015. Locoregional treatment versus no treatment of the primary tumour in "
                   "metastatic breast cancer: an open-label randomised controlled trial. Lancet Oncol\n") !=
        std::string::npos);
  CHECK(r.out.find("  7. Soran A et al. 2016. A randomized controlled trial evaluating resection of the primary breast "
                   "tumor in women presenting with de novo stage IV breast cancer. J Clin Oncol\n") != std::string::npos);

  auto none = e2e::run({e2e::kbquery(), "refs", "Nobody[au]", "--db", e2e::seed_kb()});
  CHECK(none.exit_code == 0);
  CHECK(none.out == "No reference matches Nobody[au].\n");
}

TEST_CASE("refs explain prints the tree and the SQL without a KB", "[e2e][refs]") {
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({e2e::kbquery(), "refs", "Soran[au] AND 2016[dp]", "--explain", "--db", "absent.sqlite"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("tree:   (AND au:soran dp:2016)\n") != std::string::npos);
  CHECK(r.out.find("SELECT r.id, t.slug, r.number") != std::string::npos);
  CHECK(r.out.find("r.year IS ?4") != std::string::npos);
  CHECK(r.out.find("?2 = 'soran'\n") != std::string::npos);
  CHECK(r.out.find("?4 = 2016\n") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/absent.sqlite"));

  auto tiab = e2e::run({e2e::kbquery(), "refs", "ablation[tiab]", "--explain", "--json", "--db", "absent.sqlite"}, dir);
  REQUIRE(tiab.exit_code == 0);
  json doc = json::parse(tiab.out);
  CHECK(doc["tree"] == "tiab:ablation");
  CHECK(doc["ranked"] == true);
  CHECK(doc["sql"].get<std::string>().find("bm25(refs_fts)") != std::string::npos);
  CHECK(doc["notes"].dump().find("[tiab] searches titles only") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/absent.sqlite"));
}

TEST_CASE("refs parse error exits 2 and points at the position", "[e2e][refs]") {
  auto r = e2e::run({e2e::kbquery(), "refs", "(Soran[au] AND 2016[dp]", "--db", e2e::seed_kb()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        "kbquery: query:24: expected ')' after '2016[dp]' to close the '(' at 1\n"
        "  (Soran[au] AND 2016[dp]\n"
        "                         ^\n");

  SECTION("even without a KB, the query is read first") {
    std::string dir = e2e::temp_dir();
    auto absent = e2e::run({e2e::kbquery(), "refs", "Soran[au] AND", "--db", "absent.sqlite"}, dir);
    CHECK(absent.exit_code == 2);
    CHECK(absent.err.find("query:14: expected a term after AND") != std::string::npos);
  }
  SECTION("a bad design lists the valid ones") {
    auto bad = e2e::run({e2e::kbquery(), "refs", "--design", "cohort", "--db", e2e::seed_kb()});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("unknown publication type 'cohort'") != std::string::npos);
    CHECK(bad.err.find("rct, meta_analysis, systematic_review, prospective_cohort") != std::string::npos);
  }
  SECTION("a bad year names the option") {
    auto bad = e2e::run({e2e::kbquery(), "refs", "--year", "2010-20", "--db", e2e::seed_kb()});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err.find("--year takes a year (2016) or a range of years (2010-2011), not '2010-20'") != std::string::npos);
  }
}

TEST_CASE("refs never runs user text as SQL or FTS syntax and never changes the KB", "[e2e][refs]") {
  const std::string before = e2e::file_hash(e2e::seed_kb());
  for (const std::string query : {"x'; DROP TABLE refs; --[ti]", "O'Brien[au]", "NEAR(primary tumor)",
                                  "title:surgery OR {raw}:x*", "100%[pg] OR _[vi]"}) {
    CAPTURE(query);
    auto r = e2e::run({e2e::kbquery(), "refs", query, "--db", e2e::seed_kb(), "--json"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
  }
  CHECK(e2e::file_hash(e2e::seed_kb()) == before);
  CHECK(numbers({}).size() == 65);
}
