// What kind of publication a reference cites: a journal article, a meeting abstract, a
// package insert, a report, a web page, a book or a chapter of one. Told from the parsed
// reference alone (its raw string and fields), so that the query tool, which reads references
// back from the KB where no type is stored, tells the same type as the indexer.
#pragma once

#include <array>
#include <optional>
#include <string_view>

#include "kb/reference.h"

namespace kb {

enum class ReferenceType {
  JournalArticle,
  ConferenceAbstract,
  PackageInsert,
  Report,
  WebPage,
  Book,
  BookChapter,
  Other,
};

inline constexpr std::array<ReferenceType, 8> kAllReferenceTypes = {
    ReferenceType::JournalArticle, ReferenceType::ConferenceAbstract,
    ReferenceType::PackageInsert,  ReferenceType::Report,
    ReferenceType::WebPage,        ReferenceType::Book,
    ReferenceType::BookChapter,    ReferenceType::Other};

// "journal_article", "conference_abstract", "package_insert", "report", "web_page", "book",
// "book_chapter", "other". Never null.
const char* to_string(ReferenceType type);

// The type a name above denotes; exact, lower-case match. nullopt for anything else.
std::optional<ReferenceType> reference_type_from_string(std::string_view name);

// The type of a parsed reference, first rule that applies:
//   conference_abstract  a conference is filled, an abstract number is the locator
//                        ("abstr 1005"), or the string marks an abstract ("[Abstract]")
//   report               a government serial stands where the journal would
//                        ("Federal Register 2001;66:55679")
//   journal_article      a journal is filled
//   package_insert       "package insert", "prescribing information", "product monograph",
//                        "summary of product characteristics"
//   report               "Report No.", "technical report", "white paper", "working paper"
//   book_chapter         a sentence opens with "In:" (the book that holds it)
//   web_page             "[Internet]", "[cited ...]", "Available from/at", a URL, "Accessed"
//   report               a publisher that is an agency, ministry or other public body
//                        ("Atlanta, Georgia: Agency for Toxic Substances ..., 1999")
//   book                 any other publisher ("New York: McGraw-Hill; 2002"), editors or an
//                        edition ("(Eds)", "8th ed")
//   other                none of these (a reference too garbled to tell)
ReferenceType reference_type(const Reference& ref);

// Whether the words of a reference's title can name a study design: not for a package insert,
// a web page, a book or a chapter, whose titles name a product or a subject ("Guidelines for
// ...", "Recommendations on ...") rather than how evidence was gathered.
bool title_can_name_design(ReferenceType type);

}  // namespace kb
