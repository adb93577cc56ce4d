// The RIS reader on real exports (PubMed through Zotero and EndNote, Embase, Ovid, Scopus;
// JabRef's test files; all read from ../shared/testdata/ris/, see tests/data/imports/README.md)
// and on bad inputs written to temporary files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "indexer/imports/ris_reader.h"
#include "tests/support/shared_testdata.h"

namespace {

// The real sample files are third-party: they are read from ../shared/testdata/ris/ beside
// the checkout (see tests/data/imports/README.md), never from the project. A test whose file is
// not there says it was skipped (a WARN naming the file) and checks nothing.
std::optional<std::string> sample(const std::string& name) {
  return kb::testing::shared_testdata("ris/" + name);
}

// A path in the temporary directory that names no file, for the reader's IO error.
std::string no_such_file(const std::string& extension) {
  return (std::filesystem::temp_directory_path() /
          ("kb_ris_test_" + std::to_string(::getpid()) + "_no_such_file" + extension))
      .string();
}

struct Read {
  kb::Status status;
  std::vector<kb::ImportRecord> records;
};

Read read(const std::string& path) {
  Read r;
  r.status = kb::read_ris(path, [&](kb::ImportRecord&& record) {
    r.records.push_back(std::move(record));
    return kb::Status::Ok();
  });
  return r;
}

// A file with CONTENT in the temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("kb_ris_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".ris"))
                .string();
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

bool starts(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<int> lines_of(const Read& r) {
  std::vector<int> lines;
  for (const auto& rec : r.records) lines.push_back(rec.source_line);
  return lines;
}

}  // namespace

TEST_CASE("RIS: PubMed through Zotero: T2 journal title, J2 abbreviation, DA months", "[ris]") {
  const auto sample_path = sample("asreview_pubmed_zotero.ris");
  if (!sample_path) return;
  const std::string path = *sample_path;
  Read r = read(path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 6);
  CHECK(lines_of(r) == std::vector<int>{1, 26, 50, 81, 106, 129});

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_path == path);
  CHECK(a.format == "ris");
  CHECK(a.title ==
        "The importance of cognitive flexibility and flexibility in coping with stress for the quality of life in "
        "inflammatory bowel disease patients during biological therapy. A preliminary report.");
  CHECK(a.authors == std::vector<std::string>{"Rudnik A", "Piotrowicz G", "Basinska MA", "Rashedi V"});
  CHECK(a.journal_abbreviation == "Prz Gastroenterol");
  CHECK(a.journal_title == "Przeglad gastroenterologiczny");
  CHECK(a.year == 2019);
  CHECK(a.month.empty());  // DA "2019///"
  CHECK(a.doi == "10.5114/pg.2018.81081");
  CHECK(a.volume == "14");
  CHECK(a.issue == "2");
  CHECK(a.pages == "121-128");
  CHECK(a.language == "eng");
  CHECK(a.pmid.empty());  // Zotero wrote no PMID
  CHECK(a.publication_types.empty());
  CHECK(a.mesh.empty());
  CHECK(a.keywords ==
        std::vector<std::string>{"biological treatment", "Crohn's disease", "mindfulness", "quality of life",
                                 "ulcerative colitis"});
  REQUIRE(a.abstract.size() == 1);
  CHECK(a.abstract[0].label.empty());  // "Introduction: ... Aim: ..." stays one part
  CHECK(starts(a.abstract[0].text, "Introduction: There are studies demonstrating the relation between psychological"));

  CHECK(r.records[1].month == "10");  // DA "2019/10//undefined"
  CHECK(r.records[1].authors[2] == "Slesser AAP");  // "Slesser, A. A. P."
  // NLM's abbreviation is the longer name here, and stays the abbreviation.
  CHECK(r.records[2].journal_abbreviation == "Medicine (Baltimore)");
  CHECK(r.records[2].journal_title == "Medicine");
  CHECK(r.records[2].pages == "e16881");  // SP alone
  CHECK(r.records[2].month == "08");
  CHECK(r.records[5].keywords.front() == "*Meta-Analysis as Topic");  // as printed
}

