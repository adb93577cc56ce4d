// CSV for spreadsheets and scripts, per RFC 4180: a header line
//   topic,number,authors,title,journal,year,volume,issue,pages,doi,pmid,design,level
// then one line per reference. Lines end in CR LF; a field holding a comma, a double
// quote, CR or LF is quoted, its quotes doubled. Text is UTF-8 without a byte-order mark.
// authors is the list as printed ("Badwe R, Hawaldar R, Nair N, et al."), issue carries
// its supplement ("15 Suppl"), pages have a compressed last page expanded ("1539-1569") as
// in every export, design and level are the contract's names and the Oxford CEBM level; an
// unknown year is empty.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "query/reference_store.h"

namespace kb {

std::string export_csv(const std::vector<StoredReference>& refs);

// One RFC 4180 field: VALUE as it is, or quoted with its quotes doubled when it must be.
std::string csv_field(std::string_view value);

}  // namespace kb
