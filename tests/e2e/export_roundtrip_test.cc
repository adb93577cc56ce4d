// Every export read back by tools made by others: citation-js (RIS, BibTeX, CSL-JSON),
// bibutils (RIS, BibTeX), Biopython's Bio.Medline (MEDLINE) and Python's csv module (CSV).
// Each must find all the seed's references with authors (et al. included), title,
// journal, year, volume and pages as `kbquery refs --json` gives them.
//
// The readers are run through small scripts in tests/tools/ that print what the tool
// understood as JSON, uncleaned. `make test` installs the tools when they are missing, so
// a missing tool fails the test with that advice rather than skipping it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <sstream>

#include "process.h"

using nlohmann::json;

namespace {

const std::string kTools = std::string(KB_SOURCE_DIR) + "/tests/tools";

// The KB's own view of every reference: `kbquery refs --json`.
const json& kb_references() {
  static const json refs = [] {
    auto r = e2e::run({e2e::kbquery(), "refs", "--json", "--db", e2e::seed_kb()});
    INFO("kbquery refs --json: " << r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out)["results"];
  }();
  return refs;
}

// The seed exported in FORMAT, as a file a reader can open.
std::string exported(const std::string& format) {
  auto r = e2e::run({e2e::kbquery(), "export", "--format", format, "--db", e2e::seed_kb()});
  INFO("kbquery export --format " << format << ": " << r.err);
  REQUIRE(r.exit_code == 0);
  std::string path = e2e::temp_dir() + "/seed." + format;
  e2e::write(path, r.out);
  return path;
}

// Runs a reader script; its JSON, or a failed test naming the way to install the tool.
json read_back(const std::vector<std::string>& command, const std::string& install_hint) {
  auto r = e2e::run(command, ".", {}, 120);
  if (r.exit_code != 0)
    FAIL("the reader " << command[1] << " failed (exit " << r.exit_code << "): " << r.err << "\n" << install_hint);
  return json::parse(r.out);
}

void require_tool(const std::vector<std::string>& probe, const std::string& install_hint) {
  auto r = e2e::run(probe);
  if (r.exit_code != 0) FAIL(install_hint << "\n(" << probe.back() << ": exit " << r.exit_code << " " << r.err << ")");
}

// "1539-69" -> "1539-1569": the pages as every format writes them, the test's own
// expansion of a compressed last page, so that it checks the exporters' rather than
// sharing it.
std::string expected_pages(const std::string& printed) {
  const std::size_t dash = printed.find('-');
  if (dash == std::string::npos || printed.find(' ') != std::string::npos) return printed;
  std::string first = printed.substr(0, dash), last = printed.substr(dash + 1);
  std::size_t digits = first.size();
  while (digits > 0 && std::isdigit(static_cast<unsigned char>(first[digits - 1]))) --digits;
  const std::string first_digits = first.substr(digits);
  if (!last.empty() && last.size() < first_digits.size() &&
      last.find_first_not_of("0123456789") == std::string::npos)
    last = first.substr(0, first.size() - last.size()) + last;
  return first + "-" + last;
}

// A reader's author as the KB prints it: "Gonzalez-Angulo AM" from family "Gonzalez-Angulo"
// and given "A. M.", "A.M." or "A M"; a group's name as it is.
std::string printed_author(const json& a) {
  if (!a["literal"].get<std::string>().empty()) return a["literal"];
  std::string initials;
  for (char c : a["given"].get<std::string>())
    if (c != '.' && c != ' ') initials += c;
  std::string out = a["family"];
  if (!initials.empty()) out.append(" ").append(initials);
  std::string suffix = a["suffix"];
  if (!suffix.empty() && suffix.back() == '.') suffix.pop_back();
  if (!suffix.empty()) out.append(" ").append(suffix);
  return out;
}

// What a reader is known to do to text that the KB's exports cannot prevent; each quirk is
// applied to its reader only, counted, and reported.
struct Quirks {
  // BibTeX's "and others" is the format's et al., read by both tools as a last author
  // named "others"; the other formats carry et al. in their note.
  bool et_al_by_others = false;
  // bibutils reads two hyphens as LaTeX's en dash even when written "-{}-", the LaTeX
  // spelling that keeps them apart; no spelling survives it (tried: -{-}, {-}{-}, -{{}}-).
  bool en_dash_for_two_hyphens = false;
};

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    if (s.compare(i, from.size(), from) == 0) {
      out += to;
      i += from.size();
    } else {
      out += s[i++];
    }
  }
  return out;
}

// A reader's text with no-break spaces as the spaces they stand for (the BibTeX export
// writes a locator's spaces so: "ASCO\u00a0#1006").
std::string plain(const json& value) { return replaced(value.get<std::string>(), "\u00a0", " "); }

struct Fields {
  json authors = json::array();
  bool et_al = false;
  std::string title, journal, volume, pages;
  json year;
};

// What a reader recovered of one reference.
Fields recovered(const json& record, const Quirks& quirks) {
  Fields f;
  for (const json& a : record["authors"]) f.authors.push_back(replaced(printed_author(a), "\u00a0", " "));
  if (quirks.et_al_by_others) {
    f.et_al = !f.authors.empty() && f.authors.back() == "others";
    if (f.et_al) f.authors.erase(f.authors.size() - 1);
  } else {
    f.et_al = record["note"].get<std::string>().find("et al.") != std::string::npos;
  }
  f.title = plain(record["title"]);
  f.journal = plain(record["journal"]);
  f.year = record["year"];
  f.volume = plain(record["volume"]);
  // An en dash is how some readers print the range BibTeX writes with "--".
  f.pages = replaced(plain(record["pages"]), "\u2013", "-");
  return f;
}

