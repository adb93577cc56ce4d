#include "indexer/add_command.h"

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "indexer/formats/format_registry.h"
#include "indexer/imports/kb_importer.h"
#include "indexer/kb_lock.h"
#include "indexer/kb_migrate.h"

namespace kb {
namespace {

struct AddOptions {
  std::vector<std::string> files;
};

const char* rule_words(const std::string& rule) {
  if (rule == "pmid") return "by PMID";
  if (rule == "doi") return "by DOI";
  if (rule == "journal_volume_page") return "by journal, year, volume and page";
  if (rule == "author_title") return "by first author and title";
  return rule.c_str();
}

std::string plural(int n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

void print_summary(const Output& out, const ImportSummary& s) {
  if (s.already_added) {
    out.text() << s.path << ": added before (" << s.added_at << "); nothing changed\n";
    return;
  }
  std::string matched;
  for (const auto& [rule, n] : s.matched_by)
    matched.append(matched.empty() ? "" : ", ").append(std::to_string(n)).append(" ").append(rule_words(rule));
  out.text() << s.path << " (" << s.format << "): " << plural(s.records, "record", "records") << "; "
            << s.matched << " matched a known study" << (matched.empty() ? "" : " (" + matched + ")") << ", "
            << plural(s.enriched_studies, "study", "studies") << " enriched, "
            << (s.merged_studies > 0 ? plural(s.merged_studies, "study", "studies") + " merged into the study it duplicated (same PMID or DOI), " : std::string())
            << plural(s.redesigned_references, "reference", "references") << " with a new design label; "
            << plural(s.new_studies, "new study", "new studies") << ", "
            << plural(s.new_evidence_links, "link", "links") << " from them to recommendations (inferred)\n";
}

nlohmann::ordered_json summary_json(const ImportSummary& s) {
  return {{"path", s.path},
          {"format", s.format},
          {"already_added", s.already_added},
          {"records", s.records},
          {"matched", s.matched},
          {"matched_by", s.matched_by},
          {"enriched_studies", s.enriched_studies},
          {"merged_studies", s.merged_studies},
          {"redesigned_references", s.redesigned_references},
          {"new_studies", s.new_studies},
          {"new_evidence_links", s.new_evidence_links}};
}

Status run_add(const AddOptions& options, const GlobalOptions& global) {
  namespace fs = std::filesystem;
  const fs::path target = fs::absolute(global.db);
  auto lock = KbLock::acquire(target.parent_path(), global.db);
  if (!lock.ok()) return lock.status();
  // A KB of an older release is upgraded first (after a backup), and the user told so.
  auto upgraded = upgrade_if_older(global.db);
  if (!upgraded.ok()) return upgraded.status();
  if (*upgraded) std::cerr << describe(**upgraded, global.db) << "\n";
  auto importer = KbImporter::open(global.db);
  if (!importer.ok()) return importer.status();
  std::vector<ImportSummary> summaries;
  for (const std::string& file : options.files) {
    auto summary = (*importer)->add_file(file);
    if (!summary.ok()) {
      const Status& s = summary.status();
      return Status(s.code() == Code::Usage ? Status::Usage(s.message())
                                             : Status::Parse(s.message() + "\nnothing was added; " + global.db +
                                                             " is as it was"));
    }
    summaries.push_back(*summary);
  }
  if (Status s = (*importer)->commit(); !s.ok())  // rolled back: a full disk stops the commit, not the KB
    return Status::IO(s.message() + "\nnothing was added; " + global.db + " is as it was");
  if (global.json) {
    Json doc = {{"db", global.db}, {"files", Json::array()}};
    for (const ImportSummary& s : summaries) doc["files"].push_back(summary_json(s));
    global.output->document(doc);
    return Status::Ok();
  }
  for (const ImportSummary& s : summaries) print_summary(*global.output, s);
  return Status::Ok();
}

}  // namespace

void add_add_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<AddOptions>();
  CLI::App* cmd = app.add_subcommand(
      "add", "Add studies from " + format_list(FormatKind::Import, FormatNotes::HelpNotes) + " files to a built KB");
  cmd->add_option("files", options->files, "Import files; the format is read from the content")->required();
  cmd->footer(
      "Each record is matched to a study the KB knows (by PMID, DOI, journal/year/volume/page, or first author\n"
      "and title) and fills in what it lacked; a record that matches none becomes a new study, linked to the\n"
      "recommendations it bears on by inference. All files go in one transaction: on any error nothing is\n"
      "added. A file added before is skipped.\n"
      "Example: kbindex add pubmed_result.xml citations.ris --db kb.sqlite");
  cmd->callback([options, &global, &outcome] { outcome.status = run_add(*options, global); });
}

}  // namespace kb
