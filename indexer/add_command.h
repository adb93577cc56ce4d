// `kbindex add FILE ...`: new evidence into a built KB.
#pragma once

#include <CLI/CLI.hpp>

#include "kb/cli.h"

namespace kb {

void add_add_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);

}  // namespace kb
