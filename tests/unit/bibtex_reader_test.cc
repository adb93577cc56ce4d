// The BibTeX reader: JabRef's real .bib files field by field (read from
// ../shared/testdata/bibtex/, see tests/data/imports/README.md), the lexer's corners (@string,
// '#', parentheses, nesting, quotes), LaTeX decoding, BibTeX's name forms, and bad input
// reported with its line.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "indexer/imports/bibtex_reader.h"
#include "tests/support/shared_testdata.h"

namespace {

struct Read {
  kb::Status status;
  std::vector<kb::ImportRecord> records;
};

Read read(const std::string& path) {
  Read r;
  r.status = kb::read_bibtex(path, [&](kb::ImportRecord&& rec) {
    r.records.push_back(std::move(rec));
    return kb::Status::Ok();
  });
  return r;
}

// The real sample files are third-party: they are read from ../shared/testdata/bibtex/ beside
// the checkout (see tests/data/imports/README.md), never from the project. A test whose file is
// not there says it was skipped (a WARN naming the file) and checks nothing.
std::optional<std::string> sample(const std::string& name) {
  return kb::testing::shared_testdata("bibtex/" + name);
}

// A .bib file with the given text, removed when the test ends.
class TempBib {
 public:
  explicit TempBib(const std::string& text) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("kb_bibtex_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".bib"))
                .string();
    std::ofstream(path_, std::ios::binary) << text;
  }
  ~TempBib() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  TempBib(const TempBib&) = delete;
  TempBib& operator=(const TempBib&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads TEXT from a temporary file; the error message has the file's path replaced by "F".
struct TextRead {
  kb::Status status;
  std::string message;
  std::vector<kb::ImportRecord> records;
};

TextRead read_text(const std::string& text) {
  TempBib file(text);
  Read r = read(file.path());
  TextRead out{r.status, r.status.message(), std::move(r.records)};
  if (out.message.compare(0, file.path().size(), file.path()) == 0)
    out.message = std::string("F").append(out.message, file.path().size());
  return out;
}

}  // namespace

TEST_CASE("BibTeX reader: JabRef's BibLaTeX Chocolate.bib, journaltitle and date", "[bibtex_reader]") {
  const auto path = sample("jabref_Chocolate.bib");
  if (!path) return;
  const Read r = read(*path);
  REQUIRE(r.status.ok());
  // 15 @Article entries; the 5 @Comment blocks (jabref-meta) give no record.
  REQUIRE(r.records.size() == 15);
  const std::vector<int> lines = {1, 14, 27, 39, 52, 66, 81, 96, 110, 125, 138, 150, 164, 179, 192};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    CHECK(r.records[i].source_line == lines[i]);
    CHECK(r.records[i].format == "bibtex");
    CHECK(r.records[i].source_path == *path);
    CHECK(r.records[i].pmid.empty());
    CHECK(r.records[i].abstract.empty());
  }

  const kb::ImportRecord& corti = r.records[0];
  CHECK(corti.title == "Cocoa and Cardiovascular Health");
  REQUIRE(corti.authors.size() == 4);
  CHECK(corti.authors.front() == "Corti R");
  CHECK(corti.authors[1] == "Flammer AJ");
  CHECK(corti.authors.back() == "L\u00FCscher TF");  // written "Lu\u0308scher", composed
  CHECK(corti.journal_title == "Circulation");
  CHECK(corti.journal_abbreviation.empty());
  CHECK(corti.year == 2009);
  CHECK(corti.month == "Mar");  // date = {2009-03}
  CHECK(corti.volume == "119");
  CHECK(corti.issue == "10");
  CHECK(corti.pages == "1433-1441");
  CHECK(corti.doi == "10.1161/circulationaha.108.827022");
  CHECK(corti.language.empty());
  CHECK(corti.keywords.empty());
  CHECK(corti.mesh.empty());
  CHECK(corti.publication_types.empty());

  const kb::ImportRecord& ding = r.records[2];
  CHECK(ding.journal_title == "Nutrition & Metabolism");  // "Nutrition \& Metabolism"
  CHECK(ding.pages.empty());
  CHECK(ding.month == "Jan");
  CHECK(ding.authors == std::vector<std::string>{"Ding EL", "Hutfless SM", "Ding X", "Girotra S"});