TEST_CASE("RIS: PubMed through EndNote: AN as PMID, multi-line KW and N1, SP 349-69, T2 abbreviation", "[ris]") {
  const auto path = sample("asreview_pubmed_endnote.ris.txt");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 6);
  CHECK(lines_of(r) == std::vector<int>{2, 43, 118, 165, 242, 302});  // the file starts with a blank line

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "21553931");  // AN, with DP "NLM"
  CHECK(a.doi == "10.2165/11586800-000000000-00000");
  CHECK(a.title ==
        "Boswellia serrata: an overall assessment of in vitro, preclinical, pharmacokinetic and clinical data");
  CHECK(a.authors == std::vector<std::string>{"Abdel-Tawab M", "Werz O", "Schubert-Zsilavecz M"});
  CHECK(a.journal_abbreviation == "Clin Pharmacokinet");  // EndNote's T2 holds PubMed's abbreviation
  CHECK(a.journal_title.empty());
  CHECK(a.year == 2011);
  CHECK(a.month == "Jun");  // DA "Jun"
  CHECK(a.volume == "50");
  CHECK(a.issue == "6");
  CHECK(a.pages == "349-69");
  CHECK(a.language == "eng");
  // KW on one tag line and nine untagged lines; the N1 lines after it ("Journal Article", ...) are not keywords.
  REQUIRE(a.keywords.size() == 10);
  CHECK(a.keywords[0] == "Animals");
  CHECK(a.keywords[1] == "Anti-Inflammatory Agents/adverse effects/pharmacokinetics/*pharmacology");
  CHECK(a.keywords[9] == "Plant Extracts/adverse effects/pharmacokinetics/*pharmacology");
  REQUIRE(a.abstract.size() == 1);
  CHECK(starts(a.abstract[0].text, "Non-steroidal anti-inflammatory drug (NSAID) intake is associated"));

  CHECK(r.records[1].pmid == "29459515");
  CHECK(r.records[1].month == "Mar");  // DA "Mar 1"
  CHECK(r.records[1].keywords.size() == 23);
  CHECK(r.records[1].keywords.back() == "yuzu");
  CHECK(r.records[2].journal_abbreviation == "Drug Res (Stuttg)");
  CHECK(r.records[2].authors == std::vector<std::string>{"Abiodun OO", "Oshinloye AO"});
  CHECK(r.records[3].month == "Nov");
  CHECK(r.records[3].issue.empty());
  CHECK(r.records[3].keywords.size() == 35);
  CHECK(r.records[3].keywords.back() == "*Terminalia catappa L.");
  CHECK(r.records[5].authors.size() == 17);
  CHECK(r.records[5].authors.back() == "Azuma T");
  CHECK(r.records[5].month.empty());  // no DA
  CHECK(r.records[5].journal_abbreviation == "Int Arch Allergy Immunol");
}

TEST_CASE("RIS: Embase with a byte-order mark, A1 'Liu R.' names, JF/JO journals and C5 PMIDs", "[ris]") {
  const auto path = sample("asreview_embase.ris");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 6);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_line == 1);  // "TY  - JOUR" after the BOM
  CHECK(a.title == "Duplication cysts: Diagnosis, management, and the role of endoscopic ultrasound");
  CHECK(a.authors == std::vector<std::string>{"Liu R", "Adler DG"});
  CHECK(a.journal_title == "Endoscopic Ultrasound");
  CHECK(a.journal_abbreviation == "Endoscopic Ultrasound");  // JO, same as JF
  CHECK(a.year == 2014);
  CHECK(a.month.empty());
  CHECK(a.volume == "3");
  CHECK(a.issue == "3");
  CHECK(a.pages == "152-160");
  CHECK(a.language == "English");
  CHECK(a.doi == "10.4103/2303-9027.138783");
  CHECK(a.pmid.empty());  // no C5: not in MEDLINE
  REQUIRE(a.keywords.size() == 22);
  CHECK(a.keywords.front() == "article");
  CHECK(a.keywords.back() == "symptomatology");
  REQUIRE(a.abstract.size() == 1);  // from N2
  CHECK(starts(a.abstract[0].text, "Gastrointestinal tract duplication cysts are rare congenital"));

  const kb::ImportRecord& b = r.records[1];
  CHECK(b.pmid == "15368318");  // C5, DB Embase
  CHECK(b.authors.size() == 7);
  CHECK(b.authors.front() == "Eloubeidi MA");
  CHECK(b.authors.back() == "Eltoum IA");
  CHECK(b.journal_title == "Cancer");

  const kb::ImportRecord& c = r.records[2];
  CHECK(c.journal_abbreviation == "Int. J. Surg. Case Rep.");
  CHECK(c.journal_title == "International Journal of Surgery Case Reports");
  CHECK(c.issue.empty());
  CHECK(c.pages == "83-86");
  CHECK(r.records[3].pmid == "30396417");
  CHECK(r.records[5].source_line == 317);
}

