#include <catch2/catch.hpp>

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/design_classifier.h"
#include "indexer/reference_parser.h"
#include "kb/reference_json.h"

namespace {

using Strings = std::vector<std::string>;

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = 0;
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// The text fields, which must all be substrings of raw.
std::vector<std::string> text_fields(const kb::Reference& r) {
  std::vector<std::string> f = r.authors;
  for (const std::string* s : {&r.title, &r.journal, &r.month, &r.volume, &r.issue,
                               &r.supplement, &r.pages, &r.conference, &r.doi, &r.pmid}) {
    f.push_back(*s);
  }
  return f;
}

}  // namespace

TEST_CASE("Reference parser reads the seed's journal, year, volume and first page",
          "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "Lee CG, McCormick B, Mazumdar M, et al. Infiltrating breast carcinoma in patients age 30 "
      "years and younger: long term outcome for life, relapse, and second primary tumors. Int J "
      "Radiat Oncol Biol Phys 1992; 23:969.");
  CHECK(r.authors == Strings{"Lee CG", "McCormick B", "Mazumdar M"});
  CHECK(r.et_al);
  CHECK(r.title ==
        "Infiltrating breast carcinoma in patients age 30 years and younger: long term outcome "
        "for life, relapse, and second primary tumors");
  CHECK(r.journal == "Int J Radiat Oncol Biol Phys");
  CHECK(r.year == 1992);
  CHECK(r.volume == "23");
  CHECK(r.issue.empty());
  CHECK(r.pages == "969");
  CHECK(r.language == "eng");
  CHECK(r.uncertain_fields.empty());
}

TEST_CASE("Reference parser keeps inner periods of a title", "[refparser]") {
  // Seed reference 2.
  const kb::Reference r = kb::parse_reference(
      "Vogel CL, Azevedo S, Hilsenbeck S, et al. Survival after first recurrence of breast "
      "cancer. The Miami experience. Cancer 1992; 70:129.");
  CHECK(r.authors == Strings{"Vogel CL", "Azevedo S", "Hilsenbeck S"});
  CHECK(r.title == "Survival after first recurrence of breast cancer. The Miami experience");
  CHECK(r.journal == "Cancer");
  CHECK(r.year == 1992);
  CHECK(r.volume == "70");
  CHECK(r.pages == "129");
  CHECK(r.uncertain_fields.empty());
}

TEST_CASE("Reference parser keeps a title's closing question mark and inner colon",
          "[refparser]") {
  // Seed reference 4.
  const kb::Reference r = kb::parse_reference(
      "Pagani O, Senkus E, Wood W, et al. International guidelines for management of metastatic "
      "breast cancer: can metastatic breast cancer be cured? J Natl Cancer Inst 2010; 102:456.");
  CHECK(r.title ==
        "International guidelines for management of metastatic breast cancer: can metastatic "
        "breast cancer be cured?");
  CHECK(r.journal == "J Natl Cancer Inst");
  CHECK(r.year == 2010);
  CHECK(r.volume == "102");
  CHECK(r.pages == "456");
}

TEST_CASE("Reference parser reads a meeting abstract as supplement, conference and pages",
          "[refparser]") {
  // Seed references 6 and 7.
  const kb::Reference r6 = kb::parse_reference(
      "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage "
      "IV breast cancer (TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006.");
  CHECK(r6.authors == Strings{"King TA", "Lyman J", "Gonen M"});
  CHECK(r6.et_al);
  CHECK(r6.title ==
        "A prospective analysis of surgery and survival in stage IV breast cancer (TBCRC 013)");
  CHECK(r6.journal == "J Clin Oncol");
  CHECK(r6.year == 2016);
  CHECK(r6.volume == "34");
  CHECK(r6.supplement == "S");
  CHECK(r6.conference == "ASCO #1006");
  CHECK(r6.pages == "ASCO #1006");
  CHECK(r6.uncertain_fields.empty());

  const kb::Reference r7 = kb::parse_reference(
      "Soran A, Ozmen V, Ozbas S, et al. A randomized controlled trial evaluating resection of "
      "the primary breast tumor in women presenting with de novo stage IV breast cancer. J Clin "
      "Oncol 2016; 34S: ASCO #1005.");
  CHECK(r7.volume == "34");
  CHECK(r7.supplement == "S");
  CHECK(r7.conference == "ASCO #1005");
  CHECK(r7.pages == "ASCO #1005");
}

