// Whether a database file is a KB these tools can read: a kb_meta table with this build's
// schema version. Both kbquery and `kbindex add` refuse anything else the same way.
#pragma once

#include <string>
#include <string_view>

#include "kb/db.h"
#include "kb/status.h"

namespace kb {

// OK for a KB of this release's schema; else a Corrupt status naming PATH, what was found and
// what to do: migrate an older KB, rebuild what no migration reaches. TOOL names the reader
// in the message ("kbquery").
Status check_schema(Database& db, const std::string& path, std::string_view tool);

}  // namespace kb