  const kb::ImportRecord& keen = r.records[3];
  CHECK(keen.issue == "sup5");
  CHECK(keen.pages == "436S-439S");
  CHECK(keen.year == 2001);
  CHECK(keen.month == "Oct");

  CHECK(r.records[5].issue == "2-3");  // number = {2–3}
  CHECK(r.records[7].authors.front() == "Tan TYC");
  CHECK(r.records[9].authors.back() == "Djoussé L");
  CHECK(r.records[10].title == "The Cardiovascular effects of chocolate.");

  const kb::ImportRecord& renzo = r.records[12];
  CHECK(renzo.authors.size() == 8);
  CHECK(renzo.authors.front() == "Di Renzo GC");
  CHECK(renzo.journal_title == "The Journal of Maternal-Fetal & Neonatal Medicine");

  const kb::ImportRecord& fulton = r.records[14];
  CHECK(fulton.title == "Effect of Chocolate on Acne Vulgaris");  // {{...}}
  CHECK(fulton.authors == std::vector<std::string>{"Fulton JE Jr", "Plewig G", "Kligman AM"});
  CHECK(fulton.journal_title == "JAMA: The Journal of the American Medical Association");
  CHECK(fulton.year == 1969);
  CHECK(fulton.month == "Dec");
  CHECK(fulton.volume == "210");
  CHECK(fulton.issue == "11");
  CHECK(fulton.pages == "2071-2074");
  CHECK(fulton.doi == "10.1001/jama.1969.03160370055011");
}

TEST_CASE("BibTeX reader: MedlineImporterTestArticleItalics.bib, month macro and unbraced group", "[bibtex_reader]") {
  const auto path = sample("jabref_MedlineImporterTestArticleItalics.bib");
  if (!path) return;
  const Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.source_line == 1);
  CHECK(rec.pmid == "29872490");
  CHECK(rec.doi == "10.18632/oncotarget.25083");
  CHECK(rec.title == "Genome-wide significant risk factors on chromosome 19 and the APOE locus.");
  REQUIRE(rec.authors.size() == 24);
  CHECK(rec.authors.front() == "Moreno-Grau S");
  CHECK(rec.authors[1] == "Hernández I");
  CHECK(rec.authors[7] == "Rodríguez-Gómez O");
  // "Neuroimaging Initiative, Alzheimer's Disease": a group JabRef left unbraced.
  CHECK(rec.authors[13] == "Alzheimer's Disease Neuroimaging Initiative");
  CHECK(rec.authors.back() == "Ruiz A");
  CHECK(rec.journal_title == "Oncotarget");
  CHECK(rec.journal_abbreviation == "Oncotarget");
  CHECK(rec.year == 2018);
  CHECK(rec.month == "May");  // month = may
  CHECK(rec.volume == "9");
  CHECK(rec.issue == "37");
  CHECK(rec.pages == "24590-24600");
  CHECK(rec.keywords == std::vector<std::string>{"ABCA7", "APOE", "CD33", "Gerotarget",
                                                 "late onset Alzheimer’s disease", "linkage disequilibrium"});
  REQUIRE(rec.abstract.size() == 1);
  CHECK(rec.abstract[0].label.empty());
  CHECK(rec.abstract[0].text.rfind("The apolipoprotein E ( APOE ) gene on chromosome 19q13.32,", 0) == 0);
  CHECK(rec.abstract[0].text.find("between APOE -\u01902 and CD33") != std::string::npos);
  CHECK(rec.abstract[0].text.size() > 1500);
  CHECK(rec.language.empty());
  CHECK(rec.mesh.empty());
}

TEST_CASE("BibTeX reader: RisImporterTest6.bib, PMID in a comment, PMC id in number", "[bibtex_reader]") {
  const auto path = sample("jabref_RisImporterTest6.bib");
  if (!path) return;
  const Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  // "--" is LaTeX's en dash.
  CHECK(rec.title == "Chelation: Harnessing and Enhancing Heavy Metal Detoxification\u2013A Review");
  CHECK(rec.authors == std::vector<std::string>{"Sears ME"});
  CHECK(rec.journal_title == "The Scientific World Journal");
  CHECK(rec.journal_abbreviation.empty());
  CHECK(rec.pmid == "23690738");  // comment = {23690738[pmid]}
  CHECK(rec.doi == "10.1155/2013/219840");
  CHECK(rec.year == 2013);
  CHECK(rec.month.empty());
  CHECK(rec.volume == "2013");
  CHECK(rec.issue.empty());  // number = {PMC3654245}
  CHECK(rec.pages == "219840");
  CHECK(rec.abstract.empty());
}