TEST_CASE("Reference parser keeps diacritics in author names and colons in titles",
          "[refparser]") {
  // Seed reference 9.
  const kb::Reference r = kb::parse_reference(
      "Warschkow R, Güller U, Tarantino I, et al. Improved Survival After Primary Tumor Surgery "
      "in Metastatic Breast Cancer: A Propensity-adjusted, Population-based SEER Trend Analysis. "
      "Ann Surg 2016; 263:1188.");
  CHECK(r.authors == Strings{"Warschkow R", "Güller U", "Tarantino I"});
  CHECK(r.title ==
        "Improved Survival After Primary Tumor Surgery in Metastatic Breast Cancer: A "
        "Propensity-adjusted, Population-based SEER Trend Analysis");
  CHECK(r.journal == "Ann Surg");
  CHECK(r.pages == "1188");
}

TEST_CASE("Reference parser keeps surname particles, hyphens and accents", "[refparser]") {
  const kb::Reference r22 = kb::parse_reference(
      "Ruiterkamp J, Ernst MF, van de Poll-Franse LV, et al. Surgical resection of the primary "
      "tumour is associated with improved survival in patients with distant metastatic breast "
      "cancer at diagnosis. Eur J Surg Oncol 2009; 35:1146.");
  CHECK(r22.authors == Strings{"Ruiterkamp J", "Ernst MF", "van de Poll-Franse LV"});

  // Seed reference 58.
  const kb::Reference r58 = kb::parse_reference(
      "de Baere T, Elias D, Dromain C, et al. Radiofrequency ablation of 100 hepatic metastases "
      "with a mean follow-up of more than 1 year. AJR Am J Roentgenol 2000; 175:1619.");
  CHECK(r58.authors == Strings{"de Baere T", "Elias D", "Dromain C"});
  CHECK(r58.title ==
        "Radiofrequency ablation of 100 hepatic metastases with a mean follow-up of more than 1 "
        "year");
  CHECK(r58.journal == "AJR Am J Roentgenol");
  CHECK(r58.year == 2000);
  CHECK(r58.volume == "175");
  CHECK(r58.pages == "1619");

  // Seed reference 60: four authors, all printed, no "et al".
  const kb::Reference r60 = kb::parse_reference(
      "Alvarado-Cabrero I, Rodríguez-Gómez A, Castelan-Pedraza J, Valencia-Cedillo R. "
      "Metastatic ovarian tumors: a clinicopathologic study of 150 cases. Anal Quant Cytopathol "
      "Histpathol 2013; 35:241.");
  CHECK(r60.authors == Strings{"Alvarado-Cabrero I", "Rodríguez-Gómez A", "Castelan-Pedraza J",
                               "Valencia-Cedillo R"});
  CHECK_FALSE(r60.et_al);
  CHECK(r60.title == "Metastatic ovarian tumors: a clinicopathologic study of 150 cases");
  CHECK(r60.journal == "Anal Quant Cytopathol Histpathol");

  const kb::Reference r62 = kb::parse_reference(
      "Abu-Rustum NR, Aghajanian CA, Venkatraman ES, et al. Metastatic breast carcinoma to the "
      "abdomen and pelvis. Gynecol Oncol 1997; 66:41.");
  CHECK(r62.authors == Strings{"Abu-Rustum NR", "Aghajanian CA", "Venkatraman ES"});

  const kb::Reference suffixes = kb::parse_reference(
      "Smith JA Jr, O'Brien ME, d'Amico A, et al. A randomized, double-blind trial. N Engl J Med "
      "2010; 363:1938.");
  CHECK(suffixes.authors == Strings{"Smith JA Jr", "O'Brien ME", "d'Amico A"});
}

