// DOIs and PMIDs as every reader and the matcher read them (kb/identifiers.h): one row for
// each way of writing them that one of the former copies knew (the RIS, BibTeX, MEDLINE and
// PubMed XML readers, the study matcher's key and the reference parser's trailers), and the
// union where they disagreed.
#include <catch2/catch.hpp>

#include <string>

#include "kb/identifiers.h"

TEST_CASE("clean_doi strips labels, resolver prefixes, white space and a sentence's final stop", "[identifiers][doi]") {
  auto [written, doi] = GENERATE(table<std::string, std::string>({
      {"10.1200/JCO.2015.64.0092", "10.1200/JCO.2015.64.0092"},
      {"  10.1200/JCO.2015.64.0092 \t", "10.1200/JCO.2015.64.0092"},
      // Resolver prefixes: every copy knew these four.
      {"https://doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      {"http://doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      {"https://dx.doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      {"http://dx.doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      // Without a scheme: RIS knew doi.org/, BibTeX also dx.doi.org/.
      {"doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      {"dx.doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      // www. before doi.org: found by the BibTeX url and reference parser searches.
      {"https://www.doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      {"HTTPS://DOI.ORG/10.1186/S40658", "10.1186/S40658"},  // any case; the DOI's own is kept
      // Labels: "doi:" everywhere, "doi " in RIS and BibTeX; any case.
      {"doi:10.3322/caac.21660", "10.3322/caac.21660"},
      {"DOI:10.3322/caac.21660", "10.3322/caac.21660"},
      {"doi: 10.3322/caac.21660", "10.3322/caac.21660"},
      {"doi 10.3322/caac.21660", "10.3322/caac.21660"},
      {"DOI 10.3322/caac.21660", "10.3322/caac.21660"},
      // More than one (BibTeX stripped repeatedly, the study key in sequence).
      {"doi: https://doi.org/10.3322/caac.21660", "10.3322/caac.21660"},
      {"https://doi.org/doi:10.3322/caac.21660", "10.3322/caac.21660"},
      // A final period, comma or semicolon (the reference parser's trailers).
      {"10.3322/caac.21660.", "10.3322/caac.21660"},
      {"doi:10.3322/caac.21660,", "10.3322/caac.21660"},
      {"10.3322/caac.21660;", "10.3322/caac.21660"},
      // What a DOI holds is kept: brackets, inner semicolons, percent signs (no copy decoded
      // URL escapes, and a DOI may hold '%').
      {"10.1016/S1470-2045(15)00135-7", "10.1016/S1470-2045(15)00135-7"},
      {"10.1002/(SICI)1097-0258(19980715)17:13<1495::AID-SIM863>3.0.CO;2-I",
       "10.1002/(SICI)1097-0258(19980715)17:13<1495::AID-SIM863>3.0.CO;2-I"},
      {"https://doi.org/10.1000%2Fxyz", "10.1000%2Fxyz"},
      // Not DOIs: trimmed, not judged.
      {"", ""},
      {"   ", ""},
      {"doi", "doi"},
      {"S1470-2045(15)00135-7 [pii]", "S1470-2045(15)00135-7 [pii]"},
      {"https://example.org/article/1", "https://example.org/article/1"},
  }));
  INFO(written);
  CHECK(kb::clean_doi(written) == doi);
}

TEST_CASE("looks_like_doi wants 10., a slash and no space", "[identifiers][doi]") {
  auto [doi, looks] = GENERATE(table<std::string, bool>({
      {"10.1186/s40658-017-0179-2", true},
      {"10.1/x", true},
      {"10.1186", false},
      {"11.1186/x", false},
      {"10.1186/s40658 017", false},
      {"", false},
  }));
  INFO(doi);
  CHECK(kb::looks_like_doi(doi) == looks);
}

TEST_CASE("doi_from_url finds the DOI after doi.org/ anywhere in an address", "[identifiers][doi]") {
  auto [url, doi] = GENERATE(table<std::string, std::string>({
      {"https://doi.org/10.1186/s40658-017-0179-2", "10.1186/s40658-017-0179-2"},
      {"http://dx.doi.org/10.1186/s40658-017-0179-2.", "10.1186/s40658-017-0179-2"},
      {"https://www.doi.org/10.1/x", "10.1/x"},
      {"HTTPS://DOI.ORG/10.1/X", "10.1/X"},
      {"https://pubmed.ncbi.nlm.nih.gov/26957754/", ""},
      {"https://example.org/10.1/x", ""},
      {"", ""},
  }));
  INFO(url);
  CHECK(kb::doi_from_url(url) == doi);
}

TEST_CASE("normalized_doi compares DOIs whatever their case and prefix", "[identifiers][doi]") {
  CHECK(kb::normalized_doi("DOI: 10.1200/JCO.2015.64.0092") == "10.1200/jco.2015.64.0092");
  CHECK(kb::normalized_doi("https://doi.org/10.1200/JCO.2015.64.0092.") == "10.1200/jco.2015.64.0092");
  CHECK(kb::normalized_doi("http://dx.doi.org/10.1200/jco.2015.64.0092") ==
        kb::normalized_doi("10.1200/JCO.2015.64.0092"));
  CHECK(kb::normalized_doi("") == "");
}

TEST_CASE("pmid_from_url reads PubMed's article addresses, old and new", "[identifiers][pmid]") {
  auto [url, pmid] = GENERATE(table<std::string, std::string>({
      {"https://pubmed.ncbi.nlm.nih.gov/26957754", "26957754"},
      {"https://pubmed.ncbi.nlm.nih.gov/26957754/", "26957754"},
      {"http://www.ncbi.nlm.nih.gov/pubmed/26957754", "26957754"},
      {"http://www.ncbi.nlm.nih.gov/pubmed/26957754?dopt=Abstract", "26957754"},
      {"https://pubmed.ncbi.nlm.nih.gov/26957754#affiliations", "26957754"},
      {"HTTPS://PUBMED.NCBI.NLM.NIH.GOV/26957754/", "26957754"},  // any case (RIS did; BibTeX did not)
      {"https://pubmed.ncbi.nlm.nih.gov/?term=26957754", ""},
      {"https://pubmed.ncbi.nlm.nih.gov/26957754abc", ""},
      {"https://www.ncbi.nlm.nih.gov/pmc/articles/PMC4778392/", ""},
      {"https://doi.org/10.1/26957754", ""},
      {"", ""},
  }));
  INFO(url);
  CHECK(kb::pmid_from_url(url) == pmid);
}

TEST_CASE("pmid_from_text reads 'PMID: n' and 'n[pmid]' in free text", "[identifiers][pmid]") {
  auto [text, pmid] = GENERATE(table<std::string, std::string>({
      // "PMID: n" and its variants (BibTeX notes; RIS fields since the union).
      {"PMID: 33538338", "33538338"},
      {"PMID:33538338", "33538338"},
      {"PMID 33538338", "33538338"},
      {"pmid 33538338", "33538338"},
      {"Epub 2021 Feb 4. PMID: 33538338.", "33538338"},
      {"[PMID: 9367954]", "9367954"},
      // PubMed's search-tag form (RIS U1, BibTeX notes).
      {"23690738[pmid]", "23690738"},
      {"23690738 [PMID]", "23690738"},
      {"PMCID: PMC3836452; 23690738[pmid]", "23690738"},
      {"see 12[pmid] and PMID: 34", "12"},  // the first, in text order
      // Not PMIDs.
      {"PMCID: PMC3836452", ""},
      {"xpmid 123", ""},  // "pmid" inside a word
      {"[pmid]", ""},
      {"PMID", ""},
      {"PMID: none", ""},
      {"", ""},
  }));
  INFO(text);
  CHECK(kb::pmid_from_text(text) == pmid);
}
