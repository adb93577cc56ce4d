// Bad input and KB faults: a clear message naming the file and line, a non-zero exit,
// and the KB on disk byte-identical afterwards.
#include <catch2/catch.hpp>
#include <filesystem>

#include "kb/schema.h"
#include "process.h"

namespace {

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

struct BrokenCopy {
  std::string name;
  std::string content;
  std::string expected_error;  // what stderr must hold
};

std::vector<BrokenCopy> broken_copies() {
  const std::string seed = e2e::seed_text();
  const auto body_cut = seed.find("As such, we typically");
  const auto list_cut = seed.find("  3. Leung AM");
  return {
      {"empty.txt", "", "empty.txt:1: the file is empty; expected a topic"},
      {"binary.txt", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10) + seed, "binary.txt:1: binary data (a NUL byte)"},
      {"latin1.txt", replace_once(seed, "G\xC3\xBCller", "G\xFCller"), "latin1.txt:41: not valid UTF-8"},
      {"cut-in-body.txt", seed.substr(0, body_cut),
       "cut-in-body.txt:16: marker [1-3] cites reference 1, but the topic has no reference list; is the file cut off?"},
      {"cut-in-list.txt", seed.substr(0, list_cut),
       "cut-in-list.txt:16: marker [1-3] cites reference 3, but the reference list has 2 entries"},
      {"duplicate-number.txt", replace_once(seed, "  7. Soran A", "  6. Soran A"),
       "duplicate-number.txt:39: reference 6 appears twice (first at line 38)"},
      {"missing-number.txt", replace_once(seed, "  7. Soran A", "  8. Soran A"),
       "missing-number.txt:40: reference 8 appears twice (first at line 39)"},
      {"dangling-marker.txt", replace_once(seed, "lacking [4]", "lacking [4,70]"),
       "dangling-marker.txt:18: marker [4,70] cites reference 70, but the reference list has 65 entries"},
      {"pubmed.xml", "<?xml version=\"1.0\"?>\n<PubmedArticleSet></PubmedArticleSet>\n",
       "pubmed.xml: is PubMed XML, a list of studies rather than a topic"},
  };
}

}  // namespace

TEST_CASE("A broken topic fails the build with file and line, and the KB stays byte-identical", "[e2e][errors]") {
  std::string dir = e2e::temp_dir();
  REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  for (const BrokenCopy& copy : broken_copies()) {
    DYNAMIC_SECTION(copy.name) {
      e2e::write(dir + "/" + copy.name, copy.content);
      auto r = e2e::run({e2e::kbindex(), "build", copy.name}, dir);
      INFO(r.err);
      CHECK(r.exit_code >= 1);
      CHECK(r.exit_code <= 2);
      CHECK(r.err.find(copy.expected_error) != std::string::npos);
      CHECK(r.out.empty());
      CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
    }
  }
}

TEST_CASE("A build whose target cannot be written fails and leaves no temporary file", "[e2e][errors]") {
  std::string dir = e2e::temp_dir();
  auto r = e2e::run({e2e::kbindex(), "build", e2e::seed_path(), "--db", "no/such/folder/kb.sqlite"}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no/such/folder/kb.sqlite: folder") != std::string::npos);
  r = e2e::run({e2e::kbindex(), "build", "missing.txt"}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("missing.txt: no such file or folder") != std::string::npos);
}

TEST_CASE("kbquery explains a missing KB, a file that is not a KB and another schema version", "[e2e][errors]") {
  std::string dir = e2e::temp_dir();
  SECTION("missing") {
    auto r = e2e::run({e2e::kbquery(), "stats", "--db", "absent.sqlite"}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbquery: absent.sqlite: no knowledge base here; build one with `kbindex build` "
                   "(or choose another with --db or KB_DB)\n");
  }
  SECTION("not a database") {
    e2e::write(dir + "/notes.sqlite", "these are my notes, not a database\n");
    auto r = e2e::run({e2e::kbquery(), "topics", "--db", "notes.sqlite"}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("notes.sqlite: not a knowledge base") != std::string::npos);
    CHECK(r.err.find("rebuild it with `kbindex build --fresh`") != std::string::npos);
  }
  SECTION("another schema version") {
    REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
    auto sql = e2e::run({"/usr/bin/sqlite3", "kb.sqlite", "UPDATE kb_meta SET value = '0' WHERE key = 'schema_version'"}, dir);
    if (sql.exit_code == 127) return;  // no sqlite3 shell on this machine
    auto r = e2e::run({e2e::kbquery(), "search", "surgery", "--db", "kb.sqlite"}, dir);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("written with schema version 0, older than any this release can upgrade; rebuild it with "
                     "`kbindex build --fresh`") != std::string::npos);
  }
}

TEST_CASE("Usage errors exit 2 and say what to do", "[e2e][errors]") {
  auto r = e2e::run({e2e::kbquery(), "search", "surgery", "--kind", "studies"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--kind") != std::string::npos);
  r = e2e::run({e2e::kbquery()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("Run 'kbquery --help'") != std::string::npos);
  r = e2e::run({e2e::kbindex(), "build", "--no-such-flag"});
  CHECK(r.exit_code == 2);
  r = e2e::run({e2e::kbquery(), "ref", "0"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("Queries that look like FTS5 or SQL syntax are searched safely and never change the KB", "[e2e][errors][search]") {
  std::string dir = e2e::temp_dir();
  REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  auto [query, exit_code] = GENERATE(table<std::string, int>({
      {"'; DROP TABLE refs; --", 0},
      {"\"unbalanced quote", 0},
      {"NEAR(surgery", 0},
      {"raw:surgery", 0},
      {"surgery AND OR NOT", 0},
      {"*", 2},
      {"\"\"", 2},
      {std::string(5000, 'a'), 0},
  }));
  auto r = e2e::run({e2e::kbquery(), "search", query}, dir);
  INFO(query << "\n" << r.err);
  CHECK(r.exit_code == exit_code);
  CHECK(r.err.find("SQL") == std::string::npos);
  CHECK(r.err.find("fts5") == std::string::npos);
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
}

TEST_CASE("A reference number that is not in the KB is a clear error", "[e2e][errors][ref]") {
  std::string dir = e2e::temp_dir();
  REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
  auto r = e2e::run({e2e::kbquery(), "ref", "66"}, dir);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "kbquery: reference 66 is not in any topic of the KB; `kbquery refs` lists them\n");
  r = e2e::run({e2e::kbquery(), "ref", "6", "--topic", "lung-cancer"}, dir);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--topic lung-cancer: no such topic; the KB has:\n  the-role-of-local-therapies") != std::string::npos);
}
