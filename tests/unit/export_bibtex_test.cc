// The BibTeX export: exact entries, unique keys, protected capitals, LaTeX escaping.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "export_fixture.h"
#include "indexer/reference_parser.h"
#include "query/export_bibtex.h"

using export_fixture::stored;

namespace {


// The keys of an export, in order.
std::vector<std::string> keys(const std::string& bibtex) {
  std::vector<std::string> out;
  for (std::size_t at = 0; (at = bibtex.find("@article{", at)) != std::string::npos;) {
    at += 9;
    out.push_back(bibtex.substr(at, bibtex.find(',', at) - at));
  }
  return out;
}

}  // namespace

TEST_CASE("BibTeX export writes an article with escaped accents, protected acronyms and 'and others'", "[export][bibtex]") {
  const std::string bib = kb::export_bibtex({stored(
      9, "Warschkow R, Güller U, Tarantino I, et al. Improved Survival After Primary Tumor Surgery in Metastatic Breast "
         "Cancer: A Propensity-adjusted, Population-based SEER Trend Analysis. Ann Surg 2016; 263:1188.")});
  CHECK(bib ==
        "@article{warschkow2016,\n"
        "  author = {Warschkow, R. and G{\\\"u}ller, U. and Tarantino, I. and others},\n"
        "  title = {Improved Survival After Primary Tumor Surgery in Metastatic Breast Cancer: A Propensity-adjusted, "
        "Population-based {SEER} Trend Analysis},\n"
        "  journal = {Ann Surg},\n"
        "  year = {2016},\n"
        "  volume = {263},\n"
        "  pages = {1188},\n"
        "  note = {topic: seed, reference 9; author list truncated (et al.)}\n"
        "}\n");
}

TEST_CASE("BibTeX export escapes special characters, expands page ranges and keeps groups whole", "[export][bibtex]") {
  const std::string bib = kb::export_bibtex(
      {stored(1, "Smith J, Jack C Jr, Early Breast Cancer Trialists' Collaborative Group. Fees & charges {draft} of "
                 "50% at $5 for #1 in a_b ~x^2 back\\slash: HER2-positive T-cell disease in Tübingen. J Foo 2001 "
                 "May; 5(3):1539-69. doi: 10.1000/xyz_1. PMID: 12345678."),
       stored(2, "Gonzalez-Angulo AM, de Paz L, van de Poll-Franse LV, et al. Breast liver metastases--incidence, "
                 "diagnosis and outcome. J R Soc Med 1991; 84 Suppl 2:S12-4.")});
  CHECK(bib ==
        "@article{smith2001,\n"
        "  author = {Smith, J. and Jack, Jr., C. and {Early Breast Cancer Trialists' Collaborative Group}},\n"
        "  title = {Fees \\& charges \\{draft\\} of 50\\% at \\$5 for \\#1 in a\\_b \\textasciitilde{}x"
        "\\textasciicircum{}2 back\\textbackslash{}slash: {HER2}-positive {T}-cell disease in {T{\\\"u}bingen}},\n"
        "  journal = {J Foo},\n"
        "  year = {2001},\n"
        "  month = may,\n"
        "  volume = {5},\n"
        "  number = {3},\n"
        "  pages = {1539--1569},\n"
        "  doi = {10.1000/xyz_1},\n"
        "  pmid = {12345678},\n"
        "  note = {topic: seed, reference 1}\n"
        "}\n"
        "\n"
        "@article{gonzalezangulo1991,\n"
        "  author = {Gonzalez-Angulo, A. M. and de Paz, L. and van de Poll-Franse, L. V. and others},\n"
        "  title = {Breast liver metastases-{}-incidence, diagnosis and outcome},\n"
        "  journal = {J R Soc Med},\n"
        "  year = {1991},\n"
        "  volume = {84},\n"
        "  number = {Suppl 2},\n"
        "  pages = {S12--S14},\n"
        "  note = {topic: seed, reference 2; author list truncated (et al.)}\n"
        "}\n");
}

TEST_CASE("BibTeX export writes a conference abstract's locator with no-break spaces", "[export][bibtex]") {
  const std::string bib = kb::export_bibtex({stored(
      6, "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage IV breast cancer "
         "(TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006.")});
  CHECK(bib.find("  pages = {ASCO\u00a0\\#1006},\n") != std::string::npos);
  CHECK(bib.find("  title = {A prospective analysis of surgery and survival in stage {IV} breast cancer ({TBCRC} 013)},")
        != std::string::npos);
  CHECK(bib.find("  number = {Suppl},\n") != std::string::npos);
}

TEST_CASE("BibTeX export keys are surname and year, made unique with a, b, c", "[export][bibtex]") {
  const std::string bib = kb::export_bibtex({
      stored(1, "Friedel G, Pastorino U. One. Eur J Cardiothorac Surg 2002; 22:335."),
      stored(2, "Friedel G, Linder A. Two. Thorac Cardiovasc Surg 2002; 42:71."),
      stored(3, "Friedel G. Three. Thorac Cardiovasc Surg 2002; 42:80."),
      stored(4, "Friedel G. Other year. Thorac Cardiovasc Surg 1994; 42:71."),
      stored(5, "Güller U. Accents. Ann Surg 2016; 263:1188."),
      stored(6, "de Paz L. Particle. Breast 1999; 53:105."),
      stored(7, "Early Breast Cancer Trialists' Collaborative Group. Group. Lancet 2005; 365:1687."),
  });
  CHECK(keys(bib) == std::vector<std::string>{"friedel2002", "friedel2002a", "friedel2002b", "friedel1994",
                                              "guller2016", "depaz1999", "early2005"});
}

TEST_CASE("BibTeX export titles protect acronyms always and proper nouns in sentence case", "[export][bibtex]") {
  auto [title, bibtex] = GENERATE(table<std::string, std::string>({
      {"Survival after first recurrence of breast cancer. The Miami experience",
       "Survival after first recurrence of breast cancer. {The} {Miami} experience"},
      {"Effects of surgical excision in stage IV breast cancer", "Effects of surgical excision in stage {IV} breast cancer"},
      {"Initial Surgery and Survival in Stage IV Breast Cancer in the United States, 1988-2011",
       "Initial Surgery and Survival in Stage {IV} Breast Cancer in the United States, 1988-2011"},
      {"HER2-positive disease and McDonald's T-cell X-ray mRNA",
       "{HER2}-positive disease and {McDonald}'s {T}-cell {X}-ray {mRNA}"},
      {"A randomized trial", "A randomized trial"},
      {"Radiofrequency thermal ablation (RFA) of hepatic metastases (METS)",
       "Radiofrequency thermal ablation ({RFA}) of hepatic metastases ({METS})"},
  }));
  CHECK(kb::bibtex_title(title) == bibtex);
}
