// libFuzzer target: kb::parse_reference (indexer/reference_parser.h) then kb::classify_design
// (indexer/design_classifier.h) on any bytes, checking the parser's contract: raw is kept
// byte for byte, valid UTF-8 in gives valid UTF-8 out, and classifying is idempotent.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_common.h"
#include "indexer/design_classifier.h"
#include "indexer/reference_parser.h"
#include "kb/text.h"

namespace {

void check_utf8(const kb::Reference& ref) {
  for (const std::string* s : {&ref.title, &ref.translated_from, &ref.journal, &ref.month, &ref.volume, &ref.issue,
                               &ref.supplement, &ref.pages, &ref.conference, &ref.doi, &ref.pmid, &ref.design_reason}) {
    KB_FUZZ_CHECK(kb::is_valid_utf8(*s));
  }
  for (const auto& a : ref.authors) KB_FUZZ_CHECK(kb::is_valid_utf8(a));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view raw(reinterpret_cast<const char*>(data), size);
  kb::Reference ref = kb::parse_reference(raw);
  KB_FUZZ_CHECK(ref.raw == raw);
  const bool valid_in = kb::is_valid_utf8(raw);

  // The abstract and the publication types: the input again, and its lines.
  std::vector<std::string> types;
  for (std::string_view rest = raw; !rest.empty() && types.size() < 8;) {
    const auto nl = rest.find('\n');
    types.emplace_back(rest.substr(0, nl));
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  kb::classify_design(ref);
  if (valid_in) check_utf8(ref);
  kb::classify_design(ref, raw, types);
  kb::Reference again = ref;
  kb::classify_design(again, raw, types);
  KB_FUZZ_CHECK(again.design == ref.design && again.level == ref.level && again.design_reason == ref.design_reason &&
                again.grade_start == ref.grade_start && again.uncertain_fields == ref.uncertain_fields);
  KB_FUZZ_CHECK(ref.level >= 1 && ref.level <= 5);
  kb_fuzz::touch_reference(ref);
  return 0;
}
