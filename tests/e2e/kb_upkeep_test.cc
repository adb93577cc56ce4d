// A KB kept for months, end to end: builds that bring it up to date keep what `kbindex add`
// brought (imported studies, enrichments, new-evidence links); a topic removed takes its rows
// and the studies only it cited; a build with nothing changed touches no byte; `--fresh` says
// what it drops; an older schema is migrated (by `kbindex migrate`, or by build and add) after
// a backup, whole or not at all, killed or out of disk. A schema-4 KB is made from the
// schema this release wrote before (tests/data/schema/v4.sql) filled with the rows of a KB of
// today's, so that its migration can be compared with the KB it came from.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "kb/db.h"
#include "kb_rows.h"
#include "kb/file_io.h"
#include "kb/relevance/profile_store.h"
#include "kb/schema.h"
#include "process.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kSeedXml = KB_TEST_DATA_DIR "/imports/seed/seed_citations.xml";
const std::string kSchemaV4 = KB_TEST_DATA_DIR "/schema/v4.sql";
const std::string kSeedTitle = "The role of local therapies in metastatic breast cancer";
const std::string kSeedSlug = "the-role-of-local-therapies-in-metastatic-breast-cancer";
const std::string kSeedFile = "local-therapies-metastatic-breast-cancer.txt";