TEST_CASE("BibTeX reader: RisImporterTestScopus.bib, keywords and a multi-line field", "[bibtex_reader]") {
  const auto path = sample("jabref_RisImporterTestScopus.bib");
  if (!path) return;
  const Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.title ==
        "A transversely isotropic composite with a statistical distribution of spheroidal inclusions: A "
        "geometrical approach to overall properties");
  CHECK(rec.authors == std::vector<std::string>{"Federico S", "Grillo A", "Herzog W"});
  CHECK(rec.journal_title == "Journal of the Mechanics and Physics of Solids");
  CHECK(rec.year == 2004);
  CHECK(rec.volume == "52");
  CHECK(rec.issue == "10");
  CHECK(rec.pages == "2309-2327");
  CHECK(rec.doi == "10.1016/j.jmps.2004.03.010");
  CHECK(rec.pmid.empty());
  CHECK(rec.keywords ==
        std::vector<std::string>{"Composite", "Inclusions", "Statistical distribution", "Transverse isotropy"});
}

TEST_CASE("BibTeX reader: MedlineImporterTestArticleID.bib, journal-abbreviation and a collective name", "[bibtex_reader]") {
  const auto path = sample("jabref_MedlineImporterTestArticleID.bib");
  if (!path) return;
  const Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.pmid == "26711635");
  CHECK(rec.doi == "10.1016/j.diagmicrobio.2015.11.017");
  CHECK(rec.title == "Diagnostic performance of a multiplex PCR assay for meningitis in an HIV-infected population in Uganda.");
  REQUIRE(rec.authors.size() == 15);
  CHECK(rec.authors.front() == "Rhein J");
  CHECK(rec.authors[1] == "Bahr NC");
  CHECK(rec.authors.back() == "ASTRO-CM Team");
  CHECK(rec.journal_title == "Diagnostic microbiology and infectious disease");
  CHECK(rec.journal_abbreviation == "Diagn Microbiol Infect Dis");
  CHECK(rec.year == 2015);
  CHECK(rec.month == "Dec");
  CHECK(rec.volume.empty());
  CHECK(rec.issue.empty());
  CHECK(rec.pages == "1234");
  CHECK(rec.keywords ==
        std::vector<std::string>{"Cryptococcal meningitis", "Diagnostics", "HIV", "Immunocompromised", "Meningitis", "PCR"});
  REQUIRE(rec.abstract.size() == 1);
  CHECK(rec.abstract[0].text == "This abstract is a dummy.");
}

TEST_CASE("BibTeX reader: MedlinePlainImporterTestCompleteEntry.bib, language and title-abbreviation", "[bibtex_reader]") {
  const auto path = sample("jabref_MedlinePlainImporterTestCompleteEntry.bib");
  if (!path) return;
  const Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.pmid == "20481061");
  CHECK(rec.doi.empty());
  CHECK(rec.title ==
        "From danger and motherhood to health and beauty: health advice for the factory girl in early "
        "twentieth-century Britain.");
  CHECK(rec.authors == std::vector<std::string>{"Long V", "Marland H"});
  CHECK(rec.journal_title == "20 century British history");
  CHECK(rec.journal_abbreviation == "20 Century Br Hist");  // title-abbreviation: MEDLINE's TA
  CHECK(rec.year == 2009);
  CHECK(rec.month.empty());
  CHECK(rec.volume == "20");
  CHECK(rec.issue == "4");
  CHECK(rec.pages == "454-81");
  CHECK(rec.language == "eng");
  // JabRef's flattened MeSH headings, split at every comma as any keywords are.
  REQUIRE(rec.keywords.size() == 13);
  CHECK(rec.keywords.front() == "Attitude to Health");
  CHECK(rec.keywords[5] == "History");
  CHECK(rec.keywords[6] == "20th Century");
  CHECK(rec.keywords.back() == "Working/psychology");
  CHECK(rec.mesh.empty());
  REQUIRE(rec.abstract.size() == 1);
  CHECK(rec.abstract[0].text == "Lorem ipsum abstract");
}

