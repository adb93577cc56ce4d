#include "kb_rows.h"

#include <catch2/catch.hpp>

#include "kb/db.h"

namespace e2e {

std::int64_t sql_count(const std::string& db_path, const std::string& sql) {
  auto db = kb::Database::open(db_path, kb::Database::Mode::ReadOnly);
  REQUIRE(db.ok());
  auto st = (*db)->prepare(sql);
  INFO(sql);
  REQUIRE(st.ok());
  REQUIRE(st->step());
  return st->column_int(0);
}

std::vector<std::string> sql_column(const std::string& db_path, const std::string& sql) {
  auto db = kb::Database::open(db_path, kb::Database::Mode::ReadOnly);
  REQUIRE(db.ok());
  auto st = (*db)->prepare(sql);
  INFO(sql);
  REQUIRE(st.ok());
  std::vector<std::string> values;
  while (st->step()) values.push_back(st->column_text(0));
  REQUIRE(st->status().ok());
  return values;
}

}  // namespace e2e