json run_json(const std::vector<std::string>& args, const std::string& dir) {
  auto r = e2e::run(args, dir);
  INFO(args[0] << " " << args[1] << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

// A folder with the seed topic under its own name, and the KB built from it.
std::string seed_folder() {
  const std::string dir = e2e::temp_dir();
  fs::create_directories(dir + "/topics");
  e2e::write(dir + "/topics/" + kSeedFile, e2e::seed_text());
  auto r = e2e::run({e2e::kbindex(), "build", "topics"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return dir;
}

// The seed under another title, with a 66th reference no other topic cites.
std::string second_topic() {
  std::string text = e2e::seed_text();
  text.insert(text.find(kSeedTitle) + kSeedTitle.size(), ", second opinion");
  if (text.back() != '\n') text += '\n';
  text += "  66. Quillon ZA, Brightwater T. A trial of local therapy no other topic cites. J Test Oncol 2021; 3:101.\n";
  return text;
}

// The seed with one sentence more in its third paragraph, before the paywall.
std::string edited_seed() {
  std::string text = e2e::seed_text();
  const std::string anchor = "Systemic medical therapy for metastatic breast cancer";
  const auto at = text.find('\n', text.find(anchor));
  REQUIRE(at != std::string::npos);
  text.insert(at, " Quality of life is the measure of such care.");
  return text;
}

const json& find_rec(const json& recs, const std::string& label) {
  for (const json& r : recs)
    if (r["id"] == label) return r;
  FAIL("no recommendation " << label);
  return recs;
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Writes at V4_PATH a KB of schema 4 holding every row of the KB at FROM_PATH (of today's
// schema) that schema 4 has a column for: made with the schema 4 file as it was released.
void make_v4_copy(const std::string& from_path, const std::string& v4_path) {
  auto schema = kb::read_file(kSchemaV4);
  REQUIRE(schema.ok());
  auto db = kb::Database::open(v4_path, kb::Database::Mode::ReadWriteCreate);
  REQUIRE(db.ok());
  kb::Database& d = **db;
  REQUIRE(d.exec(*schema).ok());
  auto attach = d.prepare("ATTACH DATABASE ? AS today");
  REQUIRE(attach.ok());
  REQUIRE(attach->bind(1, from_path).run().ok());
  REQUIRE(d.exec("PRAGMA foreign_keys = OFF").ok());
  REQUIRE(d.exec("BEGIN").ok());
  auto tables = d.prepare(
      "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
      " AND name NOT LIKE '%_fts%' ORDER BY name");
  REQUIRE(tables.ok());
  std::vector<std::string> names;
  while (tables->step()) names.push_back(tables->column_text(0));
  for (const std::string& table : names) {
    if (table == "inference_terms") continue;  // packed today: unpacked below
    auto columns = d.prepare("SELECT name FROM pragma_table_info(?)");
    REQUIRE(columns.ok());
    columns->bind(1, table);
    std::string list;
    while (columns->step()) list += (list.empty() ? "" : ", ") + columns->column_text(0);
    INFO(table);
    REQUIRE(d.exec("INSERT INTO main." + table + "(" + list + ") SELECT " + list + " FROM today." + table).ok());
  }
  {
    // Schema 4 kept a row per concept of each recommendation's profile.
    auto today = kb::Database::open(from_path, kb::Database::Mode::ReadOnly);
    REQUIRE(today.ok());
    auto profiles = kb::read_profiles(**today);
    REQUIRE(profiles.ok());
    auto insert = d.prepare(
        "INSERT INTO main.inference_terms(recommendation_id, term, weight, core, discriminating) VALUES (?,?,?,?,?)");
    REQUIRE(insert.ok());
    for (const auto& [id, profile] : *profiles)
      for (const auto& [term, weight] : profile.weights)
        REQUIRE(insert->bind(1, id).bind(2, term).bind(3, weight).bind(4, profile.core.count(term) ? 1 : 0)
                    .bind(5, profile.discriminating.count(term) ? 1 : 0).run().ok());
  }
  for (const char* fts : {"sentences_fts", "refs_fts", "studies_fts", "recommendations_fts"})
    REQUIRE(d.exec(std::string("INSERT INTO ") + fts + "(" + fts + ") VALUES ('rebuild')").ok());
  REQUIRE(d.exec("UPDATE kb_meta SET value = '4' WHERE key = 'schema_version'").ok());
  REQUIRE(d.exec("COMMIT").ok());
  REQUIRE(d.exec("DETACH DATABASE today").ok());
}

// The kbquery answers a person would compare before and after: one string per command.
std::map<std::string, std::string> answers(const std::string& dir, const std::string& db) {
  const std::vector<std::vector<std::string>> commands = {
      {"topics", "--json"},
      {"recs", "--json"},
      {"audit", "--json"},
      {"ref", "5", "--json"},
      {"ref", "14", "--json"},
      {"search", "surgery", "--json"},
      {"studies", "Badwe[au]", "--json"},
      {"studies", "EA2108", "--json"},
      {"refs", "randomized[ti]", "--json"},
      {"ask", "What supports surgery here?", "--json"},
  };
  std::map<std::string, std::string> out;
  for (const auto& c : commands) {
    std::vector<std::string> args = {e2e::kbquery()};
    args.insert(args.end(), c.begin(), c.end());
    args.insert(args.end(), {"--db", db});
    auto r = e2e::run(args, dir);
    INFO(c[0] << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    out[c[0] + " " + c[1]] = r.out;
  }
  return out;
}

const std::vector<std::string> kTables = {
    "topics", "contributors", "sections", "paragraphs", "sentences", "journals", "studies", "abstract_sections",
    "publication_types", "mesh_headings", "imports", "import_records", "study_enrichments", "refs", "authors",
    "reference_authors", "citations", "cross_references", "parse_notes", "recommendations", "recommendation_parts",
    "recommendation_sentences", "evidence_links", "inference_profiles", "inference_vocabulary", "topic_concepts",
    "new_evidence_links",
    "synonyms"};

}  // namespace

TEST_CASE("build, add, edit the topic, build -> the imported studies, reference 5's PMID and R2's new evidence "
          "all still there, and the summary says what changed",
          "[e2e][upkeep]") {
  const std::string dir = seed_folder();
  json added = run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  REQUIRE(added["files"][0]["new_studies"] == 1);
  const auto studies_before = e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM studies");
  const auto enrichments_before = e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM study_enrichments");
  json audit_before = run_json({e2e::kbquery(), "audit", "--json"}, dir);

  e2e::write(dir + "/topics/" + kSeedFile, edited_seed());
  auto text = e2e::run({e2e::kbindex(), "build", "topics"}, dir);
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find(kSeedSlug + ": changed: 5 paragraphs, 20 sentences") != std::string::npos);
  CHECK(text.out.find("changes: 1 topic changed, 0 added, 0 removed, 0 unchanged; 4 imported studies kept (3 enriched), "
                      "2 links from them kept, 0 re-scored, 0 added, 0 dropped") != std::string::npos);

  // Nothing an import brought is lost: studies, every enriched field, the design labels.
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM studies") == studies_before);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM study_enrichments") == enrichments_before);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM sentences") == 20);
  json ref5 = run_json({e2e::kbquery(), "ref", "5", "--json"}, dir);
  CHECK(ref5["pmid"] == "90000005");
  json ref14 = run_json({e2e::kbquery(), "ref", "14", "--json"}, dir);
  CHECK(ref14["design"] == "registry_analysis");  // the import's abstract settled it
  json audit = run_json({e2e::kbquery(), "audit", "--json"}, dir);
  const json& r2 = find_rec(audit["topics"][0]["recommendations"], "R2");
  REQUIRE(r2["new_evidence"].size() == 1);
  CHECK(r2["new_evidence"][0]["pmid"] == "90000101");
  CHECK(r2["new_evidence"][0]["link"] == "inferred");
  CHECK(r2 == find_rec(audit_before["topics"][0]["recommendations"], "R2"));

  // JSON: the same, as one object.
  e2e::write(dir + "/topics/" + kSeedFile, e2e::seed_text());
  json built = run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  CHECK(built["changes"]["changed"] == 1);
  CHECK(built["changes"]["imports"]["imported_studies"] == 4);
  CHECK(built["changes"]["imports"]["links_kept"] == 2);
  CHECK(built["topics"][0]["change"] == "changed");
  CHECK(built["totals"]["sentences"] == 19);
}

TEST_CASE("A rebuild with nothing changed touches no byte of the KB and says it is up to date", "[e2e][upkeep]") {
  const std::string dir = seed_folder();
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  const auto mtime = fs::last_write_time(dir + "/kb.sqlite");
  auto r = e2e::run({e2e::kbindex(), "build", "topics"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("kb.sqlite is up to date; nothing written") != std::string::npos);
  CHECK(r.out.find("0 topics changed, 0 added, 0 removed, 1 unchanged") != std::string::npos);
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
  CHECK(fs::last_write_time(dir + "/kb.sqlite") == mtime);
  // Moved, not changed: the KB learns the new path, and nothing else.
  fs::create_directories(dir + "/moved");
  fs::rename(dir + "/topics/" + kSeedFile, dir + "/moved/" + kSeedFile);
  json moved = run_json({e2e::kbindex(), "build", "moved", "--json"}, dir);
  CHECK(moved["changes"]["unchanged"] == 1);
  CHECK(moved["changes"]["moved"] == 1);
  CHECK(e2e::sql_column(dir + "/kb.sqlite", "SELECT source_path FROM topics") ==
        std::vector<std::string>{"moved/" + kSeedFile});
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM new_evidence_links") == 2);
}

TEST_CASE("A topic added, then removed -> its rows go, and the study only it cited, unless an import brought it",
          "[e2e][upkeep]") {
  const std::string dir = seed_folder();
  e2e::write(dir + "/topics/second.txt", second_topic());
  json added = run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  CHECK(added["changes"]["added"] == 1);
  CHECK(added["changes"]["unchanged"] == 1);
  CHECK(added["totals"]["topics"] == 2);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM studies WHERE title LIKE 'A trial of local therapy%'") == 1);
  // The seed's studies are shared: one study each, cited by both topics.
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM studies") == 66);

  fs::remove(dir + "/topics/second.txt");
  auto removed = e2e::run({e2e::kbindex(), "build", "topics"}, dir);
  INFO(removed.err);
  REQUIRE(removed.exit_code == 0);
  CHECK(removed.out.find(kSeedSlug + "-second-opinion: removed") != std::string::npos);
  CHECK(removed.out.find("0 topics changed, 0 added, 1 removed, 1 unchanged") != std::string::npos);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM topics") == 1);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM refs") == 65);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM studies") == 65);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM authors WHERE name = 'Quillon ZA'") == 0);
  // The full-text indexes lost the topic's rows with it.
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM refs_fts WHERE refs_fts MATCH 'Quillon'") == 0);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'surgery'") ==
        e2e::sql_count(e2e::seed_kb(), "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'surgery'"));
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'") == 0);

  // An import that matched the second topic's own study keeps it when the topic goes.
  e2e::write(dir + "/topics/second.txt", second_topic());
  run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  e2e::write(dir + "/quillon.ris",
             "TY  - JOUR\nAU  - Quillon, Z A\nAU  - Brightwater, T\nTI  - A trial of local therapy no other topic cites\n"
             "JO  - J Test Oncol\nPY  - 2021\nVL  - 3\nSP  - 101\nAN  - 99000066\nER  - \n");
  json matched = run_json({e2e::kbindex(), "add", "quillon.ris", "--json"}, dir);
  REQUIRE(matched["files"][0]["matched"] == 1);
  fs::remove(dir + "/topics/second.txt");
  json kept = run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  CHECK(kept["changes"]["removed"] == 1);
  CHECK(kept["changes"]["imports"]["released_studies"] == 1);
  CHECK(e2e::sql_count(dir + "/kb.sqlite",
              "SELECT count(*) FROM studies WHERE title LIKE 'A trial of local therapy%' AND origin = 'import'") == 1);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM import_records") == 1);
}

