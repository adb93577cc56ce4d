// Hostile input, end to end: topics, import files and queries that are broken, huge, binary,
// in the wrong encoding or shaped like attacks. Each case names its expected outcome: the
// input indexed sensibly, or a message naming the file and line with exit 1 (2 for usage) and
// the KB byte-identical afterwards. Never a crash (exit -1), a hang (the harness's time limit
// turns it into -1 too), SQLite's own words, or a changed KB after a failed command.
// bad_input_test.cc holds the first cases (empty, NUL, Latin-1, cut, duplicate/missing numbers,
// a dangling marker); this file extends that catalogue.
#include <catch2/catch.hpp>
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "process.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// The line, counted from 1, on which NEEDLE first occurs in TEXT.
int line_of(const std::string& text, const std::string& needle) {
  auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
}

// A folder holding a copy of the seed's KB, for commands that may (wrongly) write to it.
std::string seed_kb_copy() {
  std::string dir = e2e::temp_dir();
  fs::copy_file(e2e::seed_kb(), dir + "/kb.sqlite");
  return dir;
}

bool leaks_sqlite(const std::string& text) {
  for (const char* words : {"SQL logic error", "fts5", "syntax error", "sqlite", "SQLITE", "LIKE or GLOB", "malformed",
                            "no such column", "unrecognized token", "database is locked"})
    if (text.find(words) != std::string::npos) return true;
  return false;
}

// A byte that drives a terminal rather than prints: all below space but newline and tab, and DEL.
bool has_control(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == '\x7f';
  });
}

// `kbindex build FILE` in DIR, whose kb.sqlite must not change when the build fails.
e2e::Outcome build_in(const std::string& dir, const std::string& name, const std::string& content) {
  e2e::write(dir + "/" + name, content);
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  auto r = e2e::run({e2e::kbindex(), "build", name, "--json"}, dir);
  INFO(name << ": exit " << r.exit_code << "\n" << r.err);
  CHECK(r.exit_code != -1);
  if (r.exit_code != 0) {
    CHECK(r.out.empty());
    CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
  }
  return r;
}

std::string seed_body_paragraph() {
  const std::string seed = e2e::seed_text();
  std::size_t start = seed.find("\nAlthough systemic therapy is the mainstay");
  REQUIRE(start != std::string::npos);
  ++start;
  return seed.substr(start, seed.find('\n', start) - start);
}

}  // namespace

// ------------------------------------------------------------------------------------------
// Topics: kbindex build

TEST_CASE("Topic in Windows-1252 (curly quotes, en dash) -> refused at its line: not valid UTF-8, convert with iconv",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  std::string text =
      replace_once(e2e::seed_text(), "unlikely to be cured", "unlikely to be \x93" "cured\x94 \x96 rarely");
  const int line = line_of(text, "to be \x93");
  auto r = build_in(dir, "cp1252.txt", text);
  CHECK(r.exit_code == 1);
  CHECK(r.err == "kbindex: cp1252.txt:" + std::to_string(line) +
                     ": not valid UTF-8; convert the file (e.g. iconv -f WINDOWS-1252 -t UTF-8)\n");
}

TEST_CASE("Topic in UTF-16 (with its byte order mark) -> refused at line 1: UTF-16 text, convert to UTF-8",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  for (const std::string& bom : {std::string("\xFF\xFE"), std::string("\xFE\xFF")}) {
    std::string utf16 = bom;
    for (char c : e2e::seed_text().substr(0, 2000)) {
      if (bom[0] == '\xFF') utf16 += {c, '\0'};
      else utf16 += {'\0', c};
    }
    auto r = build_in(dir, "utf16.txt", utf16);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbindex: utf16.txt:1: UTF-16 text; convert the file to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)\n");
  }
}

