// The HTML topic reader (indexer/formats/topic_html.h): one small page of our own per rule,
// hostile input, and the five MMWR pages of ../shared/testdata/guidelines/ held to
// expectations written from reading each page before the reader was run on it.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "indexer/formats/topic_html.h"
#include "kb/file_io.h"
#include "tests/support/shared_testdata.h"

namespace {

kb::Result<kb::Topic> parse(const std::string& html) { return kb::parse_html_topic(html, "t.html"); }

// A page with a title, BODY and a reference list of COUNT entries.
std::string page(const std::string& body, int count = 3) {
  std::string html = "<html><head><title>Page</title></head><body><h1>A topic</h1>\n" + body + "\n<h2>References</h2><ol>";
  for (int i = 1; i <= count; ++i) html += "<li>Author" + std::to_string(i) + " A. Title. J 2000;1:" + std::to_string(i) + ".</li>";
  return html + "</ol></body></html>";
}

std::vector<const kb::Paragraph*> paragraphs(const kb::Topic& t) {
  std::vector<const kb::Paragraph*> out;
  for (const auto& s : t.sections)
    for (const auto& p : s.paragraphs) out.push_back(&p);
  return out;
}

std::vector<std::string> texts(const kb::Topic& t) {
  std::vector<std::string> out;
  for (const auto* p : paragraphs(t)) out.push_back(p->text);
  return out;
}

// The sentence holding FRAGMENT, or null.
const kb::Sentence* sentence_with(const kb::Topic& t, const std::string& fragment) {
  for (const auto* p : paragraphs(t))
    for (const auto& s : p->sentences)
      if (s.text.find(fragment) != std::string::npos) return &s;
  return nullptr;
}

std::set<int> cited_by(const kb::Sentence& s) {
  std::set<int> numbers;
  for (const auto& m : s.citations) numbers.insert(m.numbers.begin(), m.numbers.end());
  return numbers;
}

int marker_count(const kb::Topic& t) {
  int n = 0;
  for (const auto* p : paragraphs(t))
    for (const auto& s : p->sentences) n += static_cast<int>(s.citations.size());
  return n;
}

std::vector<std::string> notes(const kb::Topic& t) {
  std::vector<std::string> out;
  for (const auto& d : t.diagnostics) out.push_back(std::to_string(d.line) + ": " + d.message);
  return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Title, metadata, where the content starts.

TEST_CASE("HTML reader takes the first h1 as the title and names the topic by it", "[html][reader]") {
  auto r = kb::parse_html_topic("<html><head><title>Site | Page</title></head><body>\n<h1>Polio <i>vaccine</i>\n  schedule</h1>"
                                "<p>Text.</p><h1>Second heading</h1><p>More.</p></body></html>",
                                "dir/page.html");
  REQUIRE(r.ok());
  CHECK(r->title == "Polio vaccine schedule");
  CHECK(r->slug == "polio-vaccine-schedule");
  CHECK(r->source_format == "html");
  CHECK(r->source_path == "dir/page.html");
  CHECK(r->content_hash.empty());
  CHECK(texts(*r) == std::vector<std::string>{"Text.", "More."});
}

TEST_CASE("HTML reader falls back to the title element and reads the whole body when there is no h1", "[html][reader]") {
  auto r = parse("<html><head><title>\n  Thimerosal   in vaccines\n</title></head><body><p>First.</p><h2>Part</h2><p>Second.</p></body></html>");
  REQUIRE(r.ok());
  CHECK(r->title == "Thimerosal in vaccines");
  REQUIRE(r->sections.size() == 2);
  CHECK(r->sections[0].heading.empty());
  CHECK(r->sections[0].paragraphs[0].text == "First.");
  CHECK(r->sections[1].heading == "Part");
}

TEST_CASE("HTML reader leaves out everything before the h1", "[html][reader][boilerplate]") {
  auto r = parse(page("<p>Body text.</p>").insert(std::string("<html><head><title>Page</title></head><body>").size(),
                                                 "<p>Persons using assistive technology might not be able to read this.</p><div>Skip to content</div>"));
  REQUIRE(r.ok());
  CHECK(texts(*r) == std::vector<std::string>{"Body text."});
}

TEST_CASE("HTML reader writes the MMWR source line from the page's metas", "[html][reader][meta]") {
  const std::string head =
      "<html><head><meta content=\"27\" name=\"Issue_Num\"/><meta content=\"mm\" name=\"MMWR_Type\"/>"
      "<meta content=\"1999-07-16\" name=\"Date\"/><meta content=\"48\" name=\"Volume\"/>"
      "<meta content=\"09\" name=\"Issue\"/><meta content=\"590\" name=\"Page\"/></head>";
  SECTION("all four metas") {
    auto r = parse(head + "<body><h1>T</h1><p>x</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->source_line == "Morbidity and Mortality Weekly Report (MMWR), Volume 48, Number 9, page 590, July 16, 1999.");
  }
  SECTION("citation_* metadata where the MMWR metas are missing") {
    auto r = parse(
        "<html><head><meta name=\"citation_journal_title\" content=\"Brazilian Journal of Nephrology\">"
        "<meta name=\"citation_publication_date\" content=\"2023/04/01\"><meta name=\"citation_volume\" content=\"45\">"
        "<meta name=\"citation_issue\" content=\"2\"><meta name=\"citation_firstpage\" content=\"244\">"
        "<meta name=\"citation_lastpage\" content=\"251\"><meta name=\"citation_doi\" content=\"10.1590/x\">"
        "<meta name=\"Volume\" content=\"9\"></head><body><h1>T</h1><p>x</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->source_line == "Brazilian Journal of Nephrology, 2023, volume 45, issue 2, pages 244-251. doi:10.1590/x");
  }
  SECTION("no metadata, no source line") {
    auto r = parse("<html><head><meta name=\"Generator\" content=\"Microsoft Word 97\"></head><body><h1>T</h1><p>x</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->source_line.empty());
  }
}

// ---------------------------------------------------------------------------------------------
// Body: sections, paragraphs, lists, inline markup.

TEST_CASE("HTML reader starts a section at each h2-h4 and flattens inline markup", "[html][reader][body]") {
  auto r = parse(page(
      "<p>Opening   text\n with <i>Bacillus\nanthracis</i>, <b>bold</b> and <font color=red>coloured</font> words"
      " (<a href=\"http://example.com/\">link</a>).</p>\n"
      "<h2>Surgery</h2><p>First.</p><h3>Radiation <small>therapy</small></h3><p>Second.</p><p>Third.</p><h4>Last</h4><p>Fourth.</p>"));
  REQUIRE(r.ok());
  REQUIRE(r->sections.size() == 4);
  CHECK(r->sections[0].heading.empty());
  CHECK(r->sections[0].paragraphs[0].text ==
        "Opening text with Bacillus anthracis, bold and coloured words (link).");
  CHECK(r->sections[1].heading == "Surgery");
  CHECK(r->sections[2].heading == "Radiation therapy");
  CHECK(r->sections[2].paragraphs.size() == 2);
  CHECK(r->sections[3].heading == "Last");
  CHECK(r->sections[0].paragraphs[0].sentences.size() == 1);
}

TEST_CASE("HTML reader joins markup split over lines the way the page reads", "[html][reader][body]") {
  // Pretty-printed pages put every tag on a line of its own.
  auto r = parse(page("<p>\nas recommended (\n<a href=\"#tab1\">\nTable 1\n</a>\n) (\n<i>\n1\n</i>\n--\n<i>\n3\n</i>\n)"
                      " and (\n<i>\n4,5\n</i>\n), at &lt;\n<a href=\"http://www.bt.cdc.gov\">\nhttp://www.bt.cdc.gov\n</a>\n&gt;.\n</p>"));
  REQUIRE(r.ok());
  REQUIRE(paragraphs(*r).size() == 1);
  CHECK(paragraphs(*r)[0]->text == "as recommended (Table 1) (1 -- 3) and (4,5), at <http://www.bt.cdc.gov>.");
}

TEST_CASE("HTML reader compacts a citation list printed in its own element", "[html][reader][citations]") {
  auto r = parse(page("<p>Attacks (\n<i>\n<a href=\"mm1.htm\">\n1\n</a>\n--\n<a href=\"mm3.htm\">\n3\n</a>\n</i>\n).</p>"));
  REQUIRE(r.ok());
  CHECK(paragraphs(*r)[0]->text == "Attacks (1--3).");
  CHECK(cited_by(paragraphs(*r)[0]->sentences[0]) == std::set<int>{1, 2, 3});
}

TEST_CASE("HTML reader turns list items into paragraphs with the lead-in that ends in a colon", "[html][reader][lists]") {
  auto r = parse(page(
      "<p>OPV should be used only for the following special circumstances:</p>"
      "<ol><li>Mass vaccination campaigns.</li><li>Unvaccinated <b>children</b> who will travel.</li></ol>"
      "<p>Other text.</p><ul><li>An item without a lead-in.</li></ul>"));
  REQUIRE(r.ok());
  auto ps = paragraphs(*r);
  REQUIRE(ps.size() == 5);
  CHECK_FALSE(ps[0]->list_item);
  CHECK(ps[1]->list_item);
  CHECK(ps[1]->text == "Mass vaccination campaigns.");
  CHECK(ps[1]->lead_in == "OPV should be used only for the following special circumstances:");
  CHECK(ps[2]->text == "Unvaccinated children who will travel.");
  CHECK(ps[2]->lead_in == ps[1]->lead_in);
  CHECK_FALSE(ps[3]->list_item);
  CHECK(ps[4]->list_item);
  CHECK(ps[4]->lead_in.empty());
}

TEST_CASE("HTML reader keeps a paragraph nested in a list item with its item and reads nested lists", "[html][reader][lists]") {
  auto r = parse(page(
      "<p>ACIP recommends the following:</p><ol><li>Give fewer doses (Table 1).<p>Limited data support it.</p></li>"
      "<li>Choose by age:<ul><li>Infants.</li><li>Children.</li></ul></li><li>Keep a list.</li></ol>"));
  REQUIRE(r.ok());
  auto ps = paragraphs(*r);
  REQUIRE(ps.size() == 6);
  CHECK(ps[1]->text == "Give fewer doses (Table 1). Limited data support it.");
  CHECK(ps[2]->text == "Choose by age:");
  CHECK(ps[3]->text == "Infants.");
  CHECK(ps[3]->lead_in == "Choose by age:");
  CHECK(ps[4]->lead_in == "Choose by age:");
  CHECK(ps[5]->text == "Keep a list.");
  CHECK(ps[5]->lead_in == "ACIP recommends the following:");
  for (const auto* p : ps) CHECK((p->list_item == (p != ps[0])));
}

TEST_CASE("HTML reader takes a bold paragraph, or one after an emptied bold, for a heading", "[html][reader][body]") {
  auto r = parse(page("<p>Intro.</p><p><b>Influenza Vaccine</b></p><p>Text one.</p><b>\n</b>\n<p>\nHepatitis B Vaccines\n</p><p>Text two.</p>"
                      "<p><b>A bold sentence that ends with a full stop.</b></p>"));
  REQUIRE(r.ok());
  REQUIRE(r->sections.size() == 3);
  CHECK(r->sections[1].heading == "Influenza Vaccine");
  CHECK(r->sections[2].heading == "Hepatitis B Vaccines");
  CHECK(r->sections[2].paragraphs.size() == 2);
  CHECK(r->sections[2].paragraphs[1].text == "A bold sentence that ends with a full stop.");
}

TEST_CASE("HTML reader reports a heading with nothing under it", "[html][reader][diagnostics]") {
  auto r = parse(page("<p>Intro.</p>\n<h2>Empty</h2>\n<h2>Full</h2><p>Text.</p>"));
  REQUIRE(r.ok());
  REQUIRE(r->sections.size() == 2);
  CHECK(notes(*r) == std::vector<std::string>{"3: heading 'Empty' has no text under it"});
}

TEST_CASE("HTML reader gives each paragraph libxml2's line of its element", "[html][reader][lines]") {
  auto r = parse("<html><body>\n<h1>T</h1>\n<p>One.</p>\n\n<p>\nTwo.</p><ul>\n<li>Three.</li></ul></body></html>");
  REQUIRE(r.ok());
  auto ps = paragraphs(*r);
  REQUIRE(ps.size() == 3);
  CHECK(ps[0]->line == 3);
  CHECK(ps[1]->line == 5);
  CHECK(ps[2]->line == 7);
}

// ---------------------------------------------------------------------------------------------
// Citations.

TEST_CASE("HTML reader writes a superscript citation list as a bracketed marker", "[html][reader][citations]") {
  auto r = parse(page("<p>Survival is short<sup>1</sup>. Surgery helps <sup>2,3</sup> sometimes. A range<sup>1\xE2\x80\x93" "3</sup>."
                      " Bracketed<sup>[2]</sup>.</p>"));
  REQUIRE(r.ok());
  const std::string& text = paragraphs(*r)[0]->text;
  CHECK(text == "Survival is short[1]. Surgery helps[2,3] sometimes. A range[1\xE2\x80\x93" "3]. Bracketed[2].");
  CHECK(cited_by(*sentence_with(*r, "Surgery helps")) == std::set<int>{2, 3});
  CHECK(cited_by(*sentence_with(*r, "A range")) == std::set<int>{1, 2, 3});
  CHECK(marker_count(*r) == 4);
}

TEST_CASE("HTML reader keeps other superscripts as their text", "[html][reader][citations]") {
  auto r = parse(page("<p>Give amoxicillin<sup>*</sup>, ciprofloxacin<sup>\xE2\x80\xA0</sup> or doxycycline <sup>\xC2\xA7</sup>"
                      " and nothing<sup> </sup> else. About 10<sup>6</sup> cells per m<sup>2</sup>. Beyond the list<sup>9</sup>.</p>"));
  REQUIRE(r.ok());
  CHECK(paragraphs(*r)[0]->text ==
        "Give amoxicillin*, ciprofloxacin\xE2\x80\xA0 or doxycycline\xC2\xA7 and nothing else. About 106 cells per m2. "
        "Beyond the list9.");
  CHECK(marker_count(*r) == 0);
}

TEST_CASE("HTML reader writes a link into the reference list as a bracketed marker", "[html][reader][citations]") {
  auto r = kb::parse_html_topic(
      "<html><body><h1>T</h1><p>Linked <a href=\"#r2\">2</a> and <a href=\"#tab1\">1</a> and "
      "<a href=\"other.htm#r3\">3</a>. In print [<a href=\"#r1\">1</a>, <a href=\"#r3\">3</a>].</p>"
      "<p id=\"tab1\">Table text.</p><h2>References</h2><ol><li id=\"r1\">A. T. J 2000;1:1.</li>"
      "<li><a name=\"r2\"></a>B. T. J 2000;1:2.</li><li id=\"r3\">C. T. J 2000;1:3.</li></ol></body></html>",
      "t.html");
  REQUIRE(r.ok());
  CHECK(paragraphs(*r)[0]->text == "Linked[2] and 1 and 3. In print [1, 3].");
  CHECK(cited_by(*sentence_with(*r, "Linked")) == std::set<int>{2});
  CHECK(cited_by(*sentence_with(*r, "In print")) == std::set<int>{1, 3});
}

TEST_CASE("HTML reader leaves parenthesised markers as printed for the shared marker finder", "[html][reader][citations]") {
  auto r = parse(page("<p>Prompted by a statement (1) and another (2,3). Since then (1--3), (n=144) and (2010).</p>"));
  REQUIRE(r.ok());
  CHECK(paragraphs(*r)[0]->text == "Prompted by a statement (1) and another (2,3). Since then (1--3), (n=144) and (2010).");
  CHECK(cited_by(*sentence_with(*r, "Prompted")) == std::set<int>{1, 2, 3});
  CHECK(cited_by(*sentence_with(*r, "Since then")) == std::set<int>{1, 2, 3});
}

TEST_CASE("HTML reader refuses a printed bracketed marker that cites no reference of the list", "[html][reader][errors]") {
  auto r = parse(page("<p>First.</p>\n<p>Cites [2,7].</p>", 2));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kb::Code::Parse);
  CHECK(r.status().message() ==
        "t.html:3: marker [2,7] cites reference 7, but the reference list has 2 entries; correct the marker or the list");
}

// ---------------------------------------------------------------------------------------------
// The reference list.

TEST_CASE("HTML reader recognises the reference list by its heading", "[html][reader][references]") {
  const std::string body = "<p>Text (1).</p>";
  const std::string list = "<ol><li>\n  CDC.   Paralytic poliomyelitis.\n MMWR 1997;46:79-83.</li><li>B. T.</li></ol>";
  auto heading = GENERATE(as<std::string>{}, "<h2>References</h2>", "<h3>\nREFERENCES\n</h3>", "<h4>Bibliography</h4>",
                          "<p><b>Literature Cited</b></p>", "<p><strong>References:</strong></p>");
  auto r = parse("<html><body><h1>T</h1>" + body + heading + list + "<p>Disclaimer: not body.</p></body></html>");
  REQUIRE(r.ok());
  REQUIRE(r->references.size() == 2);
  CHECK(r->references[0].number == 1);
  CHECK(r->references[0].raw == "CDC. Paralytic poliomyelitis. MMWR 1997;46:79-83.");
  CHECK(r->references[1].number == 2);
  CHECK(texts(*r) == std::vector<std::string>{"Text (1)."});
}

TEST_CASE("HTML reader numbers entries from the list's start and reads entries that print their number", "[html][reader][references]") {
  SECTION("ol start and li value") {
    auto r = parse("<html><body><h1>T</h1><p>x</p><h2>References</h2>\n<ol start=\"3\">\n<li>C.</li>\n<li>D.</li>\n<li value=\"7\">G.</li></ol></body></html>");
    REQUIRE(r.ok());
    REQUIRE(r->references.size() == 3);
    CHECK(r->references[0].number == 3);
    CHECK(r->references[0].line == 3);
    CHECK(r->references[1].number == 4);
    CHECK(r->references[2].number == 7);
    CHECK(notes(*r) == std::vector<std::string>{
                           "3: the reference list skips from its start to 3; references 1-2 are not in the text (indexed as printed)",
                           "5: the reference list skips from 4 to 7; references 5-6 are not in the text (indexed as printed)"});
  }
  SECTION("paragraphs that print their own numbers") {
    auto r = parse("<html><body><h1>T</h1><p>x (2).</p><h2>References</h2><p>1. CDC. First.</p><p>2.  Smith J. Second.</p>"
                   "<p>Page converted: 7/15/99</p></body></html>");
    REQUIRE(r.ok());
    REQUIRE(r->references.size() == 2);
    CHECK(r->references[0].raw == "CDC. First.");
    CHECK(r->references[1].number == 2);
    CHECK(r->references[1].raw == "Smith J. Second.");
    CHECK(cited_by(*sentence_with(*r, "x (2)")) == std::set<int>{2});
  }
  SECTION("list items that print their own numbers") {
    auto r = parse("<html><body><h1>T</h1><p>x</p><h2>References</h2><ul><li>1. CDC. First.</li><li>2. Second.</li></ul></body></html>");
    REQUIRE(r.ok());
    REQUIRE(r->references.size() == 2);
    CHECK(r->references[0].raw == "CDC. First.");
    CHECK(r->references[1].number == 2);
  }
  SECTION("an ordered list whose items repeat their number") {
    auto r = parse("<html><body><h1>T</h1><p>x</p><h2>References</h2><ol><li>1. CDC. First.</li><li>2. Second.</li></ol></body></html>");
    REQUIRE(r.ok());
    REQUIRE(r->references.size() == 2);
    CHECK(r->references[0].raw == "CDC. First.");
  }
}

TEST_CASE("HTML reader refuses a reference number given twice", "[html][reader][errors]") {
  auto r = parse("<html><body><h1>T</h1><p>x</p><h2>References</h2>\n<p>1. A.</p>\n<p>1. B.</p></body></html>");
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().message() == "t.html:3: reference 1 appears twice (first at line 2); number each reference once");
}

TEST_CASE("HTML reader takes nothing after the reference list for body", "[html][reader][boilerplate]") {
  auto r = parse(page("<p>Body.</p>").insert(page("<p>Body.</p>").rfind("</body>"),
                                             "<p><font color=red><big><strong>Disclaimer</strong></big></font> All MMWR HTML versions.</p>"
                                             "<p><small>Page converted: 7/15/99</small></p><h2>More</h2><p>Later text.</p>"));
  REQUIRE(r.ok());
  CHECK(texts(*r) == std::vector<std::string>{"Body."});
  CHECK(r->references.size() == 3);
  CHECK(r->diagnostics.empty());
}

// ---------------------------------------------------------------------------------------------
// Boilerplate elements and tables.

TEST_CASE("HTML reader leaves out scripts, styles, navigation, headers, footers, forms and comments", "[html][reader][boilerplate]") {
  auto r = parse(page(
      "<script>var p = '<p>not text</p>';</script><style>p { color: red }</style><nav><p>Home | About</p></nav>"
      "<header><p>Site banner</p></header><p>Kept <!-- a comment --> text.</p><form><p>Search</p><input></form>"
      "<noscript><p>Enable JavaScript</p></noscript><footer><p>Contact us</p></footer>"));
  REQUIRE(r.ok());
  CHECK(texts(*r) == std::vector<std::string>{"Kept text."});
}

TEST_CASE("HTML reader finds the title inside a header and leaves the rest of the header out", "[html][reader][boilerplate]") {
  auto r = parse("<html><body><header><nav>Menu</nav><h1>Inside</h1><p>Share this page</p></header><p>Body.</p></body></html>");
  REQUIRE(r.ok());
  CHECK(r->title == "Inside");
  CHECK(texts(*r) == std::vector<std::string>{"Body."});
}

TEST_CASE("HTML reader descends into layout tables as if they were absent", "[html][reader][tables]") {
  auto r = parse(page("<table><tr><td><img src=\"logo.gif\"></td><td><p>In a cell.</p><table><tr><td><p>Nested.</p></td></tr></table>"
                      "<ul><li>Listed.</li></ul></td></tr></table><p>After.</p>"));
  REQUIRE(r.ok());
  CHECK(texts(*r) == std::vector<std::string>{"In a cell.", "Nested.", "Listed.", "After."});
  CHECK(r->diagnostics.empty());
}

TEST_CASE("HTML reader skips a data table with a diagnostic naming it", "[html][reader][tables]") {
  SECTION("by its caption") {
    auto r = parse("<html><body><h1>T</h1><p>Before.</p>\n<table><caption>TABLE 1. Doses by age</caption><tr><th>Age</th><th>Dose</th></tr>"
                   "<tr><td>2 months</td><td>0.5 mL</td></tr></table><p>After.</p></body></html>");
    REQUIRE(r.ok());
    CHECK(texts(*r) == std::vector<std::string>{"Before.", "After."});
    CHECK(notes(*r) == std::vector<std::string>{"2: table skipped: TABLE 1. Doses by age"});
  }
  SECTION("by its first cell") {
    auto r = parse("<html><body><h1>T</h1>\n<table><tr><td> </td><td>Mother's <b>HBsAg</b> status</td></tr></table></body></html>");
    REQUIRE(r.ok());
    CHECK(notes(*r) == std::vector<std::string>{"2: table skipped: Mother's HBsAg status"});
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile input: never a crash, a hang, or a load from the network or disk.

TEST_CASE("HTML reader refuses input that cannot be a topic, naming the line", "[html][reader][errors]") {
  SECTION("empty") {
    auto r = parse(" \n\t\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "t.html:1: the file is empty; expected an HTML topic");
  }
  SECTION("binary") {
    std::string html = "<html><body>\n<h1>T</h1>";
    html.push_back('\0');
    auto r = parse(html);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.html:2: binary data (a NUL byte)", 0) == 0);
  }
  SECTION("UTF-16") {
    auto r = parse(std::string("\xFF\xFE<\0h\0", 6));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.html:1: UTF-16 text; convert the file to UTF-8", 0) == 0);
  }
  SECTION("no title") {
    auto r = parse("<html><head></head><body><p>Only text.</p></body></html>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "t.html:1: no title: the page has neither an <h1> nor a <title> with text; add one");
  }
  SECTION("a title without letters or digits") {
    auto r = parse("<html><body>\n<h1>* * *</h1></body></html>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "t.html:2: the title '* * *' has no letters or digits to name the topic by");
  }
  SECTION("not HTML at all") {
    auto r = parse("just some words, no markup");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("no title") != std::string::npos);
  }
}

TEST_CASE("HTML reader reads unclosed tags and stray end tags", "[html][reader][hostile]") {
  auto r = parse("<html><body><h1>Unclosed<p>First <b>bold <i>both\n<p>Second</span></div></td> text<li>Loose item\n"
                 "<h2>References</h2><ol><li>A. T.<li>B. T.</ol>");
  REQUIRE(r.ok());
  CHECK(r->title == "Unclosed");
  CHECK(r->references.size() == 2);
  CHECK_FALSE(paragraphs(*r).empty());
  CHECK(paragraphs(*r)[0]->text == "First bold both");
}

TEST_CASE("HTML reader decodes HTML's character references and expands nothing else", "[html][reader][hostile]") {
  auto r = parse("<html><body><h1>Caf&eacute; &amp; co</h1><p>Merck &amp; Co &#233;&#x00E9; &lt;2 years&nbsp;old &bogus; &xxe;.</p></body></html>");
  REQUIRE(r.ok());
  CHECK(r->title == "Caf\xC3\xA9 & co");
  CHECK(paragraphs(*r)[0]->text == "Merck & Co \xC3\xA9\xC3\xA9 <2 years old &bogus; &xxe;.");
}

TEST_CASE("HTML reader refuses a DOCTYPE that declares entities, before anything is expanded or loaded", "[html][reader][hostile]") {
  SECTION("an external entity on the disk") {
    auto r = parse("<!DOCTYPE html [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n<html><body><h1>T &xxe;</h1></body></html>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.html:2: refused: the DOCTYPE declares entities", 0) == 0);
  }
  SECTION("billion laughs") {
    std::string html = "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
    for (int i = 1; i < 10; ++i) {
      std::string value;
      for (int k = 0; k < 10; ++k) value += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
      html += "<!ENTITY lol" + std::to_string(i) + " \"" + value + "\">";
    }
    auto r = parse(html + "]><html><body><h1>&lol9;</h1></body></html>");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().rfind("t.html:1: refused: the DOCTYPE declares entities", 0) == 0);
  }
}

TEST_CASE("HTML reader never loads the DTD a DOCTYPE names, on the disk or the network", "[html][reader][hostile]") {
  // A DTD on the disk that would put its text into the page if it were ever read.
  const auto dtd = std::filesystem::temp_directory_path() / "kb_topic_html_test.dtd";
  {
    std::ofstream out(dtd);
    out << "<!ENTITY secret \"LEAKED\">\n";
  }
  SECTION("file://") {
    auto r = parse("<!DOCTYPE html SYSTEM \"file://" + dtd.string() + "\">\n<html><body><h1>T &secret;</h1><p>x &secret;</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->title.find("LEAKED") == std::string::npos);
    CHECK(paragraphs(*r)[0]->text == "x &secret;");
    REQUIRE(r->diagnostics.size() == 1);
    CHECK(r->diagnostics[0].line == 1);
    CHECK(r->diagnostics[0].message.find("not loaded") != std::string::npos);
  }
  SECTION("http:// (an unroutable address: a load would hang or fail, not return)") {
    auto start = std::chrono::steady_clock::now();
    auto r = parse("<!DOCTYPE html PUBLIC \"-//X//DTD X//EN\" \"http://10.255.255.1/evil.dtd\">\n<html><body><h1>T</h1>"
                   "<link rel=\"stylesheet\" href=\"http://10.255.255.1/a.css\"><img src=\"file:///etc/passwd\"><p>x</p></body></html>");
    REQUIRE(r.ok());
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    REQUIRE(r->diagnostics.size() == 1);
    CHECK(r->diagnostics[0].message.find("http://10.255.255.1/evil.dtd") != std::string::npos);
  }
  SECTION("the W3C's own DTDs are named without a diagnostic") {
    auto r = parse("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd\">"
                   "<html><body><h1>T</h1><p>x</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->diagnostics.empty());
  }
  std::error_code ec;
  std::filesystem::remove(dtd, ec);
}

TEST_CASE("HTML reader refuses 10 MB of nested divs quickly instead of losing the rest of the page", "[html][reader][hostile]") {
  std::string html = "<html><body><h1>Deep</h1>\n<p>x</p>\n";
  html.reserve(10u << 20);
  while (html.size() < (10u << 20)) html += "<div>";
  auto start = std::chrono::steady_clock::now();
  auto r = parse(html);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kb::Code::Parse);
  CHECK(r.status().message().rfind("t.html:3: refused: elements nested more than 256 levels deep", 0) == 0);
}

TEST_CASE("HTML reader stays near-linear on large flat and hostile pages", "[html][reader][hostile]") {
  auto seconds_for = [](const std::string& html) {
    auto start = std::chrono::steady_clock::now();
    auto r = kb::parse_html_topic(html, "big.html");
    (void)r;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  auto build = [](const std::string& unit, std::size_t bytes) {
    std::string html = "<html><body><h1>Big</h1>";
    while (html.size() < bytes) html += unit;
    return html + "<h2>References</h2><ol><li>A.</li><li>B.</li></ol></body></html>";
  };
  for (const std::string unit : {"<p>Some text<sup>1,2</sup> and (1) more <a href=\"#x\">2</a>.</p>\n",
                                 "<table><tr><td>cell</td></tr></table>", "<li>item", "</span></div><b><i>x",
                                 "<!-- c --><b></b>", "<sup><sup><sup>1</sup></sup></sup>"}) {
    INFO(unit);
    const double small = seconds_for(build(unit, 1u << 20));
    const double large = seconds_for(build(unit, 4u << 20));
    CHECK(large < 8 * small + 0.5);  // four times the input: near four times the time
    CHECK(large < 10.0);
  }
}

TEST_CASE("HTML reader reads a page that is not UTF-8 in the charset it declares, with a diagnostic", "[html][reader][hostile]") {
  SECTION("declared windows-1252") {
    auto r = parse("<html><head><meta charset=\"windows-1252\"></head><body><h1>Caf\xE9</h1><p>\x93Quoted\x94 text.</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->title == "Caf\xC3\xA9");
    CHECK(paragraphs(*r)[0]->text == "\xE2\x80\x9CQuoted\xE2\x80\x9D text.");
    CHECK(notes(*r).size() == 1);
  }
  SECTION("UTF-8 is read as UTF-8 whatever the page declares") {
    auto r = parse("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head>"
                   "<body><h1>Caf\xC3\xA9</h1><p>x</p></body></html>");
    REQUIRE(r.ok());
    CHECK(r->title == "Caf\xC3\xA9");
    CHECK(r->diagnostics.empty());
  }
  SECTION("control characters from a mis-decoded page are dropped") {
    auto r = parse("<html><body><h1>T</h1><p>ciprofloxacin<sup>\xC2\x86</sup> or doxycycline</p></body></html>");
    REQUIRE(r.ok());
    CHECK(paragraphs(*r)[0]->text == "ciprofloxacin or doxycycline");
  }
}

// ---------------------------------------------------------------------------------------------
// The five MMWR pages, expectations written from reading each page (see the README beside them).

namespace {

struct Cited {
  std::string fragment;  // of the sentence
  std::set<int> numbers;
};

struct PageExpectation {
  std::string name;
  std::string title;
  std::string source_line;
  std::vector<std::pair<int, std::string>> reference_starts;  // number, first words
  std::size_t references;
  std::size_t body_paragraphs;  // not list items
  std::size_t list_items;
  std::string lead_in;  // of every list item
  std::vector<std::string> headings;  // section headings, the first one unnamed
  std::vector<Cited> citations;
  std::vector<std::string> fragments;  // printed in some paragraph as given
};

std::vector<PageExpectation> mmwr_pages() {
  const std::string mmwr = "Morbidity and Mortality Weekly Report (MMWR), ";
  return {
      {"mmwr-1999-polio-all-ipv-schedule",
       "Notice to Readers: Recommendations of the Advisory Committee on Immunization Practices: Revised Recommendations "
       "for Routine Poliomyelitis Vaccination",
       mmwr + "Volume 48, Number 27, page 590, July 16, 1999.",
       {{1, "CDC. Paralytic poliomyelitis--United States, 1980-1994. MMWR 1997;46:79-83."},
        {2, "CDC. Poliomyelitis prevention in the United States"},
        {3, "CDC. Impact of the sequential IPV/OPV schedule"}},
       3, 4, 3, "OPV should be used only for the following special circumstances:", {""},
       {{"outweighed the risk for vaccine-associated paralytic polio", {1}},
        {"recommended a sequential schedule of inactivated poliovirus vaccine", {2}},
        {"No declines in childhood vaccination coverage were observed", {3}},
        {"have been associated with use of the live oral poliovirus vaccine", {}},
        {"the ACIP recommended an all-IPV schedule", {}}},
       {"Mass vaccination campaigns to control outbreaks of paralytic polio."}},
      {"mmwr-1999-thimerosal-vaccines",
       "Recommendations Regarding the Use of Vaccines That Contain Thimerosal as a Preservative",
       mmwr + "Volume 48, Number 43, page 996, November 5, 1999.",
       {{1, "CDC. Thimerosal in vaccines: a joint statement"},
        {2, "American Academy of Family Physicians. Policy statement"},
        {4, "Margolis HS, Coleman PJ, Brown RE"},
        {10, "Agency for Toxic Substances and Disease Registry. Toxicological profile for mercury."}},
       10, 7, 0, "", {"", "Hepatitis B, DTaP, and Hib Vaccines", "Influenza Vaccine"},
       {{"The review was prompted by a joint statement", {1, 2}},
        {"is under consideration for licensure", {3}},
        {"to postpone hepatitis B vaccination only for newborns", {1, 3}},
        {"Chronic HBV infection develops in approximately 90%", {4}},
        {"All hospitals and pediatric care providers should ensure", {5}},
        {"the priority for its use should be to vaccinate newborn infants", {3}},
        {"ACIP recommends no changes in the influenza vaccination guidelines", {6}},
        {"are at substantially increased risk for complications of influenza", {7, 8}},
        {"for whom influenza vaccination is also recommended", {9}},
        {"Agency for Toxic Substances and Disease Registry and other agencies", {10}},
        {"The risk, if any, to infants", {}}},
       {"as recommended (Table 1) (5).", "(Recombivax HB[Registered], Merck & Co., Inc., West Point, Pennsylvania)* was"}},
      {"mmwr-2000-rifamycins-tb-hiv",
       "Notice to Readers: Updated Guidelines for the Use of Rifabutin or Rifampin for the Treatment and Prevention of "
       "Tuberculosis Among HIV-Infected Patients Taking Protease Inhibitors or Nonnucleoside Reverse Transcriptase Inhibitors",
       mmwr + "Volume 49, Number 9, page 185, March 10, 2000.",
       {{1, "CDC. Prevention and treatment of tuberculosis among patients infected"},
        {2, "Glaxo Wellcome Inc. Abacavir package insert."},
        {3, "Benedek IH, Joshi A, Fiske WD, et al."},
        {10, "American Thoracic Society/CDC. Targeted tuberculin testing"}},
       10, 7, 0, "", {""},
       {{"A previously published report provided guidelines", {1}},
        {"This notice presents updated data", {1}},
        {"are not metabolized by CYP450", {2}},
        {"New data indicate that rifampin can be used", {3, 4, 5}},
        {"the updated guidelines recommend substantially reducing the dose of rifabutin", {6, 7}},
        {"ritonavir has the highest potency in inhibiting CYP450", {1}},
        {"an interaction exploited in different combinations", {8}},
        {"the usual dosage (300 mg daily", {1, 9}},
        {"the use of a 9-month regimen of isoniazid is recommended", {10}},
        {"2-month regimens of a rifamycin and pyrazinamide", {10}},
        {"Concurrent use of NRTIs and rifamycins is not contraindicated", {}}},
       {"the new drug abacavir [2])---are not metabolized", "tuberculosis (TB) (1)."}},
      {"mmwr-2001-anthrax-prophylaxis-children",
       "Notice to Readers: Update: Interim Recommendations for Antimicrobial Prophylaxis for Children and Breastfeeding "
       "Mothers and Treatment of Children with Anthrax",
       mmwr + "Volume 50, Number 45, page 1014, November 16, 2001.",
       {{1, "CDC. Update: investigation of anthrax associated with intentional exposure"},
        {4, "Bayer Corporation. Ciprofloxacin\xC2\xAE. In: Physicians desk reference."},
        {7, "Roche KJ, Chang MW, Lazarus H."},
        {8, "American Academy of Pediatrics Committee on Drugs."}},
       8, 8, 0, "", {""},
       {{"Amoxicillin is an option for antimicrobial prophylaxis for children and pregnant women", {1, 2, 3}},
        {"might be associated with adverse effects in children", {4, 5}},
        {"are approved for this use in humans by the Food and Drug Administration", {5, 6}},
        {"strains produce a cephalosporinase", {2}},
        {"implicated in the recent bioterrorist attacks are susceptible", {2}},
        {"If meningitis is suspected", {2}},
        {"Intravenous therapy with multiple antimicrobial agents is recommended", {2}},
        {"developed systemic illness after onset of cutaneous anthrax", {7}},
        {"little is known about the safety of long-term use", {8}},
        {"Experience with fluoroquinolones other than ciprofloxacin", {}}},
       {"as is the case in the recent attacks (1--3).", "intravenous ciprofloxacin or doxycyline\xC2\xA7, plus one or two additional antimicrobial\xC2\xB6 agents.",
        "amoxicillin* may be used", "is available at <http://www.bt.cdc.gov>."}},
      {"mmwr-2001-pcv7-shortage",
       "Notice to Readers: Updated Recommendations on the Use of Pneumococcal Conjugate Vaccine in a Setting of Vaccine "
       "Shortage --- Advisory Committee on Immunization Practices",
       mmwr + "Volume 50, Number 50, page 1140, December 21, 2001.",
       {{1, "CDC. Preventing pneumococcal disease among infants and young children"},
        {3, "Levine OS, Farley M, Harrison LH"},
        {5, "Rennels MB, Edwards KM, Keyserling HL, et al. Safety and immunogenicity of heptavalent pneumococcal vaccine "
            "conjugated to CRM197 in United States infants."},
        {6, "Granoff DM, Rathore MH"}},
       6, 4, 4, "Until adequate supplies are available, ACIP recommends the following:", {""},
       {{"CDC published an interim vaccination schedule", {1, 2}},
        {"Vaccine should be administered to high-risk children aged <5 years", {1}},
        {"Demographic risk factors for invasive infections include being black", {1, 3}},
        {"a point estimate of 86% efficacy", {4}},
        {"Immunogenicity data indicate increases in antibody titer", {5}},
        {"\"Carrier priming\" has been documented with the CRM197 Haemophilus influenzae type b conjugate vaccine", {6}},
        {"Health-care providers should maintain a list of children", {}}},
       {"shortage that was anticipated to be brief (1,2).", "provider's practice (Table 1). On the basis"}},
  };
}

}  // namespace

TEST_CASE("HTML reader meets the expectations read from the five MMWR pages", "[html][reader][mmwr]") {
  for (const PageExpectation& want : mmwr_pages()) {
    DYNAMIC_SECTION(want.name) {
      auto path = kb::testing::shared_testdata("guidelines/" + want.name + ".html");
      if (!path) continue;
      auto content = kb::read_file(*path);
      REQUIRE(content.ok());
      auto r = kb::parse_html_topic(*content, *path);
      INFO(r.status().message());
      REQUIRE(r.ok());
      const kb::Topic& t = *r;
      CHECK(t.title == want.title);
      CHECK(t.source_line == want.source_line);

      REQUIRE(t.references.size() == want.references);
      for (std::size_t i = 0; i < t.references.size(); ++i) CHECK(t.references[i].number == static_cast<int>(i) + 1);
      for (const auto& [number, start] : want.reference_starts) {
        INFO("reference " << number << ": " << t.references[static_cast<std::size_t>(number) - 1].raw);
        CHECK(t.references[static_cast<std::size_t>(number) - 1].raw.rfind(start, 0) == 0);
      }

      std::size_t body = 0, items = 0;
      for (const auto* p : paragraphs(t)) {
        (p->list_item ? items : body) += 1;
        if (p->list_item) CHECK(p->lead_in == want.lead_in);
      }
      CHECK(body == want.body_paragraphs);
      CHECK(items == want.list_items);
      std::vector<std::string> headings;
      for (const auto& s : t.sections) headings.push_back(s.heading);
      CHECK(headings == want.headings);

      for (const Cited& c : want.citations) {
        INFO(c.fragment);
        const kb::Sentence* s = sentence_with(t, c.fragment);
        REQUIRE(s != nullptr);
        INFO(s->text);
        CHECK(cited_by(*s) == c.numbers);
      }
      for (const std::string& fragment : want.fragments) {
        INFO(fragment);
        bool found = false;
        for (const auto* p : paragraphs(t)) found = found || p->text.find(fragment) != std::string::npos;
        CHECK(found);
      }
      // Neither the site around the article nor what follows its reference list is body text.
      for (const auto* p : paragraphs(t))
        for (const char* boilerplate : {"assistive technology", "Disclaimer", "Page converted", "Return to top",
                                        "mmwrq@cdc.gov", "last reviewed", "The recommended dose of", "TABLE 1",
                                        "Use of trade names", "Questions or messages"}) {
          INFO(p->text);
          CHECK(p->text.find(boilerplate) == std::string::npos);
        }
      INFO(::Catch::Detail::stringify(notes(t)));
      CHECK(t.diagnostics.empty());
    }
  }
}
