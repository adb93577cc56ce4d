// libFuzzer target: the citation-marker grammar (indexer/citation_markers.h),
// kb::parse_marker_list on the whole input and kb::find_citation_markers on it as running
// text, checking what the header promises of their results.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz/fuzz_common.h"
#include "indexer/citation_markers.h"

namespace {

void check_numbers(const std::vector<int>& numbers) {
  KB_FUZZ_CHECK(!numbers.empty());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    KB_FUZZ_CHECK(numbers[i] >= 1 && numbers[i] <= kb::kMaxCitationNumber);
    if (i > 0) KB_FUZZ_CHECK(numbers[i - 1] < numbers[i]);  // ascending, no duplicates
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  if (const auto numbers = kb::parse_marker_list(text)) check_numbers(*numbers);

  std::size_t previous_end = 0;
  for (const auto& marker : kb::find_citation_markers(text)) {
    KB_FUZZ_CHECK(marker.begin >= previous_end);  // in order of position, not overlapping
    KB_FUZZ_CHECK(marker.begin + 2 <= marker.end && marker.end <= text.size());
    KB_FUZZ_CHECK(marker.text == text.substr(marker.begin, marker.end - marker.begin));
    // Its delimiters are the pair its style names: "[1-3]" or "(1-3)".
    const bool bracket = marker.style == kb::MarkerStyle::Bracket;
    KB_FUZZ_CHECK(marker.text.front() == (bracket ? '[' : '('));
    KB_FUZZ_CHECK(marker.text.back() == (bracket ? ']' : ')'));
    check_numbers(marker.numbers);
    // The marker's inside parses to the same numbers on its own.
    const auto again = kb::parse_marker_list(std::string_view(marker.text).substr(1, marker.text.size() - 2));
    KB_FUZZ_CHECK(again.has_value() && *again == marker.numbers);
    previous_end = marker.end;
  }
  return 0;
}