TEST_CASE("Topic of random binary bytes -> refused with file:line (binary data or not UTF-8), never a crash",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  std::mt19937 random(20240607);
  for (int round = 0; round < 5; ++round) {
    std::string bytes(4096 + 1000 * round, '\0');
    for (char& c : bytes) c = static_cast<char>(random() % 256);
    if (round % 2 == 0) std::replace(bytes.begin(), bytes.end(), '\0', '\x01');  // no NUL: the UTF-8 check speaks
    auto r = build_in(dir, "noise.bin", bytes);
    CHECK(r.exit_code == 1);
    CHECK(r.err.rfind("kbindex: noise.bin:", 0) == 0);
    CHECK((r.err.find(": binary data (a NUL byte)") != std::string::npos ||
           r.err.find(": not valid UTF-8") != std::string::npos));
  }
}

TEST_CASE("Topic of blanks only, or only a byte order mark -> refused at line 1: the file is empty",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  for (const std::string& content : {std::string("\n\n   \t\r\n\n"), std::string("\xEF\xBB\xBF"),
                                    std::string("\xEF\xBB\xBF\n  \n")}) {
    auto r = build_in(dir, "blank.txt", content);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbindex: blank.txt:1: the file is empty; expected a topic\n");
  }
}

TEST_CASE("Topic with classic Mac line ends (CR only) -> indexed like the seed, not read as one line",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  std::string text = e2e::seed_text();
  std::replace(text.begin(), text.end(), '\n', '\r');
  auto r = build_in(dir, "mac.txt", text);
  REQUIRE(r.exit_code == 0);
  json topic = json::parse(r.out)["topics"][0];
  CHECK(topic["topic"] == "the-role-of-local-therapies-in-metastatic-breast-cancer");
  CHECK(topic["sentences"] == 19);
  CHECK(topic["references"] == 65);
  CHECK(topic["citations"] == 4);
}

TEST_CASE("Topic with a 20 MB single line of text -> indexed in linear time, well within the time limit",
          "[e2e][hostile][topic][slow]") {
  // Before the fix, each sentence's character offset was counted from the start of its
  // paragraph: 5 MB took 255 s, 20 MB would have taken hours.
  std::string dir = seed_kb_copy();
  const std::string paragraph = seed_body_paragraph() + " ";
  std::string line;
  line.reserve(20'000'000 + paragraph.size());
  while (line.size() < 20'000'000) line += paragraph;
  std::string text = replace_once(e2e::seed_text(), seed_body_paragraph(), line);
  line.clear();
  line.shrink_to_fit();
  e2e::write(dir + "/huge.txt", text);
  text.clear();
  text.shrink_to_fit();
  const auto started = std::chrono::steady_clock::now();
  auto r = e2e::run({e2e::kbindex(), "build", "huge.txt", "--json"}, dir, {}, 120);  // 6 s here, more under ASan
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(r.err << "\ntook " << seconds << " s");
  REQUIRE(r.exit_code == 0);  // -1 would be the time limit
  json topic = json::parse(r.out)["topics"][0];
  CHECK(topic["sentences"].get<int>() > 100000);
  CHECK(topic["references"] == 65);
  auto stats = e2e::run({e2e::kbquery(), "search", "mainstay", "--limit", "1", "--json"}, dir);
  CHECK(stats.exit_code == 0);
}

