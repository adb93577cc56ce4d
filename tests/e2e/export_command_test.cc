// kbquery export on the seed KB: every format to stdout, the selection options, the errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "process.h"

using nlohmann::json;

namespace {

e2e::Outcome export_seed(std::vector<std::string> args) {
  args.insert(args.begin(), {e2e::kbquery(), "export"});
  args.insert(args.end(), {"--db", e2e::seed_kb()});
  return e2e::run(args);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += what.size()) ++n;
  return n;
}

}  // namespace

TEST_CASE("export writes every reference of the KB in each format, to stdout only", "[e2e][export]") {
  auto [format, record_start, line_end] = GENERATE(table<std::string, std::string, std::string>({
      {"ris", "TY  - ", "\r\n"},
      {"bibtex", "@article{", "\n"},
      {"csl-json", "\"id\": ", "\n"},
      {"medline", "TI  - ", "\n"},
      {"csv", "the-role-of-local-therapies-in-metastatic-breast-cancer,", "\r\n"},
  }));
  auto r = export_seed({"--format", format});
  INFO(format << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(count(r.out, record_start) == 65);
  REQUIRE(r.out.size() > line_end.size());
  CHECK(r.out.substr(r.out.size() - line_end.size()) == line_end);
  if (line_end == "\n") CHECK(r.out.find('\r') == std::string::npos);
}

TEST_CASE("export's BibTeX keys are unique and its CSL-JSON ids name topic and number", "[e2e][export]") {
  auto bib = export_seed({"--format", "bibtex"});
  REQUIRE(bib.exit_code == 0);
  std::set<std::string> keys;
  for (std::size_t at = 0; (at = bib.out.find("@article{", at)) != std::string::npos;) {
    at += 9;
    keys.insert(bib.out.substr(at, bib.out.find(',', at) - at));
  }
  CHECK(keys.size() == 65);
  CHECK(keys.count("badwe2015") == 1);
  CHECK(keys.count("yoshimoto2000") == 1);

  auto csl = export_seed({"--format", "csl-json"});
  REQUIRE(csl.exit_code == 0);
  json items = json::parse(csl.out);
  REQUIRE(items.size() == 65);
  CHECK(items[4]["id"] == "the-role-of-local-therapies-in-metastatic-breast-cancer/5");
  CHECK(items[5]["type"] == "paper-conference");
}

TEST_CASE("export --json writes CSL-JSON, and refuses another format beside it", "[e2e][export]") {
  auto r = export_seed({"--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out).size() == 65);
  r = export_seed({"--json", "--format", "ris"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "kbquery: --json writes CSL-JSON, but --format asks for ris; give one of them\n");
}

TEST_CASE("export needs a known --format and says which there are", "[e2e][export][errors]") {
  auto r = export_seed({});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "kbquery: --format is required: ris, bibtex, csl-json, medline or csv\n");
  r = export_seed({"--format", "endnote"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("endnote not in {ris,bibtex,csl-json,medline,csv}") != std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("export --limit and --topic narrow the selection; a missing KB or topic is an error",
          "[e2e][export][errors]") {
  auto r = export_seed({"--format", "ris", "--limit", "3"});
  REQUIRE(r.exit_code == 0);
  CHECK(count(r.out, "TY  - ") == 3);
  r = export_seed({"--format", "csv", "--topic", "local-therapies"});
  REQUIRE(r.exit_code == 0);
  CHECK(count(r.out, "\r\n") == 66);
  r = export_seed({"--format", "csv", "--topic", "lung-cancer"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--topic lung-cancer: no such topic") != std::string::npos);
  r = e2e::run({e2e::kbquery(), "export", "--format", "ris", "--db", e2e::temp_dir() + "/absent.sqlite"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
}

TEST_CASE("export selects what `kbquery refs` selects for the same query, and leaves the KB as it was",
          "[e2e][export]") {
  const std::string before = e2e::file_hash(e2e::seed_kb());
  for (const std::string query : {"Soran[au]", "surgery", "2016[dp]"}) {
    auto refs = e2e::run({e2e::kbquery(), "refs", query, "--json", "--db", e2e::seed_kb()});
    auto csl = export_seed({query, "--format", "csl-json"});
    INFO(query << "\nrefs: " << refs.err << "\nexport: " << csl.err);
    REQUIRE(csl.exit_code == refs.exit_code);
    if (refs.exit_code != 0) continue;
    std::vector<std::string> want, got;
    const json found = json::parse(refs.out);
    for (const json& r : found["results"])
      want.push_back(r["topic"].get<std::string>() + "/" + r["number"].dump());
    for (const json& item : json::parse(csl.out)) got.push_back(item["id"]);
    CHECK(got == want);
  }
  CHECK(e2e::file_hash(e2e::seed_kb()) == before);
}

TEST_CASE("export of an empty selection is an empty file, with a note on stderr", "[e2e][export]") {
  auto refs = e2e::run({e2e::kbquery(), "refs", "Nosuchauthor[au]", "--json", "--db", e2e::seed_kb()});
  INFO(refs.err);
  REQUIRE(refs.exit_code == 0);
  REQUIRE(json::parse(refs.out)["results"].empty());
  auto r = export_seed({"Nosuchauthor[au]", "--format", "csl-json"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "[]\n");
  CHECK(r.err == "kbquery: no reference matched; the csl-json export is empty\n");
  r = export_seed({"Nosuchauthor[au]", "--format", "csv"});
  CHECK(r.out == "topic,number,authors,title,journal,year,volume,issue,pages,doi,pmid,design,level\r\n");
}