TEST_CASE("Reference parser drops the brackets of a translated title and leaves its language "
          "undetermined when none is printed",
          "[refparser]") {
  // Seed reference 27.
  const kb::Reference r = kb::parse_reference(
      "Pocard M, Pouillart P, Asselain B, et al. [Hepatic resection for breast cancer "
      "metastases: results and prognosis (65 cases)]. Ann Chir 2001; 126:413.");
  CHECK(r.title == "Hepatic resection for breast cancer metastases: results and prognosis (65 "
                   "cases)");
  CHECK(r.translated_from.empty());
  CHECK(r.language == "und");
  CHECK(r.uncertain_fields == Strings{"language"});
  CHECK(r.journal == "Ann Chir");
  CHECK(r.year == 2001);
  CHECK(r.volume == "126");
  CHECK(r.pages == "413");
}

TEST_CASE("Reference parser takes a translated title's language from PubMed's trailer",
          "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "Pocard M, Pouillart P, Asselain B, Salmon R. [Hepatic resection for breast cancer "
      "metastases: results and prognosis (65 cases)]. Ann Chir. 2001 Jun;126(5):413-20. French. "
      "PMID: 11447839.");
  CHECK(r.title == "Hepatic resection for breast cancer metastases: results and prognosis (65 "
                   "cases)");
  CHECK(r.translated_from == "fre");
  CHECK(r.language == "fre");
  CHECK(r.journal == "Ann Chir");
  CHECK(r.month == "Jun");
  CHECK(r.issue == "5");
  CHECK(r.pages == "413-20");
  CHECK(r.pmid == "11447839");
  CHECK(r.uncertain_fields.empty());

  const kb::Reference bracketed = kb::parse_reference(
      "Schmidt K. [Breast cancer in old age]. Dtsch Med Wochenschr. 2010;135(1):12-5. "
      "[Article in German]");
  CHECK(bracketed.title == "Breast cancer in old age");
  CHECK(bracketed.translated_from == "ger");
  CHECK(bracketed.language == "ger");
}

TEST_CASE("Reference parser reads an electronic page locator", "[refparser]") {
  // Seed reference 32.
  const kb::Reference r = kb::parse_reference(
      "Miao H, Hartman M, Bhoo-Pathy N, et al. Predicting survival of de novo metastatic breast "
      "cancer in Asian women: systematic review and validation study. PLoS One 2014; 9:e93755.");
  CHECK(r.authors == Strings{"Miao H", "Hartman M", "Bhoo-Pathy N"});
  CHECK(r.title == "Predicting survival of de novo metastatic breast cancer in Asian women: "
                   "systematic review and validation study");
  CHECK(r.journal == "PLoS One");
  CHECK(r.year == 2014);
  CHECK(r.volume == "9");
  CHECK(r.pages == "e93755");
}

TEST_CASE("Reference parser keeps page ranges as printed", "[refparser]") {
  CHECK(kb::parse_reference("Smith J. Long ranges. Cancer 1999; 85:1539-69.").pages == "1539-69");
  CHECK(kb::parse_reference("Doe J. Electronic ranges. Lancet Oncol. 2020 Feb;21(2):e1-e10.")
            .pages == "e1-e10");
  const kb::Reference discussion = kb::parse_reference(
      "Smith J. Title. Ann Surg. 2005 Dec 17;242(6):2087-106; discussion 2106-7.");
  CHECK(discussion.pages == "2087-106");
  CHECK(discussion.month == "Dec");
  CHECK(discussion.issue == "6");
}

