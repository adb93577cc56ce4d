// What a KB file holds, read the way a person checks it with the sqlite3 shell: for tests that
// look past kbquery's output at the rows themselves.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace e2e {

// The first column of the first row of SQL on the KB at DB_PATH, opened read-only; fails the
// test when the file does not open, SQL does not prepare, or no row comes.
std::int64_t sql_count(const std::string& db_path, const std::string& sql);
// The first column of every row, as text.
std::vector<std::string> sql_column(const std::string& db_path, const std::string& sql);

}  // namespace e2e
