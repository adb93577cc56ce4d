// libFuzzer target: kb::parse_jats_topic (indexer/formats/topic_jats.h) on any bytes and, when
// it gives a topic, kb::analyse_topic (indexer/topic_analysis.h) with the default synonyms, as
// `kbindex build` runs them. Checks the reader's promises: a Parse status naming the file, or
// a topic whose paragraphs are trimmed text, whose markers cite only listed references and
// whose references are numbered 1..n.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/fuzz_common.h"
#include "indexer/formats/topic_jats.h"
#include "indexer/topic_analysis.h"
#include "kb/concepts.h"

namespace {

const kb::ConceptIndex& concepts() {
  static const kb::ConceptIndex index(kb::default_synonyms());
  return index;
}

bool trimmed(std::string_view s) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  return s.empty() || (!space(s.front()) && !space(s.back()));
}

void touch_topic(const kb::Topic& t) {
  KB_FUZZ_CHECK(t.source_format == "jats");
  KB_FUZZ_CHECK(!t.title.empty() && !t.slug.empty());
  std::uint64_t h = kb_fuzz::touch(t.slug) + kb_fuzz::touch(t.title) + kb_fuzz::touch(t.source_line) +
                    kb_fuzz::touch(t.publisher) + kb_fuzz::touch(t.copyright);
  for (const auto& c : t.contributors) {
    KB_FUZZ_CHECK(!c.name.empty());
    h += kb_fuzz::touch(c.name) + kb_fuzz::touch(c.credentials);
  }
  for (const auto& s : t.sections) {
    KB_FUZZ_CHECK(!s.paragraphs.empty());  // a heading with nothing under it makes no section
    h += kb_fuzz::touch(s.heading);
    for (const auto& p : s.paragraphs) {
      KB_FUZZ_CHECK(!p.text.empty() && trimmed(p.text));
      KB_FUZZ_CHECK(p.list_item || p.lead_in.empty());
      h += kb_fuzz::touch(p.lead_in);
      for (const auto& sentence : p.sentences) {
        KB_FUZZ_CHECK(sentence.begin <= sentence.end && sentence.end <= p.text.size());
        h += kb_fuzz::touch(sentence.text);
        for (const auto& m : sentence.citations) {
          KB_FUZZ_CHECK(m.begin < m.end && m.end <= sentence.text.size());
          KB_FUZZ_CHECK(!m.numbers.empty());
          for (int n : m.numbers) KB_FUZZ_CHECK(n >= 1 && n <= static_cast<int>(t.references.size()));
        }
        for (const auto& x : sentence.cross_references) {
          KB_FUZZ_CHECK(x.begin <= x.end && x.end <= sentence.text.size());
          h += kb_fuzz::touch(x.title) + kb_fuzz::touch(x.section);
        }
      }
    }
  }
  for (std::size_t i = 0; i < t.references.size(); ++i) {
    const kb::ReferenceEntry& r = t.references[i];
    KB_FUZZ_CHECK(r.number == static_cast<int>(i) + 1);
    h += kb_fuzz::touch(r.raw);
    kb_fuzz::touch_reference(r.tagged);
  }
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
  auto topic = kb::parse_jats_topic(input, "fuzz.xml");
  if (!topic.ok()) {
    KB_FUZZ_CHECK(topic.status().code() == kb::Code::Parse);
    KB_FUZZ_CHECK(topic.status().message().rfind("fuzz.xml:", 0) == 0);
    return 0;
  }
  touch_topic(*topic);

  auto analysed = kb::analyse_topic(std::move(topic.value()), std::nullopt, concepts());
  if (!analysed.ok()) {
    KB_FUZZ_CHECK(!analysed.status().message().empty());
    return 0;
  }
  KB_FUZZ_CHECK(analysed->references.size() == analysed->topic.references.size());
  KB_FUZZ_CHECK(analysed->profiles.size() == analysed->recommendations.size());
  for (const auto& ref : analysed->references) kb_fuzz::touch_reference(ref);
  return 0;
}