TEST_CASE("Reference parser reads PubMed's citation with month, issue, doi and PMID",
          "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "Sung H, Ferlay J, Siegel RL, Laversanne M, Soerjomataram I, Jemal A, Bray F. Global "
      "Cancer Statistics 2020: GLOBOCAN Estimates of Incidence and Mortality Worldwide for 36 "
      "Cancers in 185 Countries. CA Cancer J Clin. 2021 May;71(3):209-249. "
      "doi:10.3322/caac.21660. Epub 2021 Feb 4. PMID: 33538338.");
  CHECK(r.authors == Strings{"Sung H", "Ferlay J", "Siegel RL", "Laversanne M",
                             "Soerjomataram I", "Jemal A", "Bray F"});
  CHECK_FALSE(r.et_al);
  CHECK(r.title == "Global Cancer Statistics 2020: GLOBOCAN Estimates of Incidence and "
                   "Mortality Worldwide for 36 Cancers in 185 Countries");
  CHECK(r.journal == "CA Cancer J Clin");
  CHECK(r.year == 2021);
  CHECK(r.month == "May");
  CHECK(r.volume == "71");
  CHECK(r.issue == "3");
  CHECK(r.pages == "209-249");
  CHECK(r.doi == "10.3322/caac.21660");
  CHECK(r.pmid == "33538338");
  CHECK(r.uncertain_fields.empty());
}

TEST_CASE("Reference parser reads a doi with brackets and an Epub note", "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "Doe J, Roe R. Some study. Lancet Oncol. 2020 Feb;21(2):e1-e10. doi: "
      "10.1016/S1470-2045(19)30777-1. Epub 2020 Jan 5.");
  CHECK(r.doi == "10.1016/S1470-2045(19)30777-1");
  CHECK(r.year == 2020);
  CHECK(r.month == "Feb");
  CHECK(r.pages == "e1-e10");

  const kb::Reference url = kb::parse_reference(
      "Doe J. Some study. BMJ 2019; 364:l1234. https://doi.org/10.1136/bmj.l1234");
  CHECK(url.doi == "10.1136/bmj.l1234");
  CHECK(url.pages == "l1234");
}

TEST_CASE("Reference parser reads an ahead-of-print citation without volume or pages",
          "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "Smith J, Jones K. Ahead of print. J Clin Oncol. 2020 Jan 5. doi: 10.1200/JCO.19.01234. "
      "Online ahead of print.");
  CHECK(r.title == "Ahead of print");
  CHECK(r.journal == "J Clin Oncol");
  CHECK(r.year == 2020);
  CHECK(r.month == "Jan");
  CHECK(r.volume.empty());
  CHECK(r.pages.empty());
  CHECK(r.doi == "10.1200/JCO.19.01234");
}

TEST_CASE("Reference parser reads supplements wherever they are printed", "[refparser]") {
  const kb::Reference no_volume = kb::parse_reference(
      "Cardoso F, Costa A, Norton L, et al. 1st International consensus guidelines for advanced "
      "breast cancer (ABC 1). Breast. 2012 Suppl 2:S12-5.");
  CHECK(no_volume.journal == "Breast");
  CHECK(no_volume.year == 2012);
  CHECK(no_volume.volume.empty());
  CHECK(no_volume.supplement == "Suppl 2");
  CHECK(no_volume.pages == "S12-5");

  const kb::Reference with_volume =
      kb::parse_reference("Smith J, Jones K. Something. Ann Oncol. 2010;21 Suppl 2:S12-5.");
  CHECK(with_volume.volume == "21");
  CHECK(with_volume.supplement == "Suppl 2");
  CHECK(with_volume.pages == "S12-5");

  // ASCO abstracts as PubMed prints them: issue 15, supplement "suppl".
  const kb::Reference asco = kb::parse_reference(
      "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage "
      "IV breast cancer (TBCRC 013). J Clin Oncol. 2016;34(15_suppl):1006.");
  CHECK(asco.volume == "34");
  CHECK(asco.issue == "15");
  CHECK(asco.supplement == "suppl");
  CHECK(asco.pages == "1006");
  CHECK(asco.conference.empty());

  const kb::Reference seed_style =
      kb::parse_reference("Smith J. Title. J Clin Oncol 2009; 27(15S):abstr 1005.");
  CHECK(seed_style.volume == "27");
  CHECK(seed_style.issue == "15");
  CHECK(seed_style.supplement == "S");
  CHECK(seed_style.pages == "abstr 1005");
  CHECK(seed_style.conference.empty());
}