TEST_CASE("BibTeX reader: @string macros with # concatenation, month macros, case-insensitive names", "[bibtex_reader]") {
  const TextRead r = read_text(
      "@string{jcoA = \"J Clin\"}\n"
      "@STRING(jco = JCOA # \" \" # {Oncol})\n"
      "@Article{k1,\n"
      "  Journal = jco,\n"
      "  TITLE = \"Part \" # 1 # {: } # jco,\n"
      "  month = oct,\n"
      "  year = 1999\n"
      "}\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.title == "Part 1: J Clin Oncol");
  // A lone journal field that reads as an abbreviation.
  CHECK(rec.journal_abbreviation == "J Clin Oncol");
  CHECK(rec.journal_title.empty());
  CHECK(rec.month == "Oct");
  CHECK(rec.year == 1999);
  CHECK(rec.source_line == 3);
}

TEST_CASE("BibTeX reader: parentheses, nested braces, quotes, comments and text between entries", "[bibtex_reader]") {
  const TextRead r = read_text(
      "Text before entries is ignored, write to me@example.org.\n"
      "@comment{ @article{hidden, title = {not a record}} }\n"
      "@preamble{ \"\\newcommand{\\noop}[1]{}\" }\n"
      "@article(paren,\n"
      "  title = {A (nested) title) here},\n"
      "  year = 2001)\n"
      "@misc{nested, title = {The {{BRCA1}} gene {in {\\em vivo}} study},\n"
      "  % a comment line between fields\n"
      "  note = {x}}\n"
      "@article{quoted, title = \"Quoted {\"inner\"} value, with {braces}\",}\n"
      "@set{s, entryset = {paren,nested}}\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 3);
  CHECK(r.records[0].title == "A (nested) title) here");
  CHECK(r.records[0].year == 2001);
  CHECK(r.records[0].source_line == 4);
  CHECK(r.records[1].title == "The BRCA1 gene in vivo study");
  CHECK(r.records[1].source_line == 7);
  CHECK(r.records[2].title == "Quoted \"inner\" value, with braces");
  CHECK(r.records[2].source_line == 10);
}

TEST_CASE("BibTeX reader: 64 levels of braces are read, 65 refused", "[bibtex_reader]") {
  const std::string deep64 = std::string(64, '{') + "x" + std::string(64, '}');
  const TextRead ok = read_text("@article{a,\n title = " + deep64 + "}\n");
  REQUIRE(ok.status.ok());
  REQUIRE(ok.records.size() == 1);
  CHECK(ok.records[0].title == "x");

  const std::string deep65 = std::string(65, '{') + "x" + std::string(65, '}');
  const TextRead bad = read_text("@article{a,\n title = " + deep65 + "}\n");
  CHECK(bad.status.code() == kb::Code::Parse);
  CHECK(bad.message == "F:2: braces nested deeper than 64 levels in field 'title'");
}

TEST_CASE("BibTeX reader decodes LaTeX accents, escapes, dashes and formatting commands", "[bibtex_reader]") {
  const TextRead r = read_text(
      "@article{acc,\n"
      "  title = {{\\'e}\\\"o\\`a\\^o\\~n\\c{c} \\ss\\ \\o\\ \\aa{} \\\"{o}\\v{s}\\'\\i\\c c \\& \\% \\_ 1--2 a---b "
      "x~y \\emph{em} \\textit{it}},\n"
      "}\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].title == "éöàôñç ß ø å öšíç & % _ 1\u20132 a\u2014b x y em it");

  CHECK(kb::bibtex_text("{\\'E}mile Zola") == "Émile Zola");
  CHECK(kb::bibtex_text("{\\r A}ngstr{\\\"o}m") == "Ångström");
  CHECK(kb::bibtex_text("\\H{o} \\k{a} \\'{\\i} \\=u \\.z \\u{g}") == "ő ą í ū ż ğ");
  CHECK(kb::bibtex_text("\\'x") == "x\u0301");  // no precomposed letter: a combining accent
  CHECK(kb::bibtex_text("Lu\u0308scher Djousse\u0301") == "L\u00FCscher Djouss\u00E9");  // composed
  CHECK(kb::bibtex_text("$\\alpha$-synuclein and $\\beta$-blockers") == "α-synuclein and β-blockers");
  CHECK(kb::bibtex_text("``quoted'' and `single'") == "\u201Cquoted\u201D and \u2018single'");
  CHECK(kb::bibtex_text("\\textasciitilde{}x back\\textbackslash{}slash \\$5 \\#1 \\{draft\\}") ==
        "~x back\\slash $5 #1 {draft}");
  CHECK(kb::bibtex_text("metastases-{}-incidence") == "metastases--incidence");  // kbquery's export of "--"
  CHECK(kb::bibtex_text("  a\n\t  b  {\\textbf{c}}  ") == "a b c");
}

TEST_CASE("BibTeX reader splits names: von particles, Jr, groups, 'others'", "[bibtex_reader]") {
  const TextRead r = read_text(
      "@article{names,\n"
      "  author = {de Baere, Jr., Thierry and van der Berg, Anna M. and Ludwig van Beethoven and\n"
      "            {World Health Organization} and Charles Louis de la Vall{\\'e}e Poussin and\n"
      "            Jack, Jr., C. and {\\'E}mile Zola and Aristotle and others}\n"
      "}\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].authors == std::vector<std::string>{"de Baere T Jr", "van der Berg AM", "van Beethoven L",
                                                         "World Health Organization", "de la Vallée Poussin CL",
                                                         "Jack C Jr", "Zola É", "Aristotle"});
}

TEST_CASE("BibTeX reader maps date, langid, keywords, doi prefixes, eprint PMIDs and pages", "[bibtex_reader]") {
  const TextRead r = read_text(
      "@article{one,\n"
      "  date = {2009-03-15}, langid = {german},\n"
      "  keywords = {a; b, {c, d}; a},\n"
      "  doi = {https://doi.org/10.1000/x\\_y},\n"
      "  eprint = {12345}, eprinttype = {pubmed},\n"
      "  pages = {12 -- 19}, journaltitle = {Journal of clinical oncology}, shortjournal = {J Clin Oncol},\n"
      "  abstract = {One\n   two.}}\n"
      "@article{two, language = {French}, note = {PMID: 987654}, month = {9}, year = {2010},\n"
      "  doi = {doi:10.1/abc}}\n"
      "@article{three, language = {Klingon}, month = {Spring}, url = {https://pubmed.ncbi.nlm.nih.gov/555/},\n"
      "  date = {2011-22}, journal = {Ann Surg}}\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 3);
  const kb::ImportRecord& one = r.records[0];
  CHECK(one.year == 2009);
  CHECK(one.month == "Mar");
  CHECK(one.language == "ger");
  CHECK(one.keywords == std::vector<std::string>{"a", "b", "c, d"});
  CHECK(one.doi == "10.1000/x_y");
  CHECK(one.pmid == "12345");
  CHECK(one.pages == "12-19");
  CHECK(one.journal_title == "Journal of clinical oncology");
  CHECK(one.journal_abbreviation == "J Clin Oncol");
  REQUIRE(one.abstract.size() == 1);
  CHECK(one.abstract[0].text == "One two.");

  const kb::ImportRecord& two = r.records[1];
  CHECK(two.language == "fre");
  CHECK(two.pmid == "987654");
  CHECK(two.month == "Sep");
  CHECK(two.year == 2010);
  CHECK(two.doi == "10.1/abc");

  const kb::ImportRecord& three = r.records[2];
  CHECK(three.language == "Klingon");
  CHECK(three.month == "Spring");  // month wins over date's season
  CHECK(three.year == 2011);
  CHECK(three.pmid == "555");
  CHECK(three.journal_abbreviation == "Ann Surg");
  CHECK(three.journal_title.empty());
}

TEST_CASE("BibTeX reader judges a lone journal name an abbreviation only with abbreviation marks", "[bibtex_reader]") {
  CHECK(kb::looks_like_journal_abbreviation("J Clin Oncol"));
  CHECK(kb::looks_like_journal_abbreviation("J. Clin. Oncol."));
  CHECK(kb::looks_like_journal_abbreviation("N Engl J Med"));
  CHECK(kb::looks_like_journal_abbreviation("Diagn Microbiol Infect Dis"));
  CHECK_FALSE(kb::looks_like_journal_abbreviation("Nutrition Reviews"));
  CHECK_FALSE(kb::looks_like_journal_abbreviation("Journal of clinical oncology"));
  CHECK_FALSE(kb::looks_like_journal_abbreviation("Nutrition & Metabolism"));
  CHECK_FALSE(kb::looks_like_journal_abbreviation("British Journal of Nutrition"));
  CHECK_FALSE(kb::looks_like_journal_abbreviation("Circulation"));
}

TEST_CASE("BibTeX reader takes a file that is not UTF-8 as Windows-1252", "[bibtex_reader]") {
  const TextRead r = read_text("@article{w, author = {M\xFCller, Hans}, title = {Caf\xE9 \x93quotes\x94}}\n");
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].authors == std::vector<std::string>{"Müller H"});
  CHECK(r.records[0].title == "Café “quotes”");
}

TEST_CASE("BibTeX reader reports bad input with its line", "[bibtex_reader]") {
  SECTION("an entry that never closes, before the next entry") {
    const TextRead r = read_text("@article{a,\n  title = {x},\n\n@article{b, title = {y}}\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:1: unterminated entry @article{a: no closing '}' before the next entry at line 4");
  }
  SECTION("an entry that never closes, at the end of the file") {
    const TextRead r = read_text("\n\n@book{c, title = {x},\n  year = 2000\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:3: unterminated entry @book{c: no closing '}' before the end of the file");
  }
  SECTION("a brace that never closes") {
    const TextRead r = read_text("@article{a,\n  title = {x {y {z},\n  year = 2000}\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:2: unbalanced braces: the '{' opening field 'title' is never closed");
  }
  SECTION("a closing brace without an opening one in a quoted value") {
    const TextRead r = read_text("@article{a,\n\n  title = \"x}y\"}\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:3: unbalanced braces: '}' without '{' in field 'title'");
  }
  SECTION("an undefined @string macro") {
    const TextRead r = read_text("@string{jnl = {J}}\n@article{a,\n\n  journal = jnlx # {x}}\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:4: undefined @string macro 'jnlx' in field 'journal' of @article{a");
  }
  SECTION("a field without '='") {
    const TextRead r = read_text("@article{a,\n  year = 2000,\n  title {x}}\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:3: field 'title' without '=' in @article{a");
  }
  SECTION("two fields without a comma between them") {
    const TextRead r = read_text("@article{a,\n  year = 2000\n  title = {x}}\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F:3: expected ',' or '}' after field 'year' of @article{a, found 't'");
  }
  SECTION("an empty file") {
    const TextRead r = read_text("");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F: no BibTeX entries");
  }
  SECTION("a file with only macros, comments and text") {
    const TextRead r = read_text("% notes\n@string{a = {b}}\n@comment{x}\n@preamble{\"y\"}\nsome text\n");
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.message == "F: no BibTeX entries");
    CHECK(r.records.empty());
  }
}

TEST_CASE("BibTeX reader: a missing file is an IO error, a file over 256 MiB is refused unread", "[bibtex_reader]") {
  const Read missing = read("/nonexistent/kb_bibtex_test.bib");
  CHECK(missing.status.code() == kb::Code::IO);
  CHECK(missing.status.message().find("/nonexistent/kb_bibtex_test.bib") != std::string::npos);

  TempBib big("");
  std::filesystem::resize_file(big.path(), (std::uintmax_t{256} << 20) + 1);  // sparse: no disk used
  const Read r = read(big.path());
  CHECK(r.status.code() == kb::Code::IO);
  CHECK(r.status.message() ==
        big.path() + ": 268435457 bytes, larger than the 256 MiB a BibTeX file may have; refusing to read it");
}

TEST_CASE("BibTeX reader stops at the sink's error and returns it", "[bibtex_reader]") {
  TempBib file("@article{a, title={x}}\n@article{b, title={y}}\n");
  int calls = 0;
  const kb::Status st = kb::read_bibtex(file.path(), [&](kb::ImportRecord&&) {
    ++calls;
    return kb::Status::IO("disk full");
  });
  CHECK(calls == 1);
  CHECK(st.code() == kb::Code::IO);
  CHECK(st.message() == "disk full");
}