TEST_CASE("Topic cut off anywhere (every 211 bytes, mid-character, mid-marker) -> indexed, or refused with "
          "file:line, never a crash or a hang",
          "[e2e][hostile][topic]") {
  const std::string seed = e2e::seed_text();
  std::vector<std::size_t> cuts;
  for (std::size_t at = 0; at < seed.size(); at += 211) cuts.push_back(at);
  cuts.push_back(seed.find("\xC2\xAE") + 1);        // inside the (R) of line 1
  cuts.push_back(seed.find("G\xC3\xBC") + 2);       // inside the u-umlaut of a reference
  cuts.push_back(seed.find("[1-3]") + 3);           // "[1-" at the end
  cuts.push_back(seed.find("  5. Badwe") + 4);      // "  5." at the end
  cuts.push_back(seed.size() - 1);
  std::string dir = e2e::temp_dir();
  const std::string seed_hash = e2e::file_hash(e2e::seed_kb());
  int indexed = 0, refused = 0;
  for (std::size_t cut : cuts) {
    fs::copy_file(e2e::seed_kb(), dir + "/kb.sqlite", fs::copy_options::overwrite_existing);
    e2e::write(dir + "/cut.txt", seed.substr(0, cut));
    auto r = e2e::run({e2e::kbindex(), "build", "cut.txt", "--json"}, dir, {}, 30);
    INFO("cut at byte " << cut << ": exit " << r.exit_code << "\n" << r.err);
    REQUIRE(r.exit_code >= 0);
    REQUIRE(r.exit_code <= 1);
    if (r.exit_code == 0) {
      ++indexed;
      json summary = json::parse(r.out);
      REQUIRE(summary["topics"].size() == 1);
      CHECK(summary["topics"][0]["references"].get<int>() <= 65);
      auto q = e2e::run({e2e::kbquery(), "refs", "--json"}, dir);
      CHECK(q.exit_code == 0);
      CHECK(json::parse(q.out)["results"].size() == summary["topics"][0]["references"].get<std::size_t>());
    } else {
      ++refused;
      // "kbindex: cut.txt:LINE: what is wrong"
      CHECK(r.err.rfind("kbindex: cut.txt:", 0) == 0);
      std::size_t digits = std::string("kbindex: cut.txt:").size();
      CHECK(std::isdigit(static_cast<unsigned char>(r.err[digits])));
      CHECK(r.err.find(": ", digits) != std::string::npos);
      CHECK(e2e::file_hash(dir + "/kb.sqlite") == seed_hash);
    }
  }
  CHECK(indexed > 0);
  CHECK(refused > 0);
}

TEST_CASE("Topic whose reference list starts at 2 -> indexed as printed, a note naming the gap at that line",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  // An excerpt that keeps only the entries it cites: reference 1 dropped, and its citation.
  std::string text = replace_once(e2e::seed_text(), "[1-3]", "[2-3]");
  const auto first = text.find("  1. Lee CG");
  text.erase(first, text.find('\n', first) + 1 - first);
  auto r = build_in(dir, "starts-at-2.txt", text);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("starts-at-2.txt:" + std::to_string(line_of(text, "  2. Vogel CL")) +
                   ": note: the reference list skips from its start to 2; reference 1 is not in the text") !=
        std::string::npos);
}

TEST_CASE("Topic with a marker range running past the list [64-66] -> refused at its line", "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  std::string text = replace_once(e2e::seed_text(), "lacking [4]", "lacking [64-66]");
  auto r = build_in(dir, "range.txt", text);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("range.txt:" + std::to_string(line_of(text, "lacking [64-66]")) +
                   ": marker [64-66] cites reference 66, but the reference list has 65 entries") != std::string::npos);
}

TEST_CASE("Topic with bracketed numbers that are no markers ([0], [3-1], [-4], [1-2000000000], 23 digits) -> "
          "indexed, the brackets citing nothing",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  for (const char* bracket : {"[0]", "[3-1]", "[-4]", "[1-2000000000]", "[99999999999999999999999]"}) {
    auto r = build_in(dir, "brackets.txt",
                      replace_once(e2e::seed_text(), "lacking [4]", "lacking " + std::string(bracket)));
    INFO(bracket);
    REQUIRE(r.exit_code == 0);
    json topic = json::parse(r.out)["topics"][0];
    CHECK(topic["markers"] == 1);  // the seed's other marker, [1-3]
    CHECK(topic["citations"] == 3);
  }
}

