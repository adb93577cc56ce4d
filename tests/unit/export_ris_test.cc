// The RIS export: exact records for seed references and escaping edge cases.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "export_fixture.h"
#include "indexer/reference_parser.h"
#include "query/export_ris.h"

using export_fixture::stored;

TEST_CASE("RIS export writes a journal article with one AU per author and et al. in N1", "[export][ris]") {
  const std::string ris = kb::export_ris({stored(
      9, "Warschkow R, Güller U, Tarantino I, et al. Improved Survival After Primary Tumor Surgery in Metastatic Breast "
         "Cancer: A Propensity-adjusted, Population-based SEER Trend Analysis. Ann Surg 2016; 263:1188.")});
  CHECK(ris ==
        "TY  - JOUR\r\n"
        "AU  - Warschkow, R.\r\n"
        "AU  - Güller, U.\r\n"
        "AU  - Tarantino, I.\r\n"
        "TI  - Improved Survival After Primary Tumor Surgery in Metastatic Breast Cancer: A Propensity-adjusted, "
        "Population-based SEER Trend Analysis\r\n"
        "T2  - Ann Surg\r\n"
        "JO  - Ann Surg\r\n"
        "PY  - 2016\r\n"
        "VL  - 263\r\n"
        "SP  - 1188\r\n"
        "LA  - eng\r\n"
        "N1  - topic: seed, reference 9; author list truncated (et al.)\r\n"
        "ER  - \r\n");
}

TEST_CASE("RIS export writes a conference abstract as CONF with the meeting and its proceedings", "[export][ris]") {
  const std::string ris = kb::export_ris({stored(
      6, "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage IV breast cancer "
         "(TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006.")});
  CHECK(ris ==
        "TY  - CONF\r\n"
        "AU  - King, T.A.\r\n"
        "AU  - Lyman, J.\r\n"
        "AU  - Gonen, M.\r\n"
        "TI  - A prospective analysis of surgery and survival in stage IV breast cancer (TBCRC 013)\r\n"
        "T2  - ASCO\r\n"
        "C3  - J Clin Oncol\r\n"
        "BT  - J Clin Oncol\r\n"
        "PY  - 2016\r\n"
        "DA  - 2016\r\n"
        "VL  - 34\r\n"
        "IS  - Suppl\r\n"
        "SP  - ASCO #1006\r\n"
        "LA  - eng\r\n"
        "N1  - topic: seed, reference 6; conference abstract: ASCO #1006; author list truncated (et al.)\r\n"
        "ER  - \r\n");
}

TEST_CASE("RIS export expands compressed page ranges, keeps special characters and writes groups whole",
          "[export][ris]") {
  const std::string ris = kb::export_ris(
      {stored(1, "Smith J, Jack C Jr, Early Breast Cancer Trialists' Collaborative Group. Fees & charges {draft} of "
                 "50% at $5: HER2-positive disease in Tübingen. J Foo 2001 May; 5(3):1539-69. doi: 10.1000/xyz_1. "
                 "PMID: 12345678."),
       stored(2, "de Paz L, van de Poll-Franse LV, Gonzalez-Angulo AM. Breast liver metastases--incidence. "
                 "J R Soc Med 1991; 84 Suppl 2:S12-4.")});
  CHECK(ris ==
        "TY  - JOUR\r\n"
        "AU  - Smith, J.\r\n"
        "AU  - Jack, C., Jr.\r\n"
        "AU  - Early Breast Cancer Trialists' Collaborative Group\r\n"
        "TI  - Fees & charges {draft} of 50% at $5: HER2-positive disease in Tübingen\r\n"
        "T2  - J Foo\r\n"
        "JO  - J Foo\r\n"
        "PY  - 2001\r\n"
        "DA  - 2001/05\r\n"
        "VL  - 5\r\n"
        "IS  - 3\r\n"
        "SP  - 1539\r\n"
        "EP  - 1569\r\n"
        "DO  - 10.1000/xyz_1\r\n"
        "AN  - 12345678\r\n"
        "LA  - eng\r\n"
        "N1  - topic: seed, reference 1\r\n"
        "ER  - \r\n"
        "\r\n"
        "TY  - JOUR\r\n"
        "AU  - de Paz, L.\r\n"
        "AU  - van de Poll-Franse, L.V.\r\n"
        "AU  - Gonzalez-Angulo, A.M.\r\n"
        "TI  - Breast liver metastases--incidence\r\n"
        "T2  - J R Soc Med\r\n"
        "JO  - J R Soc Med\r\n"
        "PY  - 1991\r\n"
        "VL  - 84\r\n"
        "IS  - Suppl 2\r\n"
        "SP  - S12\r\n"
        "EP  - S14\r\n"
        "LA  - eng\r\n"
        "N1  - topic: seed, reference 2\r\n"
        "ER  - \r\n");
}

TEST_CASE("RIS export leaves out empty fields and an undetermined language", "[export][ris]") {
  const std::string ris = kb::export_ris({stored(
      27, "Pocard M, Pouillart P, Asselain B, et al. [Hepatic resection for breast cancer metastases: results and "
          "prognosis (65 cases)]. Ann Chir 2001; 126:413.")});
  CHECK(ris.find("LA  -") == std::string::npos);
  CHECK(ris.find("EP  -") == std::string::npos);
  CHECK(ris.find("TI  - Hepatic resection for breast cancer metastases: results and prognosis (65 cases)\r\n") !=
        std::string::npos);
  CHECK(kb::export_ris({}).empty());
}