TEST_CASE("Reference parser reads references without authors", "[refparser]") {
  const kb::Reference titled =
      kb::parse_reference("Breast cancer screening recommendations. Radiology. 2015 "
                          "Jan;274(1):250-9.");
  CHECK(titled.authors.empty());
  CHECK(titled.title == "Breast cancer screening recommendations");
  CHECK(titled.journal == "Radiology");
  CHECK(titled.year == 2015);
  CHECK(titled.month == "Jan");
  CHECK(titled.volume == "274");
  CHECK(titled.issue == "1");
  CHECK(titled.pages == "250-9");
  CHECK(titled.uncertain_fields.empty());

  const kb::Reference bare = kb::parse_reference("Radiology. 2015 Jan;274(1):250-9");
  CHECK(bare.authors.empty());
  CHECK(bare.title.empty());
  CHECK(bare.journal == "Radiology");
  CHECK(bare.pages == "250-9");
  CHECK(bare.uncertain_fields == Strings{"title"});

  const kb::Reference marked = kb::parse_reference(
      "[No authors listed] Breast cancer in men. Lancet. 1990 Jan 6;335(8680):20-1.");
  CHECK(marked.authors.empty());
  CHECK(marked.title == "Breast cancer in men");
  CHECK(marked.issue == "8680");
  CHECK(marked.pages == "20-1");
}

TEST_CASE("Reference parser reads the author-year style", "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "Lopez A, Murray C (1998) The global burden of disease, 1990-2020. Nat Med 4: 1241-1243.");
  CHECK(r.authors == Strings{"Lopez A", "Murray C"});
  CHECK(r.year == 1998);
  CHECK(r.title == "The global burden of disease, 1990-2020");
  CHECK(r.journal == "Nat Med");
  CHECK(r.volume == "4");
  CHECK(r.pages == "1241-1243");
  CHECK(r.uncertain_fields.empty());
}

TEST_CASE("Reference parser keeps a collective author whole", "[refparser]") {
  const kb::Reference alone = kb::parse_reference(
      "Early Breast Cancer Trialists' Collaborative Group (EBCTCG). Effects of chemotherapy and "
      "hormonal therapy for early breast cancer on recurrence and 15-year survival: an overview "
      "of the randomised trials. Lancet 2005; 365:1687.");
  CHECK(alone.authors == Strings{"Early Breast Cancer Trialists' Collaborative Group (EBCTCG)"});
  CHECK_FALSE(alone.et_al);
  CHECK(alone.title.rfind("Effects of chemotherapy", 0) == 0);
  CHECK(alone.journal == "Lancet");
  CHECK(alone.year == 2005);

  const kb::Reference with_people = kb::parse_reference(
      "Early Breast Cancer Trialists' Collaborative Group (EBCTCG), Darby S, McGale P, et al. "
      "Effect of radiotherapy after breast-conserving surgery. Lancet 2011; 378:1707.");
  CHECK(with_people.authors ==
        Strings{"Early Breast Cancer Trialists' Collaborative Group (EBCTCG)", "Darby S",
                "McGale P"});
  CHECK(with_people.et_al);
}

TEST_CASE("Reference parser takes a lone organisation name for the title when no title follows",
          "[refparser]") {
  const kb::Reference authorless =
      kb::parse_reference("Cancer Center experience. Lancet 2001; 1:2.");
  CHECK(authorless.authors.empty());
  CHECK(authorless.title == "Cancer Center experience");
  CHECK(authorless.journal == "Lancet");

  const kb::Reference authored =
      kb::parse_reference("American Cancer Society. Cancer Center experience. Lancet 2001; 1:2.");
  CHECK(authored.authors == Strings{"American Cancer Society"});
  CHECK(authored.title == "Cancer Center experience");
}

