// `kbindex parse-refs [FILE|-] --json`: reference strings in, one parsed reference out per
// line, in the same order. Needs no KB.
#pragma once

#include <CLI/CLI.hpp>

#include "kb/cli.h"

namespace kb {

void add_parse_refs_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome);

}  // namespace kb
