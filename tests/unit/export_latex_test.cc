// LaTeX escaping for BibTeX fields: the special characters, accents, dashes.
#include <catch2/catch.hpp>

#include <string>

#include "query/export_latex.h"

TEST_CASE("LaTeX escaping for the BibTeX export spells special characters, accents and dashes", "[export][latex]") {
  auto [text, latex] = GENERATE(table<std::string, std::string>({
      {"Fees & charges", "Fees \\& charges"},
      {"50% at $5 for #1", "50\\% at \\$5 for \\#1"},
      {"a_b {c}", "a\\_b \\{c\\}"},
      {"~x^2", "\\textasciitilde{}x\\textasciicircum{}2"},
      {"back\\slash", "back\\textbackslash{}slash"},
      {"Güller", "G{\\\"u}ller"},
      {"Rodríguez-Gómez", "Rodr{\\'i}guez-G{\\'o}mez"},
      {"Lefèvre Çelik Ñúñez", "Lef{\\`e}vre {\\c C}elik {\\~N}{\\'u}{\\~n}ez"},
      {"Dvořák Łódź Øster Straße", "Dvo{\\v r}{\\'a}k {\\L}{\\'o}d{\\'z} {\\O}ster Stra{\\ss}e"},
      {"Ångström", "{\\r A}ngstr{\\\"o}m"},
      {"Erdős", "Erd{\\H o}s"},
      {"metastases--incidence", "metastases-{}-incidence"},
      {"1990\u20132020 \u2014 x", "1990--2020 --- x"},
      {"70\u00b0, 5\u00b12", "70{\\textdegree}, 5{\\textpm}2"},
      {"\u03b1-fetoprotein \u2264 5", "\u03b1-fetoprotein \u2264 5"},  // no spelling every reader takes
      {"", ""},
  }));
  INFO(text);
  CHECK(kb::latex_escape(text) == latex);
}
