// The output layer shared by every kbquery command: one JSON document for programs, or
// text for people, both on stdout.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kb {

using Json = nlohmann::ordered_json;

// Prints DOC indented, invalid UTF-8 replaced rather than thrown on.
void print_json(const Json& doc);

// A score as people read it: two decimals.
std::string format_score(double score);

}  // namespace kb