TEST_CASE("build --fresh builds from the topics alone and says what it drops", "[e2e][upkeep]") {
  const std::string dir = seed_folder();
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  auto r = e2e::run({e2e::kbindex(), "build", "topics", "--fresh"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("--fresh: kb.sqlite rebuilt from the topics alone; dropped what imports brought: 1 import, "
                   "1 imported study, ") != std::string::npos);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM imports") == 0);
  CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM studies") == 65);
  // Without --fresh, a file that is not a KB is not replaced.
  e2e::write(dir + "/notes.sqlite", "my notes\n");
  auto refused = e2e::run({e2e::kbindex(), "build", "topics", "--db", "notes.sqlite"}, dir);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("notes.sqlite: not a knowledge base") != std::string::npos);
  CHECK(refused.err.find("`kbindex build --fresh`") != std::string::npos);
  CHECK(e2e::read(dir + "/notes.sqlite") == "my notes\n");
}

TEST_CASE("A schema-4 KB with topics, imports and enrichments -> kbquery names `kbindex migrate`; migrate keeps a "
          "backup and loses nothing: row counts and kbquery --json answers as the KB it was made from",
          "[e2e][upkeep][migrate]") {
  const std::string dir = seed_folder();
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);
  make_v4_copy(dir + "/kb.sqlite", dir + "/old.sqlite");
  const std::string v4_hash = e2e::file_hash(dir + "/old.sqlite");

  auto refused = e2e::run({e2e::kbquery(), "recs", "--db", "old.sqlite"}, dir);
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("old.sqlite: written with schema version 4, older than the " +
                         std::to_string(kb::kSchemaVersion) + " this kbquery reads; upgrade it with "
                         "`kbindex migrate --db old.sqlite`") != std::string::npos);

  json migrated = run_json({e2e::kbindex(), "migrate", "--db", "old.sqlite", "--json"}, dir);
  CHECK(migrated["migrated"] == true);
  CHECK(migrated["from"] == 4);
  CHECK(migrated["backup"] == "old.sqlite.schema4.bak");
  CHECK(e2e::file_hash(dir + "/old.sqlite.schema4.bak") == v4_hash);
  for (const std::string& table : kTables) {
    INFO(table);
    CHECK(e2e::sql_count(dir + "/old.sqlite", "SELECT count(*) FROM " + table) ==
          e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM " + table));
  }
  {
    // The profiles schema 4 kept a row per concept of are, packed by the migration, the KB's own.
    auto before = kb::Database::open(dir + "/kb.sqlite", kb::Database::Mode::ReadOnly);
    auto after = kb::Database::open(dir + "/old.sqlite", kb::Database::Mode::ReadOnly);
    REQUIRE(before.ok());
    REQUIRE(after.ok());
    auto expected = kb::read_profiles(**before);
    auto packed = kb::read_profiles(**after);
    REQUIRE(expected.ok());
    REQUIRE(packed.ok());
    REQUIRE(packed->size() == expected->size());
    CHECK(e2e::sql_count(dir + "/old.sqlite", "SELECT count(*) FROM inference_profiles") > 0);
    for (const auto& [id, profile] : *expected) {
      INFO("recommendation " << id);
      REQUIRE(packed->count(id) == 1);
      CHECK(packed->at(id).weights == profile.weights);
      CHECK(packed->at(id).core == profile.core);
      CHECK(packed->at(id).discriminating == profile.discriminating);
      CHECK(packed->at(id).best == profile.best);
    }
  }
  CHECK(answers(dir, "old.sqlite") == answers(dir, "kb.sqlite"));
  auto again = e2e::run({e2e::kbindex(), "migrate", "--db", "old.sqlite"}, dir);
  CHECK(again.exit_code == 0);
  CHECK(again.out.find("schema " + std::to_string(kb::kSchemaVersion) + " already; nothing to do") != std::string::npos);

  // A build on a schema-4 KB migrates it first, says so, and keeps what the import brought.
  make_v4_copy(dir + "/kb.sqlite", dir + "/older.sqlite");
  auto built = e2e::run({e2e::kbindex(), "build", "topics", "--db", "older.sqlite"}, dir);
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  CHECK(built.err.find("upgraded older.sqlite from schema 4 to " + std::to_string(kb::kSchemaVersion)) !=
        std::string::npos);
  CHECK(built.err.find("every topic analysed again: the KB was upgraded from schema 4") != std::string::npos);
  CHECK(fs::exists(dir + "/older.sqlite.schema4.bak"));
  CHECK(e2e::sql_count(dir + "/older.sqlite", "SELECT count(*) FROM new_evidence_links") == 2);
  CHECK(e2e::sql_count(dir + "/older.sqlite", "SELECT count(*) FROM study_enrichments") ==
        e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM study_enrichments"));
  json r2 = run_json({e2e::kbquery(), "audit", "--json", "--db", "older.sqlite"}, dir);
  CHECK(find_rec(r2["topics"][0]["recommendations"], "R2")["new_evidence"].size() == 1);
}

TEST_CASE("Migrate on a full disk -> refused naming the KB, the KB byte-identical, no backup or temporary left",
          "[e2e][upkeep][migrate][disk]") {
  const std::string dir = seed_folder();
  make_v4_copy(dir + "/kb.sqlite", dir + "/old.sqlite");
  fs::remove(dir + "/kb.sqlite");
  fs::remove_all(dir + "/topics");
  const std::string before = e2e::file_hash(dir + "/old.sqlite");
  // Room for no copy of the KB: the backup fails first.
  auto started = e2e::start({e2e::kbindex(), "migrate", "--db", "old.sqlite"}, dir, {},
                            static_cast<long>(fs::file_size(dir + "/old.sqlite")) / 2);
  auto r = e2e::finish(started);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("old.sqlite: migration stopped, the KB is unchanged: ") != std::string::npos);
  CHECK(e2e::file_hash(dir + "/old.sqlite") == before);
  CHECK(entries(dir) == std::vector<std::string>{"old.sqlite"});
  // With room again, the same migration goes through.
  auto again = e2e::run({e2e::kbindex(), "migrate", "--db", "old.sqlite"}, dir);
  INFO(again.err);
  CHECK(again.exit_code == 0);
}

