// kbquery report (the evidence map, one self-contained HTML file) and kbquery graph (DOT),
// end to end on the seed KB and on a copy of the seed with markup in its text and curated
// links. The expected links are read from `recs --json`, not from the outputs under test.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "process.h"

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const char* kSlug = "the-role-of-local-therapies-in-metastatic-breast-cancer";

json recs_json(const std::string& db) {
  auto r = e2e::run({e2e::kbquery(), "recs", "--json", "--db", db});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json& recommendation(const json& recs, const std::string& id) {
  for (const json& rec : recs["recommendations"])
    if (rec["id"] == id) return rec;
  FAIL("no recommendation " << id);
  throw std::logic_error("unreachable");
}

// The seed with markup, quotes and a backslash in a recommendation and in reference 5's
// title, and the curated links file beside it.
const std::string& hostile_kb() {
  static const std::string path = [] {
    std::string text = e2e::seed_text();
    auto replace = [&](const std::string& from, const std::string& to) {
      auto at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
    };
    replace("(eg, bleeding, infection, or wound management)", "(eg, \"bleeding\" \\ <b>infection</b>, or wound management)");
    replace("open-label randomised controlled trial. Lancet",
            "open-label randomised controlled trial <script>alert(\"x\")</script> & \"q\" url(https://evil.example/x). Lancet");
    const std::string dir = e2e::temp_dir();
    fs::create_directories(dir + "/corpus");
    e2e::write(dir + "/corpus/seed.txt", text);
    e2e::write(dir + "/corpus/seed.links", e2e::read(std::string(KB_TEST_DATA_DIR) + "/links/curated.links"));
    auto r = e2e::run({e2e::kbindex(), "build", "corpus", "--db", "kb.sqlite"}, dir);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return dir + "/kb.sqlite";
  }();
  return path;
}

std::vector<std::string> all_matches(const std::string& text, const std::regex& re, int group = 1) {
  std::vector<std::string> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back((*it)[group].str());
  return out;
}

// Anything the page would fetch from the network: a src or href to another site, a url() to
// one in a stylesheet or style attribute (in the page's text "url(" is only words), an @import,
// or an element that loads something.
bool fetches_anything(const std::string& html) {
  static const std::regex external(R"re((?:src|href)\s*=\s*["']?\s*(?:https?:)?//)re", std::regex::icase);
  static const std::regex elements(R"re(<\s*(?:script|link|iframe|img|object|embed)\b|@import)re", std::regex::icase);
  static const std::regex styles(R"re(<style[^>]*>([^<]*)</style>|style="([^"]*)")re", std::regex::icase);
  static const std::regex css_url(R"re(url\(\s*["']?\s*(?:https?:)?//)re", std::regex::icase);
  if (std::regex_search(html, external) || std::regex_search(html, elements)) return true;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), styles); it != std::sregex_iterator(); ++it)
    if (std::regex_search((*it)[1].str() + (*it)[2].str(), css_url)) return true;
  return false;
}

// The markup between the first OPEN and the CLOSE after it.
std::string between(const std::string& text, const std::string& open, const std::string& close) {
  auto start = text.find(open);
  if (start == std::string::npos) return "";
  auto end = text.find(close, start);
  return end == std::string::npos ? "" : text.substr(start, end + close.size() - start);
}

// The matrix row of recommendation ID.
std::string matrix_row(const std::string& html, const std::string& id) {
  const std::string matrix = between(html, "<table class=\"matrix\">", "</table>");
  const std::string anchor = "href=\"#rec-" + std::string(kSlug) + "-" + id + "\"";
  auto at = matrix.find(anchor);
  if (at == std::string::npos) return "";
  auto start = matrix.rfind("<tr>", at);
  auto end = matrix.find("</tr>", at);
  return matrix.substr(start, end - start);
}

struct Report {
  int exit_code = -1;
  std::string out, err, html;
};

Report report(const std::string& db, std::vector<std::string> extra = {}) {
  const std::string file = e2e::temp_dir() + "/map.html";
  std::vector<std::string> args = {e2e::kbquery(), "report", "--html", file, "--db", db};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = e2e::run(args);
  return {r.exit_code, r.out, r.err, e2e::read(file)};
}

}  // namespace

TEST_CASE("The external-resource check finds what it looks for", "[e2e][report]") {
  CHECK(fetches_anything("<img src=\"https://x.example/a.png\">"));
  CHECK(fetches_anything("<a href='http://x.example/'>x</a>"));
  CHECK(fetches_anything("<style>body{background:url( \"//x.example/a.png\")}</style>"));
  CHECK(fetches_anything("<div style=\"background:url(https://x.example/a.png)\"></div>"));
  CHECK(fetches_anything("<script>1</script>"));
  CHECK_FALSE(fetches_anything("<style>a{color:red}</style><a href=\"#ref-a-5\">5</a> prose: url(https://x.example/)"));
}

TEST_CASE("report --html writes one self-contained evidence map whose every link lands in it", "[e2e][report]") {
  const std::string dir = e2e::temp_dir();
  const std::string file = dir + "/map.html";
  auto r = e2e::run({e2e::kbquery(), "report", "--html", file, "--db", e2e::seed_kb()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json recs = recs_json(e2e::seed_kb());
  std::set<int> linked;
  for (const json& rec : recs["recommendations"])
    for (const json& e : rec["evidence"]) linked.insert(e["number"].get<int>());
  CHECK(r.out == "wrote " + file + " (1 topic, " + std::to_string(recs["recommendations"].size()) +
                     " recommendations, " + std::to_string(linked.size()) + " studies)\n");
  CHECK_FALSE(fs::exists(file + ".tmp"));
  const std::string html = e2e::read(file);
  REQUIRE(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("<html lang=\"en\">") != std::string::npos);
  CHECK(html.find("</html>") != std::string::npos);
  CHECK_FALSE(fetches_anything(html));

  SECTION("every href=\"#...\" names an id of the file, and no id is given twice") {
    const auto ids = all_matches(html, std::regex(R"re(\sid="([^"]*)")re"));
    const std::set<std::string> id_set(ids.begin(), ids.end());
    CHECK(id_set.size() == ids.size());
    const auto hrefs = all_matches(html, std::regex(R"re(href="#([^"]*)")re"));
    REQUIRE(hrefs.size() > linked.size());
    for (const std::string& h : hrefs) {
      INFO(h);
      CHECK(id_set.count(h) == 1);
    }
    // Every linked study has its entry in the reference list, with its citation.
    for (int n : linked) CHECK(id_set.count("ref-" + std::string(kSlug) + "-" + std::to_string(n)) == 1);
    CHECK(between(html, "<li id=\"ref-" + std::string(kSlug) + "-5\">", "</li>").find("Badwe R, Hawaldar R") !=
          std::string::npos);
  }

  SECTION("the matrix row of R2 has one cell link per evidence link, marked by provenance and design") {
    const std::string matrix = between(html, "<table class=\"matrix\">", "</table>");
    REQUIRE_FALSE(matrix.empty());
    CHECK(matrix.find("<caption>") != std::string::npos);
    CHECK(matrix.find("<th scope=\"col\">") != std::string::npos);
    const json& r2 = recommendation(recs, "R2");
    REQUIRE(r2["evidence"].size() >= 5);
    const std::string row = matrix_row(html, "R2");
    REQUIRE_FALSE(row.empty());
    CHECK(row.find("<th scope=\"row\"") != std::string::npos);
    const auto cells = all_matches(row, std::regex(R"re(<td><a href="#ref-[^"]*-(\d+)")re"));
    CHECK(cells.size() == r2["evidence"].size());
    for (const json& e : r2["evidence"]) {
      const std::string n = std::to_string(e["number"].get<int>());
      INFO("reference " << n);
      std::smatch m;
      const std::regex cell("<a href=\"#ref-" + std::string(kSlug) + "-" + n +
                            "\" class=\"(design-[a-z]+)\" data-link=\"(\\w+)\" title=\"([^\"]*)\"><span aria-hidden=\"true\">(\\w)(\\d)</span>");
      REQUIRE(std::regex_search(row, m, cell));
      CHECK(m[2] == e["link"].get<std::string>());
      CHECK(m[4] == "i");
      CHECK(m[5] == std::to_string(e["level"].get<int>()));
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", e["score"].get<double>());
      CHECK(m[3].str().find(std::string("score ") + score) != std::string::npos);
    }
    // Rows without evidence have empty cells only.
    const std::string r4 = matrix_row(html, "R4");
    REQUIRE_FALSE(r4.empty());
    CHECK(r4.find("<td><a") == std::string::npos);
  }

  SECTION("the timeline draws every linked study at its year against the review date, 2017-11") {
    const std::string svg = between(html, "<svg class=\"timeline\"", "</svg>");
    REQUIRE_FALSE(svg.empty());
    CHECK(svg.find("<title id=") != std::string::npos);
    CHECK(svg.find("<line class=\"review\"") != std::string::npos);
    CHECK(svg.find("literature review current through 2017-11") != std::string::npos);
    const auto marks = all_matches(svg, std::regex(R"re(<a href="#ref-[^"]*-(\d+)"><title>[^<]*</title><circle class="mark)re"));
    CHECK(std::set<std::string>(marks.begin(), marks.end()).size() == linked.size());
    CHECK(marks.size() == linked.size());
    // The review line lies right of every mark: no linked study postdates the review.
    const auto xs = all_matches(svg, std::regex(R"re(<circle [^>]*cx="([0-9.]+)")re"));
    std::smatch review;
    REQUIRE(std::regex_search(svg, review, std::regex(R"re(<line class="review" x1="([0-9.]+)")re")));
    for (const std::string& x : xs) CHECK(std::stod(x) < std::stod(review[1]));
  }

  SECTION("headings never skip a level; the logic tree names each recommendation") {
    const auto levels = all_matches(html, std::regex(R"re(<h([1-6])[\s>])re"));
    REQUIRE(levels.size() > 3);
    CHECK(levels.front() == "1");
    for (std::size_t i = 1; i < levels.size(); ++i) CHECK(std::stoi(levels[i]) <= std::stoi(levels[i - 1]) + 1);
    const std::string tree = between(html, "<ul class=\"tree\">", "<h3>");
    for (const json& rec : recs["recommendations"])
      CHECK(tree.find("<li id=\"rec-" + std::string(kSlug) + "-" + rec["id"].get<std::string>() + "\">") !=
            std::string::npos);
  }
}

TEST_CASE("report --json says what it wrote", "[e2e][report]") {
  const std::string file = e2e::temp_dir() + "/map.html";
  auto r = e2e::run({e2e::kbquery(), "report", "--html", file, "--topic", "metastatic", "--json", "--db", e2e::seed_kb()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const json doc = json::parse(r.out);
  CHECK(doc["file"] == file);
  CHECK(doc["topics"] == 1);
  CHECK(doc["recommendations"] == recs_json(e2e::seed_kb())["recommendations"].size());
  CHECK(doc["studies"].get<int>() > 0);
  CHECK(fs::exists(file));
}

TEST_CASE("report refuses an unknown topic and an unwritable file, leaving the old report whole", "[e2e][report]") {
  const std::string dir = e2e::temp_dir();
  const std::string file = dir + "/map.html";
  auto missing = e2e::run({e2e::kbquery(), "report", "--html", file, "--topic", "nonexistent", "--db", e2e::seed_kb()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("--topic nonexistent: no such topic") != std::string::npos);
  CHECK_FALSE(fs::exists(file));
  CHECK_FALSE(fs::exists(file + ".tmp"));

  REQUIRE(e2e::run({e2e::kbquery(), "report", "--html", file, "--db", e2e::seed_kb()}).exit_code == 0);
  const std::string before = e2e::file_hash(file);
  CHECK(e2e::run({e2e::kbquery(), "report", "--html", file, "--topic", "nonexistent", "--db", e2e::seed_kb()}).exit_code == 2);
  CHECK(e2e::file_hash(file) == before);

  const std::string nowhere = dir + "/no-such-folder/map.html";
  auto unwritable = e2e::run({e2e::kbquery(), "report", "--html", nowhere, "--db", e2e::seed_kb()});
  CHECK(unwritable.exit_code == 1);
  CHECK(unwritable.err.find(nowhere) != std::string::npos);

  fs::create_directories(dir + "/folder");
  auto folder = e2e::run({e2e::kbquery(), "report", "--html", dir + "/folder", "--db", e2e::seed_kb()});
  CHECK(folder.exit_code == 1);
  CHECK(folder.err.find(dir + "/folder") != std::string::npos);
  CHECK_FALSE(fs::exists(dir + "/folder.tmp"));
}

TEST_CASE("report escapes markup from the KB and marks curated links", "[e2e][report]") {
  const Report r = report(hostile_kb());
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fetches_anything(r.html));
  CHECK(r.html.find("<b>infection") == std::string::npos);
  CHECK(r.html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;q&quot;") != std::string::npos);
  const std::string row = matrix_row(r.html, "R2");
  REQUIRE_FALSE(row.empty());
  const auto curated = all_matches(row, std::regex(R"re(data-link="curated"[^>]*><span aria-hidden="true">u\d)re"), 0);
  CHECK(curated.size() == 6);  // curated.links: R2 supports 5, 7; against 9, 14-16
  CHECK(row.find("data-link=\"inferred\"") == std::string::npos);
}

TEST_CASE("graph --format dot: a node per recommendation and study, an edge per evidence link", "[e2e][graph]") {
  auto r = e2e::run({e2e::kbquery(), "graph", "--format", "dot", "--db", e2e::seed_kb()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("digraph evidence {\n", 0) == 0);
  CHECK(r.out.size() > 2);
  CHECK(r.out.substr(r.out.size() - 2) == "}\n");
  CHECK(e2e::run({e2e::kbquery(), "graph", "--db", e2e::seed_kb()}).out == r.out);  // dot is the default

  const std::string quoted = R"re("((?:[^"\\]|\\.)*)")re";
  const auto nodes = all_matches(r.out, std::regex("\n\\s*" + quoted + " \\["));
  const std::set<std::string> declared(nodes.begin(), nodes.end());
  CHECK(declared.size() == nodes.size());
  std::multimap<std::string, std::string> edges;
  const std::regex edge("\n\\s*" + quoted + " -> " + quoted + " \\[([^\n]*)\\];");
  std::map<std::string, std::string> attributes;
  for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), edge); it != std::sregex_iterator(); ++it) {
    edges.emplace((*it)[1], (*it)[2]);
    attributes[(*it)[1].str() + " -> " + (*it)[2].str()] = (*it)[3];
    INFO((*it)[0]);
    CHECK(declared.count((*it)[1]) == 1);
    CHECK(declared.count((*it)[2]) == 1);
  }
  const json recs = recs_json(e2e::seed_kb());
  std::size_t links = 0;
  for (const json& rec : recs["recommendations"]) {
    CHECK(declared.count(std::string(kSlug) + "/" + rec["id"].get<std::string>()) == 1);
    links += rec["evidence"].size();
  }
  CHECK(edges.size() == links);
  const std::string r2 = std::string(kSlug) + "/R2";
  const json& evidence = recommendation(recs, "R2")["evidence"];
  REQUIRE(edges.count(r2) == evidence.size());
  for (const json& e : evidence) {
    const std::string key = r2 + " -> " + kSlug + "/ref " + std::to_string(e["number"].get<int>());
    INFO(key);
    REQUIRE(attributes.count(key) == 1);
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", e["score"].get<double>());
    CHECK(attributes[key].find(std::string("style=dashed, label=\"") + score + "\"") == 0);
  }
  CHECK(r.out.find("\"" + std::string(kSlug) + "/ref 5\" [shape=ellipse, style=filled, fontcolor=\"white\", fillcolor=\"#1a7f37\", "
                   "label=\"[5] Badwe R et al., 2015\"") != std::string::npos);
}

TEST_CASE("graph refuses formats other than dot; quotes every string from the KB", "[e2e][graph]") {
  auto png = e2e::run({e2e::kbquery(), "graph", "--format", "png", "--db", e2e::seed_kb()});
  CHECK(png.exit_code == 2);
  CHECK(png.err.find("png") != std::string::npos);
  CHECK(png.out.empty());

  auto r = e2e::run({e2e::kbquery(), "graph", "--db", hostile_kb()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Each line one statement: a comment, a brace, or attributes closed by "];" or ";".
  const std::string quoted = R"("(?:[^"\\\n]|\\.)*")";
  const std::string value = "(?:" + quoted + "|[A-Za-z0-9_.#]+)";
  const std::regex statement("\\s*(?://[^\n]*|digraph evidence \\{|\\}|subgraph " + quoted + " \\{|label=" + quoted +
                             ";|(?:graph|node|edge|" + quoted + "(?: -> " + quoted + ")?) \\[[a-z]+=" + value +
                             "(?:, [a-z]+=" + value + ")*\\];)");
  std::size_t start = 0;
  while (start < r.out.size()) {
    const std::size_t end = r.out.find('\n', start);
    REQUIRE(end != std::string::npos);
    const std::string line = r.out.substr(start, end - start);
    INFO(line);
    CHECK(std::regex_match(line, statement));
    start = end + 1;
  }
  CHECK(r.out.find("(eg, \\\"bleeding\\\" \\\\ <b>infection</b>") != std::string::npos);
  CHECK(r.out.find("<script>alert(\\\"x\\\")</script> & \\\"q\\\"") != std::string::npos);
  CHECK(r.out.find("/R2\" -> \"" + std::string(kSlug) + "/ref 5\" [style=bold") != std::string::npos);
}
