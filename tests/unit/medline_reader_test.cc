// The MEDLINE (.nbib) reader on real PubMed exports (Biopython's test files), JabRef's edited
// tolerance files (both read from ../shared/testdata/medline/, see tests/data/imports/README.md),
// and bad inputs written to temporary files.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <unistd.h>

#include "indexer/imports/medline_reader.h"
#include "tests/support/shared_testdata.h"

namespace {

// The real sample files are third-party: they are read from ../shared/testdata/medline/ beside
// the checkout (see tests/data/imports/README.md), never from the project. A test whose file is
// not there says it was skipped (a WARN naming the file) and checks nothing.
std::optional<std::string> sample(const std::string& name) {
  return kb::testing::shared_testdata("medline/" + name);
}

// A path in the temporary directory that names no file, for the reader's IO error.
std::string no_such_file(const std::string& extension) {
  return (std::filesystem::temp_directory_path() /
          ("kb_medline_test_" + std::to_string(::getpid()) + "_no_such_file" + extension))
      .string();
}

struct Read {
  kb::Status status;
  std::vector<kb::ImportRecord> records;
};

Read read(const std::string& path) {
  Read r;
  r.status = kb::read_medline(path, [&](kb::ImportRecord&& record) {
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
             ("kb_medline_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".nbib"))
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

std::vector<std::string> labels(const kb::ImportRecord& r) {
  std::vector<std::string> out;
  for (const auto& s : r.abstract) out.push_back(s.label);
  return out;
}

bool starts(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

TEST_CASE("MEDLINE: a one-record PubMed export that starts with a blank line", "[medline]") {
  const auto sample_path = sample("biopython_pubmed_result1.txt");
  if (!sample_path) return;
  const std::string path = *sample_path;
  Read r = read(path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.source_path == path);
  CHECK(rec.source_line == 2);
  CHECK(rec.format == "medline");
  CHECK(rec.pmid == "12230038");
  CHECK(rec.doi.empty());  // no AID or LID line
  CHECK(rec.title == "The Bio* toolkits--a brief overview.");
  CHECK(rec.authors == std::vector<std::string>{"Mangalam H"});
  CHECK(rec.journal_abbreviation == "Brief Bioinform");
  CHECK(rec.journal_title == "Briefings in bioinformatics");
  CHECK(rec.year == 2002);
  CHECK(rec.month == "Sep");
  CHECK(rec.volume == "3");
  CHECK(rec.issue == "3");
  CHECK(rec.pages == "296-302");
  CHECK(rec.language == "eng");
  CHECK(rec.publication_types == std::vector<std::string>{"Journal Article"});
  CHECK(rec.keywords.empty());
  REQUIRE(rec.mesh.size() == 7);
  CHECK(rec.mesh[0].descriptor == "Computational Biology");  // "*Computational Biology"
  CHECK(rec.mesh[0].major);
  CHECK(rec.mesh[0].qualifiers.empty());
  CHECK(rec.mesh[1].descriptor == "Computer Systems");
  CHECK_FALSE(rec.mesh[1].major);
  CHECK(rec.mesh[6].descriptor == "User-Computer Interface");
  REQUIRE(rec.abstract.size() == 1);
  CHECK(rec.abstract[0].label.empty());
  // Seven lines joined with one space each, trailing spaces gone.
  CHECK(starts(rec.abstract[0].text, "Bioinformatics research is often difficult to do with commercial software. The "
                                     "Open Source BioPerl, BioPython and Biojava projects provide toolkits with multiple"));
  CHECK(ends(rec.abstract[0].text, "particularly from the point of view of the beginning biologist programmer."));
}

TEST_CASE("MEDLINE: four records with structured abstracts, qualified MeSH and DOIs from AID", "[medline]") {
  const auto path = sample("biopython_pubmed_result2.txt");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 4);
  CHECK(r.records[0].pmid == "16403221");
  CHECK(r.records[1].pmid == "16377612");
  CHECK(r.records[2].pmid == "14871861");
  CHECK(r.records[3].pmid == "14630660");
  CHECK(r.records[0].source_line == 2);
  CHECK(r.records[1].source_line == 67);
  CHECK(r.records[3].source_line == 192);

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.doi == "10.1186/1471-2105-7-10");  // the [doi] AID, not the [pii] one before it
  CHECK(a.title == "A high level interface to SCOP and ASTRAL implemented in python.");
  // AU as written: "Saqi MA", not "Saqi MAS" from FAU "Saqi, Mansoor A S".
  CHECK(a.authors == std::vector<std::string>{"Casbon JA", "Crooks GE", "Saqi MA"});
  CHECK(a.journal_abbreviation == "BMC Bioinformatics");
  CHECK(a.journal_title == "BMC bioinformatics");
  CHECK(a.year == 2006);
  CHECK(a.month.empty());  // DP "2006"
  CHECK(a.volume == "7");
  CHECK(a.issue.empty());  // the IS line is the ISSN, not the issue
  CHECK(a.pages == "10");
  CHECK(a.publication_types == std::vector<std::string>{"Evaluation Studies", "Journal Article"});
  REQUIRE(a.mesh.size() == 9);
  CHECK(a.mesh[2].descriptor == "Information Storage and Retrieval");  // "Information Storage and Retrieval/*methods"
  CHECK(a.mesh[2].major);
  CHECK(a.mesh[2].qualifiers == std::vector<std::string>{"methods"});
  CHECK(a.mesh[3].descriptor == "Programming Languages");
  CHECK_FALSE(a.mesh[3].major);
  CHECK(labels(a) == std::vector<std::string>{"BACKGROUND", "RESULTS", "CONCLUSION"});
  CHECK(starts(a.abstract[0].text, "Benchmarking algorithms in structural bioinformatics often involves the construction"));
  CHECK(ends(a.abstract[0].text, "to enable construction of datasets from these resources."));
  CHECK(a.abstract[2].text ==
        "The modules make the analysis and generation of datasets for use in structural genomics easier and more "
        "principled.");

  const kb::ImportRecord& b = r.records[1];
  CHECK(b.title == "GenomeDiagram: a python package for the visualization of large-scale genomic data.");
  CHECK(b.doi == "10.1093/bioinformatics/btk021");
  CHECK(b.year == 2006);
  CHECK(b.month == "Mar");  // DP "2006 Mar 1"
  CHECK(b.volume == "22");
  CHECK(b.issue == "5");
  CHECK(b.pages == "616-7");
  CHECK(b.journal_title == "Bioinformatics (Oxford, England)");
  REQUIRE(b.authors.size() == 4);
  CHECK(b.authors.front() == "Pritchard L");
  CHECK(b.authors.back() == "Toth IK");
  CHECK(labels(b) == std::vector<std::string>{"SUMMARY", "AVAILABILITY", "SUPPLEMENTARY INFORMATION"});
  CHECK(b.abstract[2].text ==
        "A user manual, example code and images are available at http://bioinf.scri.ac.uk/lp/programs.html.");

  const kb::ImportRecord& c = r.records[2];
  CHECK(c.authors.front() == "de Hoon MJ");
  CHECK(c.doi == "10.1093/bioinformatics/bth078");
  CHECK(c.publication_types ==
        std::vector<std::string>{"Comparative Study", "Evaluation Studies", "Journal Article", "Validation Studies"});

  // One label only ("... detect obvious errors. AVAILABILITY: ..."): not split.
  const kb::ImportRecord& d = r.records[3];
  CHECK(d.doi.empty());
  REQUIRE(d.abstract.size() == 1);
  CHECK(d.abstract[0].label.empty());
  CHECK(d.abstract[0].text.find("detect obvious errors. AVAILABILITY: The Biopython distribution") != std::string::npos);
  REQUIRE(d.mesh.size() == 9);
  CHECK(d.mesh[3].descriptor == "Information Storage and Retrieval");  // ".../*methods/*standards"
  CHECK(d.mesh[3].qualifiers == std::vector<std::string>{"methods", "standards"});
  CHECK(d.mesh[0].descriptor == "Computer Simulation");
  CHECK_FALSE(d.mesh[0].major);
}

TEST_CASE("MEDLINE: LID DOI, a MeSH heading continued on the next line, RESULTS: at a line end", "[medline]") {
  const auto path = sample("biopython_pubmed_result3.txt");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.pmid == "23039619");
  CHECK(rec.doi == "10.1118/1.4748329");
  CHECK(rec.title == "Effects of different parameters in the fast scanning method for HIFU treatment.");
  CHECK(rec.authors == std::vector<std::string>{"Qiao S", "Shen G", "Bai J", "Chen Y"});
  CHECK(rec.journal_abbreviation == "Med Phys");
  CHECK(rec.journal_title == "Medical physics");
  CHECK(rec.year == 2012);
  CHECK(rec.month == "Oct");
  CHECK(rec.volume == "39");
  CHECK(rec.issue == "10");
  CHECK(rec.pages == "5795-813");
  CHECK(rec.publication_types == std::vector<std::string>{"Journal Article", "Research Support, Non-U.S. Gov't"});
  REQUIRE(rec.mesh.size() == 8);
  CHECK(rec.mesh[1].descriptor == "High-Intensity Focused Ultrasound Ablation");
  CHECK(rec.mesh[1].major);
  CHECK(rec.mesh[1].qualifiers == std::vector<std::string>{"adverse effects", "instrumentation", "methods"});
  CHECK(rec.mesh[2].descriptor == "Humans");
  CHECK_FALSE(rec.mesh[2].major);
  CHECK(labels(rec) == std::vector<std::string>{"PURPOSE", "METHODS", "RESULTS", "CONCLUSIONS"});
  CHECK(ends(rec.abstract[1].text, "to simulate the heating procedure."));
  CHECK(starts(rec.abstract[2].text, "Based on the results of the fast-scanning method"));
  CHECK(ends(rec.abstract[3].text, "to ensure the success and safety of ablation treatment."));
}

TEST_CASE("MEDLINE: JabRef's .nbib with every tag: CN as an author, OT keywords, investigators left out",
          "[medline]") {
  const auto path = sample("jabref_NbibImporterTest.nbib");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.source_line == 1);
  CHECK(rec.pmid == "27169098");
  CHECK(rec.doi == "10.4103/2277-9175.180636");
  CHECK(rec.title == "Proteomics: A new perspective for cancer.");
  // FAU "Selvamani" / AU "Selvamani" (one name), CN "corporater" after them; IR, FIR, IRAD are not authors.
  CHECK(rec.authors == std::vector<std::string>{"Shruthi BS", "Vinodhkumar P", "Selvamani", "corporater"});
  CHECK(rec.journal_abbreviation == "Adv Biomed Res");
  CHECK(rec.journal_title == "Advanced biomedical research");
  CHECK(rec.year == 2016);
  CHECK(rec.month.empty());
  CHECK(rec.volume == "5");
  CHECK(rec.issue.empty());
  CHECK(rec.pages == "67");
  CHECK(rec.language == "eng");
  CHECK(rec.publication_types == std::vector<std::string>{"Journal Article", "Review"});
  CHECK(rec.keywords == std::vector<std::string>{"Biomarkers", "electrophoresis", "neoplasia", "spectrometry", "translation"});
  CHECK(rec.mesh.empty());
  REQUIRE(rec.abstract.size() == 1);
  CHECK(rec.abstract[0].label.empty());
  CHECK(rec.abstract[0].text == "some things will be described Copyright 2015 Tschechlov Press.");
}

TEST_CASE("MEDLINE: JabRef's edited file: PMID- without space, empty values, a stray line between records",
          "[medline]") {
  const auto path = sample("jabref_MedlinePlainImporterTestMultipleEntries.txt");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  // Seven blank-line separated records; "This line should be omitted by the importer." is skipped.
  REQUIRE(r.records.size() == 7);
  std::vector<std::string> pmids;
  std::vector<int> lines;
  for (const auto& rec : r.records) {
    pmids.push_back(rec.pmid);
    lines.push_back(rec.source_line);
  }
  CHECK(pmids == std::vector<std::string>{"20481061", "", "", "22664220", "22664238", "96578310", "45984220"});
  CHECK(lines == std::vector<int>{1, 55, 77, 87, 91, 95, 99});

  const kb::ImportRecord& first = r.records[0];
  CHECK(first.title ==
        "From danger and motherhood to health and beauty: health advice for the factory girl in early "
        "twentieth-century Britain.");
  CHECK(first.authors == std::vector<std::string>{"Long V", "Marland H"});
  CHECK(first.journal_abbreviation == "20 Century Br Hist");
  CHECK(first.year == 2009);
  CHECK(first.volume == "20");
  CHECK(first.issue == "4");
  CHECK(first.pages == "454-81");
  CHECK(first.publication_types ==
        std::vector<std::string>{"Historical Article", "Journal Article", "Research Support, Non-U.S. Gov't"});
  REQUIRE(first.mesh.size() == 10);
  CHECK(first.mesh[1].descriptor == "Employment");  // "Employment/psychology": not major
  CHECK_FALSE(first.mesh[1].major);
  CHECK(first.mesh[1].qualifiers == std::vector<std::string>{"psychology"});
  CHECK(first.mesh[9].descriptor == "Women, Working");  // "Women, Working/*history/psychology"
  CHECK(first.mesh[9].major);
  CHECK(first.mesh[9].qualifiers == std::vector<std::string>{"history", "psychology"});

  // Empty TI, FAU, PG, VI, MH, AID are nothing; two AB lines are one abstract; FED is an editor.
  const kb::ImportRecord& second = r.records[1];
  CHECK(second.title.empty());
  CHECK(second.authors.empty());
  CHECK(second.pages.empty());
  CHECK(second.mesh.empty());
  CHECK(second.doi.empty());
  CHECK(second.journal_title == "Test Journal");
  CHECK(second.year == 2013);
  CHECK(second.month == "06");  // DP "2013 06 10"
  CHECK(second.publication_types == std::vector<std::string>{"Clinical Conference", "Consensus Development Conference",
                                                             "Consensus Development Conference, NIH"});
  REQUIRE(second.abstract.size() == 1);
  CHECK(second.abstract[0].text == "Old Abstract new abstract");

  const kb::ImportRecord& third = r.records[2];
  CHECK(third.title ==
        "This is a Testtitle This title should be appended: This title should also be appended. Another append to "
        "the Title? LastTitle");
  CHECK(third.year == 2010);
  CHECK(third.month == "06");  // DP "2010   06"
  CHECK(third.publication_types == std::vector<std::string>{"Book"});

  CHECK(r.records[3].publication_types == std::vector<std::string>{"Technical Report"});
  CHECK(r.records[3].doi == "10.1016/j.cpr.2005.02.002");  // AID "doi:10.1016/..."
  CHECK(r.records[4].journal_title == "Inproceedings book title");
  CHECK(r.records[6].publication_types.empty());  // "PT  -"
  REQUIRE(r.records[6].mesh.size() == 1);
  CHECK(r.records[6].mesh[0].descriptor == "Female");
}

TEST_CASE("MEDLINE: FAU without AU, CN in order, AID preferred to LID, records without a blank line, CRLF",
          "[medline]") {
  TempFile file(
      "PMID- 26211824\r\n"
      "TI  - Locoregional treatment versus no treatment of the primary tumour in\r\n"
      "      metastatic breast cancer.\r\n"
      "DP  - 2015 Dec 12\r\n"
      "LID - 10.9999/lid-only [doi]\r\n"
      "FAU - Badwe, Rajendra\r\n"
      "CN  - Tata Memorial Breast Cancer Group\r\n"
      "FAU - Hawaldar, Rohini\r\n"
      "AU  - Hawaldar R\r\n"
      "AU  - Nair N\r\n"
      "MH  - *Breast Neoplasms\r\n"
      "MH  - Breast Neoplasms/*surgery/mortality\r\n"
      "MH  - Female\r\n"
      "AID - S1470-2045(15)00135-7 [pii]\r\n"
      "AID - 10.1016/S1470-2045(15)00135-7 [doi]\r\n"
      "AB  - Some words first. BACKGROUND: Surgery of the primary. We used the WHO: criteria\r\n"
      "      here. FINDINGS: No benefit.\r\n"
      "PMID- 1\r\n"
      "TI  - Second.\r\n"
      "\r\n"
      "\r\n");
  Read r = read(file.path());
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);
  const kb::ImportRecord& rec = r.records[0];
  CHECK(rec.title == "Locoregional treatment versus no treatment of the primary tumour in metastatic breast cancer.");
  CHECK(rec.year == 2015);
  CHECK(rec.month == "Dec");
  CHECK(rec.doi == "10.1016/S1470-2045(15)00135-7");
  CHECK(rec.authors == std::vector<std::string>{"Badwe R", "Tata Memorial Breast Cancer Group", "Hawaldar R", "Nair N"});
  REQUIRE(rec.mesh.size() == 3);
  CHECK(rec.mesh[0].descriptor == "Breast Neoplasms");
  CHECK(rec.mesh[0].major);
  CHECK(rec.mesh[0].qualifiers.empty());
  CHECK(rec.mesh[1].descriptor == "Breast Neoplasms");
  CHECK(rec.mesh[1].major);
  CHECK(rec.mesh[1].qualifiers == std::vector<std::string>{"surgery", "mortality"});
  CHECK_FALSE(rec.mesh[2].major);
  // Text before the first label is a part of its own; "WHO:" does not start a sentence.
  REQUIRE(rec.abstract.size() == 3);
  CHECK(rec.abstract[0].label.empty());
  CHECK(rec.abstract[0].text == "Some words first.");
  CHECK(rec.abstract[1].label == "BACKGROUND");
  CHECK(rec.abstract[1].text == "Surgery of the primary. We used the WHO: criteria here.");
  CHECK(rec.abstract[2].label == "FINDINGS");
  CHECK(rec.abstract[2].text == "No benefit.");
  CHECK(r.records[1].pmid == "1");
  CHECK(r.records[1].source_line == 18);
  CHECK(r.records[1].title == "Second.");
}

TEST_CASE("MEDLINE: only LID gives the DOI when there is no AID [doi]", "[medline]") {
  TempFile file("PMID- 2\nLID - 10.1000/from-lid [doi]\nAID - X1 [pii]\n");
  Read r = read(file.path());
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  CHECK(r.records[0].doi == "10.1000/from-lid");
}

TEST_CASE("MEDLINE: bad inputs are errors naming the file and line", "[medline]") {
  SECTION("a continuation line before any tag") {
    TempFile file("\n      continued text\nPMID- 1\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: continuation line before any tag"));
    CHECK(r.records.empty());
  }
  SECTION("a continuation line right after a blank line") {
    TempFile file("PMID- 1\nTI  - a\n\n      more\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":4: continuation line before any tag"));
    CHECK(r.records.size() == 1);  // the record before was complete and delivered
  }
  SECTION("an untagged, unindented line inside a record") {
    TempFile file("PMID- 1\nTI  - a\nthis is not indented\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":3: neither a tag line"));
  }
  SECTION("binary bytes") {
    static const char kBytes[] = "PMID- 1\nTI  - a\0b\x01\n";
    TempFile file(std::string(kBytes, sizeof kBytes - 1));
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: control byte 0x00"));
  }
  SECTION("text that is not UTF-8") {
    TempFile file("PMID- 1\nTI  - caf\xE9\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: text is not UTF-8"));
  }
  SECTION("a RIS file, whose lines look like MEDLINE tags") {
    TempFile file("\nTY  - JOUR\nTI  - A title\nER  - \n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: 'TY  - ' starts a RIS record"));
    CHECK(r.records.empty());
  }
  SECTION("an empty file") {
    TempFile file("");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":1: no MEDLINE record"));
  }
  SECTION("text with no tag at all") {
    TempFile file("\nHello,\nthis is a letter.\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":2: no MEDLINE record"));
  }
  SECTION("a missing file") {
    const std::string path = no_such_file(".nbib");
    Read r = read(path);
    CHECK(r.status.code() == kb::Code::IO);
    CHECK(r.status.message().find(path) != std::string::npos);
  }
}

TEST_CASE("MEDLINE: a sink's error stops the reading and is returned", "[medline]") {
  const auto path = sample("biopython_pubmed_result2.txt");
  if (!path) return;
  int calls = 0;
  kb::Status status = kb::read_medline(*path, [&](kb::ImportRecord&&) {
    ++calls;
    return kb::Status::Corrupt("sink full");
  });
  CHECK(calls == 1);
  CHECK(status.code() == kb::Code::Corrupt);
  CHECK(status.message() == "sink full");
}
