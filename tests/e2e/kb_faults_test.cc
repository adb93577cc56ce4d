// Faults around the KB file, end to end: a KB that is missing, not a KB or of another schema;
// a folder the user may not write in; a full disk; readers while a build replaces the KB;
// `kill -9` in the middle of a build or an add; two writers at once. Each case names its
// expected outcome: a message naming the file and what to do, exit 1, and the KB as it was.
// bad_input_test.cc and build_test.cc hold the first cases (kbquery on a missing KB, a file
// that is not a KB, another schema; a build into a missing folder; a stale temporary file).
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "kb/schema.h"
#include "process.h"

using nlohmann::json;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const std::string kSeedXml = KB_TEST_DATA_DIR "/imports/seed/seed_citations.xml";
const std::string kSeedTitle = "The role of local therapies in metastatic breast cancer";

std::string seed_kb_copy() {
  std::string dir = e2e::temp_dir();
  fs::copy_file(e2e::seed_kb(), dir + "/kb.sqlite");
  return dir;
}

// A folder of COPIES copies of the seed, each under a title of its own; written once.
std::string corpus(int copies) {
  static std::map<int, std::string> made;
  auto [it, fresh] = made.emplace(copies, "");
  if (!fresh) return it->second;
  it->second = e2e::temp_dir();
  const std::string seed = e2e::seed_text();
  const auto at = seed.find(kSeedTitle);
  for (int i = 0; i < copies; ++i) {
    std::string copy = seed;
    copy.insert(at + kSeedTitle.size(), ", copy " + std::to_string(i));
    e2e::write(it->second + "/topic-" + std::to_string(1000 + i) + ".txt", copy);
  }
  return it->second;
}

// PubMed XML of N made-up articles, none of them the seed's: each a new study for the KB.
std::string generated_pubmed_xml(int n) {
  std::string xml = "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n";
  for (int i = 0; i < n; ++i) {
    const std::string k = std::to_string(i);
    xml += "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">" +
           std::to_string(80000000 + i) +
           "</PMID><Article PubModel=\"Print\"><Journal><JournalIssue CitedMedium=\"Internet\"><Volume>" +
           std::to_string(i % 40 + 1) + "</Volume><PubDate><Year>" + std::to_string(1990 + i % 30) +
           "</Year></PubDate></JournalIssue><Title>Journal of Generated Studies</Title><ISOAbbreviation>J Gen "
           "Stud</ISOAbbreviation></Journal><ArticleTitle>Generated study " + k +
           " of surgery of the primary tumour in metastatic breast cancer.</ArticleTitle><Pagination><MedlinePgn>" +
           std::to_string(i + 1) + "-" + std::to_string(i + 9) +
           "</MedlinePgn></Pagination><Abstract><AbstractText>Women with metastatic breast cancer were randomly "
           "assigned to local therapy or none, cohort " + k +
           ".</AbstractText></Abstract><AuthorList CompleteYN=\"Y\"><Author ValidYN=\"Y\"><LastName>Author" + k +
           "</LastName><ForeName>Test</ForeName><Initials>T</Initials></Author></AuthorList><Language>eng</Language>"
           "</Article></MedlineCitation></PubmedArticle>\n";
  }
  return xml + "</PubmedArticleSet>\n";
}

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

bool has_temporary(const std::string& dir) {
  for (const std::string& name : entries(dir))
    if (name.find(".tmp-") != std::string::npos) return true;
  return false;
}

// The KB's content as the sqlite3 shell dumps it; "" when there is no shell (callers then
// compare what kbquery prints instead).
std::string dump(const std::string& dir) {
  auto d = e2e::run({"/usr/bin/sqlite3", "kb.sqlite", ".dump"}, dir);
  return d.exit_code == 0 ? d.out : "";
}