TEST_CASE("RIS: Ovid through Zotero: 'SP - No' 'EP - Specified' is no pages; A2 is not an author", "[ris]") {
  const auto path = sample("asreview_ovid_zotero.ris");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 6);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pages.empty());
  CHECK(a.volume.empty());
  CHECK(a.doi == "10.1002/cpp.2398");
  CHECK(a.journal_title == "Clinical Psychology & Psychotherapy");
  CHECK(a.journal_abbreviation.empty());
  CHECK(a.year == 2019);
  CHECK(a.authors == std::vector<std::string>{"Trindade IA", "Irons C", "Ferreira C", "Portela F", "Pinto-Gouveia J"});

  const kb::ImportRecord& b = r.records[1];
  CHECK(b.pages == "847-856");
  CHECK(b.authors.size() == 4);  // the long A2 line is left out
  CHECK(b.journal_title == "Journal of Health Psychology");
  CHECK(b.keywords.front() == "*Body Image");
  CHECK(b.keywords.size() == 6);

  CHECK(r.records[3].pages.empty());  // No / Specified again
  const kb::ImportRecord& f = r.records[5];
  CHECK(f.pages.empty());
  REQUIRE(f.authors.size() == 9);
  CHECK(f.authors[1] == "van den Brink G");
  CHECK(f.authors[6] == "Hillegers MHJ");
  CHECK(f.authors[8] == "Utens EMWJ");
}

TEST_CASE("RIS: Scopus with very long N1 blocks: C2 PMIDs, J2 abbreviations", "[ris]") {
  const auto path = sample("asreview_scopus.ris");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 6);
  CHECK(lines_of(r) == std::vector<int>{1, 226, 427, 569, 679, 897});

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.title ==
        "Stress and the brain-gut axis in functional and chronic-inflammatory gastrointestinal diseases: A "
        "transdisciplinary challenge");
  CHECK(a.journal_abbreviation == "Psychoneuroendocrinology");
  CHECK(a.journal_title == "Psychoneuroendocrinology");
  CHECK(a.year == 2020);
  CHECK(a.volume == "111");
  CHECK(a.pages.empty());  // no SP; C7 is an article number
  CHECK(a.doi == "10.1016/j.psyneuen.2019.104501");
  CHECK(a.authors == std::vector<std::string>{"Labanski A", "Langhorst J", "Engler H", "Elsenbruch S"});
  CHECK(a.keywords.size() == 9);
  CHECK(a.language == "English");
  CHECK(a.pmid.empty());  // no C2 in this record

  CHECK(r.records[1].pmid == "31421429");
  CHECK(r.records[1].journal_abbreviation == "Med. Hypotheses");
  CHECK(r.records[1].journal_title == "Medical Hypotheses");
  CHECK(r.records[4].title == "Exercise influence on the microbiome\u2013gut\u2013brain axis");

  const kb::ImportRecord& f = r.records[5];
  CHECK(f.pmid == "31175206");
  CHECK(f.pages == "1701-1715");
  CHECK(f.volume == "68");
  CHECK(f.issue == "9");
  REQUIRE(f.authors.size() == 9);
  CHECK(f.authors[7] == "Van Oudenhove L");
  CHECK(f.authors.back() == "Borsook D");
  CHECK(f.keywords.size() == 45);  // the 180 lines of N1 references add none
  CHECK(f.keywords.back() == "Sex Characteristics");
}

TEST_CASE("RIS: JabRef's PubMed record: U1 [pmid], Y1 2016/01/, J2 and JF", "[ris]") {
  const auto path = sample("jabref_RisImporterTestDOI.ris");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "26957754");
  CHECK(a.doi == "10.1589/jpts.28.186");
  CHECK(a.title == "The effect of smartphone usage time on posture and respiratory function");
  CHECK(a.authors == std::vector<std::string>{"Jung SI", "Lee NK", "Kang KW", "Kim K", "Lee DY"});
  CHECK(a.journal_abbreviation == "J Phys Ther Sci");
  CHECK(a.journal_title == "Journal of physical therapy science");
  CHECK(a.year == 2016);
  CHECK(a.month == "01");
  CHECK(a.volume == "28");
  CHECK(a.issue == "1");
  CHECK(a.pages == "186-189");
  CHECK(a.language == "eng");
  CHECK(a.keywords == std::vector<std::string>{"Posture", "Respiratory function", "Smartphone"});
  CHECK(a.abstract.empty());
}