TEST_CASE("Malformed reference lines: '7.Soran' -> refused as reference 7 missing, garbage or a 1 MB reference -> "
          "kept as printed, a NUL -> refused at its line",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  const std::string seed = e2e::seed_text();
  SECTION("no space after the number: not a list entry; kept with the entry above, both said") {
    std::string text = replace_once(seed, "  7. Soran A", "  7.Soran A");
    auto r = build_in(dir, "nospace.txt", text);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.err.find("nospace.txt:" + std::to_string(line_of(text, "  7.Soran")) +
                     ": note: '7.Soran A") != std::string::npos);
    CHECK(r.err.find("nospace.txt:" + std::to_string(line_of(text, "  8. ")) +
                     ": note: the reference list skips from 6 to 8; reference 7 is not in the text") != std::string::npos);
  }
  SECTION("punctuation only, and a reference of 1 MB") {
    const std::string garbage = "%%%% ;;; ((( [[[ }}} \"\"\" ''' --";
    const std::string huge = "Soran A" + std::string(1 << 20, 'x') + ". A title. J Clin Oncol 2016; 34:2083.";
    for (const std::string& raw : {garbage, huge}) {
      std::string text = seed;
      std::size_t at = text.find("  7. Soran A");
      text.replace(at + 5, text.find('\n', at) - at - 5, raw);
      auto r = build_in(dir, "odd-reference.txt", text);
      REQUIRE(r.exit_code == 0);
      auto ref = e2e::run({e2e::kbquery(), "ref", "7", "--json"}, dir);
      REQUIRE(ref.exit_code == 0);
      CHECK(json::parse(ref.out)["raw"] == raw);
    }
  }
  SECTION("a NUL byte inside a reference") {
    std::string text = replace_once(seed, "  7. Soran A", std::string("  7. Sor\0an A", 13));
    auto r = build_in(dir, "nul.txt", text);
    CHECK(r.exit_code == 1);
    CHECK(r.err == "kbindex: nul.txt:" + std::to_string(line_of(text, "  7. Sor")) +
                       ": binary data (a NUL byte); expected a topic as UTF-8 text\n");
  }
}

TEST_CASE("Topic whose title has no letters, or a bare reference list -> refused at the title's line",
          "[e2e][hostile][topic]") {
  std::string dir = seed_kb_copy();
  const std::string title = "The role of local therapies in metastatic breast cancer";
  std::string text = replace_once(e2e::seed_text(), title, "!!! ??? ...");
  auto r = build_in(dir, "no-letters.txt", text);
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("no-letters.txt:" + std::to_string(line_of(text, "!!! ???")) +
                   ": the title '!!! ??? ...' has no letters or digits") != std::string::npos);
  const std::string seed = e2e::seed_text();
  r = build_in(dir, "list.txt", seed.substr(seed.find("  1. Lee CG")));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("list.txt:1: expected the topic's title but found a numbered reference") != std::string::npos);
  CHECK(r.err.find("kbindex parse-refs") != std::string::npos);
}

// ------------------------------------------------------------------------------------------
// Import files: kbindex add FILE into a KB built from the seed

namespace {

const std::string kSeedXml = KB_TEST_DATA_DIR "/imports/seed/seed_citations.xml";

// The first <PubmedArticle> of the seed's citations, a well-formed article to wrap in attacks.
std::string one_article() {
  std::string xml = e2e::read(kSeedXml);
  std::size_t start = xml.find("<PubmedArticle>");
  std::size_t end = xml.find("</PubmedArticle>") + std::string("</PubmedArticle>").size();
  REQUIRE(start != std::string::npos);
  return xml.substr(start, end - start);
}

std::string article_set(const std::string& doctype, const std::string& article) {
  return "<?xml version=\"1.0\"?>\n" + doctype + "<PubmedArticleSet>\n" + article + "\n</PubmedArticleSet>\n";
}

struct BadImport {
  std::string name;
  std::string content;
  std::string expected;  // "NAME:LINE: ..." as stderr must hold it
};

// The KB's content as the sqlite3 shell dumps it, or "" when there is no shell.
std::string dump(const std::string& dir) {
  auto d = e2e::run({"/usr/bin/sqlite3", "kb.sqlite", ".dump"}, dir);
  return d.exit_code == 0 ? d.out : "";
}

// A line of /etc/passwd that an external entity would pull in.
std::string passwd_line() {
  std::string passwd = e2e::read("/etc/passwd");
  return passwd.substr(0, passwd.find('\n'));
}

}  // namespace

