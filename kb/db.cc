#include "kb/db.h"

#include <cstdio>

#include <sys/stat.h>

#include <utility>

namespace kb {

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), status_(std::move(other.status_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    stmt_ = std::exchange(other.stmt_, nullptr);
    db_ = other.db_;
    status_ = std::move(other.status_);
  }
  return *this;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::bind(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE && status_.ok()) {
    std::string msg = sqlite3_errmsg(db_);
    if (rc == SQLITE_FULL) status_ = Status::IO("database or disk is full (" + msg + ")");
    else if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB) status_ = Status::Corrupt(msg);
    else status_ = Status::IO(msg);
  }
  return false;
}

Status Statement::run() {
  while (step()) {
  }
  Status s = status_;
  reset();
  return s;
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status::Ok();
}

std::int64_t Statement::column_int(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::column_double(int col) const { return sqlite3_column_double(stmt_, col); }
bool Statement::column_is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::string Statement::column_text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (!text) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string Statement::column_blob(int col) const {
  const void* bytes = sqlite3_column_blob(stmt_, col);
  if (!bytes) return {};
  return std::string(static_cast<const char*>(bytes), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
}

namespace {

// A write killed midway (kill -9 of `kbindex add`, a power cut) leaves PATH-journal, which
// SQLite rolls back on the next open, but only on a connection that may write: a read-only one
// gets SQLITE_READONLY_ROLLBACK instead. So a reader that finds a journal lets a read-write
// connection look first. With a live writer the journal is not hot and nothing happens.
void roll_back_interrupted_write(const std::string& path) {
  struct stat st {};
  if (::stat((path + "-journal").c_str(), &st) != 0) return;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    (void)sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr);
  }
  sqlite3_close(db);
}

}  // namespace

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Mode mode) {
  if (mode == Mode::ReadOnly) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
      return Status::NotFound(path + ": no knowledge base here; build one with `kbindex build` "
                              "(or choose another with --db or KB_DB)");
    if (S_ISDIR(st.st_mode)) return Status::IO(path + ": is a directory, not a knowledge base");
    roll_back_interrupted_write(path);
  }
  sqlite3* db = nullptr;
  int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY
                                     : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status::IO(path + ": cannot open (" + msg + ")");
  }
  sqlite3_extended_result_codes(db, 0);
  sqlite3_busy_timeout(db, 5000);
  auto database = std::unique_ptr<Database>(new Database(db, path));
  if (Status s = database->exec("PRAGMA foreign_keys = ON"); !s.ok()) return s;
  if (mode == Mode::ReadOnly && sqlite3_exec(db, "PRAGMA schema_version", nullptr, nullptr, nullptr) == SQLITE_READONLY)
    return Status::IO(path + ": a write to it was interrupted, and " + path +
                      "-journal holds what it changed; let a user who may write in its folder run any kbquery "
                      "command once, which rolls the write back");
  return database;
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::copy_to(const std::string& path) {
  sqlite3* target = nullptr;
  auto fail = [&](const std::string& why) {
    sqlite3_close(target);
    std::remove(path.c_str());
    return Status::IO(path + ": cannot copy " + path_ + " there (" + why + ")");
  };
  if (sqlite3_open_v2(path.c_str(), &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                      nullptr) != SQLITE_OK)
    return fail(target ? sqlite3_errmsg(target) : "out of memory");
  // The copy is new and private until the caller renames it: no journal to keep.
  sqlite3_exec(target, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF", nullptr, nullptr, nullptr);
  sqlite3_backup* backup = sqlite3_backup_init(target, "main", db_, "main");
  if (backup == nullptr) return fail(sqlite3_errmsg(target));
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return fail(rc == SQLITE_FULL ? "disk full" : sqlite3_errstr(rc));
  if (sqlite3_close(target) != SQLITE_OK) return fail("close failed");
  return Status::Ok();
}

Status Database::error(std::string_view what) const {
  int rc = sqlite3_errcode(db_);
  std::string msg = path_ + ": " + std::string(what) + " (" + sqlite3_errmsg(db_) + ")";
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    return Status::Corrupt(path_ + ": not a knowledge base (" + sqlite3_errmsg(db_) +
                           "); rebuild it with `kbindex build --fresh` (it replaces the file)");
  if (rc == SQLITE_FULL) return Status::IO(msg);
  return Status::IO(msg);
}

Status Database::exec(std::string_view sql) {
  char* err = nullptr;
  std::string text(sql);
  int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
    return Status::Corrupt(path_ + ": not a knowledge base (" + msg + "); rebuild it with `kbindex build --fresh` (it replaces the file)");
  return Status::IO(path_ + ": " + msg);
}

Result<Statement> Database::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return error("cannot prepare a query");
  return Statement(stmt, db_);
}

std::int64_t Database::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

bool sqlite_has_fts5() {
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    sqlite3_close(db);
    return false;
  }
  int rc = sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc == SQLITE_OK;
}

Result<std::vector<std::string>> set_triggers_aside(Database& db, const std::string& name_like) {
  auto triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\\'");
  if (!triggers.ok()) return triggers.status();
  triggers->bind(1, name_like);
  std::vector<std::string> names, statements;
  Status read = triggers->each([&](const Statement& row) {
    names.push_back(row.column_text(0));
    statements.push_back(row.column_text(1));
  });
  if (!read.ok()) return read;
  for (const std::string& name : names)
    if (Status s = db.exec("DROP TRIGGER " + name); !s.ok()) return s;
  return statements;
}

std::string json_id_list(const std::vector<std::int64_t>& ids) {
  std::string list = "[";
  for (std::int64_t id : ids) {
    if (list.size() > 1) list += ',';
    list += std::to_string(id);
  }
  list += ']';
  return list;
}

}  // namespace kb