TEST_CASE("Reference parser reads a trailer keyword inside a title as title", "[refparser]") {
  const kb::Reference r =
      kb::parse_reference("Smith J, Jones K. Title part. Comment on: Foo. Lancet 2001; 1:2.");
  CHECK(r.title == "Title part. Comment on: Foo");
  CHECK(r.journal == "Lancet");
  CHECK(r.uncertain_fields.empty());

  // The next keyword still starts the trailers.
  const kb::Reference doi = kb::parse_reference(
      "Smith J. Title part. Comment on: Foo. Lancet 2001; 1:2. doi: 10.1016/x. PMID: 123.");
  CHECK(doi.title == "Title part. Comment on: Foo");
  CHECK(doi.pages == "2");
  CHECK(doi.doi == "10.1016/x");
  CHECK(doi.pmid == "123");
}

TEST_CASE("Reference parser reads PubMed's erratum, PMCID and language trailers",
          "[refparser]") {
  const kb::Reference erratum = kb::parse_reference(
      "Siegel RL, Miller KD, Jemal A. Cancer statistics, 2020. CA Cancer J Clin. 2020 "
      "Jan;70(1):7-30. doi: 10.3322/caac.21590. Epub 2020 Jan 8. Erratum in: CA Cancer J Clin. "
      "2020 Jul;70(4):313. PMID: 31912902.");
  CHECK(erratum.title == "Cancer statistics, 2020");
  CHECK(erratum.journal == "CA Cancer J Clin");
  CHECK(erratum.month == "Jan");
  CHECK(erratum.volume == "70");
  CHECK(erratum.pages == "7-30");
  CHECK(erratum.doi == "10.3322/caac.21590");
  CHECK(erratum.pmid == "31912902");

  const kb::Reference pmcid = kb::parse_reference(
      "Smith J. Mastectomy. JAMA. 2019;321(3):288-300. doi:10.1001/jama.2018.19323. PMID: "
      "30667505; PMCID: PMC6439662.");
  CHECK(pmcid.title == "Mastectomy");
  CHECK(pmcid.journal == "JAMA");
  CHECK(pmcid.pmid == "30667505");
  CHECK(pmcid.uncertain_fields.empty());

  const kb::Reference chinese = kb::parse_reference(
      "Wang X, Li Y. [Clinical analysis of 50 cases]. Zhonghua Zhong Liu Za Zhi. 2010 "
      "Mar;32(3):210-3. Chinese.");
  CHECK(chinese.title == "Clinical analysis of 50 cases");
  CHECK(chinese.journal == "Zhonghua Zhong Liu Za Zhi");
  CHECK(chinese.language == "chi");
  CHECK(chinese.translated_from == "chi");
}

TEST_CASE("Reference parser ends the authors at 'et al:'", "[refparser]") {
  const kb::Reference r = kb::parse_reference("Lee CG, Smith J, et al: Title. Cancer 2016; 1:1.");
  CHECK(r.authors == Strings{"Lee CG", "Smith J"});
  CHECK(r.et_al);
  CHECK(r.title == "Title");
}

TEST_CASE("Reference parser reads journals with parentheses and empty volumes", "[refparser]") {
  const kb::Reference williston =
      kb::parse_reference("Smith J, Jones K. Title. Oncology (Williston Park) 2010; 24:1222.");
  CHECK(williston.journal == "Oncology (Williston Park)");
  CHECK(williston.volume == "24");

  const kb::Reference cochrane = kb::parse_reference(
      "Smith J, Wong K. Surgery for breast cancer. Cochrane Database Syst Rev 2011; "
      "(9):CD003366.");
  CHECK(cochrane.journal == "Cochrane Database Syst Rev");
  CHECK(cochrane.volume.empty());
  CHECK(cochrane.issue == "9");
  CHECK(cochrane.pages == "CD003366");
}

TEST_CASE("Reference parser skips a list number left in front", "[refparser]") {
  const kb::Reference r = kb::parse_reference("12. Lee CG, McCormick B. Title here. Cancer 1992; "
                                              "70:129.");
  CHECK(r.authors == Strings{"Lee CG", "McCormick B"});
  CHECK(r.title == "Title here");
}

