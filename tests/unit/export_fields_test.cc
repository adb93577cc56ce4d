// The fields every export derives alike: author names, page ranges, issue, note.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "indexer/reference_parser.h"
#include "query/export_fields.h"

using Strings = std::vector<std::string>;

TEST_CASE("The exports split an author's printed name into surname, initials and suffix", "[export][fields]") {
  auto [printed, family, initials, suffix, collective] =
      GENERATE(table<std::string, std::string, Strings, std::string, bool>({
          {"Badwe R", "Badwe", {"R"}, "", false},
          {"Gonzalez-Angulo AM", "Gonzalez-Angulo", {"A", "M"}, "", false},
          {"Güller U", "Güller", {"U"}, "", false},
          {"de Paz L", "de Paz", {"L"}, "", false},
          {"van de Poll-Franse LV", "van de Poll-Franse", {"L", "V"}, "", false},
          {"Jack C Jr", "Jack", {"C"}, "Jr", false},
          {"Smith JP 3rd", "Smith", {"J", "P"}, "3rd", false},
          {"Lefèvre J-P", "Lefèvre", {"J-P"}, "", false},
          {"Östman Å", "Östman", {"Å"}, "", false},
          {"Smith", "Smith", {}, "", false},
          {"d'Alessandro G", "d'Alessandro", {"G"}, "", false},
          {"", "", {}, "", false},
          {"Early Breast Cancer Trialists' Collaborative Group (EBCTCG)",
           "Early Breast Cancer Trialists' Collaborative Group (EBCTCG)", {}, "", true},
          {"Writing Committee for the ABC", "Writing Committee for the ABC", {}, "", true},
          {"EBCTCG", "EBCTCG", {}, "", true},
          {"SEER Program", "SEER Program", {}, "", true},
      }));
  INFO(printed);
  const kb::AuthorName name = kb::split_author(printed);
  CHECK(name.family == family);
  CHECK(name.initials == initials);
  CHECK(name.suffix == suffix);
  CHECK(name.collective == collective);
}

TEST_CASE("The exports dot initials, a hyphenated one keeping its hyphen", "[export][fields]") {
  CHECK(kb::dotted_initials(kb::split_author("Gonzalez-Angulo AM"), "") == "A.M.");
  CHECK(kb::dotted_initials(kb::split_author("Gonzalez-Angulo AM"), " ") == "A. M.");
  CHECK(kb::dotted_initials(kb::split_author("Lefèvre J-P"), " ") == "J.-P.");
  CHECK(kb::dotted_initials(kb::split_author("EBCTCG"), " ").empty());
}

TEST_CASE("The export's citation keys take the surname as lower-case ASCII letters", "[export][fields]") {
  CHECK(kb::ascii_surname_key(kb::split_author("Güller U")) == "guller");
  CHECK(kb::ascii_surname_key(kb::split_author("de Paz L")) == "depaz");
  CHECK(kb::ascii_surname_key(kb::split_author("Abu-Rustum NR")) == "aburustum");
  CHECK(kb::ascii_surname_key(kb::split_author("Rodríguez-Gómez A")) == "rodriguezgomez");
}

TEST_CASE("The exports split page ranges, expanding a compressed last page", "[export][fields]") {
  auto [printed, first, last] = GENERATE(table<std::string, std::string, std::string>({
      {"1539-69", "1539", "1569"},
      {"1380-8", "1380", "1388"},
      {"99-101", "99", "101"},
      {"1241-1243", "1241", "1243"},
      {"209\u2013249", "209", "249"},
      {"S12-4", "S12", "S14"},
      {"S12-S14", "S12", "S14"},
      {"e93755", "e93755", ""},
      {"969", "969", ""},
      {"ASCO #1006", "ASCO #1006", ""},
      {"abstr 9534", "abstr 9534", ""},
      {"1539-20", "1539", "20"},  // not a compressed range: kept as printed
      {"CD003366", "CD003366", ""},
      {"", "", ""},
  }));
  INFO(printed);
  const kb::PageRange range = kb::split_pages(printed);
  CHECK(range.first == first);
  CHECK(range.last == last);
}

TEST_CASE("The exports write expanded pages as first-last", "[export][fields]") {
  CHECK(kb::expanded_pages("1539-69") == "1539-1569");
  CHECK(kb::expanded_pages("1380") == "1380");
  CHECK(kb::expanded_pages("ASCO #1006") == "ASCO #1006");
}

TEST_CASE("The exports write the issue with its supplement as PubMed does", "[export][fields]") {
  auto [raw, issue] = GENERATE(table<std::string, std::string>({
      {"King TA. Title. J Clin Oncol 2016; 34S: ASCO #1006.", "Suppl"},
      {"Smith J. Title. J Clin Oncol 2016; 34(15_suppl): abstr 9534.", "15 Suppl"},
      {"Smith J. Title. J Foo 2001; 5 Suppl 2:S12-4.", "Suppl 2"},
      {"Sung H. Title. CA Cancer J Clin. 2021 May;71(3):209-249.", "3"},
      {"Badwe R. Title. Lancet Oncol 2015; 16:1380.", ""},
  }));
  INFO(raw);
  CHECK(kb::issue_with_supplement(kb::parse_reference(raw)) == issue);
}

TEST_CASE("The export note names the topic and number, a conference and et al.", "[export][fields]") {
  kb::StoredReference stored;
  stored.topic = "seed";
  stored.number = 6;
  stored.ref = kb::parse_reference(
      "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage IV breast cancer "
      "(TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006.");
  CHECK(kb::provenance_note(stored) ==
        "topic: seed, reference 6; conference abstract: ASCO #1006; author list truncated (et al.)");
  stored.ref = kb::parse_reference("Harris E, Barry M, Kell MR. Title. Ann Surg Oncol 2013; 20:2828.");
  CHECK(kb::provenance_note(stored) == "topic: seed, reference 6");
}

TEST_CASE("The exports read a printed month as a number", "[export][fields]") {
  CHECK(kb::month_number(kb::parse_reference("Sung H. Title. CA Cancer J Clin. 2021 May;71(3):209-249.")) == 5);
  CHECK(kb::month_number(kb::parse_reference("Badwe R. Title. Lancet Oncol 2015; 16:1380.")) == 0);
}
