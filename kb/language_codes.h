// Languages as the KB writes them: ISO 639-2/B codes, as MEDLINE does ("eng", "ger",
// "fre"), from one table (language_codes.cc) of the languages of the medical literature
// with their English names, the other names files use for them (BibTeX's babel names,
// "ngerman", "brazil"; native names, "deutsch", "français") and their ISO 639-1 codes.
// Every reader and export that turns a language into a code, or a code into another, asks
// this table.
#pragma once

#include <string_view>

namespace kb {

struct Language {
  std::string_view iso639_2;   // ISO 639-2/B, as MEDLINE writes it: "ger"
  std::string_view iso639_1;   // "de"; empty where ISO 639-1 has none ("mul")
  std::string_view english;    // "German", as a printed reference names it
  std::string_view other_names;  // lower case, space-separated: "ngerman austrian deutsch"
};

// The language whose English name is NAME, in any ASCII case: "French", "english".
// "Multiple" is "mul" (a reference printed "Multiple languages"). Null for any other word,
// codes included: what a printed reference shows is a name.
const Language* language_by_english_name(std::string_view name);

// The language NAME denotes, in any ASCII case: an English name, another name of it
// ("american", "ngerman", "français"), its ISO 639-1 code ("de") or its ISO 639-2/B code
// ("ger"). Null when NAME is none of these.
const Language* find_language(std::string_view name);

// The ISO 639-1 code of the ISO 639-2/B code ISO639_2 ("eng" -> "en"), as BCP 47 takes it;
// empty when the table has no such code or ISO 639-1 none.
std::string_view iso639_1_code(std::string_view iso639_2);

}  // namespace kb
