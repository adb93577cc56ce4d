// RAII wrappers over SQLite: a connection and its prepared statements. Errors come back
// as kb::Status naming the database file, never as exceptions.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>
#include <string_view>
#include <type_traits>
#include <utility>

#include "kb/status.h"

namespace kb {

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binders take 1-based indexes, as SQLite does. They return *this for chaining.
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, std::string_view text);
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);

  // Advances; true while a row is available. Errors are kept and reported by status().
  bool step();
  // Runs a statement that returns no rows, then resets it for the next use.
  Status run();
  void reset();
  // Steps through every row, calling ON_ROW(const Statement&) with each, then resets the
  // statement for its next use (bindings cleared). ON_ROW may return a Status: one not OK
  // stops the walk and is returned. Otherwise the first error of stepping, or OK: a
  // `while (step())` loop can forget status() (or reset() it away); this cannot.
  template <class OnRow>
  Status each(OnRow&& on_row);

  std::int64_t column_int(int col) const;
  double column_double(int col) const;
  std::string column_text(int col) const;
  std::string column_blob(int col) const;  // the bytes as stored, NULs included
  bool column_is_null(int col) const;

  // False for a default-constructed statement, one never prepared.
  bool prepared() const { return stmt_ != nullptr; }

  // The first error seen by step() since the last reset, or OK.
  const Status& status() const { return status_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
  sqlite3* db_ = nullptr;
  Status status_;
};

template <class OnRow>
Status Statement::each(OnRow&& on_row) {
  Status s;
  while (s.ok() && step()) {
    if constexpr (std::is_same_v<std::invoke_result_t<OnRow&, const Statement&>, Status>)
      s = on_row(std::as_const(*this));
    else
      on_row(std::as_const(*this));
  }
  if (s.ok()) s = status_;
  reset();
  return s;
}

class Database {
 public:
  enum class Mode { ReadOnly, ReadWriteCreate };

  // Opens PATH. ReadOnly refuses a missing file with a NotFound status telling the user
  // how to build one; neither mode creates anything until the first write.
  static Result<std::unique_ptr<Database>> open(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  Status exec(std::string_view sql);
  Result<Statement> prepare(std::string_view sql);
  std::int64_t last_insert_id() const;
  sqlite3* handle() { return db_; }
  const std::string& path() const { return path_; }
  // "PATH: message (SQLite's own words)".
  Status error(std::string_view what) const;
  // Copies the whole database, as one consistent snapshot, into a new file at PATH (SQLite's
  // online backup, page by page: no reparse, no vacuum). PATH is removed again on failure.
  Status copy_to(const std::string& path);

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// True when the linked SQLite can create FTS5 tables; the tools refuse to run without it.
bool sqlite_has_fts5();

// IDS as a JSON array, "[1,2,3]": bound to one parameter and read with json_each(?), a list
// of any length is one statement ("WHERE id IN (SELECT value FROM json_each(?))").
std::string json_id_list(const std::vector<std::int64_t>& ids);

// Drops the triggers whose names match the LIKE pattern (escape character '\\') and returns the
// statements that create them again: a long write sets full-text triggers aside so, and runs
// the statements before its commit (a rollback restores them with everything else).
Result<std::vector<std::string>> set_triggers_aside(Database& db, const std::string& name_like);

}  // namespace kb
