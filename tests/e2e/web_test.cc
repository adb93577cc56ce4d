// The web app in a real browser: `kbquery serve` on a free port, pages loaded by headless
// Chromium (Debian's chromium; the test target installs it), the DOM checked after the browser
// built it, links followed, screenshots kept in the build's artifacts/web/. Hostile text in a
// topic and in a query must stay text; 32 requests at once are all answered; the evidence
// map opens from disk with the network off.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "e2e/process.h"

namespace fs = std::filesystem;

namespace {

std::string chromium() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (fs::exists(path)) return path;
  return "";
}

std::string artifacts() {
  std::string dir = std::string(KB_BIN_DIR) + "/../artifacts/web";
  fs::create_directories(dir);
  return dir;
}

// The flags this machine's closed network needs: no background connections, no sandbox as root.
std::vector<std::string> browser(const std::vector<std::string>& extra) {
  std::vector<std::string> args = {chromium(),         "--headless",           "--no-sandbox",
                                   "--disable-gpu",    "--disable-quic",       "--no-first-run",
                                   "--disable-sync",   "--disable-background-networking",
                                   "--disable-component-update", "--user-data-dir=" + e2e::temp_dir()};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// The DOM after the browser has parsed the page (and run whatever script it would have run).
std::string dom(const std::string& url, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> flags = extra;
  flags.push_back("--dump-dom");
  flags.push_back(url);
  auto r = e2e::run(browser(flags), ".", {}, 90);
  INFO(url << "\n" << r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);
  return r.out;
}

void screenshot(const std::string& url, const std::string& name) {
  const std::string file = artifacts() + "/" + name + ".png";
  auto r = e2e::run(browser({"--window-size=1000,1400", "--screenshot=" + file, url}), ".", {}, 90);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(file));
}

struct Server {
  e2e::Started process;
  int port = 0;
};

Server serve(const std::string& db) {
  Server s;
  s.process = e2e::start({e2e::kbquery(), "serve", "--port", "0", "--db", db});
  static const std::regex address(R"(http://127\.0\.0\.1:(\d+)/)");
  for (int i = 0; i < 200 && s.port == 0; ++i) {
    std::smatch m;
    std::string out = e2e::read(s.process.out_path);
    if (std::regex_search(out, m, address)) s.port = std::stoi(m[1]);
    else std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(s.port > 0);
  return s;
}

// Ends the server as a user does: SIGTERM, then a clean exit.
void stop(Server& s) {
  ::kill(s.process.pid, SIGTERM);
  auto r = e2e::finish(s.process, 30);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("stopped") != std::string::npos);
}

std::string unescape(std::string s) {
  for (std::size_t at; (at = s.find("&amp;")) != std::string::npos;) s.replace(at, 5, "&");
  return s;
}

// Every link of the page to the app itself answers 200.
void links_resolve(int port, const std::string& page) {
  static const std::regex href(R"re(href="(/[^"]*)")re");
  std::set<std::string> targets;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), href); it != std::sregex_iterator(); ++it)
    targets.insert(unescape((*it)[1]));
  CHECK(targets.size() >= 3);
  httplib::Client client("127.0.0.1", port);
  for (const std::string& target : targets) {
    auto res = client.Get(target.c_str());
    INFO(target);
    REQUIRE(res);
    CHECK((res->status == 200 || res->status == 302));
  }
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

const char* kSlug = "the-role-of-local-therapies-in-metastatic-breast-cancer";

}  // namespace

