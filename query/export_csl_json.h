// CSL-JSON, the input of citeproc (Zotero, Mendeley, pandoc, citation-js): a JSON array
// with one item per reference:
//   id ("SLUG/N", unique in the KB), type ("article-journal", or "paper-conference" for a
//   conference abstract), title, container-title and container-title-short (the journal
//   as printed, an NLM abbreviation: the KB knows no other), author ([{family, given}],
//   given being the initials "A. M." as printed, which citeproc initialises cleanly;
//   suffix when printed; {literal} for a group), issued {"date-parts": [[year, month]]},
//   volume, issue (with its supplement), page (a compressed range expanded: "1539-1569"),
//   DOI, PMID, language (BCP 47, from the KB's ISO 639-2 code when it has one), note
//   ("topic: SLUG, reference N"; "author list truncated (et al.)" there, as CSL has no
//   way to mark it in author).
// Empty fields are left out. The array is indented by two spaces, UTF-8 unescaped.
#pragma once

#include <string>
#include <vector>

#include "kb/output.h"
#include "query/reference_store.h"

namespace kb {

Json csl_item(const StoredReference& stored);
std::string export_csl_json(const std::vector<StoredReference>& refs);

}  // namespace kb
