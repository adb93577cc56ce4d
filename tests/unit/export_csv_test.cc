// The CSV export: RFC 4180 quoting, CR LF, the header.
#include <catch2/catch.hpp>

#include <string>

#include "indexer/reference_parser.h"
#include "query/export_csv.h"

TEST_CASE("CSV export quotes fields with commas, quotes or line breaks and doubles the quotes", "[export][csv]") {
  CHECK(kb::csv_field("plain") == "plain");
  CHECK(kb::csv_field("") == "");
  CHECK(kb::csv_field("a, b") == "\"a, b\"");
  CHECK(kb::csv_field("the \"best\" trial") == "\"the \"\"best\"\" trial\"");
  CHECK(kb::csv_field("two\r\nlines") == "\"two\r\nlines\"");
}

TEST_CASE("CSV export has the header, one CR LF line per reference, authors as printed with et al.", "[export][csv]") {
  kb::StoredReference a;
  a.topic = "seed";
  a.number = 5;
  a.ref = kb::parse_reference(
      "Badwe R, Hawaldar R, Nair N, et al. Locoregional treatment versus no treatment of the primary tumour in "
      "metastatic breast cancer: an open-label randomised controlled trial. Lancet Oncol 2015; 16:1380.");
  a.ref.design = kb::Design::Rct;
  a.ref.level = 2;
  kb::StoredReference b;
  b.topic = "seed";
  b.number = 66;
  b.ref = kb::parse_reference(
      "Güller U. \"Quoted\" results. J Foo 2001 May; 5(3 Suppl):1539-69. doi: 10.1000/xyz_1. PMID: 12345678.");
  CHECK(kb::export_csv({a, b}) ==
        "topic,number,authors,title,journal,year,volume,issue,pages,doi,pmid,design,level\r\n"
        "seed,5,\"Badwe R, Hawaldar R, Nair N, et al.\",Locoregional treatment versus no treatment of the "
        "primary tumour in metastatic breast cancer: an open-label randomised controlled trial,Lancet Oncol,2015,"
        "16,,1380,,,rct,2\r\n"
        "seed,66,Güller U,\"\"\"Quoted\"\" results\",J Foo,2001,5,3 Suppl,1539-1569,10.1000/xyz_1,12345678,"
        "other,5\r\n");
  CHECK(kb::export_csv({}) == "topic,number,authors,title,journal,year,volume,issue,pages,doi,pmid,design,level\r\n");
}