TEST_CASE("Reference parser flags an old dotted journal abbreviation instead of guessing",
          "[refparser]") {
  const kb::Reference r =
      kb::parse_reference("Smith J, Jones K. Title. J. Clin. Oncol. 2001;19:123-9.");
  CHECK(r.year == 2001);
  CHECK(r.volume == "19");
  CHECK(r.pages == "123-9");
  CHECK(r.uncertain_fields == Strings{"journal", "title"});
}

TEST_CASE("Reference parser keeps what is sure of a book and flags the rest", "[refparser]") {
  const kb::Reference r = kb::parse_reference(
      "DeVita VT, Hellman S, Rosenberg SA (Eds), Cancer: Principles and Practice of Oncology, "
      "8th ed, Lippincott Williams & Wilkins, Philadelphia 2008. Vol 2, p.1595.");
  CHECK(r.authors == Strings{"DeVita VT", "Hellman S", "Rosenberg SA"});
  CHECK(r.year == 2008);
  CHECK(r.journal.empty());
  for (const char* f : {"authors", "title", "journal", "year"}) {
    CHECK(std::find(r.uncertain_fields.begin(), r.uncertain_fields.end(), f) !=
          r.uncertain_fields.end());
  }
}

TEST_CASE("Reference parser keeps an empty string and flags everything", "[refparser]") {
  const kb::Reference r = kb::parse_reference("");
  CHECK(r.raw.empty());
  CHECK(r.authors.empty());
  CHECK(r.year == 0);
  CHECK(r.uncertain_fields == Strings{"authors", "title", "journal", "year"});
}

TEST_CASE("Reference parser keeps a reference with no year and flags the year", "[refparser]") {
  const std::string raw = "Smith J. No year here. Some Journal.";
  const kb::Reference r = kb::parse_reference(raw);
  CHECK(r.raw == raw);
  CHECK(r.authors == Strings{"Smith J"});
  CHECK(r.title == "No year here");
  CHECK(r.year == 0);
  CHECK(std::find(r.uncertain_fields.begin(), r.uncertain_fields.end(), "year") !=
        r.uncertain_fields.end());
}

TEST_CASE("Reference parser survives a 20,000-character garbage line", "[refparser]") {
  std::mt19937 rng(20240601);
  const std::string alphabet = "abcXYZ019 .,;:()[]?!-#/'\"";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::vector<std::string> lines;
  std::string random_line;
  for (int i = 0; i < 20000; ++i) random_line += alphabet[pick(rng)];
  lines.push_back(random_line);
  std::string periods;
  while (periods.size() < 20000) periods += "Ab. ";
  lines.push_back(periods);
  std::string sources;
  while (sources.size() < 20000) sources += "Cancer 1992; 70:129. ";
  lines.push_back(sources);
  std::string names;
  while (names.size() < 20000) names += "Lee CG, ";
  lines.push_back(names);
  lines.push_back(std::string(20000, '('));
  for (const std::string& line : lines) {
    const kb::Reference r = kb::parse_reference(line);
    CHECK(r.raw == line);
    for (const std::string& f : text_fields(r)) CHECK(line.find(f) != std::string::npos);
  }
}

TEST_CASE("Reference parser never crashes on random bytes and always keeps raw", "[refparser]") {
  std::mt19937 rng(12345);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<int> length(0, 300);
  for (int i = 0; i < 3000; ++i) {
    std::string s(static_cast<std::size_t>(length(rng)), '\0');
    for (char& c : s) c = static_cast<char>(byte(rng));
    const kb::Reference r = kb::parse_reference(s);
    REQUIRE(r.raw == s);
    // JSON output stays dumpable whatever the bytes.
    CHECK_NOTHROW(kb::reference_to_json(r).dump());
  }
}

