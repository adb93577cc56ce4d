// Whole-file reads and the durable rename that makes a new KB appear atomically.
#pragma once

#include <string>
#include <vector>

#include "kb/status.h"

namespace kb {

// Reads PATH whole. Refuses directories and files over MAX_BYTES with a message naming PATH.
Result<std::string> read_file(const std::string& path, std::size_t max_bytes = std::size_t{1} << 30);

// Files named by PATHS, folders expanded recursively (hidden entries skipped), each folder's
// files in name order. A missing path is a NotFound status naming it.
Result<std::vector<std::string>> expand_paths(const std::vector<std::string>& paths);

// fsyncs FROM, renames it over TO and fsyncs the folder, so that after a crash either the
// old or the new file is there, whole.
Status durable_rename(const std::string& from, const std::string& to);

}  // namespace kb
