// The JSON API: a query command run with parameters from a URL, answering with the document
// `kbquery COMMAND --json` prints. The command line itself parses the parameters (the same
// CLI11 apps, the same checks, the same messages), so the two can never read a request
// differently; the web pages render these same documents.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kb/output.h"
#include "kb/status.h"

namespace kb {

// The commands /api/ answers; none of them writes anything.
const std::vector<std::string>& api_commands();

// A request's parameters in their order: ("q", text) is the command's positional argument
// (the question, the query, the reference number); the others are its options without the
// dashes ("topic", "limit", "sort"; a flag as "explain" with "", "1" or "true").
using ApiParams = std::vector<std::pair<std::string, std::string>>;

// The document of COMMAND over the KB at DB. Usage errors (an unknown command or parameter,
// a value the CLI refuses) are Status::Usage with the CLI's message; a topic or reference that
// does not exist is NotFound.
Result<Json> command_document(const std::string& db, const std::string& command, const ApiParams& params);

}  // namespace kb