TEST_CASE("Import files that are broken or hostile -> exit 1, file:line, nothing added, KB byte-identical",
          "[e2e][hostile][add]") {
  const std::string article = one_article();
  std::string laughs = "<!DOCTYPE PubmedArticleSet [\n <!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    laughs += " <!ENTITY lol" + std::to_string(i) + " \"";
    for (int k = 0; k < 10; ++k) laughs += i == 1 ? "&lol;" : "&lol" + std::to_string(i - 1) + ";";
    laughs += "\">\n";
  }
  laughs += "]>\n";
  const std::string bomb_article = replace_once(article, "Locoregional treatment versus", "&lol9; Locoregional");
  std::string deep = "<PubmedArticle>\n";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  deep += "\n</PubmedArticle>";
  std::string far_doctype = "<!-- <PubmedArticleSet> -->\n<!DOCTYPE PubmedArticleSet [\n";
  for (int i = 0; i < 3000; ++i) far_doctype += "<!-- a long internal subset, past libxml2's first reads -->\n";
  far_doctype += "<!ENTITY x \"y\">\n]>\n";
  std::string binary(3000, '\0');
  std::mt19937 random(7);
  for (char& c : binary) c = static_cast<char>(random() % 256);
  binary.replace(0, 8, std::string("\x7f" "ELF\x02\x01\x01\0", 8));

  const std::string mismatch = article_set("", article + "\n<PubmedArticle><MedlineCitation></PubmedArticle>");
  const std::string far_entity = article_set(far_doctype, article);

  const std::vector<BadImport> cases = {
      {"mismatch.xml", mismatch,
       "mismatch.xml:" + std::to_string(line_of(mismatch, "<MedlineCitation></PubmedArticle>")) +
           ": not well-formed XML: Opening and ending tag mismatch"},
      {"deep.xml", article_set("", deep), "deep.xml:4: refused: elements nested more than 256 levels deep"},
      {"billion-laughs.xml", article_set(laughs, bomb_article),
       "billion-laughs.xml:3: refused: the DOCTYPE declares entities (<!ENTITY ...>)"},
      {"far-entity.xml", far_entity,
       "far-entity.xml:" + std::to_string(line_of(far_entity, "<!ENTITY")) +
           ": refused: the DOCTYPE declares entities"},
      {"ris-no-er.ris", "TY  - JOUR\nAU  - Soran, A\nTI  - A title\nPY  - 2016\n",
       "ris-no-er.ris:1: record starting at line 1 has no ER line; end each record with 'ER  - '"},
      {"ris-garbage.ris", "TY  - JOUR\n\x01\x02garbage ###\nER  - \n",
       "ris-garbage.ris:2: control byte 0x01; this is not a RIS text file"},
      {"ris-untagged.ris", "TY  - JOUR\nhello world\nER  - \n",
       "ris-untagged.ris:2: untagged line 'hello world' right after 'TY  - '"},
      {"medline-orphan.nbib", "PMID- 1\nTI  - A title\n\n      an orphan continuation\nPMID- 2\nTI  - B\n",
       "medline-orphan.nbib:4: continuation line before any tag"},
      {"medline-first.nbib", "      continuation before any tag\nPMID- 12345\nTI  - x\n",
       "medline-first.nbib:1: plain text, not PubMed XML"},
      {"unbalanced.bib", "@article{key1,\n  title = {A {nested title},\n  author = {Soran, A},\n  year = 2016\n}\n",
       "unbalanced.bib:1: unterminated entry @article{key1: no closing '}' before the end of the file"},
      {"unterminated.bib", "@article{key1,\n  title = {A title},\n  author = {Soran, A},\n  year = 2016\n",
       "unterminated.bib:1: unterminated entry @article{key1: no closing '}' before the end of the file"},
      {"unterminated-quote.bib", "@article{k,\n  title = \"A {b\",\n  year = 2016\n}\n",
       "unterminated-quote.bib:2: unterminated quoted value of field 'title'"},
      {"empty.ris", "", "empty.ris:1: the file is empty; expected PubMed XML, MEDLINE, RIS or BibTeX records"},
      {"blank.xml", "\n  \n\t\n", "blank.xml:1: the file is empty"},
      {"binary.ris", binary, "binary.ris:1: a binary file, not PubMed XML, MEDLINE, RIS or BibTeX"},
  };
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  for (const BadImport& bad : cases) {
    DYNAMIC_SECTION(bad.name) {
      e2e::write(dir + "/" + bad.name, bad.content);
      auto r = e2e::run({e2e::kbindex(), "add", bad.name}, dir, {}, 30);
      INFO(r.err);
      CHECK(r.exit_code == 1);
      CHECK(r.err.find("kbindex: " + bad.expected) != std::string::npos);
      CHECK(r.err.find("nothing was added; kb.sqlite is as it was") != std::string::npos);
      CHECK(r.out.empty());
      CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
      CHECK_FALSE(fs::exists(dir + "/kb.sqlite-journal"));
    }
  }
}

