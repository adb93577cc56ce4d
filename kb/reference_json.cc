#include "kb/reference_json.h"

#include <cstddef>
#include <string>
#include <string_view>

#include "kb/design.h"
#include "kb/reference_type.h"
#include "kb/text.h"

namespace kb {
namespace {

// Text for JSON, which must be valid UTF-8: every malformed byte becomes U+FFFD. The decoding
// rules (no overlong forms, no surrogates, nothing past U+10FFFF) are kb::utf8_next's.
std::string valid_utf8(std::string_view s) {
  if (is_valid_utf8(s)) return std::string(s);  // the common case: copy as is
  std::string out;
  out.reserve(s.size() + 8);
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t before = i;
    const char32_t cp = utf8_next(s, i);
    if (cp == 0xFFFD) {
      utf8_append(out, cp);  // a malformed byte, or a U+FFFD printed as such
    } else {
      out.append(s.substr(before, i - before));
    }
  }
  return out;
}

}  // namespace

nlohmann::ordered_json reference_to_json(const Reference& ref) {
  nlohmann::ordered_json j;
  j["raw"] = valid_utf8(ref.raw);
  auto authors = nlohmann::ordered_json::array();
  for (const std::string& a : ref.authors) authors.push_back(valid_utf8(a));
  j["authors"] = std::move(authors);
  j["et_al"] = ref.et_al;
  j["title"] = valid_utf8(ref.title);
  j["translated_from"] = valid_utf8(ref.translated_from);
  j["language"] = valid_utf8(ref.language);
  j["journal"] = valid_utf8(ref.journal);
  if (ref.year == 0) {
    j["year"] = nullptr;
  } else {
    j["year"] = ref.year;
  }
  j["month"] = valid_utf8(ref.month);
  j["volume"] = valid_utf8(ref.volume);
  j["issue"] = valid_utf8(ref.issue);
  j["supplement"] = valid_utf8(ref.supplement);
  j["pages"] = valid_utf8(ref.pages);
  j["conference"] = valid_utf8(ref.conference);
  j["doi"] = valid_utf8(ref.doi);
  j["pmid"] = valid_utf8(ref.pmid);
  j["type"] = to_string(reference_type(ref));
  j["design"] = to_string(ref.design);
  j["design_reason"] = valid_utf8(ref.design_reason);
  j["level"] = ref.level;
  j["grade_start"] = valid_utf8(ref.grade_start);
  auto uncertain = nlohmann::ordered_json::array();
  for (const std::string& f : ref.uncertain_fields) uncertain.push_back(valid_utf8(f));
  j["uncertain_fields"] = std::move(uncertain);
  return j;
}

}  // namespace kb
