// The identifiers a citation carries, read the one way every reader and the matcher read
// them: the DOI as written anywhere (a DO field, a resolver address, "doi:10.1/x") and the
// PMID as free text or a PubMed address shows it. Tested row by row in
// tests/unit/identifiers_test.cc.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// VALUE without what surrounds a DOI when it is written down: white space; any number of
// leading "doi:", "doi " (any case: "DOI:") and resolver prefixes, with or without a scheme
// ("https://doi.org/", "http://dx.doi.org/", "www.doi.org/", "doi.org/"); a trailing period,
// comma or semicolon (a DOI printed at the end of a sentence). The case of the DOI itself
// is kept. "https://doi.org/10.1/X." -> "10.1/X"; text that is not a DOI comes back trimmed
// and is not checked: see looks_like_doi.
std::string clean_doi(std::string_view value);

// True when DOI (cleaned) has a DOI's shape: "10." then a registrant, a '/' and a suffix,
// no space.
bool looks_like_doi(std::string_view doi);

// The DOI in a URL that names one through a resolver ("https://doi.org/10.1/x",
// "http://dx.doi.org/10.1/x", "...doi.org/10.1/x" anywhere in it), cleaned; empty when the
// URL holds no "doi.org/".
std::string doi_from_url(std::string_view url);

// The DOI as two DOIs are compared: clean_doi, in ASCII lower case (DOIs are
// case-insensitive).
std::string normalized_doi(std::string_view doi);

// The PMID a PubMed address names: "https://pubmed.ncbi.nlm.nih.gov/26957754/",
// "http://www.ncbi.nlm.nih.gov/pubmed/26957754?dopt=Abstract" (any case); the digits must
// end the URL or be followed by '/', '?' or '#'. Empty when URL is no PubMed article address.
std::string pmid_from_url(std::string_view url);

// The PMID written in free text (a note, a RIS U1 line): "PMID: 123", "PMID:123",
// "PMID 123" ("pmid" not inside a word) or "123[pmid]", "123 [PMID]" (PubMed's search-tag
// form); the first such, in the order they appear. Empty when there is none.
std::string pmid_from_text(std::string_view text);

}  // namespace kb