TEST_CASE("Reference parser never splits a UTF-8 character", "[refparser]") {
  const std::vector<std::string> pieces = {
      "Lee CG", ", ", ". ", "et al", "1992", "; ", "23", ":", "969", "(", ")", "[", "]",
      "Güller U", "ü", "—", "–", "?", "doi:", "10.1/x", "PMID: ", "Suppl", " ", "Cancer",
      "J Clin Oncol", "Epub", "French", "\xC2\xA0", "日本", "Rodríguez-Gómez A", "34S", "e93755",
      ".", "(1998)", "ASCO #1006"};
  std::mt19937 rng(777);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> count(0, 40);
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    for (int k = count(rng); k > 0; --k) s += pieces[pick(rng)];
    const kb::Reference r = kb::parse_reference(s);
    REQUIRE(r.raw == s);
    for (const std::string& f : text_fields(r)) {
      CHECK(valid_utf8(f));
      CHECK(s.find(f) != std::string::npos);
    }
  }
}

TEST_CASE("Reference parser reads every seed reference completely", "[refparser]") {
  std::ifstream in(std::string(KB_SOURCE_DIR) +
                   "/corpus/local-therapies-metastatic-breast-cancer.txt");
  REQUIRE(in);
  std::string line;
  int count = 0;
  while (std::getline(in, line)) {
    // Reference lines: "  12. Juan O, ..."
    std::size_t i = line.find_first_not_of(' ');
    if (i == std::string::npos || i == 0) continue;
    std::size_t d = i;
    while (d < line.size() && line[d] >= '0' && line[d] <= '9') ++d;
    if (d == i || line.compare(d, 2, ". ") != 0) continue;
    const int number = std::stoi(line.substr(i, d - i));
    const kb::Reference r = kb::parse_reference(line.substr(d + 2));
    ++count;
    INFO("reference " << number << ": " << r.raw);
    CHECK(count == number);
    CHECK_FALSE(r.authors.empty());
    CHECK_FALSE(r.title.empty());
    CHECK_FALSE(r.journal.empty());
    CHECK(r.year >= 1975);
    CHECK(r.year <= 2017);
    CHECK_FALSE(r.volume.empty());
    CHECK_FALSE(r.pages.empty());
    if (number == 27) {
      CHECK(r.uncertain_fields == Strings{"language"});
    } else {
      CHECK(r.uncertain_fields.empty());
    }
  }
  CHECK(count == 65);
}

TEST_CASE("Reference JSON has the contract's keys in order, year null when unknown",
          "[refparser]") {
  kb::Reference r = kb::parse_reference(
      "King TA, Lyman J, Gonen M, et al. A prospective analysis of surgery and survival in stage "
      "IV breast cancer (TBCRC 013). J Clin Oncol 2016; 34S: ASCO #1006.");
  kb::classify_design(r);
  const nlohmann::ordered_json j = kb::reference_to_json(r);
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  CHECK(keys == Strings{"raw", "authors", "et_al", "title", "translated_from", "language",
                        "journal", "year", "month", "volume", "issue", "supplement", "pages",
                        "conference", "doi", "pmid", "type", "design", "design_reason", "level",
                        "grade_start", "uncertain_fields"});
  CHECK(j["authors"] == nlohmann::ordered_json::array({"King TA", "Lyman J", "Gonen M"}));
  CHECK(j["et_al"] == true);
  CHECK(j["year"] == 2016);
  CHECK(j["conference"] == "ASCO #1006");
  CHECK(j["design"] == "prospective_cohort");
  CHECK(j["level"] == 3);
  CHECK(j["grade_start"] == "low");
  CHECK(j["uncertain_fields"].is_array());

  const nlohmann::ordered_json empty = kb::reference_to_json(kb::parse_reference(""));
  CHECK(empty["year"].is_null());
  CHECK(empty["design"] == "other");

  kb::Reference latin1;
  latin1.raw = "G\xFCller U. Title. Ann Surg 2016; 263:1188.";
  CHECK(kb::reference_to_json(latin1)["raw"] == "G\xEF\xBF\xBDller U. Title. Ann Surg 2016; "
                                                 "263:1188.");
}