TEST_CASE("RIS: JabRef's PMC record: PMID from U1 not AN, the first of several PY lines, J1", "[ris]") {
  const auto path = sample("jabref_RisImporterTest6.ris");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "23690738");  // AN is PMC3654245
  CHECK(a.title == "Chelation: Harnessing and Enhancing Heavy Metal Detoxification\u2014A Review");
  CHECK(a.authors == std::vector<std::string>{"Sears ME"});
  CHECK(a.year == 2013);
  CHECK(a.month == "04");  // PY "2013/04/18", not "2013/02/15/received"
  CHECK(a.pages == "219840");
  CHECK(a.volume == "2013");
  CHECK(a.doi == "10.1155/2013/219840");
  CHECK(a.journal_abbreviation == "ScientificWorldJournal");
  CHECK(a.journal_title == "The Scientific World Journal");
}

TEST_CASE("RIS: JabRef's Scopus and SciFinder records", "[ris]") {
  const auto scopus_path = sample("jabref_RisImporterTestScopus.ris");
  if (!scopus_path) return;
  Read scopus = read(*scopus_path);
  REQUIRE(scopus.status.ok());
  REQUIRE(scopus.records.size() == 1);
  const kb::ImportRecord& a = scopus.records[0];
  CHECK(a.journal_title == "Journal of the Mechanics and Physics of Solids");
  CHECK(a.journal_abbreviation.empty());
  CHECK(a.pages == "2309-2327");
  CHECK(a.year == 2004);
  CHECK(a.volume == "52");
  CHECK(a.issue == "10");
  CHECK(a.authors == std::vector<std::string>{"Federico S", "Grillo A", "Herzog W"});
  CHECK(a.keywords.size() == 4);
  CHECK(a.pmid.empty());

  const auto scifinder_path = sample("jabref_RisImporterTest5a.ris");
  if (!scifinder_path) return;
  Read scifinder = read(*scifinder_path);
  REQUIRE(scifinder.status.ok());
  REQUIRE(scifinder.records.size() == 1);
  const kb::ImportRecord& b = scifinder.records[0];
  CHECK(b.title ==
        "Release profile of ibuprofen in \u03b2-cyclodextrin complexes from two different solid dosage forms.");  // T1
  CHECK(b.journal_abbreviation == "Powder Technol.");  // JA
  CHECK(b.journal_title == "Powder Technology");       // JF
  CHECK(b.year == 2012);                               // PY "2012///"
  CHECK(b.month.empty());
  CHECK(b.volume == "221");
  CHECK(b.pages == "245-251");
  CHECK(b.doi == "10.1016/j.powtec.2012.01.008");
  REQUIRE(b.authors.size() == 6);
  CHECK(b.authors.front() == "Salustio PJ");
  CHECK(b.authors.back() == "Pinto JF");
  REQUIRE(b.abstract.size() == 1);  // N2
  CHECK(starts(b.abstract[0].text, "The objective of this work was to develop solid dosage forms"));
  CHECK(b.keywords == std::vector<std::string>{"ibuprofen beta cyclodextrin inclusion complex tablet"});
}

