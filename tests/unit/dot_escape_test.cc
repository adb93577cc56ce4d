// DOT quoting (query/graph_dot.h): every id and label of `kbquery graph` goes through it, so
// text from the KB must never end a string early or put a raw control character in the graph.
#include <catch2/catch.hpp>

#include <string>

#include "kb/text.h"
#include "query/graph_dot.h"

namespace {

// Reads a quoted DOT string back as Graphviz shows a label: \" -> ", \\ -> \, \n -> newline.
// Fails the test when the quoting is not one well-formed string.
std::string unquote(const std::string& quoted) {
  REQUIRE(quoted.size() >= 2);
  REQUIRE(quoted.front() == '"');
  REQUIRE(quoted.back() == '"');
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    const char c = quoted[i];
    REQUIRE(c != '"');  // an unescaped quote would end the string here
    if (c != '\\') {
      out += c;
      continue;
    }
    REQUIRE(i + 2 < quoted.size());  // a backslash never escapes the closing quote
    const char next = quoted[++i];
    REQUIRE((next == '"' || next == '\\' || next == 'n'));
    out += next == 'n' ? '\n' : next;
  }
  return out;
}

bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7F) return true;
  return false;
}

}  // namespace

TEST_CASE("dot_quoted escapes backslash and double quote, and writes line breaks as \\n", "[graph][dot]") {
  CHECK(kb::dot_quoted("") == "\"\"");
  CHECK(kb::dot_quoted("R2") == "\"R2\"");
  CHECK(kb::dot_quoted("topic/ref 5") == "\"topic/ref 5\"");
  CHECK(kb::dot_quoted("say \"no\"") == R"("say \"no\"")");
  CHECK(kb::dot_quoted("a\\b") == R"("a\\b")");
  CHECK(kb::dot_quoted("ends in \\") == R"("ends in \\")");  // not \" closing nothing
  CHECK(kb::dot_quoted("\\\"") == R"("\\\"")");
  CHECK(kb::dot_quoted("\\N is the node name") == R"("\\N is the node name")");  // no Graphviz escape survives
  CHECK(kb::dot_quoted("one\ntwo") == R"("one\ntwo")");
  CHECK(kb::dot_quoted("one\r\ntwo") == R"("one\ntwo")");
  CHECK(kb::dot_quoted("one\rtwo") == R"("one\ntwo")");
  CHECK(kb::dot_quoted("a\tb") == "\"a b\"");
}

TEST_CASE("dot_quoted drops control characters and replaces malformed UTF-8", "[graph][dot]") {
  CHECK(kb::dot_quoted(std::string("a\0b", 3)) == "\"ab\"");
  CHECK(kb::dot_quoted("a\x01\x1b[31mb\x7f") == "\"a[31mb\"");
  CHECK(kb::dot_quoted("a\xC2\x85z") == "\"az\"");                     // U+0085, a C1 control
  CHECK(kb::dot_quoted("G\xC3\xBCller \xE2\x80\x93 x") == "\"G\xC3\xBCller \xE2\x80\x93 x\"");  // kept
  CHECK(kb::dot_quoted("bad \xFF byte") == "\"bad \xEF\xBF\xBD byte\"");
  CHECK(kb::is_valid_utf8(kb::dot_quoted("cut \xE2\x80")));
}

TEST_CASE("dot_quoted reads back as the text it was given", "[graph][dot]") {
  const std::string text = GENERATE(as<std::string>{}, "plain", "\"", "\\", "\\\\\"\"", "\"quoted\" \\ back\\slash\\",
                                    "line\nbreaks\n\n", "<b>html</b> & [brackets] {braces}; a=b, -> x",
                                    "\xCE\xB1\xCE\xB2 \xE2\x80\xA6 end");
  const std::string quoted = kb::dot_quoted(text);
  INFO(quoted);
  CHECK_FALSE(has_control(quoted));
  CHECK(unquote(quoted) == text);
}

TEST_CASE("shortened keeps short text and cuts long text at a word, within the limit", "[graph][dot]") {
  CHECK(kb::shortened("Short  text\n here", 40) == "Short text here");
  CHECK(kb::shortened("exactly ten", 11) == "exactly ten");
  const std::string cut = kb::shortened("We do not offer local treatment given lack of clear evidence", 30);
  CHECK(cut == "We do not offer local...");
  CHECK(kb::utf8_chars(cut) <= 30);
  // One long word is cut inside it, on a character boundary.
  const std::string word = kb::shortened("\xCE\xB1\xCE\xB1\xCE\xB1\xCE\xB1\xCE\xB1\xCE\xB1\xCE\xB1\xCE\xB1", 6);
  CHECK(word == "\xCE\xB1\xCE\xB1\xCE\xB1...");
  CHECK(kb::is_valid_utf8(word));
}
