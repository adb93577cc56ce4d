// kbquery: answers evidence questions from the KB. It opens the KB read-only.
#include "kb/cli.h"
#include "query/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"kbquery: search the evidence KB and answer questions about the evidence", "kbquery"};
  app.set_version_flag("--version", std::string("kbquery ") + KB_VERSION);
  kb::GlobalOptions global;
  kb::CommandOutcome outcome;
  kb::add_global_options(app, global);
  kb::add_search_command(app, global, outcome);
  kb::add_topics_command(app, global, outcome);
  kb::add_stats_command(app, global, outcome);
  kb::add_ref_command(app, global, outcome);
  kb::add_recs_command(app, global, outcome);
  kb::add_logic_command(app, global, outcome);
  kb::add_ask_command(app, global, outcome);
  kb::add_refs_command(app, global, outcome);
  kb::add_export_command(app, global, outcome);
  kb::add_match_command(app, global, outcome);
  kb::add_studies_command(app, global, outcome);
  kb::add_audit_command(app, global, outcome);
  kb::add_impact_command(app, global, outcome);
  kb::add_serve_command(app, global, outcome);
  kb::add_report_command(app, global, outcome);
  kb::add_graph_command(app, global, outcome);
  return kb::run_cli(app, argc, argv, outcome);
}
