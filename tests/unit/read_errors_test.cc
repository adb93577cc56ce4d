// The readers of kbquery on a KB damaged under them: an error met while stepping through a
// table's rows comes back as the reader's status, never as an answer that is merely shorter
// (no authors, no uncited references, a word found nowhere) and looks complete.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "indexer/kb_build.h"
#include "query/audit.h"
#include "query/kb_reader.h"
#include "query/recommendation_store.h"
#include "query/reference_store.h"
#include "query/study_store.h"
#include "query/term_statistics.h"
#include "seed_fixture.h"

namespace {

// A KB built from the seed topic in a folder of its own (a build locks its KB's folder, and
// other tests build in parallel), removed when the test ends.
class SeedKb {
 public:
  SeedKb() {
    static int counter = 0;
    folder_ = (std::filesystem::temp_directory_path() /
               ("kb_read_errors_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter)))
                  .string();
    std::filesystem::create_directories(folder_);
    path_ = folder_ + "/kb.sqlite";
    auto built = kb::build_kb({seed::path()}, path_);
    INFO(built.status().message());
    REQUIRE(built.ok());
  }
  ~SeedKb() {
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
  }
  SeedKb(const SeedKb&) = delete;
  SeedKb& operator=(const SeedKb&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string folder_;
  std::string path_;
};

// Damages every b-tree of TABLE (the table and its indexes): the first byte of each root page,
// its page type, becomes one SQLite does not know. The schema is untouched, so the readers'
// statements still prepare and the damage is met only when they step to a row.
void damage_table(const std::string& path, const std::string& table) {
  std::int64_t page_size = 0;
  std::vector<std::int64_t> roots;
  {
    auto db = kb::Database::open(path, kb::Database::Mode::ReadOnly);
    REQUIRE(db.ok());
    auto size = (*db)->prepare("PRAGMA page_size");
    REQUIRE(size.ok());
    REQUIRE(size->each([&](const kb::Statement& row) { page_size = row.column_int(0); }).ok());
    auto st = (*db)->prepare("SELECT rootpage FROM sqlite_master WHERE tbl_name = ? AND rootpage > 0");
    REQUIRE(st.ok());
    st->bind(1, table);
    REQUIRE(st->each([&](const kb::Statement& row) { roots.push_back(row.column_int(0)); }).ok());
  }
  REQUIRE(page_size > 0);
  REQUIRE_FALSE(roots.empty());
  std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
  REQUIRE(file);
  for (std::int64_t root : roots) {
    file.seekp((root - 1) * page_size);
    file.put('\xff');
  }
  REQUIRE(file.flush());
}

// TABLE dropped through a connection of its own, as another process would.
void drop_table(const SeedKb& seed, const std::string& table) {
  auto writer = kb::Database::open(seed.path(), kb::Database::Mode::ReadWriteCreate);
  REQUIRE(writer.ok());
  REQUIRE((*writer)->exec("DROP TABLE " + table).ok());
}

std::unique_ptr<kb::KbReader> open(const SeedKb& seed) {
  auto reader = kb::KbReader::open(seed.path());
  INFO(reader.status().message());
  REQUIRE(reader.ok());
  return std::move(reader.value());
}

void check_reports_damage(const kb::Status& s) {
  INFO(s.message());
  CHECK(s.code() == kb::Code::Corrupt);
  CHECK_THAT(s.message(), Catch::Contains("malformed"));
}

}  // namespace

TEST_CASE("Readers that step into a damaged table return Corrupt, not a shorter answer", "[storage][faults]") {
  SeedKb seed;

  SECTION("audit: the citations, which tell the uncited references") {
    damage_table(seed.path(), "citations");
    auto reader = open(seed);
    auto topics = reader->topics();
    REQUIRE(topics.ok());
    REQUIRE(topics->size() == 1);
    auto audit = kb::audit_topic(reader->db(), topics->front().id, "2024-01");
    REQUIRE_FALSE(audit.ok());
    check_reports_damage(audit.status());
  }

  SECTION("a numbered reference: its authors") {
    damage_table(seed.path(), "reference_authors");
    auto reader = open(seed);
    auto ref = kb::find_numbered_reference(*reader, 5, "");
    REQUIRE_FALSE(ref.ok());
    check_reports_damage(ref.status());
  }
}

TEST_CASE("Readers whose statements were prepared before a table went -> the error names the table",
          "[storage][faults]") {
  // The statements are prepared first, as `kbquery studies` and `ask` do; SQLite meets the
  // table's absence only when a statement is stepped.
  SeedKb seed;
  auto reader = open(seed);

  SECTION("a study: its publication types") {
    auto store = kb::StudyStore::prepare(reader->db());
    REQUIRE(store.ok());
    auto before = (*store)->read(1);
    INFO(before.status().message());
    REQUIRE(before.ok());
    drop_table(seed, "publication_types");
    auto after = (*store)->read(1);
    REQUIRE_FALSE(after.ok());
    CHECK_THAT(after.status().message(), Catch::Contains("no such table: publication_types"));
  }

  SECTION("ask's term statistics: the passage index, which says how specific a word is") {
    auto statistics = kb::KbTermStatistics::open(reader->db());
    REQUIRE(statistics.ok());
    const double share = (*statistics)->document_share({"surgery"});
    CHECK(share > 0);
    CHECK((*statistics)->status().ok());
    drop_table(seed, "sentences_fts");
    CHECK((*statistics)->document_share({"surgery"}) < share);  // the references' rows alone
    CHECK_THAT((*statistics)->status().message(), Catch::Contains("no such table: sentences_fts"));
  }
}

TEST_CASE("A stored word outside its enum -> Corrupt naming the column and the word, not a guess", "[storage][faults]") {
  // The schema's CHECKs keep such words out; only a damaged KB (here, one written with the
  // checks switched off) holds one.
  SeedKb seed;
  auto [column, update] = GENERATE(table<std::string, std::string>({
      {"recommendations.direction", "UPDATE recommendations SET direction = 'maybe'"},
      {"evidence_links.link", "UPDATE evidence_links SET link = 'maybe'"},
      {"a link's stance", "UPDATE evidence_links SET stance = 'maybe'"},
  }));
  {
    auto writer = kb::Database::open(seed.path(), kb::Database::Mode::ReadWriteCreate);
    REQUIRE(writer.ok());
    REQUIRE((*writer)->exec("PRAGMA ignore_check_constraints = ON; " + update).ok());
  }
  auto reader = open(seed);
  auto check_names_the_word = [&](const kb::Status& s) {
    INFO(s.message());
    CHECK(s.code() == kb::Code::Corrupt);
    CHECK_THAT(s.message(), Catch::StartsWith(column + " holds 'maybe', not one of "));
  };
  auto recs = kb::load_recommendations(*reader, std::nullopt);
  REQUIRE_FALSE(recs.ok());
  check_names_the_word(recs.status());
  auto ref = kb::find_numbered_reference(*reader, 5, "");
  REQUIRE(ref.ok());
  auto relying = kb::recommendations_relying_on(*reader, ref->id);
  REQUIRE_FALSE(relying.ok());
  check_names_the_word(relying.status());
}
