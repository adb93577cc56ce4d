// `kbindex build [PATH ...]`: index topics into a new KB.
#pragma once

#include <CLI/CLI.hpp>

#include "kb/cli.h"

namespace kb {

void add_build_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);

}  // namespace kb
