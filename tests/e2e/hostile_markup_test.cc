// Hostile HTML and JATS topics through the real `kbindex build`: each is refused with its
// file and line, nothing is loaded or expanded, nothing crashes or hangs, and the KB built
// before stays byte-identical.
#include <catch2/catch.hpp>

#include <string>

#include "e2e/process.h"

namespace {

struct HostileTopic {
  const char* name;
  std::string content;
  const char* expected_error;  // what stderr must hold after "NAME:"
};

std::vector<HostileTopic> hostile_topics() {
  const std::string jats_body =
      "<article><front><article-meta><title-group><article-title>T</article-title></title-group>"
      "</article-meta></front><body><p>Text &x;.</p></body></article>\n";
  return {
      {"external-entity.xml",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n<!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n" + jats_body,
       ":3:"},
      {"entity-bomb.xml",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n<!ENTITY a \"aaaaaaaaaa\">\n<!ENTITY x \"&a;&a;&a;&a;&a;&a;\">\n]>\n" +
           jats_body,
       ":3:"},
      {"unclosed.xml",
       "<?xml version=\"1.0\"?>\n<article><front><article-meta><title-group><article-title>T</article-title>\n"
       "</title-group></article-meta></front><body><p>Text\n",
       ":4:"},
      {"entity.html",
       "<!DOCTYPE html [\n<!ENTITY x SYSTEM \"http://127.0.0.1:9/x\">\n]>\n<html><body><h1>T</h1><p>A &x;.</p></body></html>\n",
       ":2:"},
      {"nested.html", "", ":1:"},  // filled below: 10 MB of nested <div>s
  };
}

}  // namespace

TEST_CASE("Hostile HTML and JATS topics are refused with their file and line, the KB byte-identical",
          "[e2e][hostile][markup]") {
  const std::string dir = e2e::temp_dir();
  REQUIRE(e2e::run({e2e::kbindex(), "build", e2e::seed_path()}, dir).exit_code == 0);
  const std::string before = e2e::file_hash(dir + "/kb.sqlite");
  for (HostileTopic topic : hostile_topics()) {
    if (std::string(topic.name) == "nested.html") {
      // 10 MB of nested <div>s: past libxml2's depth limit.
      std::string page = "<html><body><h1>T</h1>";
      while (page.size() < (10u << 20)) page += "<div>";
      topic.content = page + "<p>deep</p></body></html>\n";
    }
    e2e::write(dir + "/" + topic.name, topic.content);
    auto r = e2e::run({e2e::kbindex(), "build", topic.name}, dir, {}, 120);
    INFO(topic.name << "\n" << r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(std::string(topic.name) + topic.expected_error) != std::string::npos);
    CHECK(r.err.find("passwd") == std::string::npos);
    CHECK(e2e::file_hash(dir + "/kb.sqlite") == before);
  }
}
