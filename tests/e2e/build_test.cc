// kbindex build on the real seed topic, end to end.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kb/schema.h"
#include "process.h"

using nlohmann::json;

TEST_CASE("kbindex build indexes the seed topic and prints its counts", "[e2e][build]") {
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({e2e::kbindex(), "build", e2e::seed_path(), "--db", "kb.sqlite", "--json"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json summary = json::parse(r.out);
  REQUIRE(summary["topics"].size() == 1);
  const json& topic = summary["topics"][0];
  CHECK(topic["topic"] == "the-role-of-local-therapies-in-metastatic-breast-cancer");
  CHECK(topic["truncated"] == true);
  CHECK(topic["paragraphs"] == 5);
  CHECK(topic["sentences"] == 19);
  CHECK(topic["references"] == 65);
  CHECK(topic["citations"] == 4);
  CHECK(topic["markers"] == 2);
  CHECK(topic["cross_references"] == 3);
  for (const char* key : {"topics", "paragraphs", "sentences", "references", "citations", "recommendations",
                          "evidence_links"})
    CHECK(summary["totals"].contains(key));
  CHECK(summary["totals"]["topics"] == 1);
  CHECK(std::filesystem::file_size(dir + "/kb.sqlite") == summary["kb_bytes"].get<std::uintmax_t>());
}

TEST_CASE("kbindex build prints one line per topic and the totals for people", "[e2e][build]") {
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({e2e::kbindex(), "build", e2e::seed_path(), "--db", "kb.sqlite"}, dir);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("the-role-of-local-therapies-in-metastatic-breast-cancer: 5 paragraphs, 19 sentences, "
                   "65 references, 4 citations (2 markers)") != std::string::npos);
  CHECK(r.out.find("total: 1 topic, 5 paragraphs") != std::string::npos);
}

TEST_CASE("kbindex build reads the folder given and KB_DB names the KB", "[e2e][build]") {
  std::string dir = e2e::temp_dir();
  std::filesystem::create_directories(dir + "/topics/nested");
  e2e::write(dir + "/topics/nested/seed.txt", e2e::seed_text());
  auto r = e2e::run({e2e::kbindex(), "build", "topics"}, dir, {"KB_DB=env.sqlite"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(std::filesystem::exists(dir + "/env.sqlite"));
  CHECK_FALSE(std::filesystem::exists(dir + "/kb.sqlite"));
}

TEST_CASE("kbindex build cleans up the temporary file of a build that died", "[e2e][build][atomic]") {
  std::string dir = e2e::temp_dir();
  e2e::write(dir + "/kb.sqlite.tmp-99999", "half a KB from a killed build");
  auto r = e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir + "/kb.sqlite.tmp-99999"));
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("kbindex build refuses two copies of one topic", "[e2e][build][errors]") {
  std::string dir = e2e::temp_dir();
  e2e::write(dir + "/a.txt", e2e::seed_text());
  e2e::write(dir + "/b.txt", e2e::seed_text());
  auto r = e2e::run({e2e::kbindex(), "build", "a.txt", "b.txt"}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("b.txt: topic 'The role of local therapies in metastatic breast cancer' is already read from a.txt") !=
        std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir + "/kb.sqlite"));
}

TEST_CASE("The KB is readable with the plain sqlite3 shell's SQL: views, offsets, meta", "[e2e][build][schema]") {
  std::string dir = e2e::temp_dir();
  REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
  // kbquery has no SQL command; the tests read the file the way a user's sqlite3 would,
  // through the library the tools link.
  auto q = e2e::run({"/usr/bin/sqlite3", "kb.sqlite",
                     "SELECT reference || '|' || marker FROM citation_context ORDER BY reference;"
                     "SELECT count(*) FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id"
                     " WHERE substr(p.text, s.start_char + 1, s.end_char - s.start_char) = s.text;"
                     "SELECT value FROM kb_meta WHERE key = 'schema_version';"
                     "PRAGMA foreign_key_check;"},
                    dir);
  if (q.exit_code == 127) SUCCEED("sqlite3 shell not installed");
  else CHECK(q.out == "1|[1-3]\n2|[1-3]\n3|[1-3]\n4|[4]\n19\n" + std::to_string(kb::kSchemaVersion) + "\n");
}
