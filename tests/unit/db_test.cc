// Statement::each, the one way readers walk rows: every row seen, an error met while stepping
// returned (never a silently shorter list), the statement reset for its next use.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "kb/db.h"

namespace {

// An in-memory database with t(x) holding XS, in order.
std::unique_ptr<kb::Database> numbers(const std::vector<std::string>& xs) {
  auto db = kb::Database::open(":memory:", kb::Database::Mode::ReadWriteCreate);
  REQUIRE(db.ok());
  REQUIRE((*db)->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, x INTEGER)").ok());
  for (const std::string& x : xs) REQUIRE((*db)->exec("INSERT INTO t(x) VALUES (" + x + ")").ok());
  return std::move(db.value());
}

}  // namespace

TEST_CASE("Statement::each visits every row, then resets the statement for its next use", "[db]") {
  auto db = numbers({"1", "2", "3"});
  auto st = db->prepare("SELECT x FROM t WHERE x >= ? ORDER BY id");
  REQUIRE(st.ok());
  std::vector<std::int64_t> seen;
  st->bind(1, 2);
  CHECK(st->each([&](const kb::Statement& row) { seen.push_back(row.column_int(0)); }).ok());
  CHECK(seen == std::vector<std::int64_t>{2, 3});
  seen.clear();
  st->bind(1, 1);
  CHECK(st->each([&](const kb::Statement& row) { seen.push_back(row.column_int(0)); }).ok());
  CHECK(seen == std::vector<std::int64_t>{1, 2, 3});
}

TEST_CASE("Statement::each returns an error met while stepping, after the rows before it", "[db]") {
  // abs() of the smallest integer fails at run time, on the second row: prepare succeeds.
  auto db = numbers({"1", "-9223372036854775808", "3"});
  auto st = db->prepare("SELECT abs(x) FROM t ORDER BY id");
  REQUIRE(st.ok());
  std::vector<std::int64_t> seen;
  kb::Status s = st->each([&](const kb::Statement& row) { seen.push_back(row.column_int(0)); });
  CHECK_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::Contains("integer overflow"));
  CHECK(seen == std::vector<std::int64_t>{1});
  CHECK(st->status().ok());  // reset: the error was handed over, not kept for the next use
}

TEST_CASE("Statement::each stops at the first row whose callback fails, and returns that status", "[db]") {
  auto db = numbers({"1", "2", "3"});
  auto st = db->prepare("SELECT x FROM t ORDER BY id");
  REQUIRE(st.ok());
  int calls = 0;
  kb::Status s = st->each([&](const kb::Statement& row) -> kb::Status {
    ++calls;
    return row.column_int(0) == 2 ? kb::Status::NotFound("no 2 wanted") : kb::Status::Ok();
  });
  CHECK(s.code() == kb::Code::NotFound);
  CHECK(s.message() == "no 2 wanted");
  CHECK(calls == 2);
}