TEST_CASE("Web: the pages in a browser show the answer, its tree and its evidence with provenance", "[e2e][web][browser]") {
  if (chromium().empty()) {
    WARN("skipped: no chromium here (make test installs Debian's chromium)");
    return;
  }
  Server server = serve(e2e::seed_kb());
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port);

  SECTION("home") {
    std::string page = dom(base + "/");
    CHECK(page.find("role=\"search\"") != std::string::npos);
    CHECK(page.find("<label") != std::string::npos);
    CHECK(page.find(std::string("href=\"/topic/") + kSlug + "\"") != std::string::npos);
    links_resolve(server.port, page);
    screenshot(base + "/", "home");
  }
  SECTION("answer") {
    const std::string url = base + "/ask?q=What%20supports%20surgery%20here%3F";
    std::string page = dom(url);
    // The bottom line is R2, its HER2 exception R3 beside it, the logic as a tree.
    std::size_t bottom = page.find("<strong>Bottom line</strong>");
    REQUIRE(bottom != std::string::npos);
    CHECK(page.find("data-rec=\"R2\"") < page.find("data-rec=\"R1\""));
    CHECK(page.find("class=\"exception\" data-rec=\"R3\"") != std::string::npos);
    CHECK(page.find("<ul class=\"tree\"") != std::string::npos);
    CHECK(page.find("data-node=\"R2\"") != std::string::npos);
    // The seed's links are all the indexer's: every row says so, with its score.
    CHECK(count(page, "class=\"evidence-row\" data-link=\"inferred\"") >= 10);
    CHECK(count(page, "class=\"badge link-inferred\"") >= 10);
    CHECK(page.find("data-link=\"cited\"") == std::string::npos);
    CHECK(page.find("inferred 11.08") != std::string::npos);
    links_resolve(server.port, page);
    screenshot(url, "answer-what-supports-surgery");
  }
  SECTION("a question the KB holds no recommendation on says so") {
    std::string page = dom(base + "/ask?q=What%20dose%20of%20metformin%3F");
    CHECK(page.find("data-answer=\"none\"") != std::string::npos);
    CHECK(page.find("The KB holds no recommendation") != std::string::npos);
    CHECK(page.find("Bottom line") == std::string::npos);
  }
  SECTION("reference and topic") {
    std::string ref = dom(base + "/ref/" + kSlug + "/5");
    CHECK(ref.find("Randomised trial, level 2") != std::string::npos);
    CHECK(ref.find("class=\"design-reason\"") != std::string::npos);
    CHECK(ref.find("href=\"/rec/" + std::string(kSlug) + "/R2\"") != std::string::npos);
    for (const char* ext : {".ris", ".bib", ".json"})
      CHECK(ref.find("/ref/" + std::string(kSlug) + "/5" + ext) != std::string::npos);
    links_resolve(server.port, ref);
    screenshot(base + "/ref/" + kSlug + "/5", "reference-5");
    std::string topic = dom(base + "/topic/" + kSlug);
    CHECK(topic.find("Audit: where the evidence is thin") != std::string::npos);
    CHECK(topic.find("data-node=\"R3\"") != std::string::npos);
    links_resolve(server.port, topic);
    screenshot(base + "/topic/" + kSlug, "topic");
  }
  SECTION("a citation query typed in the box goes to the citation search") {
    httplib::Client client("127.0.0.1", server.port);
    auto res = client.Get("/ask?q=Soran%5Bau%5D");
    REQUIRE(res);
    CHECK(res->status == 302);
    CHECK(res->get_header_value("Location").rfind("/refs?q=Soran", 0) == 0);  // httplib may show it decoded
    std::string page = dom(base + "/refs?q=Soran%5Bau%5D");
    CHECK(page.find("au:soran") != std::string::npos);
    CHECK(page.find("/ref/" + std::string(kSlug) + "/7") != std::string::npos);
  }
  SECTION("32 requests at once are all answered") {
    std::vector<int> status(32, 0);
    std::vector<std::thread> clients;
    for (int i = 0; i < 32; ++i)
      clients.emplace_back([&, i] {
        httplib::Client client("127.0.0.1", server.port);
        client.set_read_timeout(60);
        auto res = client.Get(i % 2 ? "/ask?q=What%20supports%20surgery%20here%3F" : "/api/refs?q=Soran%5Bau%5D");
        if (res && res->body.size() > 100) status[static_cast<std::size_t>(i)] = res->status;
      });
    for (std::thread& t : clients) t.join();
    CHECK(std::count(status.begin(), status.end(), 200) == 32);
  }
  SECTION("bounds and the read-only promise") {
    httplib::Client client("127.0.0.1", server.port);
    auto post = client.Post("/api/topics", "x", "text/plain");
    REQUIRE(post);
    CHECK(post->status == 405);
    auto long_question = client.Get(("/api/ask?q=" + std::string(1500, 'a')).c_str());
    REQUIRE(long_question);
    CHECK(long_question->status == 400);
    CHECK(long_question->body.find("at most 1000") != std::string::npos);
    auto long_target = client.Get(("/search?x=" + std::string(5000, 'a')).c_str());
    REQUIRE(long_target);
    CHECK(long_target->status == 400);
    auto db = client.Get("/api/refs?q=x&db=%2Fetc%2Fpasswd");
    REQUIRE(db);
    CHECK(db->status == 400);
    auto bad = client.Get("/api/refs?q=x&sort=sideways");
    REQUIRE(bad);
    CHECK(bad->status == 400);
    CHECK(bad->get_header_value("Content-Type") == "application/json");
    CHECK(bad->body.find("sideways") != std::string::npos);
  }
  stop(server);
}

