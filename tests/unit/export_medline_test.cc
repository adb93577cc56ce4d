// The MEDLINE (.nbib) export: PubMed's tag layout, line wrapping, exact records.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "export_fixture.h"
#include "indexer/reference_parser.h"
#include "kb/text.h"
#include "query/export_medline.h"

using export_fixture::stored;

TEST_CASE("MEDLINE export writes PubMed's tags with six-space continuation lines", "[export][medline]") {
  const std::string nbib = kb::export_medline({stored(
      5, "Badwe R, Hawaldar R, Nair N, et al. Locoregional treatment versus no treatment of the primary tumour in "
         "metastatic breast cancer: an open-label randomised controlled trial. Lancet Oncol 2015; 16:1380.")});
  CHECK(nbib ==
        "VI  - 16\n"
        "DP  - 2015\n"
        "TI  - Locoregional treatment versus no treatment of the primary tumour in\n"
        "      metastatic breast cancer: an open-label randomised controlled trial\n"
        "PG  - 1380\n"
        "AU  - Badwe R\n"
        "AU  - Hawaldar R\n"
        "AU  - Nair N\n"
        "LA  - eng\n"
        "PT  - Journal Article\n"
        "TA  - Lancet Oncol\n"
        "GN  - topic: seed, reference 5; author list truncated (et al.)\n"
        "SO  - Lancet Oncol. 2015;16:1380.\n");
}

TEST_CASE("MEDLINE export writes PMID first, the DOI as LID, groups as CN and records apart", "[export][medline]") {
  const std::string nbib = kb::export_medline(
      {stored(1, "Smith J, Jack C Jr, Early Breast Cancer Trialists' Collaborative Group. Fees & charges {draft}. "
                 "J Foo 2001 May; 5(3):1539-69. doi: 10.1000/xyz_1. PMID: 12345678."),
       stored(2, "Güller U. Breast liver metastases--incidence. J R Soc Med 1991; 84 Suppl 2:S12-4.")});
  CHECK(nbib ==
        "PMID- 12345678\n"
        "VI  - 5\n"
        "IP  - 3\n"
        "DP  - 2001 May\n"
        "TI  - Fees & charges {draft}\n"
        "PG  - 1539-1569\n"
        "LID - 10.1000/xyz_1 [doi]\n"
        "AU  - Smith J\n"
        "AU  - Jack C Jr\n"
        "CN  - Early Breast Cancer Trialists' Collaborative Group\n"
        "LA  - eng\n"
        "PT  - Journal Article\n"
        "TA  - J Foo\n"
        "GN  - topic: seed, reference 1\n"
        "SO  - J Foo. 2001 May;5(3):1539-1569. doi: 10.1000/xyz_1.\n"
        "\n"
        "VI  - 84\n"
        "IP  - Suppl 2\n"
        "DP  - 1991\n"
        "TI  - Breast liver metastases--incidence\n"
        "PG  - S12-S14\n"
        "AU  - Güller U\n"
        "LA  - eng\n"
        "PT  - Journal Article\n"
        "TA  - J R Soc Med\n"
        "GN  - topic: seed, reference 2\n"
        "SO  - J R Soc Med. 1991;84(Suppl 2):S12-S14.\n");
}

TEST_CASE("MEDLINE export lines never pass 80 columns, counting characters, unless one word does", "[export][medline]") {
  const std::string title =
      "Überlebenszeit nach Resektion von Lebermetastasen beim Mammakarzinom: prognostische Faktoren und "
      "Ergebnisse einer multizentrischen Analyse von zweihundertsiebenundachtzig Patientinnen über zwölf Jahre";
  const std::string field = kb::medline_field("TI", title);
  std::istringstream lines(field);
  std::string line, joined;
  int count = 0;
  while (std::getline(lines, line)) {
    CHECK(kb::utf8_chars(line) <= 80);
    CHECK(line.rfind(count == 0 ? "TI  - " : "      ", 0) == 0);
    if (count) joined += ' ';
    joined.append(line, 6);
    ++count;
  }
  CHECK(count == 3);
  CHECK(joined == title);
  const std::string long_word(100, 'x');
  CHECK(kb::medline_field("LID", long_word) == std::string("LID - ").append(long_word).append("\n"));
  CHECK(kb::medline_field("PMID", "1") == "PMID- 1\n");
}
