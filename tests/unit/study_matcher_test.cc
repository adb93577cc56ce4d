#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "indexer/imports/author_names.h"
#include "indexer/imports/study_matcher.h"
#include "kb/schema.h"
#include "kb/title_similarity.h"

namespace {

// A KB holding two studies as the build writes them: the seed's references 5 and 22.
std::unique_ptr<kb::Database> two_study_kb() {
  auto db = kb::Database::open(":memory:", kb::Database::Mode::ReadWriteCreate);
  REQUIRE(db.ok());
  REQUIRE((*db)->exec(kb::kSchemaSql).ok());
  REQUIRE((*db)
              ->exec("INSERT INTO studies(id, citation_key, title, first_author, journal, year, volume, pages,"
                     " first_author_key, journal_key, first_page, doi, pmid) VALUES"
                     " (1, 'badwe|2015|lancetoncol|16|1380', 'Locoregional treatment versus no treatment of the primary"
                     " tumour in metastatic breast cancer: an open-label randomised controlled trial.', 'Badwe R',"
                     " 'Lancet Oncol', 2015, '16', '1380', 'badwe|r', 'lancetoncol', '1380', NULL, NULL),"
                     " (2, 'ruiterkamp|2009|eurjsurgoncol|35|1146', 'Surgical resection of the primary tumour is"
                     " associated with improved survival in patients with distant metastatic breast cancer at"
                     " diagnosis.', 'Ruiterkamp J', 'Eur J Surg Oncol', 2009, '35', '1146', 'ruiterkamp|j',"
                     " 'eurjsurgoncol', '1146', '10.1016/j.ejso.2009.03.012', '19409751')")
              .ok());
  return std::move(db.value());
}

kb::ImportRecord badwe_record() {
  kb::ImportRecord r;
  r.authors = {"Badwe R", "Hawaldar R"};
  r.title = "Locoregional treatment versus no treatment of the primary tumour in metastatic breast cancer: an "
            "open-label randomised controlled trial.";
  r.journal_abbreviation = "Lancet Oncol";
  r.journal_title = "The Lancet. Oncology";
  r.year = 2015;
  r.volume = "16";
  r.pages = "1380-8";
  return r;
}

}  // namespace

TEST_CASE("Records match studies by PMID, then DOI, then citation, then first author and title", "[matcher]") {
  auto db = two_study_kb();
  auto matcher = kb::StudyMatcher::prepare(*db);
  REQUIRE(matcher.ok());

  kb::ImportRecord by_pmid;
  by_pmid.pmid = "19409751";
  auto m = matcher->match(by_pmid);
  REQUIRE(m.ok());
  REQUIRE(*m);
  CHECK((*m)->study_id == 2);
  CHECK((*m)->rule == "pmid");

  kb::ImportRecord by_doi;
  by_doi.doi = "https://doi.org/10.1016/J.EJSO.2009.03.012";  // resolver prefix and case do not matter
  m = matcher->match(by_doi);
  REQUIRE(*m);
  CHECK((*m)->rule == "doi");
  CHECK((*m)->study_id == 2);

  kb::ImportRecord citation = badwe_record();
  citation.authors = {"Someone E"};  // the citation alone decides
  m = matcher->match(citation);
  REQUIRE(*m);
  CHECK((*m)->rule == "journal_volume_page");
  CHECK((*m)->study_id == 1);
  CHECK((*m)->detail == "Lancet Oncol 2015;16:1380");

  // The full journal title matches when the abbreviation is spelled otherwise.
  kb::ImportRecord full_title = badwe_record();
  full_title.journal_abbreviation = "";
  full_title.journal_title = "Lancet Oncol.";
  m = matcher->match(full_title);
  REQUIRE(*m);
  CHECK((*m)->rule == "journal_volume_page");

  kb::ImportRecord no_citation = badwe_record();
  no_citation.volume = "";
  no_citation.title = "Locoregional treatment versus no treatment of the primary tumor in metastatic breast cancer";
  m = matcher->match(no_citation);
  REQUIRE(*m);
  CHECK((*m)->rule == "author_title");
  CHECK((*m)->confidence >= kb::kTitleMatchThreshold);
  CHECK((*m)->confidence < 1.0);
}

TEST_CASE("Records that only look alike do not match", "[matcher]") {
  auto db = two_study_kb();
  auto matcher = kb::StudyMatcher::prepare(*db);
  REQUIRE(matcher.ok());

  kb::ImportRecord other_journal = badwe_record();
  other_journal.journal_abbreviation = "Ann Oncol";
  other_journal.journal_title = "Annals of oncology";
  other_journal.authors = {"Someone E"};
  auto m = matcher->match(other_journal);
  REQUIRE(m.ok());
  CHECK_FALSE(*m);

  kb::ImportRecord years_apart = badwe_record();
  years_apart.volume = "";
  years_apart.year = 2019;  // the same first author and title words, four years later: an update
  CHECK_FALSE(matcher->match(years_apart).value());

  kb::ImportRecord other_title = badwe_record();
  other_title.volume = "";
  other_title.title = "Surgery for oligometastatic breast cancer: a survey of practice";
  CHECK_FALSE(matcher->match(other_title).value());
}

TEST_CASE("Title similarity counts shared content words", "[matcher]") {
  CHECK(kb::title_similarity("Surgery of the primary tumour", "surgery of the PRIMARY tumour.") == Approx(1.0));
  CHECK(kb::title_similarity("Surgery of the primary tumour", "Radiotherapy of the primary tumour") == Approx(2.0 / 3.0));
  CHECK(kb::title_similarity("", "anything") == 0.0);
  CHECK(kb::title_similarity("the of and", "the of and") == 0.0);  // stop words say nothing
}

TEST_CASE("Authors come out as references print them", "[matcher]") {
  CHECK(kb::author_from_written("Badwe, Rajendra A.") == "Badwe RA");
  CHECK(kb::author_from_written("Badwe, R. A.") == "Badwe RA");
  CHECK(kb::author_from_written("Liu R.") == "Liu R");
  CHECK(kb::author_from_written("de Baere, Thierry") == "de Baere T");
  CHECK(kb::author_from_written("Smith, Jr., John") == "Smith J Jr");
  CHECK(kb::author_from_written("Early Breast Cancer Trialists' Collaborative Group") ==
        "Early Breast Cancer Trialists' Collaborative Group");
  CHECK(kb::initials_of("Jean-Pierre") == "JP");
  CHECK(kb::initials_of("Élise") == "É");
  CHECK(kb::author_name("Güller", "Ulrich") == "Güller U");
}

TEST_CASE("A title printed without its subtitle is still alike", "[matcher]") {
  const char* full = "Locoregional treatment versus no treatment of the primary tumour in metastatic breast cancer: "
                     "an open-label randomised controlled trial";
  CHECK(kb::title_similarity(full, "Locoregional treatment versus no treatment of the primary tumour in metastatic "
                                   "breast cancer") == Approx(0.9));
  // Too short to tell: four shared words are not the same study.
  CHECK(kb::title_similarity("Breast cancer surgery outcomes", full) < kb::kTitleMatchThreshold);
}
