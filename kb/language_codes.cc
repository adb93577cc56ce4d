#include "kb/language_codes.h"

#include <array>

#include "kb/text.h"

namespace kb {
namespace {

// The languages of the medical literature, English first, then as MEDLINE counts them.
constexpr std::array<Language, 48> kLanguages = {{
    {"eng", "en", "English", "american british usenglish ukenglish canadian australian newzealand"},
    {"fre", "fr", "French", "francais français acadian canadien"},
    {"ger", "de", "German", "ngerman austrian naustrian swissgerman nswissgerman deutsch"},
    {"spa", "es", "Spanish", "castilian"},
    {"ita", "it", "Italian", ""},
    {"jpn", "ja", "Japanese", ""},
    {"chi", "zh", "Chinese", ""},
    {"rus", "ru", "Russian", ""},
    {"por", "pt", "Portuguese", "portuges brazil brazilian"},
    {"dut", "nl", "Dutch", ""},
    {"pol", "pl", "Polish", ""},
    {"cze", "cs", "Czech", ""},
    {"hun", "hu", "Hungarian", "magyar"},
    {"tur", "tr", "Turkish", ""},
    {"kor", "ko", "Korean", ""},
    {"dan", "da", "Danish", ""},
    {"swe", "sv", "Swedish", ""},
    {"nor", "no", "Norwegian", "norsk"},
    {"nno", "nn", "Nynorsk", ""},
    {"fin", "fi", "Finnish", ""},
    {"gre", "el", "Greek", ""},
    {"heb", "he", "Hebrew", ""},
    {"hrv", "hr", "Croatian", ""},
    {"srp", "sr", "Serbian", ""},
    {"slo", "sk", "Slovak", ""},
    {"slv", "sl", "Slovenian", "slovene"},
    {"rum", "ro", "Romanian", ""},
    {"bul", "bg", "Bulgarian", ""},
    {"ukr", "uk", "Ukrainian", ""},
    {"per", "fa", "Persian", "farsi"},
    {"ara", "ar", "Arabic", ""},
    {"lit", "lt", "Lithuanian", ""},
    {"est", "et", "Estonian", ""},
    {"lav", "lv", "Latvian", ""},
    {"ice", "is", "Icelandic", ""},
    {"cat", "ca", "Catalan", ""},
    {"tha", "th", "Thai", ""},
    {"vie", "vi", "Vietnamese", ""},
    {"ind", "id", "Indonesian", ""},
    {"afr", "af", "Afrikaans", ""},
    {"lat", "la", "Latin", ""},
    {"hin", "hi", "Hindi", ""},
    {"may", "ms", "Malay", ""},
    {"wel", "cy", "Welsh", ""},
    {"gle", "ga", "Irish", ""},
    {"baq", "eu", "Basque", ""},
    {"glg", "gl", "Galician", ""},
    {"mul", "", "Multiple", ""},
}};

bool iequals(std::string_view a, std::string_view b) { return a.size() == b.size() && starts_with_ci(a, b); }

bool among(std::string_view lower_name, std::string_view names) {
  while (!names.empty()) {
    const std::size_t space = names.find(' ');
    if (names.substr(0, space) == lower_name) return true;
    if (space == std::string_view::npos) break;
    names.remove_prefix(space + 1);
  }
  return false;
}

}  // namespace

const Language* language_by_english_name(std::string_view name) {
  for (const Language& l : kLanguages)
    if (iequals(name, l.english)) return &l;
  return nullptr;
}

const Language* find_language(std::string_view name) {
  if (name.empty()) return nullptr;
  if (const Language* l = language_by_english_name(name)) return l;
  const std::string lower = ascii_lower(name);
  for (const Language& l : kLanguages)
    if (lower == l.iso639_2 || lower == l.iso639_1 || among(lower, l.other_names)) return &l;
  return nullptr;
}

std::string_view iso639_1_code(std::string_view iso639_2) {
  for (const Language& l : kLanguages)
    if (iso639_2 == l.iso639_2) return l.iso639_1;
  return {};
}

}  // namespace kb
