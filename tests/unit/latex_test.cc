// LaTeX both ways (kb/latex.h): the export's escaping of special characters, accents and
// dashes, the reader's decoding, and the round trip through the one table they share.
#include <catch2/catch.hpp>

#include <string>

#include "kb/latex.h"
#include "kb/text.h"

TEST_CASE("LaTeX encoding for the BibTeX export spells special characters, accents and dashes", "[latex][export]") {
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
      {"Đorđević, Æsir, Işık", "{\\DJ}or{\\dj}evi{\\'c}, {\\AE}sir, I{\\c s}{\\i}k"},
      {"metastases--incidence", "metastases-{}-incidence"},
      {"1990\u20132020 \u2014 x", "1990--2020 --- x"},
      {"70\u00b0, 5\u00b12, 3\u00d74", "70{\\textdegree}, 5{\\textpm}2, 3{\\texttimes}4"},
      {"a\u00a0b", "a~b"},
      {"\u03b1-fetoprotein \u2264 5", "\u03b1-fetoprotein \u2264 5"},  // no spelling every reader takes
      {"œ, ĭ, Ǹ", "œ, ĭ, Ǹ"},  // decoded by the reader, not written by the export
      {"a-\u2013b \u2013\u2014 \u2014-", "a-{}--b --{}--- ---{}-"},  // dashes kept apart
      {"", ""},
  }));
  INFO(text);
  CHECK(kb::encode_latex(text) == latex);
}

TEST_CASE("LaTeX decoding reads accents, control words, escapes, dashes and quotes", "[latex][bibtex]") {
  auto [latex, text] = GENERATE(table<std::string, std::string>({
      {"{\\'E}mile Zola", "Émile Zola"},
      {"\\'{\\i}, \\'\\i, {\\'i}", "í, í, í"},
      {"{\\aa}, {\\r a}, \\AA", "å, å, Å"},
      {"\\oe{}d\\`eme", "œdème"},
      {"\\u{\\i} \\`N \\'g", "ĭ Ǹ ǵ"},
      {"\\d{s}", "s\u0323"},  // no precomposed letter in the table: a combining mark
      {"\\^{}", "^"},
      {"\\textasciitilde{}\\textbackslash{}\\textquotedbl", "~\\\""},
      {"\\& \\% \\$ \\# \\_ \\{ \\}", "& % $ # _ { }"},
      {"1990--2020 --- x", "1990\u20132020 \u2014 x"},
      {"``quoted'' `single'", "\u201Cquoted\u201D \u2018single'"},
      {"\\emph{Very} \\textit{important}", "Very important"},
      {"$\\alpha$-fetoprotein $\\leq$ 5 $x^2$", "\u03b1-fetoprotein \u2264 5 x2"},
      {"  a~b \n  c  ", "a b c"},
      {"Lu\u0308scher", "L\u00FCscher"},
  }));
  INFO(latex);
  CHECK(kb::decode_latex(latex) == text);
}

TEST_CASE("LaTeX the export writes reads back as the text it came from", "[latex][roundtrip]") {
  // Every character the encoder spells, one by one and in words, and the special characters.
  std::string all;
  for (char32_t cp = 0xA1; cp < 0x2100; ++cp) {
    std::string one;
    kb::utf8_append(one, cp);
    const std::string latex = kb::encode_latex(one);
    if (latex == one) continue;  // not spelled: stays UTF-8
    INFO("U+" << std::hex << static_cast<unsigned>(cp) << " " << one << " -> " << latex);
    CHECK(kb::decode_latex(latex) == one);
    CHECK(kb::decode_latex("x" + latex + "y") == "x" + one + "y");
    all += one;
  }
  CHECK(all.size() > 300);  // the table is there
  const std::string mixed = "Güller & Łódź: 50% of $5_{x} -- ~^\\ {a} --- \u2013 Straße \u00b12 Ångström Erdős " + all;
  CHECK(kb::decode_latex(kb::encode_latex(mixed)) == mixed);
}