std::string query_out(const std::vector<std::string>& args, const std::string& dir) {
  std::vector<std::string> full = {e2e::kbquery()};
  full.insert(full.end(), args.begin(), args.end());
  auto r = e2e::run(full, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::size_t topic_count(const std::string& dir) {
  return json::parse(query_out({"topics", "--json"}, dir))["topics"].size();
}

// Permissions do not bind root. As root, commands run as user nobody through setpriv, in a
// folder nobody may enter (OpenFolder); empty when that cannot be done: no setpriv, or the
// tools out of nobody's reach. The caller then skips, saying so.
std::optional<std::vector<std::string>> unprivileged(std::vector<std::string> args) {
  if (::geteuid() != 0) return args;
  static const bool can_drop = [] {
    if (!fs::exists("/usr/bin/setpriv")) return false;
    return e2e::run({"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", e2e::kbquery(),
                     "--help"},
                    "/")
               .exit_code == 0;
  }();
  if (!can_drop) return std::nullopt;
  args.insert(args.begin(), {"/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"});
  return args;
}

// A folder outside the e2e temporary root (mkdtemp's 0700 keeps nobody out), removed at the end.
struct OpenFolder {
  fs::path path;
  OpenFolder() {
    std::string pattern = (fs::temp_directory_path() / "kb-e2e-perm-XXXXXX").string();
    path = fs::canonical(::mkdtemp(pattern.data()));  // as the tools' messages spell it
    fs::permissions(path, fs::perms(0755));
  }
  ~OpenFolder() {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_directory()) fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(path, ec);
  }
};

template <class Pred>
bool wait_until(Pred pred, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!pred()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

}  // namespace

// ------------------------------------------------------------------------------------------
// KBs that are not what they should be

TEST_CASE("kbindex add and kbquery audit on a missing KB, not a database, an empty file, another schema version "
          "or a folder -> exit 1, a message saying what to do (rebuild with kbindex build --fresh), the file unchanged",
          "[e2e][faults]") {
  std::string dir = e2e::temp_dir();
  e2e::write(dir + "/notes.sqlite", "these are my notes, not a database\n");
  e2e::write(dir + "/empty.sqlite", "");
  fs::create_directories(dir + "/folder.sqlite");
  fs::copy_file(e2e::seed_kb(), dir + "/v0.sqlite");
  auto sql = e2e::run({"/usr/bin/sqlite3", "v0.sqlite", "UPDATE kb_meta SET value = '0' WHERE key = 'schema_version'"},
                      dir);
  const bool have_v0 = sql.exit_code == 0;
  if (!have_v0) WARN("no sqlite3 shell: the schema-version case is skipped");
  const std::string v = std::to_string(kb::kSchemaVersion);
  struct Case {
    std::string db, add_error, audit_error;
  };
  std::vector<Case> cases = {
      {"absent.sqlite", "absent.sqlite: no KB here; build one with `kbindex build` before adding evidence to it",
       "absent.sqlite: no knowledge base here; build one with `kbindex build`"},
      {"notes.sqlite", "notes.sqlite: not a knowledge base (file is not a database); rebuild it with `kbindex build --fresh`",
       "notes.sqlite: not a knowledge base (file is not a database); rebuild it with `kbindex build --fresh`"},
      {"empty.sqlite", "empty.sqlite: not a knowledge base (it has no kb_meta table); rebuild it with `kbindex build --fresh`",
       "empty.sqlite: not a knowledge base (it has no kb_meta table); rebuild it with `kbindex build --fresh`"},
      {"folder.sqlite", "folder.sqlite: is a folder, not a KB; name the KB file with --db",
       "folder.sqlite: is a directory, not a knowledge base"},
  };
  if (have_v0)
    cases.push_back({"v0.sqlite",
                     "v0.sqlite: written with schema version 0, older than any this release can upgrade; rebuild it "
                     "with `kbindex build --fresh`",
                     "v0.sqlite: written with schema version 0, older than any this release can upgrade; rebuild it "
                     "with `kbindex build --fresh`"});
  for (const Case& c : cases) {
    const std::string before = e2e::file_hash(dir + "/" + c.db);
    auto add = e2e::run({e2e::kbindex(), "add", kSeedXml, "--db", c.db}, dir);
    INFO(c.db << "\nadd: " << add.err);
    CHECK(add.exit_code == 1);
    CHECK(add.err.find(c.add_error) != std::string::npos);
    auto audit = e2e::run({e2e::kbquery(), "audit", "--db", c.db}, dir);
    INFO("audit: " << audit.err);
    CHECK(audit.exit_code == 1);
    CHECK(audit.err.find(c.audit_error) != std::string::npos);
    CHECK(e2e::file_hash(dir + "/" + c.db) == before);  // "" for the missing one: still missing
  }
  CHECK_FALSE(fs::exists(dir + "/absent.sqlite"));
  CHECK_FALSE(fs::exists(dir + "/empty.sqlite-journal"));
}

// ------------------------------------------------------------------------------------------
// Where the user may not write

TEST_CASE("A read-only location: build -> refused naming the folder, nothing left behind, add -> refused naming "
          "the read-only file or folder, KB unchanged, kbquery still reads",
          "[e2e][faults][permissions]") {
  OpenFolder open;
  const std::string root = open.path.string();
  e2e::write(root + "/seed.txt", e2e::seed_text());
  e2e::write(root + "/seed.xml", e2e::read(kSeedXml));
  fs::create_directories(root + "/ro");
  fs::copy_file(e2e::seed_kb(), root + "/ro/kb.sqlite");
  fs::permissions(root + "/ro/kb.sqlite", fs::perms(0444));
  fs::create_directories(root + "/ro-empty");
  fs::create_directories(root + "/ro-folder");
  fs::copy_file(e2e::seed_kb(), root + "/ro-folder/kb.sqlite");
  fs::permissions(root + "/ro-folder/kb.sqlite", fs::perms(0666));
  for (const char* folder : {"/ro", "/ro-empty", "/ro-folder"}) fs::permissions(root + folder, fs::perms(0555));
  const std::string before = e2e::file_hash(root + "/ro/kb.sqlite");

  if (!unprivileged({})) {
    WARN("SKIPPED: running as root, and no way to run the tools as an unprivileged user (no setpriv, or the "
         "build folder out of nobody's reach): permissions would not bind, so this case is not tested");
    return;
  }
  auto as_user = [&](std::vector<std::string> args) { return e2e::run(*unprivileged(std::move(args)), root); };

  SECTION("build over a KB in a read-only folder") {
    auto r = as_user({e2e::kbindex(), "build", "seed.txt", "--db", "ro/kb.sqlite"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbindex: ro/kb.sqlite: cannot write in its folder " + root +
                       "/ro (the new KB is written there first); choose another with --db or KB_DB\n");
    CHECK(e2e::file_hash(root + "/ro/kb.sqlite") == before);
    CHECK(entries(root + "/ro") == std::vector<std::string>{"kb.sqlite"});
  }
  SECTION("build of a first KB in a read-only folder") {
    auto r = as_user({e2e::kbindex(), "build", "seed.txt", "--db", "ro-empty/kb.sqlite"});
    CHECK(r.exit_code == 1);
    CHECK(r.err.find("ro-empty/kb.sqlite: cannot write in its folder") != std::string::npos);
    CHECK(entries(root + "/ro-empty").empty());
  }
  SECTION("add to a read-only KB file") {
    auto r = as_user({e2e::kbindex(), "add", "seed.xml", "--db", "ro/kb.sqlite"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbindex: ro/kb.sqlite: cannot write to the KB: the file is read-only for you; nothing was added\n");
    CHECK(e2e::file_hash(root + "/ro/kb.sqlite") == before);
    CHECK(entries(root + "/ro") == std::vector<std::string>{"kb.sqlite"});
  }
  SECTION("add to a writable KB file in a read-only folder (no room for SQLite's journal)") {
    auto r = as_user({e2e::kbindex(), "add", "seed.xml", "--db", "ro-folder/kb.sqlite"});
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbindex: ro-folder/kb.sqlite: cannot write to the KB: its folder " + root +
                       "/ro-folder is read-only for you (SQLite keeps its journal there); nothing was added\n");
    CHECK(e2e::file_hash(root + "/ro-folder/kb.sqlite") == before);
    CHECK(entries(root + "/ro-folder") == std::vector<std::string>{"kb.sqlite"});
  }
  SECTION("kbquery reads a KB it may not write") {
    auto r = as_user({e2e::kbquery(), "search", "surgery", "--db", "ro/kb.sqlite", "--json"});
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(json::parse(r.out)["results"].empty());
  }
}

// ------------------------------------------------------------------------------------------
// A full disk: every file the tool writes is capped (RLIMIT_FSIZE), so its writes fail midway
// as on a full disk. (SQLite then reports "disk I/O error"; a true ENOSPC reads "database or
// disk is full". Both take the same way out.)

TEST_CASE("Disk full during a build -> 'build failed, the previous KB is unchanged', no temporary file left",
          "[e2e][faults][disk]") {
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  auto started = e2e::start({e2e::kbindex(), "build", corpus(300)}, dir, {}, 2 << 20);
  auto r = e2e::finish(started);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("kbindex: kb.sqlite: build failed, the previous KB is unchanged: ", 0) == 0);
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
  CHECK(entries(dir) == std::vector<std::string>{"kb.sqlite"});
}

TEST_CASE("Disk full while kbindex add grows the KB -> refused, nothing was added, the KB byte-identical",
          "[e2e][faults][disk]") {
  std::string dir = seed_kb_copy();
  e2e::write(dir + "/many.xml", generated_pubmed_xml(3000));
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  const long room = static_cast<long>(fs::file_size(dir + "/kb.sqlite")) + 64 * 1024;
  auto started = e2e::start({e2e::kbindex(), "add", "many.xml"}, dir, {}, room);
  auto r = e2e::finish(started);
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.err.rfind("kbindex: kb.sqlite: ", 0) == 0);
  CHECK(r.err.find("\nnothing was added; kb.sqlite is as it was\n") != std::string::npos);
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
  CHECK(entries(dir) == (std::vector<std::string>{"kb.sqlite", "many.xml"}));  // no journal left
  // And with room again, the same add goes through.
  auto again = e2e::run({e2e::kbindex(), "add", "many.xml", "--json"}, dir);
  INFO(again.err);
  CHECK(again.exit_code == 0);
}

// ------------------------------------------------------------------------------------------
// Concurrency and kill -9

TEST_CASE("Readers during a rebuild (300 topics) -> every answer is the old KB's until the new one is in place, "
          "never an error or a partial KB",
          "[e2e][faults][concurrency]") {
  std::string dir = seed_kb_copy();
  const std::string old_topics = query_out({"topics", "--json"}, dir);
  const std::string old_search = query_out({"search", "surgery", "--json", "--limit", "3"}, dir);
  auto build = e2e::start({e2e::kbindex(), "build", corpus(300)}, dir);
  struct Answer {
    int exit_code;
    std::string topics, search, err;
  };
  std::vector<Answer> answers;
  while (e2e::running(build)) {
    auto t = e2e::run({e2e::kbquery(), "topics", "--json"}, dir);
    auto s = e2e::run({e2e::kbquery(), "search", "surgery", "--json", "--limit", "3"}, dir);
    answers.push_back({t.exit_code != 0 ? t.exit_code : s.exit_code, t.out, s.out, t.err + s.err});
  }
  auto built = e2e::finish(build);
  INFO(built.err);
  REQUIRE(built.exit_code == 0);
  const std::string new_topics = query_out({"topics", "--json"}, dir);
  const std::string new_search = query_out({"search", "surgery", "--json", "--limit", "3"}, dir);
  REQUIRE(new_topics != old_topics);
  int old_answers = 0;
  bool replaced = false;
  for (const Answer& a : answers) {
    INFO(a.err);
    REQUIRE(a.exit_code == 0);
    const bool is_old = a.topics == old_topics && a.search == old_search;
    const bool is_new = a.topics == new_topics && a.search == new_search;
    // A pair straddling the rename is old then new; anything else would be a partial KB.
    const bool straddles = a.topics == old_topics && a.search == new_search;
    CHECK((is_old || is_new || straddles));
    if (replaced) CHECK_FALSE(is_old);  // once the new KB is in place, never the old one again
    if (is_new || straddles) replaced = true;
    if (is_old) ++old_answers;
  }
  INFO(answers.size() << " answers during the build");
  CHECK(old_answers >= 3);  // the readers really ran while the build wrote
}

TEST_CASE("kill -9 of a build after 10, 50, 200 and 800 ms -> the old KB byte-identical and readable, the next "
          "build succeeds and leaves no temporary file",
          "[e2e][faults][kill]") {
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  const std::string old_topics = query_out({"topics", "--json"}, dir);
  bool interrupted_writing = false;
  for (int ms : {10, 50, 200, 800}) {
    auto build = e2e::start({e2e::kbindex(), "build", corpus(300)}, dir);
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    REQUIRE(e2e::running(build));  // the corpus takes seconds to build
    auto r = e2e::kill9(build);
    INFO("killed after " << ms << " ms: " << r.err);
    CHECK(r.exit_code == -1);
    CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
    CHECK(query_out({"topics", "--json"}, dir) == old_topics);
    if (has_temporary(dir)) interrupted_writing = true;
  }
  CHECK(interrupted_writing);  // some kill landed while the new KB was being written
  auto r = e2e::run({e2e::kbindex(), "build", corpus(3)}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(has_temporary(dir));
  CHECK(entries(dir) == std::vector<std::string>{"kb.sqlite"});
  CHECK(topic_count(dir) == 3);
}

TEST_CASE("kill -9 of kbindex add (a 5000-article PubMed file) while reading and while committing -> the KB's "
          "content unchanged, and byte-identical once opened again (SQLite rolls its journal back)",
          "[e2e][faults][kill]") {
  // The add writes in one transaction with a rollback journal. Killed while it reads records,
  // it has changed nothing on disk but its journal. Killed while committing, the KB file holds
  // some of the new pages: its bytes differ, and KB.sqlite-journal, now "hot", holds the old
  // pages. The next connection that opens the KB puts them back; so the check is on the
  // content (sqlite3's .dump, kbquery's JSON) and on the bytes after that next open.
  std::string dir = seed_kb_copy();
  e2e::write(dir + "/many.xml", generated_pubmed_xml(5000));
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  const std::string before_dump = dump(dir);
  const std::string before_studies = query_out({"studies", "--json"}, dir);
  const std::string before_stats = query_out({"stats", "--json"}, dir);
  const auto original_size = fs::file_size(dir + "/kb.sqlite");

  auto check_as_before = [&] {
    // kbquery is the first to open the KB after the kill: it must read the old KB.
    CHECK(query_out({"stats", "--json"}, dir) == before_stats);
    CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
    CHECK(query_out({"studies", "--json"}, dir) == before_studies);
    if (!before_dump.empty()) CHECK(dump(dir) == before_dump);
  };

  SECTION("killed while reading the records (after 150 ms)") {
    auto add = e2e::start({e2e::kbindex(), "add", "many.xml"}, dir);
    std::this_thread::sleep_for(150ms);
    REQUIRE(e2e::running(add));
    CHECK(e2e::kill9(add).exit_code == -1);
    check_as_before();
  }
  SECTION("killed while committing: a hot journal") {
    bool hot = false;
    for (int attempt = 0; attempt < 4 && !hot; ++attempt) {
      fs::copy_file(e2e::seed_kb(), dir + "/kb.sqlite", fs::copy_options::overwrite_existing);
      auto add = e2e::start({e2e::kbindex(), "add", "many.xml"}, dir);
      // The KB file grows only when the commit writes the new pages into it.
      wait_until(
          [&] {
            std::error_code ec;
            return !e2e::running(add) || fs::file_size(dir + "/kb.sqlite", ec) != original_size;
          },
          30s);
      auto r = e2e::kill9(add);
      hot = r.exit_code == -1 && fs::exists(dir + "/kb.sqlite-journal");
    }
    if (!hot) {
      WARN("SKIPPED: the add committed before it could be killed, four times over; no hot journal to test");
      return;
    }
    CHECK(e2e::file_hash(dir + "/kb.sqlite") != before);  // the bytes on disk are half-written

    {
      // A copy of the hot pair, read by someone who may not write there: SQLite cannot roll
      // back, and kbquery says so instead of calling the file "not a knowledge base".
      OpenFolder open;
      const std::string ro = open.path.string() + "/ro";
      fs::create_directories(ro);
      for (const char* name : {"/kb.sqlite", "/kb.sqlite-journal"}) {
        fs::copy_file(dir + name, ro + name);
        fs::permissions(ro + name, fs::perms(0444));
      }
      const std::string hot_hash = e2e::file_hash(ro + "/kb.sqlite");
      fs::permissions(ro, fs::perms(0555));
      if (auto args = unprivileged({e2e::kbquery(), "stats", "--db", "ro/kb.sqlite"})) {
        auto r = e2e::run(*args, open.path.string());
        INFO(r.err);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("ro/kb.sqlite: a write to it was interrupted, and ro/kb.sqlite-journal holds what it "
                         "changed") != std::string::npos);
        CHECK(r.err.find("not a knowledge base") == std::string::npos);  // no advice to rebuild
        CHECK(e2e::file_hash(ro + "/kb.sqlite") == hot_hash);
      } else {
        WARN("SKIPPED the read-only reader of a hot journal: no unprivileged user to run it as");
      }
    }
    check_as_before();
    // And the KB takes the same add again.
    auto again = e2e::run({e2e::kbindex(), "add", "many.xml", "--json"}, dir);
    INFO(again.err);
    CHECK(again.exit_code == 0);
  }
}

TEST_CASE("Two builds at once, and an add during a build -> refused naming the lock: another kbindex is writing, "
          "wait for it, the first build completes",
          "[e2e][faults][concurrency]") {
  std::string dir = seed_kb_copy();
  e2e::write(dir + "/seed.txt", e2e::seed_text());
  auto first = e2e::start({e2e::kbindex(), "build", corpus(300)}, dir);
  const std::string temporary = "kb.sqlite.tmp-" + std::to_string(first.pid);
  // The temporary file appears once the first build holds the lock and writes.
  REQUIRE(wait_until([&] { return fs::exists(dir + "/" + temporary) || !e2e::running(first); }, 20s));
  REQUIRE(e2e::running(first));
  const std::string refusal = "kbindex: kb.sqlite: another kbindex (build or add) is writing in " +
                              fs::canonical(dir).string() + "; wait for it to finish, then run this command again\n";

  auto second = e2e::run({e2e::kbindex(), "build", "seed.txt"}, dir);
  CHECK(second.exit_code == 1);
  CHECK(second.err == refusal);
  auto add = e2e::run({e2e::kbindex(), "add", kSeedXml}, dir);
  CHECK(add.exit_code == 1);
  CHECK(add.err == refusal);
  CHECK(fs::exists(dir + "/" + temporary));  // the second build did not take the first one's file away
  REQUIRE(e2e::running(first));              // so the three really overlapped

  auto done = e2e::finish(first);
  INFO(done.err);
  CHECK(done.exit_code == 0);
  CHECK(topic_count(dir) == 300);
  CHECK_FALSE(has_temporary(dir));
}