TEST_CASE("PubMed XML with external entities (file:///etc/passwd, http://, parameter entity) -> refused at the "
          "DOCTYPE's line, /etc/passwd never read into the output or the KB",
          "[e2e][hostile][add][xxe]") {
  const std::string secret = passwd_line();
  REQUIRE_FALSE(secret.empty());
  const std::string article = replace_once(one_article(), "Locoregional treatment versus", "&xxe; Locoregional");
  const std::vector<std::pair<std::string, std::string>> doctypes = {
      {"file.xml", "<!DOCTYPE PubmedArticleSet [\n <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n"},
      {"http.xml", "<!DOCTYPE PubmedArticleSet [\n <!ENTITY xxe SYSTEM \"http://127.0.0.1:9/evil.xml\">\n]>\n"},
      {"parameter.xml",
       "<!DOCTYPE PubmedArticleSet [\n <!ENTITY % pe SYSTEM \"file:///etc/passwd\">\n %pe;\n]>\n"},
  };
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  for (const auto& [name, doctype] : doctypes) {
    e2e::write(dir + "/" + name, article_set(doctype, article));
    auto r = e2e::run({e2e::kbindex(), "add", name, "--json"}, dir, {}, 30);
    INFO(name << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(name + ":3: refused: the DOCTYPE declares entities") != std::string::npos);
    CHECK(r.out.find(secret) == std::string::npos);
    CHECK(r.err.find(secret) == std::string::npos);
    CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
  }
  std::string content = dump(dir);
  if (!content.empty()) CHECK(content.find(secret) == std::string::npos);
}

