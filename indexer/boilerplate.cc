#include "indexer/boilerplate.h"

#include <array>

#include "kb/text.h"

namespace kb {
namespace {

struct Pattern {
  Boilerplate kind;
  std::string_view phrase;
  bool at_start;  // the phrase must open the line
};

// Kept as data: a new publisher's wording is one row here.
constexpr std::array<Pattern, 14> kPatterns = {{
    {Boilerplate::ReprintHeader, "official reprint from", true},
    {Boilerplate::Copyright, "all rights reserved", false},
    {Boilerplate::Copyright, "www.uptodate.com", true},
    {Boilerplate::Paywall, "to continue reading this article", true},
    {Boilerplate::Paywall, "for more information on subscription options", true},
    {Boilerplate::Paywall, "you must log in with your personal", false},
    {Boilerplate::LoginPrompt, "subscribers log in here", true},
    {Boilerplate::LoginPrompt, "subscribe to uptodate", true},
    {Boilerplate::LoginPrompt, "log in to read", true},
    {Boilerplate::ReviewDates, "literature review current through", true},
    {Boilerplate::ReviewDates, "this topic last updated", true},
    {Boilerplate::Disclaimer, "the content on the uptodate website is not intended", true},
    {Boilerplate::Disclaimer, "use of uptodate is subject to the", true},
    {Boilerplate::TopicVersion, "topic ", true},
}};

bool is_topic_version(std::string_view line) {
  // "Topic 15072 Version 31.0": only then, since "Topic" opens ordinary sentences too.
  std::size_t i = 6;
  std::size_t digits = 0;
  while (i < line.size() && line[i] >= '0' && line[i] <= '9') ++i, ++digits;
  return digits > 0 && starts_with_ci(line.substr(i), " version ");
}

}  // namespace

std::optional<Boilerplate> classify_boilerplate(std::string_view line) {
  line = trim(line);
  if (line.empty()) return std::nullopt;
  std::string lower = ascii_lower(line);
  for (const Pattern& p : kPatterns) {
    bool hit = p.at_start ? lower.rfind(p.phrase, 0) == 0 : lower.find(p.phrase) != std::string::npos;
    if (!hit) continue;
    if (p.kind == Boilerplate::TopicVersion && !is_topic_version(line)) continue;
    return p.kind;
  }
  return std::nullopt;
}

}  // namespace kb