TEST_CASE("kill -9 of an incremental build and of a migration -> the previous KB whole, the next run succeeds",
          "[e2e][upkeep][kill]") {
  // A KB of 300 topics, so that a build or a migration takes long enough to be killed midway.
  const std::string dir = e2e::temp_dir();
  fs::create_directories(dir + "/topics");
  const std::string seed = e2e::seed_text();
  for (int i = 0; i < 300; ++i) {
    std::string copy = seed;
    copy.insert(copy.find(kSeedTitle) + kSeedTitle.size(), ", copy " + std::to_string(i));
    e2e::write(dir + "/topics/topic-" + std::to_string(1000 + i) + ".txt", copy);
  }
  auto built = e2e::run({e2e::kbindex(), "build", "topics"}, dir, {}, 300);
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);

  SECTION("an incremental build: every topic changed") {
    for (int i = 0; i < 300; ++i) {
      const std::string path = dir + "/topics/topic-" + std::to_string(1000 + i) + ".txt";
      e2e::write(path, e2e::read(path) + "\n");
    }
    const std::string before = e2e::file_hash(dir + "/kb.sqlite");
    bool interrupted = false;
    for (int ms : {20, 100, 400}) {
      auto build = e2e::start({e2e::kbindex(), "build", "topics"}, dir);
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      if (!e2e::running(build)) break;
      auto r = e2e::kill9(build);
      if (e2e::file_hash(dir + "/kb.sqlite") != before) {
        // The build renamed its KB into place just before the kill: then the new KB is whole.
        CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM topics") == 300);
        CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'") == 0);
        break;
      }
      CHECK(r.exit_code == -1);
      interrupted = true;
    }
    CHECK(interrupted);
    auto r = e2e::run({e2e::kbindex(), "build", "topics"}, dir, {}, 300);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("300 topics changed, 0 added, 0 removed, 0 unchanged") != std::string::npos);
    CHECK(e2e::sql_count(dir + "/kb.sqlite", "SELECT count(*) FROM new_evidence_links") >= 2);
    CHECK(entries(dir) == (std::vector<std::string>{"kb.sqlite", "topics"}));
  }
  SECTION("a migration") {
    make_v4_copy(dir + "/kb.sqlite", dir + "/old.sqlite");
    const std::string before = e2e::file_hash(dir + "/old.sqlite");
    bool interrupted = false;
    for (int ms : {5, 20, 60, 150}) {
      auto migrate = e2e::start({e2e::kbindex(), "migrate", "--db", "old.sqlite"}, dir);
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      if (!e2e::running(migrate)) {
        e2e::finish(migrate);
        break;  // finished before the kill: the KB is migrated, checked below
      }
      auto r = e2e::kill9(migrate);
      if (e2e::file_hash(dir + "/old.sqlite") != before) {
        // The migration renamed its copy into place just before the kill: then it is whole.
        CHECK(e2e::sql_count(dir + "/old.sqlite", "SELECT value FROM kb_meta WHERE key = 'schema_version'") == kb::kSchemaVersion);
        CHECK(e2e::sql_count(dir + "/old.sqlite", "SELECT count(*) FROM topics") == 300);
        break;
      }
      CHECK(r.exit_code == -1);
      interrupted = true;
    }
    if (!interrupted) WARN("SKIPPED: the migration ended before any kill; nothing to interrupt on this machine");
    auto r = e2e::run({e2e::kbindex(), "migrate", "--db", "old.sqlite"}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(e2e::sql_count(dir + "/old.sqlite", "SELECT value FROM kb_meta WHERE key = 'schema_version'") == kb::kSchemaVersion);
    CHECK(e2e::sql_count(dir + "/old.sqlite", "SELECT count(*) FROM topics") == 300);
  }
}