TEST_CASE("PubMed XML naming an external DTD (file:///etc/passwd, http://) -> the DTD is not read: the article is "
          "added, /etc/passwd appears nowhere",
          "[e2e][hostile][add][xxe]") {
  const std::string secret = passwd_line();
  for (const std::string system : {"file:///etc/passwd", "http://127.0.0.1:9/pubmed.dtd"}) {
    std::string dir = seed_kb_copy();
    e2e::write(dir + "/dtd.xml",
               article_set("<!DOCTYPE PubmedArticleSet SYSTEM \"" + system + "\">\n", one_article()));
    auto r = e2e::run({e2e::kbindex(), "add", "dtd.xml", "--json"}, dir, {}, 30);
    INFO(system << "\n" << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(json::parse(r.out)["files"][0]["records"] == 1);
    CHECK(r.out.find(secret) == std::string::npos);
    CHECK(r.err.find(secret) == std::string::npos);
    std::string content = dump(dir);
    if (!content.empty()) {
      CHECK(content.find("90000005") != std::string::npos);  // the article is in
      CHECK(content.find(secret) == std::string::npos);
    }
  }
}

// ------------------------------------------------------------------------------------------
// Queries: kbquery search / ask / refs / studies

TEST_CASE("Queries shaped like FTS5 or SQL (quotes, NEAR(, *, column filters, DROP TABLE) in search, ask, refs, "
          "studies -> answered or refused with a hint (exit 2), never SQLite's words, never a changed KB",
          "[e2e][hostile][query]") {
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  const std::vector<std::string> queries = {
      "\"unbalanced quote", "surgery\"", "NEAR(", "NEAR(surgery radiation, 2)", "*", "surg* *", "title:surgery",
      "refs_fts:surgery", "{raw title}: surgery", "'; DROP TABLE refs; --", "\"'; DROP TABLE refs; --\"",
      "surgery' OR '1'='1", "surgery; SELECT * FROM kb_meta", "a AND", "AND OR NOT", "(((", ")", "Soran[au",
      "x[zz]", "2016-1900[dp]", "surgery^2", "-surgery", "100%", "_", "\\", "\"\"", "[au]", "Soran[au] AND ()",
  };
  for (const char* command : {"search", "ask", "refs", "studies"}) {
    for (const std::string& query : queries) {
      auto r = e2e::run({e2e::kbquery(), command, query, "--json"}, dir);
      INFO(command << " " << query << "\nexit " << r.exit_code << "\n" << r.err);
      CHECK((r.exit_code == 0 || r.exit_code == 2));
      CHECK_FALSE(leaks_sqlite(r.err));
      if (r.exit_code == 0) CHECK_NOTHROW(json::parse(r.out));
      else CHECK(r.err.size() > std::string("kbquery: ").size() + 10);  // a hint, not a bare failure
    }
  }
  // The refusals that say where: PubMed syntax gets a column.
  auto near = e2e::run({e2e::kbquery(), "refs", "NEAR("}, dir);
  CHECK(near.exit_code == 2);
  CHECK(near.err.find("query:6: expected a term") != std::string::npos);
  auto star = e2e::run({e2e::kbquery(), "search", "*"}, dir);
  CHECK(star.exit_code == 2);
  CHECK(star.err.find("has no words to search for; give words, \"a phrase\" or a prefix such as surg*") !=
        std::string::npos);
  // SQL in a query is a word to search for: the refs table is still there, every reference in it.
  auto all = e2e::run({e2e::kbquery(), "refs", "--json"}, dir);
  REQUIRE(all.exit_code == 0);
  CHECK(json::parse(all.out)["results"].size() == 65);
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
}

TEST_CASE("Hostile option values (--year 2016'+DROP, --design rct' OR '1'='1, --topic ') -> usage errors (exit 2) "
          "naming the option",
          "[e2e][hostile][query]") {
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  const std::vector<std::vector<std::string>> commands = {
      {"refs", "--year", "2016';DROP TABLE refs"}, {"refs", "--design", "rct' OR '1'='1"},
      {"refs", "--title", "%"},                   {"recs", "--topic", "'"},
      {"audit", "--topic", "%"},                  {"ref", "5", "--topic", "' OR 1=1 --"},
  };
  for (std::vector<std::string> args : commands) {
    const std::string option = args[args.size() - 2];
    args.insert(args.begin(), e2e::kbquery());
    auto r = e2e::run(args, dir);
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(option) != std::string::npos);
    CHECK_FALSE(leaks_sqlite(r.err));
  }
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
}

