// A kb::Reference as JSON, the shape the KB exports and the query tool prints.
#pragma once

#include <nlohmann/json.hpp>

#include "kb/reference.h"

namespace kb {

// Keys, in this order: raw, authors (array), et_al (bool), title, translated_from, language,
// journal, year (int, null when 0), month, volume, issue, supplement, pages, conference, doi,
// pmid, type (kb::reference_type's name: "journal_article", "web_page"...), design (contract
// name, see kb/design.h), design_reason, level (int), grade_start, uncertain_fields (array).
// The caller adds "topic" and "number".
// Strings are copied as they are when they are valid UTF-8; an invalid byte (a reference list
// in another encoding) becomes U+FFFD, so that dump() never throws.
nlohmann::ordered_json reference_to_json(const Reference& ref);

}  // namespace kb