TEST_CASE("Web: hostile text in a topic and in a query is shown as text and runs no script", "[e2e][web][browser][hostile]") {
  if (chromium().empty()) {
    WARN("skipped: no chromium here (make test installs Debian's chromium)");
    return;
  }
  // The seed with script in its title and an attribute-breaking payload in R2's sentence.
  std::string text = e2e::seed_text();
  const std::string title = "The role of local therapies in metastatic breast cancer";
  std::size_t at = text.find(title);
  REQUIRE(at != std::string::npos);
  text.replace(at, title.size(), title + " <script>document.title='PWNED'</script>");
  const std::string rec = "we do not offer local treatment";
  at = text.find(rec);
  REQUIRE(at != std::string::npos);
  text.replace(at, rec.size(), rec + " x\"onerror=\"document.title='PWNED'\" <img src=x onerror=document.title='PWNED'>");
  const std::string dir = e2e::temp_dir();
  e2e::write(dir + "/hostile.txt", text);
  auto built = e2e::run({e2e::kbindex(), "build", "hostile.txt", "--db", "kb.sqlite"}, dir);
  REQUIRE(built.exit_code == 0);
  Server server = serve(dir + "/kb.sqlite");
  const std::string base = "http://127.0.0.1:" + std::to_string(server.port);
  auto topics = e2e::run({e2e::kbquery(), "topics", "--json", "--db", dir + "/kb.sqlite"});
  std::smatch m;
  REQUIRE(std::regex_search(topics.out, m, std::regex(R"re("topic": "([^"]+)")re")));
  const std::string slug = m[1];

  const std::string payload = "%22onerror%3D%22document.title%3D%27PWNED%27%22%3E%3Cscript%3Edocument.title%3D%27PWNED%27%3C%2Fscript%3E";
  for (const std::string& path : {std::string("/"), "/topic/" + slug, "/rec/" + slug + "/R2",
                                  "/ask?q=local%20treatment%20" + payload, "/search?q=treatment" + payload,
                                  "/refs?q=Soran%5Bau%5D" + payload}) {
    std::string page = dom(base + path);
    INFO(path);
    CHECK(page.find("PWNED</title>") == std::string::npos);  // no script set the title
    CHECK(page.find("<img src=\"x\"") == std::string::npos);  // no element made of the text
    CHECK(page.find("<script>document") == std::string::npos);
    CHECK(page.find(" onerror=\"document") == std::string::npos);
  }
  std::string topic = dom(base + "/topic/" + slug);
  CHECK(topic.find("&lt;script&gt;document.title='PWNED'&lt;/script&gt;") != std::string::npos);  // shown, as text
  std::string rec_page = dom(base + "/rec/" + slug + "/R2");
  CHECK(rec_page.find("&lt;img src=x onerror=document.title='PWNED'&gt;") != std::string::npos);
  screenshot(base + "/rec/" + slug + "/R2", "hostile-recommendation");
  stop(server);
}

TEST_CASE("Web: the evidence map opens from disk in a browser with the network off", "[e2e][web][browser][report]") {
  if (chromium().empty()) {
    WARN("skipped: no chromium here (make test installs Debian's chromium)");
    return;
  }
  const std::string file = artifacts() + "/evidence-map.html";
  auto r = e2e::run({e2e::kbquery(), "report", "--html", file, "--db", e2e::seed_kb()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  // Every host unresolvable and a proxy that refuses: any request off the disk would fail.
  const std::vector<std::string> offline = {"--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9"};
  std::string page = dom("file://" + file, offline);
  CHECK(page.find("class=\"matrix\"") != std::string::npos);
  CHECK(page.find("2017-11") != std::string::npos);
  CHECK(page.find("id=\"ref-") != std::string::npos);
  CHECK(page.find("<link") == std::string::npos);
  CHECK(!std::regex_search(page, std::regex(R"re((src|href)="https?:)re")));
  auto shot = e2e::run(browser({"--window-size=1200,1600", "--screenshot=" + artifacts() + "/evidence-map.png",
                                offline[0], offline[1], "file://" + file}),
                       ".", {}, 90);
  CHECK(shot.exit_code == 0);
}
