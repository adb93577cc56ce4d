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
  bool fresh = false;
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

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

// "1 topic changed, 0 added, 0 removed, 6 unchanged; 2 imported studies kept, 2 links re-scored"
std::string changes_text(const BuildChanges& c) {
  std::string out = plural(c.changed, "topic", "topics") + " changed, " + std::to_string(c.added) + " added, " +
                    std::to_string(c.removed) + " removed, " + std::to_string(c.unchanged) + " unchanged";
  if (c.moved > 0) out += " (" + std::to_string(c.moved) + " of them read from a new path)";
  const CarriedForward& i = c.imports;
  out += "; " + plural(i.imported_studies, "imported study", "imported studies") + " kept (" +
         plural(i.enriched_studies, "enriched", "enriched") + "), " + plural(i.links_kept, "link", "links") +
         " from them kept, " + std::to_string(i.links_rescored) + " re-scored, " + std::to_string(i.links_added) +
         " added, " + std::to_string(i.links_dropped) + " dropped";
  if (i.redesigned_references > 0)
    out += ", " + plural(i.redesigned_references, "reference", "references") + " given the design an import sharpened";
  if (i.now_cited > 0) out += ", " + plural(i.now_cited, "imported study", "imported studies") + " now cited by a topic";
  if (i.dropped_studies > 0)
    out += ", " + plural(i.dropped_studies, "study", "studies") + " no topic cites and no import brought dropped";
  return out;
}

nlohmann::ordered_json changes_json(const BuildChanges& c) {
  const CarriedForward& i = c.imports;
  nlohmann::ordered_json out = {
      {"updated", c.updated},     {"up_to_date", c.up_to_date}, {"added", c.added},
      {"changed", c.changed},     {"removed", c.removed},       {"unchanged", c.unchanged},
      {"moved", c.moved},         {"removed_topics", c.removed_topics},
      {"imports", {{"imported_studies", i.imported_studies}, {"enriched_studies", i.enriched_studies},
                   {"released_studies", i.released_studies}, {"now_cited", i.now_cited},
                   {"dropped_studies", i.dropped_studies}, {"redesigned_references", i.redesigned_references},
                   {"links_kept", i.links_kept}, {"links_rescored", i.links_rescored},
                   {"links_added", i.links_added}, {"links_dropped", i.links_dropped}, {"details", i.details}}}};
  if (!c.reanalysed_because.empty()) out["reanalysed_because"] = c.reanalysed_because;
  if (c.migration)
    out["migration"] = {{"from", c.migration->from}, {"to", c.migration->to}, {"backup", c.migration->backup_path}};
  if (c.dropped)
    out["fresh_dropped"] = {{"imports", c.dropped->imports}, {"imported_studies", c.dropped->imported_studies},
                            {"enrichments", c.dropped->enrichments}, {"imported_links", c.dropped->imported_links}};
  return out;
}

// What the build did beyond the topics' own counts, for people, on stderr: a migration, a
// reason to read every topic again, what --fresh dropped, each link re-scored or dropped.
void print_notices(const BuildSummary& s) {
  const BuildChanges& c = s.changes;
  if (c.migration) std::cerr << describe(*c.migration, s.db_path) << "\n";
  if (!c.reanalysed_because.empty()) std::cerr << "every topic analysed again: " << c.reanalysed_because << "\n";
  if (c.dropped) {
    const FreshDrops& d = *c.dropped;
    std::cerr << "--fresh: " << s.db_path << " rebuilt from the topics alone; dropped what imports brought: "
              << plural(d.imports, "import", "imports") << ", " << plural(d.imported_studies, "imported study", "imported studies")
              << ", " << plural(d.enrichments, "enriched field", "enriched fields") << ", "
              << plural(d.imported_links, "inferred link", "inferred links") << " from imported studies\n";
  }
  for (const std::string& line : c.imports.details) std::cerr << "kept work: " << line << "\n";
}

void print_summary(Output& output, const BuildSummary& s, bool json) {
  // Notes are for the person fixing the source: on stderr, as file:line, in both modes.
  for (const TopicSummary& t : s.topics)
    for (const Diagnostic& d : t.notes)
      std::cerr << t.path << ":" << d.line << ": note: " << d.message << "\n";
  print_notices(s);
  if (json) {
    nlohmann::ordered_json out;
    out["db"] = s.db_path;
    out["topics"] = nlohmann::ordered_json::array();
    for (const TopicSummary& t : s.topics) {
      nlohmann::ordered_json topic = {{"topic", t.slug}, {"title", t.title}, {"path", t.path},
                                      {"truncated", t.truncated}, {"change", t.change}};
      topic.update(counts_json(t.counts));
      out["topics"].push_back(topic);
    }
    nlohmann::ordered_json totals = {{"topics", s.total_topics}};
    totals.update(counts_json(s.totals));
    out["totals"] = totals;
    out["changes"] = changes_json(s.changes);
    out["kb_bytes"] = s.kb_bytes;
    out["seconds"] = s.seconds;
    output.document(out);
    return;
  }
  for (const TopicSummary& t : s.topics)
    output.text() << t.slug << ": " << (s.changes.updated ? t.change + ": " : "") << counts_text(t.counts)
              << (t.truncated ? "; text stops at a paywall notice" : "") << "\n";
  for (const std::string& slug : s.changes.removed_topics) output.text() << slug << ": removed\n";
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.2f s", s.seconds);
  if (s.changes.updated) output.text() << "changes: " << changes_text(s.changes) << "\n";
  output.text() << "total: " << s.total_topics << (s.total_topics == 1 ? " topic, " : " topics, ")
            << counts_text(s.totals) << "\n";
  if (s.changes.up_to_date)
    output.text() << s.db_path << " is up to date; nothing written (" << human_size(s.kb_bytes) << ", " << seconds << ")\n";
  else
    output.text() << "wrote " << s.db_path << " (" << human_size(s.kb_bytes) << ") in " << seconds << "\n";
}

}  // namespace

void add_build_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<BuildOptions>();
  CLI::App* cmd = app.add_subcommand(
      "build", "Bring a KB up to date with topic files (or folders of them), keeping what `kbindex add` brought");
  cmd->add_option("paths", options->paths, "Topic files or folders")->capture_default_str();
  cmd->add_flag("--fresh", options->fresh,
                "Build from the topics alone, dropping what imports brought (and saying what)");
  cmd->footer(
      "Topics added, changed (by content) or removed are written or dropped; unchanged ones are kept without\n"
      "being read again; imported studies, their enrichments and their links are carried forward. The KB is\n"
      "written on a copy that replaces it only when whole. A KB of an older release is upgraded first.\n"
      "Example: kbindex build corpus/ --db kb.sqlite");
  cmd->callback([options, &global, &outcome] {
    auto summary = build_kb(options->paths, global.db, BuildMode{options->fresh});
    if (!summary.ok()) {
      outcome.status = summary.status();
      return;
    }
    print_summary(*global.output, *summary, global.json);
  });
}

}  // namespace kb
