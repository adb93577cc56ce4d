// The kbquery subcommands; each lives in its own *_command.cc (the web app's in query/web/).
#pragma once

#include <CLI/CLI.hpp>

#include "kb/cli.h"

namespace kb {

void add_search_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_topics_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_stats_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_ref_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_recs_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_logic_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_ask_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_refs_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_export_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_match_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_audit_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_impact_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_studies_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_serve_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_report_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);
void add_graph_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);

}  // namespace kb
