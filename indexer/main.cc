// kbindex: builds the evidence KB from topics and adds new evidence to it.
#include "indexer/add_command.h"
#include "indexer/build_command.h"
#include "indexer/migrate_command.h"
#include "indexer/parse_refs_command.h"
#include "kb/cli.h"

int main(int argc, char** argv) {
  CLI::App app{"kbindex: index clinical topics and their evidence into an SQLite knowledge base",
               "kbindex"};
  app.set_version_flag("--version", std::string("kbindex ") + KB_VERSION);
  kb::GlobalOptions global;
  kb::CommandOutcome outcome;
  kb::add_global_options(app, global);
  kb::add_build_command(app, global, outcome);
  kb::add_add_command(app, global, outcome);
  kb::add_migrate_command(app, global, outcome);
  kb::add_parse_refs_command(app, global, outcome);
  return kb::run_cli(app, argc, argv, outcome);
}