TEST_CASE("One study, one row: an import whose PMID is one study's and DOI another's merges the two, with the "
          "provenance of each field kept",
          "[e2e][upkeep][merge]") {
  const std::string dir = seed_folder();
  run_json({e2e::kbindex(), "add", kSeedXml, "--json"}, dir);  // reference 5's study gains PMID 90000005
  // A second topic prints the same trial with a wrong page and a DOI: the KB sees two studies.
  std::string second = e2e::seed_text();
  second.insert(second.find(kSeedTitle) + kSeedTitle.size(), ", second opinion");
  if (second.back() != '\n') second += '\n';
  second +=
      "  66. Badwe R, Hawaldar R, Nair N, et al. Locoregional treatment versus no treatment of the primary tumour in "
      "metastatic breast cancer: an open-label randomised controlled trial. Lancet Oncol 2015; 16:1381. "
      "doi:10.9999/badwe.twice\n";
  e2e::write(dir + "/topics/second.txt", second);
  run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  const std::string kb = dir + "/kb.sqlite";
  REQUIRE(e2e::sql_count(kb, "SELECT count(*) FROM studies WHERE title LIKE 'Locoregional treatment versus no treatment%'") == 2);
  const auto studies_before = e2e::sql_count(kb, "SELECT count(*) FROM studies");

  e2e::write(dir + "/badwe.ris",
             "TY  - JOUR\nAU  - Badwe, R\nTI  - Locoregional treatment versus no treatment of the primary tumour in "
             "metastatic breast cancer: an open-label randomised controlled trial\nJO  - Lancet Oncol\nPY  - 2015\n"
             "VL  - 16\nSP  - 1380\nAN  - PMID: 90000005\nDO  - 10.9999/badwe.twice\nER  - \n");
  json added = run_json({e2e::kbindex(), "add", "badwe.ris", "--json"}, dir);
  CHECK(added["files"][0]["matched"] == 1);
  CHECK(added["files"][0]["merged_studies"] == 1);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM studies") == studies_before - 1);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM studies WHERE title LIKE 'Locoregional treatment versus no treatment%'") == 1);
  // All three references (5 of each topic, 66 of the second) cite the one study.
  CHECK(e2e::sql_count(kb, "SELECT count(DISTINCT study_id) FROM refs WHERE raw LIKE 'Badwe R%'") == 1);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM refs WHERE raw LIKE 'Badwe R%'") == 3);
  // Where each field came from: the first import, and the merge (naming the study merged).
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM study_enrichments WHERE field = 'pmid' AND value = '90000005'") == 1);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM study_enrichments WHERE field = 'merged' AND value LIKE "
                  "'study % merged into this one: the record holds its DOI 10.9999/badwe.twice'") == 1);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM pragma_foreign_key_check") == 0);
  json studies = run_json({e2e::kbquery(), "studies", "Badwe[au]", "--json"}, dir);
  REQUIRE(studies["results"].size() == 1);
  CHECK(studies["results"][0]["matches"].size() == 3);
}

TEST_CASE("A links file added or edited beside an unchanged topic -> the topic is rewritten with its curated links; "
          "the links file removed -> they go",
          "[e2e][upkeep]") {
  const std::string dir = seed_folder();
  const std::string kb = dir + "/kb.sqlite";
  const std::string links = dir + "/topics/" + fs::path(kSeedFile).stem().string() + ".links";
  REQUIRE(e2e::sql_count(kb, "SELECT count(*) FROM evidence_links WHERE link = 'curated'") == 0);
  e2e::write(links, e2e::read(KB_TEST_DATA_DIR "/links/curated.links"));
  json with = run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  CHECK(with["changes"]["changed"] == 1);
  const auto curated = e2e::sql_count(kb, "SELECT count(*) FROM evidence_links WHERE link = 'curated'");
  CHECK(curated == 7);
  e2e::write(links, "R2 supports 5\n");
  run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM evidence_links WHERE link = 'curated'") == 1);
  fs::remove(links);
  json without = run_json({e2e::kbindex(), "build", "topics", "--json"}, dir);
  CHECK(without["changes"]["changed"] == 1);
  CHECK(e2e::sql_count(kb, "SELECT count(*) FROM evidence_links WHERE link = 'curated'") == 0);
}
