// libFuzzer target: kb::parse_text_topic (indexer/formats/topic_text.h) on any bytes and, when
// it gives a topic, kb::analyse_topic (indexer/topic_analysis.h) with the default synonyms,
// as `kbindex build` runs them. Input after a line "=====LINKS=====" is the topic's links
// file, so the links-file grammar is fuzzed too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/fuzz_common.h"
#include "indexer/formats/topic_text.h"
#include "indexer/topic_analysis.h"
#include "kb/concepts.h"

namespace {

constexpr std::string_view kLinksSeparator = "\n=====LINKS=====\n";

const kb::ConceptIndex& concepts() {
  static const kb::ConceptIndex index(kb::default_synonyms());
  return index;
}

void touch_topic(const kb::Topic& t) {
  std::uint64_t h = kb_fuzz::touch(t.slug) + kb_fuzz::touch(t.title) + kb_fuzz::touch(t.publisher) +
                    kb_fuzz::touch(t.copyright) + kb_fuzz::touch(t.review_current_through) +
                    kb_fuzz::touch(t.last_updated);
  for (const auto& c : t.contributors) h += kb_fuzz::touch(c.name) + kb_fuzz::touch(c.credentials);
  for (const auto& s : t.sections) {
    h += kb_fuzz::touch(s.heading);
    for (const auto& p : s.paragraphs) {
      for (const auto& sentence : p.sentences) {
        // Offsets are into the paragraph text and the sentence text: they must lie inside.
        KB_FUZZ_CHECK(sentence.begin <= sentence.end && sentence.end <= p.text.size());
        h += kb_fuzz::touch(sentence.text);
        for (const auto& m : sentence.citations) {
          KB_FUZZ_CHECK(m.begin < m.end && m.end <= sentence.text.size());
          KB_FUZZ_CHECK(!m.numbers.empty());
          // A list may skip numbers (an excerpt): every cited number is one the list prints.
          for (int n : m.numbers)
            KB_FUZZ_CHECK(std::any_of(t.references.begin(), t.references.end(),
                                      [n](const kb::ReferenceEntry& r) { return r.number == n; }));
        }
        for (const auto& x : sentence.cross_references) {
          KB_FUZZ_CHECK(x.begin <= x.end && x.end <= sentence.text.size());
          h += kb_fuzz::touch(x.title) + kb_fuzz::touch(x.section);
        }
      }
    }
  }
  for (const auto& r : t.references) h += kb_fuzz::touch(r.raw) + static_cast<std::uint64_t>(r.number);
  for (const auto& d : t.diagnostics) h += kb_fuzz::touch(d.message);
  kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + h;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  concepts();  // built once, before the first input: never counted as a leak or a slow input
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view content = input;
  std::optional<kb::LinksFileText> links;
  if (const auto at = input.find(kLinksSeparator); at != std::string_view::npos) {
    content = input.substr(0, at);
    links = kb::LinksFileText{"fuzz.links", std::string(input.substr(at + kLinksSeparator.size()))};
  }

  auto topic = kb::parse_text_topic(content, "fuzz.txt");
  if (!topic.ok()) {
    KB_FUZZ_CHECK(topic.status().code() == kb::Code::Parse);
    KB_FUZZ_CHECK(topic.status().message().rfind("fuzz.txt", 0) == 0);
    return 0;
  }
  touch_topic(*topic);

  auto analysed = kb::analyse_topic(std::move(topic.value()), links, concepts());
  if (!analysed.ok()) {
    KB_FUZZ_CHECK(!analysed.status().message().empty());
    return 0;
  }
  KB_FUZZ_CHECK(analysed->references.size() == analysed->topic.references.size());
  KB_FUZZ_CHECK(analysed->profiles.size() == analysed->recommendations.size());
  for (const auto& ref : analysed->references) kb_fuzz::touch_reference(ref);
  for (const auto& link : analysed->links) (void)link;
  return 0;
}
