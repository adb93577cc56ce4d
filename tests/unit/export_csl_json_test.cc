// The CSL-JSON export: exact items for seed references and edge cases.
#include <catch2/catch.hpp>

#include <string>

#include "export_fixture.h"
#include "indexer/reference_parser.h"
#include "query/export_csl_json.h"

using export_fixture::stored;

TEST_CASE("CSL-JSON export gives an article-journal with initials as given names and et al. in the note", "[export][csl]") {
  const kb::Json item = kb::csl_item(stored(
      9, "Warschkow R, Güller U, Tarantino I, et al. Improved Survival After Primary Tumor Surgery in Metastatic Breast "
         "Cancer: A Propensity-adjusted, Population-based SEER Trend Analysis. Ann Surg 2016; 263:1188."));
  CHECK(item.dump() ==
        R"j({"id":"seed/9","type":"article-journal","title":"Improved Survival After Primary Tumor Surgery in )j"
        R"j(Metastatic Breast Cancer: A Propensity-adjusted, Population-based SEER Trend Analysis",)j"
        R"j("container-title":"Ann Surg","container-title-short":"Ann Surg","author":[{"family":"Warschkow",)j"
        R"j("given":"R."},{"family":"Güller","given":"U."},{"family":"Tarantino","given":"I."}],)j"
        R"j("issued":{"date-parts":[[2016]]},"volume":"263","page":"1188","language":"en",)j"
        R"j("note":"topic: seed, reference 9; author list truncated (et al.)"})j");
}

TEST_CASE("CSL-JSON export writes groups as literal names, suffixes, month, expanded pages, DOI and PMID",
          "[export][csl]") {
  const kb::Json item = kb::csl_item(
      stored(1, "Smith J, Jack C Jr, Early Breast Cancer Trialists' Collaborative Group, Gonzalez-Angulo AM. "
                "Fees & charges {draft} of 50% at $5. J Foo 2001 May; 5(3):1539-69. doi: 10.1000/xyz_1. "
                "PMID: 12345678."));
  CHECK(item.dump() ==
        R"j({"id":"seed/1","type":"article-journal","title":"Fees & charges {draft} of 50% at $5",)j"
        R"j("container-title":"J Foo","container-title-short":"J Foo","author":[{"family":"Smith","given":"J."},)j"
        R"j({"family":"Jack","given":"C.","suffix":"Jr"},)j"
        R"j({"literal":"Early Breast Cancer Trialists' Collaborative Group"},)j"
        R"j({"family":"Gonzalez-Angulo","given":"A. M."}],"issued":{"date-parts":[[2001,5]]},"volume":"5",)j"
        R"j("issue":"3","page":"1539-1569","DOI":"10.1000/xyz_1","PMID":"12345678","language":"en",)j"
        R"j("note":"topic: seed, reference 1"})j");
}

TEST_CASE("CSL-JSON export types a conference abstract as paper-conference", "[export][csl]") {
  const kb::Json item = kb::csl_item(stored(
      6, "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage IV breast cancer "
         "(TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006."));
  CHECK(item["type"] == "paper-conference");
  CHECK(item["issue"] == "Suppl");
  CHECK(item["page"] == "ASCO #1006");
  CHECK(item["author"][0] == kb::Json{{"family", "King"}, {"given", "T. A."}});
}

TEST_CASE("CSL-JSON export is an indented array, empty when nothing is selected", "[export][csl]") {
  CHECK(kb::export_csl_json({}) == "[]\n");
  const std::string doc = kb::export_csl_json({stored(1, "Badwe R. Title. Lancet Oncol 2015; 16:1380.")});
  CHECK(doc.rfind("[\n  {\n    \"id\": \"seed/1\",\n", 0) == 0);
  CHECK(doc.back() == '\n');
}
