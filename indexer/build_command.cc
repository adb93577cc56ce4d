#include "indexer/build_command.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "indexer/kb_build.h"

namespace kb {
namespace {

struct BuildOptions {
  std::vector<std::string> paths = {"corpus"};
};

nlohmann::ordered_json counts_json(const TopicCounts& c) {
  return {{"paragraphs", c.paragraphs},     {"sentences", c.sentences},
          {"references", c.references},     {"markers", c.markers},
          {"citations", c.citations},       {"cross_references", c.cross_references},
          {"recommendations", c.recommendations}, {"evidence_links", c.evidence_links},
          {"notes", c.notes}};
}

std::string counts_text(const TopicCounts& c) {
  return std::to_string(c.paragraphs) + " paragraphs, " + std::to_string(c.sentences) + " sentences, " +
         std::to_string(c.references) + " references, " + std::to_string(c.citations) + " citations (" +
         std::to_string(c.markers) + " markers), " + std::to_string(c.recommendations) +
         " recommendations, " + std::to_string(c.evidence_links) + " evidence links";
}

std::string human_size(std::int64_t bytes) {
  char buf[32];
  if (bytes < 1 << 20) std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(bytes) / 1024.0);
  else std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / 1048576.0);
  return buf;
}

void print_summary(const BuildSummary& s, bool json) {
  // Notes are for the person fixing the source: on stderr, as file:line, in both modes.
  for (const TopicSummary& t : s.topics)
    for (const Diagnostic& d : t.notes)
      std::cerr << t.path << ":" << d.line << ": note: " << d.message << "\n";
  if (json) {
    nlohmann::ordered_json out;
    out["db"] = s.db_path;
    out["topics"] = nlohmann::ordered_json::array();
    for (const TopicSummary& t : s.topics) {
      nlohmann::ordered_json topic = {{"topic", t.slug}, {"title", t.title}, {"path", t.path},
                                      {"truncated", t.truncated}};
      topic.update(counts_json(t.counts));
      out["topics"].push_back(topic);
    }
    nlohmann::ordered_json totals = {{"topics", s.topics.size()}};
    totals.update(counts_json(s.totals));
    out["totals"] = totals;
    out["kb_bytes"] = s.kb_bytes;
    out["seconds"] = s.seconds;
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const TopicSummary& t : s.topics)
    std::cout << t.slug << ": " << counts_text(t.counts)
              << (t.truncated ? "; text stops at a paywall notice" : "") << "\n";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f s", s.seconds);
  std::cout << "total: " << s.topics.size() << (s.topics.size() == 1 ? " topic, " : " topics, ")
            << counts_text(s.totals) << "\n"
            << "wrote " << s.db_path << " (" << human_size(s.kb_bytes) << ") in " << seconds << "\n";
}

}  // namespace

void add_build_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand(
      "build", "Index topic files (or folders of them) into a new KB, replacing the old one atomically");
  cmd->add_option("paths", options->paths, "Topic files or folders")->capture_default_str();
  cmd->footer("Example: kbindex build corpus/ --db kb.sqlite");
  cmd->callback([options, &global, &outcome] {
    auto summary = build_kb(options->paths, global.db);
    if (!summary.ok()) {
      outcome.status = summary.status();
      return;
    }
    print_summary(*summary, global.json);
  });
}

}  // namespace kb