// Compares every record field by field with the KB and reports, per field, how many of
// the references came back intact.
void check_round_trip(const json& read, const Quirks& quirks = {}) {
  const json& kb = kb_references();
  REQUIRE(kb.size() == 65);
  const std::string reader = read["reader"];
  INFO("reader: " << reader);
  REQUIRE(read["records"].size() == kb.size());
  std::map<std::string, int> intact;
  std::map<std::string, std::string> misses;
  int en_dashes = 0;  // titles intact but for bibutils' en dash
  for (std::size_t i = 0; i < kb.size(); ++i) {
    const json& want = kb[i];
    const Fields got = recovered(read["records"][i], quirks);
    const std::map<std::string, std::pair<json, json>> fields = {
        {"authors", {json{want["authors"], want["et_al"]}, json{got.authors, got.et_al}}},
        {"title", {want["title"], got.title}},
        {"journal", {want["journal"], got.journal}},
        {"year", {want["year"], got.year}},
        {"volume", {want["volume"], got.volume}},
        {"pages", {expected_pages(want["pages"]), got.pages}},
    };
    for (const auto& [name, pair] : fields) {
      if (pair.first == pair.second) ++intact[name];
      else if (name == "title" && quirks.en_dash_for_two_hyphens &&
               replaced(pair.first, "--", "\u2013") == pair.second)
        ++intact[name], ++en_dashes;
      else if (misses[name].size() < 600)
        misses[name].append("\n  reference ").append(want["number"].dump()).append(": want ")
            .append(pair.first.dump()).append(", got ").append(pair.second.dump());
    }
  }
  std::ostringstream summary;
  summary << reader << ":";
  for (const char* name : {"authors", "title", "journal", "year", "volume", "pages"})
    summary << " " << name << " " << intact[name] << "/" << kb.size();
  if (en_dashes) summary << " (titles with \"--\" read as an en dash: " << en_dashes << ")";
  WARN(summary.str());
  for (const char* name : {"authors", "title", "journal", "year", "volume", "pages"}) {
    INFO(name << " lost or changed:" << misses[name]);
    CHECK(intact[name] == static_cast<int>(kb.size()));
  }
}

const std::string kNodeHint =
    "citation-js is not installed: run `make test`, which installs Node.js and npm (Debian packages nodejs, npm) "
    "and then citation-js into tests/tools/node_modules (npm ci --prefix tests/tools)";
const std::string kBibutilsHint = "bibutils is not installed: run `make test`, which installs Debian's bibutils";
const std::string kBiopythonHint =
    "Biopython is not installed: run `make test`, which installs Debian's python3-biopython (for /usr/bin/python3)";

}  // namespace

TEST_CASE("citation-js reads the RIS, BibTeX and CSL-JSON exports back intact", "[e2e][export][roundtrip]") {
  require_tool({"/usr/bin/env", "node", "--version"}, kNodeHint);
  if (!std::filesystem::exists(kTools + "/node_modules/@citation-js/core/package.json")) FAIL(kNodeHint);
  const std::string script = kTools + "/read_citation_js.mjs";
  SECTION("RIS") {
    check_round_trip(read_back({"/usr/bin/env", "node", script, "ris", exported("ris")}, kNodeHint));
  }
  SECTION("BibTeX") {
    check_round_trip(read_back({"/usr/bin/env", "node", script, "bibtex", exported("bibtex")}, kNodeHint), {.et_al_by_others = true});
  }
  SECTION("CSL-JSON") {
    check_round_trip(read_back({"/usr/bin/env", "node", script, "csl-json", exported("csl-json")}, kNodeHint));
  }
}

TEST_CASE("bibutils reads the RIS and BibTeX exports back intact", "[e2e][export][roundtrip]") {
  require_tool({"/bin/sh", "-c", "command -v ris2xml && command -v bib2xml"}, kBibutilsHint);
  const std::string script = kTools + "/read_bibutils.py";
  SECTION("RIS through ris2xml") {
    check_round_trip(read_back({"/usr/bin/python3", script, "ris", exported("ris")}, kBibutilsHint));
  }
  SECTION("BibTeX through bib2xml") {
    check_round_trip(read_back({"/usr/bin/python3", script, "bibtex", exported("bibtex")}, kBibutilsHint),
                     {.et_al_by_others = true, .en_dash_for_two_hyphens = true});
  }
}

TEST_CASE("Biopython's Bio.Medline reads the MEDLINE export back intact", "[e2e][export][roundtrip]") {
  require_tool({"/usr/bin/python3", "-c", "import Bio.Medline"}, kBiopythonHint);
  const std::string script = kTools + "/read_medline.py";
  check_round_trip(read_back({"/usr/bin/python3", script, exported("medline")}, kBiopythonHint));
}

TEST_CASE("Python's csv module reads the CSV export back intact, one row per reference", "[e2e][export][roundtrip]") {
  require_tool({"/usr/bin/python3", "-c", "import csv"}, "Python 3 is missing: run `make test`");
  check_round_trip(read_back({"/usr/bin/python3", kTools + "/read_csv.py", exported("csv")}, ""));
}
