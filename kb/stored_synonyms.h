// The synonym groups a KB was built with (its synonyms table), read back so that questions
// (`kbquery ask`) and added studies (`kbindex add`) meet the same concepts as the build.
#pragma once

#include "kb/concepts.h"
#include "kb/db.h"
#include "kb/status.h"

namespace kb {

Result<SynonymGroups> read_stored_synonyms(Database& db);

}  // namespace kb
