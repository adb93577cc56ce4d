// Throughput of the reference parser and the design classifier.
//
// Builds a large list of reference strings (200,000 by default; argv[1] to change it) by
// recombining the hand-labelled ones (tests/data/references/{seed,other}_labels.jsonl: every
// printed variant the parser meets) with a fixed random seed: each string is one labelled
// reference with its year, and its volume where printed, replaced by other numbers, a title
// now and then borrowed from another reference, and now and then a list number in front.
// It then times, over the same strings:
//   baseline        a trivial pass (counting '.'), the floor any parser pays to read the bytes
//   parse           kb::parse_reference
//   parse+classify  kb::parse_reference then kb::classify_design (title only)
// and prints references per second for each, best of a few rounds, and how many times slower
// than the baseline each is.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "indexer/design_classifier.h"
#include "indexer/reference_parser.h"

namespace {

struct Template {
  std::string raw;
  std::string title;
  std::string year;
  std::string volume;
};

std::vector<Template> load(const std::string& name) {
  std::string path = KB_SOURCE_DIR;
  path.append("/tests/data/references/").append(name);
  std::ifstream in(path);
  std::vector<Template> out;
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t i = line.find_first_not_of(" \t\r");
    if (i == std::string::npos || line[i] != '{') continue;
    const nlohmann::json j = nlohmann::json::parse(line);
    Template t;
    t.raw = j.value("raw", std::string());
    t.title = j.value("title", std::string());
    if (j.contains("year") && j["year"].is_number_integer() && j["year"].get<int>() != 0) {
      t.year = std::to_string(j["year"].get<int>());
    }
    t.volume = j.value("volume", std::string());
    out.push_back(std::move(t));
  }
  return out;
}

// Replaces the first occurrence of what in s, if any, standing as a number of its own (no digit
// either side).
void replace_number(std::string& s, const std::string& what, const std::string& with) {
  if (what.empty()) return;
  for (std::size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) {
    const bool digit_before = at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9';
    const std::size_t end = at + what.size();
    const bool digit_after = end < s.size() && s[end] >= '0' && s[end] <= '9';
    if (!digit_before && !digit_after) {
      s.replace(at, what.size(), with);
      return;
    }
  }
}

std::vector<std::string> generate(const std::vector<Template>& templates, std::size_t n) {
  std::mt19937 rng(20240611);
  std::uniform_int_distribution<std::size_t> pick(0, templates.size() - 1);
  std::uniform_int_distribution<int> year(1970, 2024);
  std::uniform_int_distribution<int> volume(1, 400);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<int> number(1, 120);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t k = 0; k < n; ++k) {
    const Template& t = templates[pick(rng)];
    std::string s = t.raw;
    replace_number(s, t.year, std::to_string(year(rng)));
    if (t.volume.size() <= 4 && std::all_of(t.volume.begin(), t.volume.end(), [](char c) {
          return c >= '0' && c <= '9';
        })) {
      replace_number(s, t.volume, std::to_string(volume(rng)));
    }
    if (percent(rng) < 30 && !t.title.empty()) {
      const Template& other = templates[pick(rng)];
      const std::size_t at = s.find(t.title);
      if (at != std::string::npos && !other.title.empty()) {
        s.replace(at, t.title.size(), other.title);
      }
    }
    if (percent(rng) < 10) {
      std::string numbered = std::to_string(number(rng));
      numbered.append(". ").append(s);
      s = std::move(numbered);
    }
    out.push_back(std::move(s));
  }
  return out;
}

using Clock = std::chrono::steady_clock;

// Best wall time of `rounds` runs of f over all strings, in seconds.
template <typename F>
double best_seconds(int rounds, F&& f) {
  double best = 1e300;
  for (int r = 0; r < rounds; ++r) {
    const auto start = Clock::now();
    f();
    const std::chrono::duration<double> took = Clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t n = 200000;
  if (argc > 1) n = static_cast<std::size_t>(std::strtoull(argv[1], nullptr, 10));
  std::vector<Template> templates = load("seed_labels.jsonl");
  std::vector<Template> other = load("other_labels.jsonl");
  templates.insert(templates.end(), other.begin(), other.end());
  if (templates.empty() || n == 0) {
    std::fprintf(stderr, "bench_parse_refs: no labelled references found under %s\n",
                 KB_SOURCE_DIR);
    return 1;
  }
  const std::vector<std::string> refs = generate(templates, n);
  std::size_t bytes = 0;
  for (const std::string& s : refs) bytes += s.size();

  constexpr int kRounds = 3;
  volatile std::size_t sink = 0;  // keeps every pass's work observable

  const double baseline = best_seconds(kRounds, [&] {
    std::size_t periods = 0;
    for (const std::string& s : refs) {
      periods += static_cast<std::size_t>(std::count(s.begin(), s.end(), '.'));
    }
    sink = sink + periods;
  });
  const double parse = best_seconds(kRounds, [&] {
    std::size_t fields = 0;
    for (const std::string& s : refs) {
      const kb::Reference r = kb::parse_reference(s);
      fields += r.authors.size() + r.title.size() + static_cast<std::size_t>(r.year);
    }
    sink = sink + fields;
  });
  const double classify = best_seconds(kRounds, [&] {
    std::size_t levels = 0;
    for (const std::string& s : refs) {
      kb::Reference r = kb::parse_reference(s);
      kb::classify_design(r);
      levels += static_cast<std::size_t>(r.level);
    }
    sink = sink + levels;
  });

  const double count = static_cast<double>(refs.size());
  std::printf("bench_parse_refs: %zu references (%zu templates), %.1f MB, best of %d rounds\n",
              refs.size(), templates.size(), static_cast<double>(bytes) / 1e6, kRounds);
  std::printf("  %-16s %12.0f refs/s  %8.3f s  (1.0x)\n", "baseline ('.')", count / baseline,
              baseline);
  std::printf("  %-16s %12.0f refs/s  %8.3f s  (%.1fx the baseline's time, %.2f us/ref)\n",
              "parse", count / parse, parse, parse / baseline, 1e6 * parse / count);
  std::printf("  %-16s %12.0f refs/s  %8.3f s  (%.1fx the baseline's time, %.2f us/ref)\n",
              "parse+classify", count / classify, classify, classify / baseline,
              1e6 * classify / count);
  return sink == 0 ? 1 : 0;
}