TEST_CASE("100 KB queries -> refused with 'shorten it' (search, refs, studies, export) or answered (ask), quickly, "
          "never SQLite's 'LIKE or GLOB pattern too complex'",
          "[e2e][hostile][query]") {
  std::string dir = seed_kb_copy();
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  std::string words;
  while (words.size() < 100 * 1024) words += "surgery ";
  const std::string one_word(100 * 1024, 'x');
  for (const std::string& query : {words, one_word, one_word + "[au]", one_word + "[pg]", "\"" + words + "\""}) {
    for (const char* command : {"search", "ask", "refs", "studies"}) {
      auto r = e2e::run({e2e::kbquery(), command, query, "--json"}, dir, {}, 20);
      INFO(command << " " << query.substr(0, 20) << "... (" << query.size() << " bytes)\n" << r.err.substr(0, 300));
      CHECK((r.exit_code == 0 || r.exit_code == 2));
      CHECK_FALSE(leaks_sqlite(r.err));
      if (r.exit_code == 2) CHECK(r.err.find("shorten it") != std::string::npos);
      if (std::string(command) == "refs" || std::string(command) == "studies") CHECK(r.exit_code == 2);
    }
  }
  auto author = e2e::run({e2e::kbquery(), "refs", "--author", one_word}, dir);
  CHECK(author.exit_code == 2);
  CHECK(author.err == "kbquery: --author is 102400 bytes long; at most 10000 are searched for, so shorten it\n");
  auto exported = e2e::run({e2e::kbquery(), "export", "--format", "ris", one_word + "[au]"}, dir);
  CHECK(exported.exit_code == 2);
  CHECK_FALSE(leaks_sqlite(exported.err));
  CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
}

TEST_CASE("Queries with control characters (ESC sequences, ^A, DEL) -> searched or refused, the terminal never "
          "receives them",
          "[e2e][hostile][query]") {
  std::string dir = seed_kb_copy();
  const std::vector<std::string> queries = {"surgery\x1b[2J\x1b[31m", "\x1b]0;owned\x07 surgery", "\x01\x02\x03",
                                            "Soran\x7f[au]", "\x1b[2J", "\x1b\x07", "\x1b\r",
                                            "surgery\tradiation\r\n"};
  for (const char* command : {"search", "ask", "refs", "studies"}) {
    for (const std::string& query : queries) {
      auto r = e2e::run({e2e::kbquery(), command, query}, dir);
      INFO(command << " exit " << r.exit_code << "\n" << r.err);
      CHECK((r.exit_code == 0 || r.exit_code == 2));
      CHECK_FALSE(has_control(r.out));
      CHECK_FALSE(has_control(r.err));
      CHECK_FALSE(leaks_sqlite(r.err));
    }
  }
}

TEST_CASE("parse-refs FILE with NUL bytes or random binary -> one valid JSON object per input line, NULs escaped",
          "[e2e][hostile][parse-refs]") {
  std::string dir = e2e::temp_dir();
  const std::string badwe = std::string("Badwe") + '\0' + " R. Another" + '\0' + " title. Lancet Oncol 2015; 16:1380.";
  const std::string nul_lines =
      "Soran A, Ozmen V. A trial. J Clin Oncol 2016; 34:100.\n" + badwe + "\n" + std::string(3, '\0') + "\n";
  e2e::write(dir + "/nul.txt", nul_lines);
  auto r = e2e::run({e2e::kbindex(), "parse-refs", "nul.txt", "--json"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<json> objects;
  std::size_t start = 0;
  for (std::size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1)
    objects.push_back(json::parse(r.out.substr(start, nl - start)));
  REQUIRE(objects.size() == 3);
  CHECK(objects[0]["year"] == 2016);
  CHECK(objects[1]["raw"] == badwe);
  CHECK(objects[2]["raw"] == std::string(3, '\0'));
  CHECK(r.out.find(std::string(1, '\0')) == std::string::npos);  // escaped as \u0000, never raw

  std::string noise(20000, '\0');
  std::mt19937 random(11);
  for (char& c : noise) c = static_cast<char>(random() % 256);
  e2e::write(dir + "/noise.bin", noise);
  r = e2e::run({e2e::kbindex(), "parse-refs", "noise.bin", "--json"}, dir);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::size_t lines = 0;
  start = 0;
  for (std::size_t nl; (nl = r.out.find('\n', start)) != std::string::npos; start = nl + 1, ++lines)
    CHECK_NOTHROW(json::parse(r.out.substr(start, nl - start)));  // nlohmann refuses invalid UTF-8
  CHECK(lines > 0);
  CHECK(lines <= static_cast<std::size_t>(std::count(noise.begin(), noise.end(), '\n')) + 1);
}
