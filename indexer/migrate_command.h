// `kbindex migrate`: upgrades a KB written by an older release, in place, after a backup.
#pragma once

#include <CLI/CLI.hpp>

#include "kb/cli.h"

namespace kb {

void add_migrate_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);

}  // namespace kb
