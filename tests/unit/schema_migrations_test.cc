// Each migration step, on the schema the release before wrote (tests/data/schema/), gives the
// schema this release writes: the same tables with the same columns in the same order, the
// same indexes, triggers and views. A step that forgets a column or an index fails here.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/file_io.h"
#include "kb/schema.h"
#include "kb/schema_migrations.h"

namespace {

// Every object of the schema and, for tables, each column with its type, default, key and
// nullability: what a reader of the KB depends on, whatever the CREATE text says.
std::vector<std::string> shape(kb::Database& db) {
  std::vector<std::string> out;
  auto objects = db.prepare("SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
  REQUIRE(objects.ok());
  std::vector<std::pair<std::string, std::string>> tables;
  while (objects->step()) {
    out.push_back(objects->column_text(0) + " " + objects->column_text(1) + " on " + objects->column_text(2));
    if (objects->column_text(0) == "table") tables.emplace_back(objects->column_text(1), "");
  }
  REQUIRE(objects->status().ok());
  for (const auto& [table, unused] : tables) {
    auto columns = db.prepare("SELECT cid, name, type, \"notnull\", coalesce(dflt_value, 'NULL'), pk FROM pragma_table_info(?)");
    REQUIRE(columns.ok());
    columns->bind(1, table);
    while (columns->step())
      out.push_back(table + "." + columns->column_text(0) + " " + columns->column_text(1) + " " + columns->column_text(2) +
                    " notnull=" + columns->column_text(3) + " default=" + columns->column_text(4) +
                    " pk=" + columns->column_text(5));
    REQUIRE(columns->status().ok());
    auto indexes = db.prepare("SELECT name, \"unique\" FROM pragma_index_list(?) ORDER BY name");
    REQUIRE(indexes.ok());
    indexes->bind(1, table);
    while (indexes->step()) out.push_back(table + " index " + indexes->column_text(0) + " unique=" + indexes->column_text(1));
    REQUIRE(indexes->status().ok());
  }
  return out;
}

std::unique_ptr<kb::Database> memory_db() {
  auto db = kb::Database::open(":memory:", kb::Database::Mode::ReadWriteCreate);
  REQUIRE(db.ok());
  return std::move(db.value());
}

}  // namespace

TEST_CASE("Migrating the released schema 4 gives the schema this release writes", "[schema][migrate]") {
  auto v4 = kb::read_file(KB_TEST_DATA_DIR "/schema/v4.sql");
  REQUIRE(v4.ok());
  auto old_kb = memory_db();
  REQUIRE(old_kb->exec(*v4).ok());
  REQUIRE(old_kb->exec("INSERT INTO kb_meta VALUES ('schema_version', '4')").ok());
  REQUIRE(old_kb->exec("BEGIN").ok());
  auto ran = kb::migrate_schema(*old_kb, 4);
  INFO(ran.status().message());
  REQUIRE(ran.ok());
  REQUIRE(old_kb->exec("COMMIT").ok());
  CHECK(ran->size() == static_cast<std::size_t>(kb::kSchemaVersion - 4));
  auto version = kb::read_schema_version(*old_kb, "v4");
  REQUIRE(version.ok());
  CHECK(*version == kb::kSchemaVersion);

  auto fresh = memory_db();
  REQUIRE(fresh->exec(kb::kSchemaSql).ok());
  CHECK(shape(*old_kb) == shape(*fresh));
}

TEST_CASE("The schema version of a file that is not a KB, or a KB of no known version, is refused by name",
          "[schema][migrate]") {
  auto empty = memory_db();
  auto none = kb::read_schema_version(*empty, "empty.sqlite");
  REQUIRE_FALSE(none.ok());
  CHECK(none.status().message() == "empty.sqlite: not a knowledge base (it has no kb_meta table)");

  auto db = memory_db();
  REQUIRE(db->exec("CREATE TABLE kb_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                   "INSERT INTO kb_meta VALUES ('schema_version', 'four')").ok());
  auto bad = kb::read_schema_version(*db, "odd.sqlite");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "odd.sqlite: schema_version 'four' is not a number");
  REQUIRE(db->exec("BEGIN").ok());
  auto stuck = kb::migrate_schema(*db, 2);
  REQUIRE_FALSE(stuck.ok());
  CHECK(stuck.status().message().find("no migration from schema version 2 to " + std::to_string(kb::kSchemaVersion)) !=
        std::string::npos);
}