TEST_CASE("RIS: tolerated forms: header lines, CRLF, one-space tags, bare ER, DOI prefixes, PMID sources", "[ris]") {
  TempFile file(
      "Provider: Some Publisher\r\n"
      "Database: Journals\r\n"
      "\r\n"
      "TY  - JOUR\r\n"
      "AU - Smith, John\r\n"
      "T2  - Clin Pharmacokinet\r\n"
      "JO  - Clinical Pharmacokinetics\r\n"
      "DO  - https://doi.org/10.1000/abc\r\n"
      "DB  - PubMed\r\n"
      "AN  - 12345678\r\n"
      "ER  -\r\n"
      "TY  - JOUR\r\n"
      "T2  - Medicine\r\n"
      "DO  - doi:10.1000/def\r\n"
      "DB  - CINAHL\r\n"
      "AN  - 104503297\r\n"
      "ER  - \r\n"
      "TY  - CHAP\r\n"
      "T2  - A Book of Chapters\r\n"
      "UR  - https://pubmed.ncbi.nlm.nih.gov/26957754/\r\n"
      "SP  - 10\r\n"
      "EP  - 10\r\n"
      "ER  - \r\n"
      "TY  - JOUR\r\n"
      "JO  - Clinical Pharmacokinetics\r\n"
      "ER  - \r\n"
      "TY  - JOUR\r\n"
      "JO  - Eur J Cancer\r\n"
      "ER  - \r\n");
  Read r = read(file.path());
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 5);
  CHECK(lines_of(r) == std::vector<int>{4, 12, 18, 24, 27});
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.authors == std::vector<std::string>{"Smith J"});
  CHECK(a.doi == "10.1000/abc");
  CHECK(a.pmid == "12345678");  // AN from a PubMed record
  CHECK(a.journal_abbreviation == "Clin Pharmacokinet");  // T2 with JO full: JO is the title
  CHECK(a.journal_title == "Clinical Pharmacokinetics");
  const kb::ImportRecord& b = r.records[1];
  CHECK(b.doi == "10.1000/def");
  CHECK(b.pmid.empty());  // CINAHL's accession number is not a PMID
  CHECK(b.journal_title == "Medicine");  // one word: not taken for an abbreviation
  CHECK(b.journal_abbreviation.empty());
  const kb::ImportRecord& c = r.records[2];
  CHECK(c.journal_title.empty());  // a chapter's T2 is its book
  CHECK(c.pmid == "26957754");     // from a PubMed address
  CHECK(c.pages == "10");
  // JO alone: a full name or an abbreviation by its look.
  CHECK(r.records[3].journal_title == "Clinical Pharmacokinetics");
  CHECK(r.records[3].journal_abbreviation.empty());
  CHECK(r.records[4].journal_abbreviation == "Eur J Cancer");
  CHECK(r.records[4].journal_title.empty());
}

TEST_CASE("RIS: bad inputs are errors naming the file and line", "[ris]") {
  SECTION("a record without ER at the end of the file") {
    TempFile file("TY  - JOUR\nER  - \n\nTY  - JOUR\nTI  - Unfinished\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":4: record starting at line 4 has no ER line"));
    CHECK(r.records.size() == 1);
  }
  SECTION("a record without ER before the next TY") {
    TempFile file("TY  - JOUR\nTI  - a\nTY  - JOUR\nTI  - b\nER  - \n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":1: record starting at line 1 has no ER line"));
    CHECK(r.records.empty());
  }
  SECTION("garbage before the first TY") {
    TempFile file("\nHello there\nTY  - JOUR\nER  - \n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: expected 'TY  - ' to start a record, found 'Hello there'"));
  }
  SECTION("a tag between records") {
    TempFile file("TY  - JOUR\nER  - \nAU  - Stray, A\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":3: expected 'TY  - ' to start a new record"));
  }
  SECTION("an untagged line with no field before it") {
    TempFile file("TY  - JOUR\ncontinued what?\nER  - \n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: untagged line 'continued what?'"));
  }
  SECTION("an empty file") {
    TempFile file("");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":1: no RIS record"));
  }
  SECTION("binary bytes") {
    static const char kBytes[] = "TY  - JOUR\nTI  - \x89PNG\x1a\0\0\nER  - \n";
    TempFile file(std::string(kBytes, sizeof kBytes - 1));
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: control byte 0x1A"));
  }
  SECTION("text that is not UTF-8") {
    TempFile file("TY  - JOUR\nTI  - Gro\xDF\nER  - \n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: text is not UTF-8"));
  }
  SECTION("a missing file") {
    const std::string path = no_such_file(".ris");
    Read r = read(path);
    CHECK(r.status.code() == kb::Code::IO);
    CHECK(r.status.message().find(path) != std::string::npos);
  }
}

TEST_CASE("RIS: a sink's error stops the reading and is returned", "[ris]") {
  const auto path = sample("asreview_scopus.ris");
  if (!path) return;
  int calls = 0;
  kb::Status status = kb::read_ris(*path, [&](kb::ImportRecord&&) {
    ++calls;
    return kb::Status::Corrupt("sink full");
  });
  CHECK(calls == 1);
  CHECK(status.code() == kb::Code::Corrupt);
  CHECK(status.message() == "sink full");
}
