// `kbquery export --format ris|bibtex|csl-json|medline|csv [QUERY]`: the references a
// citation query selects (every reference without one), written to stdout in a format
// reference managers import. --topic and --limit narrow the selection as in `kbquery refs`.
#include <iostream>
#include <memory>

#include "kb/text.h"
#include "query/commands.h"
#include "query/export_bibtex.h"
#include "query/export_csl_json.h"
#include "query/export_csv.h"
#include "query/export_medline.h"
#include "query/export_ris.h"
#include "query/reference_search.h"

namespace kb {
namespace {

struct ExportOptions {
  std::string format;
  std::vector<std::string> query;  // the words of QUERY, joined by spaces
  std::string topic;
  int limit = 0;
};

std::string render(const std::string& format, const std::vector<StoredReference>& refs) {
  if (format == "ris") return export_ris(refs);
  if (format == "bibtex") return export_bibtex(refs);
  if (format == "csl-json") return export_csl_json(refs);
  if (format == "medline") return export_medline(refs);
  return export_csv(refs);
}

Status run_export(const ExportOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  // --json asks for a JSON document, and CSL-JSON is the one this command writes.
  std::string format = options.format;
  if (global.json && format.empty()) format = "csl-json";
  if (format.empty())
    return Status::Usage("--format is required: ris, bibtex, csl-json, medline or csv");
  if (global.json && format != "csl-json")
    return Status::Usage("--json writes CSL-JSON, but --format asks for " + format + "; give one of them");

  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  ReferenceFilter filter;
  filter.query = join(options.query, " ");
  filter.limit = options.limit;
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    filter.topic_id = topic->id;
  }
  auto found = search_references(**kb, filter);
  if (!found.ok()) return found.status();
  std::vector<StoredReference> refs;
  refs.reserve(found->size());
  for (ScoredReference& s : *found) refs.push_back(std::move(s.reference));
  // stdout holds the file alone; a note for the person goes to stderr.
  if (refs.empty()) std::cerr << "kbquery: no reference matched; the " << format << " export is empty\n";
  out.text() << render(format, refs) << std::flush;
  if (!out.text()) return Status::IO("could not write the export to standard output");
  return Status::Ok();
}

}  // namespace

void add_export_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "The references a citation query selects, for reference managers");
  cmd->add_option("--format", options->format, "ris, bibtex, csl-json, medline (.nbib) or csv")
      ->check(CLI::IsMember({"ris", "bibtex", "csl-json", "medline", "csv"}));
  cmd->add_option("query", options->query, "A citation query as for `kbquery refs`; none: every reference");
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->add_option("--limit", options->limit, "At most this many references (default: all)")->check(CLI::Range(1, 1000000));
  cmd->footer("Example: kbquery export --format ris > refs.ris");
  cmd->callback([options, &global, &outcome] { outcome.status = run_export(*options, global); });
}

}  // namespace kb
