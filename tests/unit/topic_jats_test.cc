// The JATS topic reader (indexer/formats/topic_jats.h): small articles written for each rule,
// hostile documents, and the real SciELO article of ../shared/testdata, whose expectations
// below were written from reading the article before the reader was run on it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "indexer/formats/topic_jats.h"
#include "kb/file_io.h"
#include "tests/support/shared_testdata.h"

namespace {

kb::Result<kb::Topic> parse(const std::string& xml) { return kb::parse_jats_topic(xml, "a.xml"); }

// An article with FRONT_EXTRA inside <article-meta>, then BODY and BACK as given.
std::string article(const std::string& body, const std::string& back = "", const std::string& front_extra = "",
                    const std::string& after = "") {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<article xmlns:xlink=\"http://www.w3.org/1999/xlink\" article-type=\"research-article\">\n"
         "<front>\n<journal-meta><journal-title-group><journal-title>Journal of Tests</journal-title>"
         "</journal-title-group></journal-meta>\n"
         "<article-meta>\n<title-group><article-title>A <italic>small</italic> topic</article-title></title-group>\n" +
         front_extra + "</article-meta>\n</front>\n<body>\n" + body + "</body>\n<back>\n" + back + "</back>\n" + after +
         "</article>\n";
}

// A reference list of N entries, B1..BN, labelled 1..N.
std::string refs(int n) {
  std::string list = "<ref-list>\n";
  for (int i = 1; i <= n; ++i)
    list += "<ref id=\"B" + std::to_string(i) + "\"><label>" + std::to_string(i) + "</label><mixed-citation>Author" +
            std::to_string(i) + " A. Title " + std::to_string(i) + ". J Test. 2000;1:" + std::to_string(i) +
            ".</mixed-citation></ref>\n";
  return list + "</ref-list>\n";
}

std::string xref(int n) {
  return "<xref ref-type=\"bibr\" rid=\"B" + std::to_string(n) + "\">" + std::to_string(n) + "</xref>";
}

const kb::Paragraph& first_paragraph(const kb::Topic& topic) {
  REQUIRE_FALSE(topic.sections.empty());
  REQUIRE_FALSE(topic.sections.front().paragraphs.empty());
  return topic.sections.front().paragraphs.front();
}

std::vector<std::string> notes(const kb::Topic& topic) {
  std::vector<std::string> out;
  for (const auto& d : topic.diagnostics) out.push_back(std::to_string(d.line) + ": " + d.message);
  return out;
}

bool has_note(const kb::Topic& topic, const std::string& fragment) {
  return std::any_of(topic.diagnostics.begin(), topic.diagnostics.end(),
                     [&](const kb::Diagnostic& d) { return d.message.find(fragment) != std::string::npos; });
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

std::vector<const kb::Paragraph*> all_paragraphs(const kb::Topic& topic) {
  std::vector<const kb::Paragraph*> out;
  for (const auto& section : topic.sections)
    for (const auto& paragraph : section.paragraphs) out.push_back(&paragraph);
  return out;
}

// The sentence holding FRAGMENT, or null.
const kb::Sentence* sentence_with(const kb::Topic& topic, const std::string& fragment) {
  for (const auto* paragraph : all_paragraphs(topic))
    for (const auto& sentence : paragraph->sentences)
      if (sentence.text.find(fragment) != std::string::npos) return &sentence;
  return nullptr;
}

std::vector<int> cited_numbers(const kb::Sentence& sentence) {
  std::vector<int> numbers;
  for (const auto& marker : sentence.citations) numbers.insert(numbers.end(), marker.numbers.begin(), marker.numbers.end());
  return numbers;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Small articles, one rule each.

TEST_CASE("JATS reader takes title, authors, source line and publisher from the front matter", "[jats][reader]") {
  const std::string front =
      "<article-id pub-id-type=\"publisher-id\">X1</article-id>\n"
      "<article-id pub-id-type=\"doi\">https://doi.org/10.1/ABC.2</article-id>\n"
      "<contrib-group>\n"
      "<contrib contrib-type=\"author\"><name><surname>Soeiro</surname><given-names>Em&#237;lia Maria</given-names>"
      "</name><degrees>MD</degrees></contrib>\n"
      "<contrib contrib-type=\"editor\"><name><surname>Edits</surname><given-names>Ed</given-names></name></contrib>\n"
      "<contrib contrib-type=\"author\"><collab>The Study Group</collab></contrib>\n"
      "</contrib-group>\n"
      "<pub-date pub-type=\"epub\"><year>2022</year></pub-date>\n"
      "<pub-date date-type=\"collection\"><year>2023</year></pub-date>\n"
      "<volume>45</volume><issue>2</issue><fpage>244</fpage><lpage>251</lpage>\n";
  auto r = kb::parse_jats_topic(article("<p>Body text.</p>\n", "", front), "dir/a.xml");
  INFO(r.status().message());
  REQUIRE(r.ok());
  CHECK(r->source_format == "jats");
  CHECK(r->source_path == "dir/a.xml");
  CHECK(r->title == "A small topic");
  CHECK(r->slug == "a-small-topic");
  CHECK(r->source_line == "Journal of Tests, 2023, volume 45, issue 2, pages 244-251. doi:10.1/ABC.2");
  CHECK(r->content_hash.empty());
  REQUIRE(r->contributors.size() == 2);
  CHECK(r->contributors[0].name == "Emília Maria Soeiro");
  CHECK(r->contributors[0].credentials == "MD");
  CHECK(r->contributors[0].role == kb::ContributorRole::Author);
  CHECK(r->contributors[0].line == 10);
  CHECK(r->contributors[1].name == "The Study Group");
}

TEST_CASE("JATS reader makes the abstract a section headed Abstract, a structured one a paragraph per part",
          "[jats][reader]") {
  SECTION("plain") {
    auto r = parse(article("<p>Body.</p>", "", "<abstract><title>ABSTRACT</title><p>One.</p><p>Two.</p></abstract>"));
    REQUIRE(r.ok());
    REQUIRE(r->sections.size() == 2);
    CHECK(r->sections[0].heading == "Abstract");
    REQUIRE(r->sections[0].paragraphs.size() == 2);
    CHECK(r->sections[0].paragraphs[1].text == "Two.");
    CHECK(r->sections[1].heading.empty());
  }
  SECTION("structured") {
    auto r = parse(article("<p>Body.</p>", "",
                           "<abstract><sec><title>Background</title><p>Why we looked.</p></sec>"
                           "<sec><title>Results:</title><p>What we found.</p><p>And more.</p></sec></abstract>"));
    REQUIRE(r.ok());
    REQUIRE(r->sections[0].paragraphs.size() == 3);
    CHECK(r->sections[0].paragraphs[0].text == "Background: Why we looked.");
    CHECK(r->sections[0].paragraphs[1].text == "Results: What we found.");
    CHECK(r->sections[0].paragraphs[2].text == "And more.");
  }
}

TEST_CASE("JATS reader makes each sec a section headed by its title, nested ones too", "[jats][reader]") {
  auto r = parse(article("<p>Before any section.</p>\n"
                         "<sec><title>Outer</title><p>Outer text.</p>\n"
                         "<sec><title>Inner <italic>part</italic></title><p>Inner text.</p></sec>\n"
                         "<p>Outer again.</p></sec>\n"
                         "<sec><title>Structure only</title><sec><title>Leaf</title><p>Leaf text.</p></sec></sec>\n"
                         "<sec><title>Empty</title></sec>\n"));
  REQUIRE(r.ok());
  std::vector<std::string> headings;
  for (const auto& s : r->sections) headings.push_back(s.heading + "/" + std::to_string(s.paragraphs.size()));
  CHECK(headings == std::vector<std::string>{"/1", "Outer/1", "Inner part/1", "Outer/1", "Leaf/1"});
  CHECK(r->sections[1].line == 11);
  CHECK(r->sections[2].paragraphs[0].line == 12);
  CHECK(notes(*r) == std::vector<std::string>{"15: section 'Empty' has no text under it"});
}

TEST_CASE("JATS reader flattens inline markup and collapses white space", "[jats][reader]") {
  auto r = parse(article("<p>\n  A <bold>bold</bold>,\n\t<italic>italic</italic> and <ext-link ext-link-type=\"uri\" "
                         "xlink:href=\"https://x.org\">linked</ext-link> word; immuno&#173;suppressants\n"
                         "  <sc>too</sc> (&lt; 30 days).\n</p>\n"));
  REQUIRE(r.ok());
  CHECK(first_paragraph(*r).text ==
        "A bold, italic and linked word; immunosuppressants too (< 30 days).");
  CHECK(first_paragraph(*r).line == 10);
}

TEST_CASE("JATS reader gives list items with the lead-in that introduces them", "[jats][reader][lists]") {
  SECTION("a paragraph ending with ':' introduces the list after it") {
    auto r = parse(article("<sec><title>Advice.</title><p>Do the following:</p>\n"
                           "<list list-type=\"bullet\"><list-item><label>&#8226;</label><p>First item.</p></list-item>"
                           "<list-item><p>Second item.</p></list-item></list>\n"
                           "<p>A closing paragraph.</p></sec>"));
    REQUIRE(r.ok());
    const auto& paragraphs = r->sections[0].paragraphs;
    REQUIRE(paragraphs.size() == 4);
    CHECK_FALSE(paragraphs[0].list_item);
    CHECK(paragraphs[1].list_item);
    CHECK(paragraphs[1].text == "First item.");
    CHECK(paragraphs[1].lead_in == "Do the following:");
    CHECK(paragraphs[2].lead_in == "Do the following:");
    CHECK_FALSE(paragraphs[3].list_item);
    CHECK(paragraphs[3].lead_in.empty());
  }
  SECTION("a paragraph that is not a lead-in introduces nothing") {
    auto r = parse(article("<sec><title>Advice.</title><p>Some prose.</p><list><list-item><p>Item.</p></list-item>"
                           "</list></sec>"));
    REQUIRE(r.ok());
    CHECK(r->sections[0].paragraphs[1].list_item);
    CHECK(r->sections[0].paragraphs[1].lead_in.empty());
  }
  SECTION("a section title right above the list introduces it") {
    auto r = parse(article("<sec><title><italic>Recommendations for vaccination</italic></title>"
                           "<list list-type=\"roman-upper\"><list-item><p>Vaccinate all.</p></list-item></list></sec>"));
    REQUIRE(r.ok());
    CHECK(r->sections[0].paragraphs[0].lead_in == "Recommendations for vaccination");
  }
  SECTION("the list's own title introduces it") {
    auto r = parse(article("<p>Prose.</p><list><title>Contraindications</title><list-item><p>Allergy.</p>"
                           "</list-item></list>"));
    REQUIRE(r.ok());
    CHECK(r->sections[0].paragraphs[1].lead_in == "Contraindications");
  }
  SECTION("a list inside a paragraph splits it, and a list inside an item is led in by the item") {
    auto r = parse(article("<p>Patients need:<list><list-item><p>Rest, as follows:<list><list-item><p>Sleep.</p>"
                           "</list-item><list-item><p>Food.</p></list-item></list></p></list-item></list> "
                           "Then they recover.</p>"));
    REQUIRE(r.ok());
    const auto& p = r->sections[0].paragraphs;
    REQUIRE(p.size() == 5);
    CHECK(p[0].text == "Patients need:");
    CHECK(p[1].text == "Rest, as follows:");
    CHECK(p[1].lead_in == "Patients need:");
    CHECK(p[2].text == "Sleep.");
    CHECK(p[2].lead_in == "Rest, as follows:");
    CHECK(p[3].lead_in == "Rest, as follows:");
    CHECK(p[4].text == "Then they recover.");
    CHECK_FALSE(p[4].list_item);
  }
}

TEST_CASE("JATS reader writes a run of xrefs as one bracketed marker with no space before it",
          "[jats][reader][citations]") {
  auto cites = [](const std::string& p) {
    auto r = parse(article("<p>" + p + "</p>", refs(5)));
    INFO(r.status().message());
    REQUIRE(r.ok());
    return first_paragraph(*r).text;
  };
  CHECK(cites("Confirmed <sup>" + xref(2) + "," + xref(3) + "</sup>.") == "Confirmed[2,3].");
  CHECK(cites("Confirmed " + xref(1) + "-" + xref(3) + " here.") == "Confirmed[1-3] here.");
  CHECK(cites("Confirmed " + xref(1) + "&#8211;" + xref(3) + ", " + xref(5) + ".") == "Confirmed[1-3,5].");
  CHECK(cites("In Brazil\n  <sup>(\n    " + xref(1) + ")\n  </sup>. Next.") == "In Brazil[1]. Next.");
  CHECK(cites("Seen\n<sup>(\n" + xref(2) + ",\n" + xref(3) + ")\n</sup>.") == "Seen[2,3].");
  CHECK(cites("Seen [" + xref(4) + "] and (" + xref(5) + ") too.") == "Seen[4] and[5] too.");
  CHECK(cites("Seen<sup>" + xref(1) + "</sup><sup>,</sup><sup>" + xref(2) + "</sup> too.") == "Seen[1,2] too.");
  CHECK(cites("One xref for a range <xref ref-type=\"bibr\" rid=\"B2\">2&#8211;4</xref>.") ==
        "One xref for a range[2-4].");
  CHECK(cites("Several rids <xref ref-type=\"bibr\" rid=\"B1 B4\">1,4</xref>.") == "Several rids[1,4].");
  CHECK(cites("Digits printed without an xref stay: death10 and 3 cases.") ==
        "Digits printed without an xref stay: death10 and 3 cases.");
  CHECK(cites("A figure <xref ref-type=\"fig\" rid=\"F1\">Figure 1</xref> and a note<xref ref-type=\"fn\" "
              "rid=\"fn1\">a</xref>.") == "A figure Figure 1 and a note.");

  auto r = parse(article("<p>The median survival is short <sup>" + xref(1) + "-" + xref(3) + "</sup>. Another " +
                         xref(4) + ".</p>", refs(5)));
  REQUIRE(r.ok());
  const auto& sentences = first_paragraph(*r).sentences;
  REQUIRE(sentences.size() == 2);
  CHECK(sentences[0].text == "The median survival is short[1-3].");
  REQUIRE(sentences[0].citations.size() == 1);
  CHECK(sentences[0].citations[0].numbers == std::vector<int>{1, 2, 3});
  CHECK(cited_numbers(sentences[1]) == std::vector<int>{4});
}

TEST_CASE("JATS reader reports an xref whose rid names no reference instead of writing a marker",
          "[jats][reader][citations]") {
  auto r = parse(article("<p>Known " + xref(1) + " and unknown <xref ref-type=\"bibr\" rid=\"B9\">9</xref>.</p>",
                         refs(2)));
  REQUIRE(r.ok());
  CHECK(first_paragraph(*r).text == "Known[1] and unknown.");
  CHECK(notes(*r) == std::vector<std::string>{
                         "10: citation '9' points at rid 'B9', which names no <ref> of the reference list; not read "
                         "as a citation"});
}

TEST_CASE("JATS reader reports an xref printed with another number than its reference's", "[jats][reader][citations]") {
  auto r = parse(article("<p>Printed nine <xref ref-type=\"bibr\" rid=\"B3\">9</xref>.</p>", refs(3)));
  REQUIRE(r.ok());
  CHECK(first_paragraph(*r).text == "Printed nine[3].");
  CHECK(has_note(*r, "citation printed '9' points at <ref id=\"B3\">, reference 3; read as 3"));
}

TEST_CASE("JATS reader leaves a heading's citations out of the heading and says so", "[jats][reader][citations]") {
  auto r = parse(article("<sec><title>Therapy <sup>" + xref(2) + "</sup></title><p>Text.</p></sec>", refs(2)));
  REQUIRE(r.ok());
  CHECK(r->sections[0].heading == "Therapy");
  CHECK(has_note(*r, "the heading 'Therapy' cites [2]; a heading's citations are not indexed"));
}

TEST_CASE("JATS reader numbers references by their place and reports a label that disagrees",
          "[jats][reader][references]") {
  const std::string list =
      "<ref-list><title>References</title>\n"
      "<ref id=\"r1\"><label>1.</label><mixed-citation>1. Chu VT, Yousaf AR. Household transmission. N Engl J Med. "
      "2021;385(10):954-6.</mixed-citation></ref>\n"
      "<ref id=\"r2\"><label>1</label><mixed-citation>1 2. Centers for Disease Control. Recommendations "
      "[Internet].\n   Available from: <ext-link>https://www.cdc.gov/x</ext-link></mixed-citation></ref>\n"
      "<ref id=\"r3\"><mixed-citation>Plain third.</mixed-citation></ref>\n"
      "</ref-list>\n";
  auto r = parse(article("<p>Cites " + std::string("<xref ref-type=\"bibr\" rid=\"r2\">2</xref>") + ".</p>", list));
  REQUIRE(r.ok());
  REQUIRE(r->references.size() == 3);
  CHECK(r->references[0].number == 1);
  CHECK(r->references[0].raw == "Chu VT, Yousaf AR. Household transmission. N Engl J Med. 2021;385(10):954-6.");
  CHECK(r->references[0].line == 13);
  CHECK(r->references[1].number == 2);
  CHECK(r->references[1].raw ==
        "Centers for Disease Control. Recommendations [Internet]. Available from: https://www.cdc.gov/x");
  CHECK(r->references[2].raw == "Plain third.");
  CHECK(first_paragraph(*r).text == "Cites[2].");
  CHECK(notes(*r) == std::vector<std::string>{
                         "14: reference 2 (<ref id=\"r2\">) is labelled '1'; numbered 2 by its place in the list"});
}

TEST_CASE("JATS reader tags what an element-citation says and prints it in Vancouver order",
          "[jats][reader][references]") {
  const std::string list =
      "<ref-list>\n"
      "<ref id=\"B1\"><label>1</label><element-citation publication-type=\"journal\">"
      "<person-group person-group-type=\"author\"><name><surname>Prata-Barbosa</surname><given-names>A.</given-names>"
      "</name><name><surname>de Castro</surname><given-names>Rui Emanuel</given-names></name><etal/></person-group>"
      "<person-group person-group-type=\"editor\"><name><surname>Editor</surname><given-names>E</given-names></name>"
      "</person-group>"
      "<article-title>et al Pediatric patients with COVID-19</article-title><source>J Pediatr (Rio J)</source>"
      "<year>2020</year><volume>11(</volume><issue>5</issue><fpage>582</fpage><lpage>92</lpage>"
      "<pub-id pub-id-type=\"doi\">doi: http://dx.doi.org/10.1016/j.jped.2020.07.002</pub-id>"
      "<pub-id pub-id-type=\"pmid\">32781034</pub-id></element-citation></ref>\n"
      "<ref id=\"B2\"><label>2</label><element-citation publication-type=\"webpage\"><person-group "
      "person-group-type=\"author\"><collab>Brasil</collab></person-group><source>Plano Nacional [Internet]</source>"
      "<publisher-loc>Bras&#237;lia (DF)</publisher-loc><publisher-name>Minist&#233;rio da Sa&#250;de</publisher-name>"
      "<year>2021</year></element-citation></ref>\n"
      "<ref id=\"B3\"><label>3</label><mixed-citation>Mixed wins. Lancet. 2001.</mixed-citation>"
      "<element-citation publication-type=\"journal\"><source>Lancet</source><year>2001</year>"
      "<fpage>e14031</fpage></element-citation></ref>\n"
      "</ref-list>\n";
  auto r = parse(article("<p>Body.</p>", list));
  REQUIRE(r.ok());
  REQUIRE(r->references.size() == 3);
  const kb::Reference& t = r->references[0].tagged;
  CHECK(t.authors == std::vector<std::string>{"Prata-Barbosa A", "de Castro RE"});
  CHECK(t.et_al);
  CHECK(t.title == "Pediatric patients with COVID-19");
  CHECK(t.journal == "J Pediatr (Rio J)");
  CHECK(t.year == 2020);
  CHECK(t.volume == "11");
  CHECK(t.issue == "5");
  CHECK(t.pages == "582-92");
  CHECK(t.doi == "10.1016/j.jped.2020.07.002");
  CHECK(t.pmid == "32781034");
  CHECK(r->references[0].raw ==
        "Prata-Barbosa A, de Castro RE, et al. Pediatric patients with COVID-19. J Pediatr (Rio J). "
        "2020;11(5):582-92. doi:10.1016/j.jped.2020.07.002. PMID: 32781034.");
  const kb::Reference& web = r->references[1].tagged;
  CHECK(web.authors == std::vector<std::string>{"Brasil"});
  CHECK(web.title == "Plano Nacional [Internet]");
  CHECK(web.journal.empty());
  CHECK(r->references[1].raw == "Brasil. Plano Nacional [Internet]. Brasília (DF): Ministério da Saúde; 2021.");
  CHECK(r->references[2].raw == "Mixed wins. Lancet. 2001.");
  CHECK(r->references[2].tagged.pages == "e14031");
  CHECK(r->references[2].tagged.journal == "Lancet");
}

TEST_CASE("JATS reader leaves out translations, tables, figures and supplements, each with a note",
          "[jats][reader]") {
  auto r = parse(article(
      "<sec><title>Results</title><p>Text before.</p>\n"
      "<table-wrap id=\"T1\"><label>Table 1</label><table><tr><td>cell words</td></tr></table></table-wrap>\n"
      "<fig id=\"F1\"><label>Figure 1</label><caption><p>caption words</p></caption></fig>\n"
      "<supplementary-material id=\"S1\"><label>Data S1</label></supplementary-material>\n"
      "<p>Text after.</p></sec>\n",
      "<ack><p>We thank everyone.</p></ack><fn-group><fn><p>A footnote.</p></fn></fn-group>\n", "",
      "<sub-article article-type=\"translation\" id=\"s1\" xml:lang=\"pt\"><front-stub><title-group>"
      "<article-title>Um t&#237;tulo</article-title></title-group></front-stub><body><p>Texto.</p></body>"
      "</sub-article>\n"));
  REQUIRE(r.ok());
  CHECK(notes(*r) == std::vector<std::string>{"11: table-wrap 'Table 1' left out", "12: fig 'Figure 1' left out",
                                              "13: supplementary-material 'Data S1' left out",
                                              "19: sub-article 'pt' (translation) left out"});
  REQUIRE(r->sections.size() == 1);
  REQUIRE(r->sections[0].paragraphs.size() == 2);
  for (const auto* p : all_paragraphs(*r)) {
    CHECK(p->text.find("words") == std::string::npos);
    CHECK(p->text.find("thank") == std::string::npos);
    CHECK(p->text.find("Texto") == std::string::npos);
  }
}

// ---------------------------------------------------------------------------------------------
// Input that cannot be a topic.

TEST_CASE("JATS reader refuses XML that is not well formed, naming the line", "[jats][reader][hostile]") {
  SECTION("an unclosed paragraph") {
    auto r = parse(article("<sec><title>T</title>\n<p>Open paragraph\n</sec>\n"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == kb::Code::Parse);
    CHECK(starts_with(r.status().message(),
                      "a.xml:12: not well-formed XML: Opening and ending tag mismatch: p line 11 and sec; close each "
                      "element"));
  }
  SECTION("a file cut off inside the body") {
    const std::string full = article("<p>Some text that goes on.</p>\n");
    auto r = parse(full.substr(0, full.find("goes on")));
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("a.xml:10: not well-formed XML") == 0);
    CHECK(r.status().message().find("truncated?") != std::string::npos);
  }
  SECTION("an empty file") {
    auto r = parse(" \n\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "a.xml:1: the file is empty; expected a JATS article (<article>)");
  }
  SECTION("plain text") {
    auto r = parse("Just a title\n\nSome text.\n");
    REQUIRE_FALSE(r.ok());
    CHECK(starts_with(r.status().message(), "a.xml:1: not XML: no element found"));
  }
  SECTION("an undeclared entity") {
    auto r = parse(article("<p>5&nbsp;mg</p>"));
    REQUIRE_FALSE(r.ok());
    CHECK(starts_with(r.status().message(), "a.xml:10: not well-formed XML: Entity 'nbsp' not defined; no DTD is read"));
  }
}

TEST_CASE("JATS reader refuses a document with no <article>, no title or no text", "[jats][reader][hostile]") {
  SECTION("another root") {
    auto r = parse("<?xml version=\"1.0\"?>\n<html><body><p>Hello</p></body></html>\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "a.xml:2: not a JATS article: the root element is <html>, expected <article>");
  }
  SECTION("no title") {
    auto r = parse("<article><front><article-meta></article-meta></front><body><p>x</p></body></article>");
    REQUIRE_FALSE(r.ok());
    CHECK(starts_with(r.status().message(), "a.xml:1: the article has no <article-title>"));
  }
  SECTION("no text") {
    auto r = parse(article(""));
    REQUIRE_FALSE(r.ok());
    CHECK(starts_with(r.status().message(), "a.xml:2: the article has no text to index"));
  }
}

TEST_CASE("JATS reader refuses entity declarations and external entities, loading and expanding nothing",
          "[jats][reader][hostile]") {
  SECTION("an internal DTD declaring entities (billion laughs)") {
    std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i < 10; ++i) {
      doc += " <!ENTITY lol" + std::to_string(i) + " \"";
      for (int k = 0; k < 10; ++k) doc += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
      doc += "\">\n";
    }
    doc += "]>\n<article><front><article-meta><title-group><article-title>&lol9;</article-title></title-group>"
           "</article-meta></front><body><p>&lol9;</p></body></article>\n";
    auto r = parse(doc);
    REQUIRE_FALSE(r.ok());
    CHECK(starts_with(r.status().message(), "a.xml:3: refused: the DOCTYPE declares entities (<!ENTITY ...>)"));
  }
  SECTION("file:// and http:// external entities") {
    const auto secret = std::filesystem::temp_directory_path() / "kb_jats_test_secret.txt";
    {
      std::ofstream out(secret);
      out << "SECRET-LINE-FROM-DISK\n";
    }
    for (const std::string& declaration :
         {"<!ENTITY xxe SYSTEM \"file://" + secret.string() + "\">", std::string("<!ENTITY xxe SYSTEM \"http://127.0.0.1:9/evil.xml\">"),
          "<!ENTITY % pe SYSTEM \"file://" + secret.string() + "\"> %pe;"}) {
      INFO(declaration);
      auto r = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE article [\n " + declaration +
                     "\n]>\n<article><front><article-meta><title-group><article-title>T</article-title></title-group>"
                     "</article-meta></front><body><p>&xxe;</p></body></article>\n");
      REQUIRE_FALSE(r.ok());
      CHECK(starts_with(r.status().message(), "a.xml:3: refused: the DOCTYPE declares entities"));
      CHECK(r.status().message().find("SECRET") == std::string::npos);
    }
    std::filesystem::remove(secret);
  }
  SECTION("a declaration in UTF-16") {
    const std::string ascii = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE article [ <!ENTITY a \"b\"> ]>\n"
                              "<article/>\n";
    std::string utf16 = "\xFF\xFE";
    for (char c : ascii) {
      utf16 += c;
      utf16 += '\0';
    }
    auto r = parse(utf16);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("refused: the DOCTYPE declares entities") != std::string::npos);
  }
  SECTION("a public DTD named but not loaded, as PMC files have it, is read") {
    auto r = parse("<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD JATS (Z39.96) Journal Archiving "
                   "and Interchange DTD v1.2 20190208//EN\" \"http://127.0.0.1:9/JATS-archivearticle1.dtd\">\n" +
                   article("<p>Read without its DTD.</p>").substr(std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").size()));
    INFO(r.status().message());
    REQUIRE(r.ok());
    CHECK(first_paragraph(*r).text == "Read without its DTD.");
  }
}

TEST_CASE("JATS reader refuses 10 MB of nesting with libxml2's depth limit, quickly and without a crash",
          "[jats][reader][hostile]") {
  std::string deep = "<article><front><article-meta><title-group><article-title>T</article-title></title-group>"
                     "</article-meta></front><body>\n";
  while (deep.size() < 10'000'000) deep += "<sec>";
  auto r = parse(deep);
  REQUIRE_FALSE(r.ok());
  CHECK(r.status().code() == kb::Code::Parse);
  CHECK(r.status().message() ==
        "a.xml:2: refused: elements nested more than 256 levels deep; no article nests so deep");
}

// ---------------------------------------------------------------------------------------------
// The real article: Braz J Nephrol 2023;45(2):244-251 (SciELO), read by a person first.

namespace {

const kb::Topic* jbn_article() {
  static const std::optional<kb::Topic> topic = []() -> std::optional<kb::Topic> {
    auto path = kb::testing::shared_testdata("guidelines/jbn-2023-covid19-vaccination-pediatric-kidney.xml");
    if (!path) return std::nullopt;
    auto content = kb::read_file(*path);
    REQUIRE(content.ok());
    auto parsed = kb::parse_jats_topic(*content, *path);
    INFO(parsed.status().message());
    REQUIRE(parsed.ok());
    return std::move(parsed.value());
  }();
  return topic ? &*topic : nullptr;
}

}  // namespace

TEST_CASE("JBN article: title, fifteen authors and the source line", "[jats][reader][real]") {
  const kb::Topic* t = jbn_article();
  if (t == nullptr) return;
  CHECK(t->title ==
        "The challenges of the pandemic and the vaccination against covid-19 in pediatric patients with kidney disease");
  CHECK(t->slug ==
        "the-challenges-of-the-pandemic-and-the-vaccination-against-covid-19-in-pediatric-patients-with-kidney-disease");
  CHECK(t->source_line ==
        "Brazilian Journal of Nephrology, 2023, volume 45, issue 2, pages 244-251. doi:10.1590/2175-8239-JBN-2022-0081en");
  CHECK(t->publisher == "Sociedade Brasileira de Nefrologia");
  REQUIRE(t->contributors.size() == 15);
  CHECK(t->contributors.front().name == "Emília Maria Dantas Soeiro");
  CHECK(t->contributors[4].name == "Eduardo Jorge da Fonseca Lima");
  CHECK(t->contributors.back().name == "Suzana Friedlander Del Nero Camargo");
}

TEST_CASE("JBN article: the abstract and seventeen body sections, nested ones apart", "[jats][reader][real]") {
  const kb::Topic* t = jbn_article();
  if (t == nullptr) return;
  std::vector<std::pair<std::string, std::size_t>> expected = {
      {"Abstract", 1},
      {"INTRODUCTION", 7},
      {"Covid-19 and Covid-19 Vaccination in Children and Adolescents with Nephrotic Syndrome (NS)", 2},
      {"Immunosuppressant therapy for children and adolescents during the pandemic", 3},
      {"Covid-19 infection in children and adolescents with NS", 2},
      {"NS recurrence in children and adolescents", 2},
      {"Recommendations regarding covid-19 vaccines for children and adolescents with NS", 5},
      {"Covid-19 Vaccines for Children and Adolescents with NS on Rituximab", 1},
      {"Covid-19 and Vaccination Against Covid-19 in Children and Adolescents with Chronic Kidney Disease on Dialysis", 6},
      {"Covid-19 infection in children and adolescents with CKD and on dialysis", 2},
      {"Recommendations to vaccinate children and adolescents with CKD and on dialysis against covid-19", 4},
      {"Covid-19 and Covid-19 Vaccination in Children and Adolescents with Atypical Hemolytic-Uremic Syndrome (aHUS)", 1},
      {"Covid-19 infection in children and adolescents with aHUS", 2},
      {"Recommendations for covid-19 vaccination in children and adolescents with aHUS", 8},
      {"Covid-19 and Covid-19 Vaccination in Children and Adolescents Undvergoing Kidney Transplantation", 3},
      {"Covid-19 infection in pediatric kidney transplant recipients", 2},
      {"Recommendations vaccinating children and adolescents undergoing kidney transplantation against covid-19", 16},
      {"FINAL CONSIDERATIONS", 3},
  };
  std::vector<std::pair<std::string, std::size_t>> found;
  for (const auto& s : t->sections) found.emplace_back(s.heading, s.paragraphs.size());
  CHECK(found == expected);
  int items = 0, paragraphs = 0;
  for (const auto* p : all_paragraphs(*t)) (p->list_item ? items : paragraphs)++;
  CHECK(items == 44);
  CHECK(paragraphs == 26);
  CHECK(t->sections[0].paragraphs[0].text.rfind("The covid-19 vaccine confers direct protection", 0) == 0);
  CHECK(t->sections[1].paragraphs[6].text.rfind("Chart 1shows the risks", 0) == 0);
  // Nothing of the Portuguese translation.
  for (const auto* p : all_paragraphs(*t)) CHECK(p->text.find("vacina") == std::string::npos);
}

TEST_CASE("JBN article: list items under their lead-ins", "[jats][reader][real][lists]") {
  const kb::Topic* t = jbn_article();
  if (t == nullptr) return;
  const auto& therapy = t->sections[3].paragraphs;
  REQUIRE(therapy.size() == 3);
  for (const auto& item : therapy) {
    CHECK(item.list_item);
    CHECK(item.lead_in == "Immunosuppressant therapy for children and adolescents during the pandemic");
  }
  CHECK(therapy[0].text == "Continue ongoing treatment, advising parents to report SARS-CoV-2 infection or related symptoms.");
  CHECK(t->sections[4].paragraphs[1].text ==
        "In cases of mild or asymptomatic infection, maintain ongoing treatment with immunosuppressants; immediate "
        "hospitalization should be avoided. Monitor for signs of recurrence.");

  const auto& transplant = t->sections[16].paragraphs;
  REQUIRE(transplant.size() == 16);
  const std::string lead = "Recommendations vaccinating children and adolescents undergoing kidney transplantation against covid-19";
  CHECK(transplant[0].lead_in == lead);
  CHECK(transplant[7].text ==
        "Contraindications to the mRNA vaccine for solid organ recipients are the same as the general population:");
  CHECK(transplant[7].lead_in == lead);
  for (int i : {8, 9}) {
    CHECK(transplant[static_cast<std::size_t>(i)].list_item);
    CHECK(transplant[static_cast<std::size_t>(i)].lead_in == transplant[7].text);
  }
  CHECK(transplant[8].text == "Hypersensitivity to the active ingredient or to any of the excipients of the vaccine.");
  CHECK(transplant[9].text == "Confirmed anaphylactic reaction to a previous dose of a covid-19 vaccine.");
  CHECK(transplant[15].text == "After vaccination, wear face masks, practice social distancing, and clean hands frequently.");

  // The two paragraphs after the aHUS list are prose again, introduced by nothing.
  const auto& ahus = t->sections[13].paragraphs;
  REQUIRE(ahus.size() == 8);
  CHECK(ahus[5].list_item);
  CHECK_FALSE(ahus[6].list_item);
  CHECK(ahus[6].text.rfind("Patients on eculizumab should be vaccinated", 0) == 0);
}

TEST_CASE("JBN article: forty references, numbered by place despite the label '1' on the 32nd",
          "[jats][reader][real][references]") {
  const kb::Topic* t = jbn_article();
  if (t == nullptr) return;
  REQUIRE(t->references.size() == 40);
  for (std::size_t i = 0; i < t->references.size(); ++i) CHECK(t->references[i].number == static_cast<int>(i) + 1);
  auto starts = [&](int n, const std::string& words) {
    INFO("reference " << n << ": " << t->references[static_cast<std::size_t>(n - 1)].raw);
    CHECK(t->references[static_cast<std::size_t>(n - 1)].raw.rfind(words, 0) == 0);
  };
  starts(1, "Brasil. Ministério da Saúde. Doença pelo Novo Coronavírus");
  starts(4, "Prata-Barbosa A, Lima-Setta F, Santos GRD");
  starts(9, "Morello W, Vianello FA, Proverbio E");
  starts(31, "L’Huillier AG, Ardura MI");
  starts(32, "Centers for Disease Control and Prevention. COVID-19 ACIP Vaccine Recommendations");
  starts(40, "Dulek DE, Ardura MI, Green M");
  CHECK(t->references[0].raw.find("Available from: https://www.gov.br/saude/") != std::string::npos);
  CHECK(has_note(*t, "reference 32 (<ref id=\"B32\">) is labelled '1'; numbered 32 by its place in the list"));

  const kb::Reference& chu = t->references[4].tagged;
  CHECK(chu.authors.size() == 6);
  CHECK(chu.authors.front() == "Chu VT");
  CHECK(chu.et_al);
  CHECK(chu.title == "Household transmission of SARS-CoV-2 from children and adolescents");
  CHECK(chu.journal == "N Engl J Med");
  CHECK(chu.year == 2021);
  CHECK(chu.volume == "385");
  CHECK(chu.issue == "10");
  CHECK(chu.pages == "954-6");
  CHECK(chu.doi == "10.1056/NEJMc2031915");
  CHECK(chu.pmid == "34289272");
  CHECK(t->references[3].tagged.title == "Pediatric patients with COVID-19 admitted to intensive care units in Brazil: "
                                         "a prospective multicenter study");
  CHECK(t->references[12].tagged.year == 0);             // Front Immunol. 12:656362, no year printed
  CHECK(t->references[33].tagged.volume == "11");        // tagged "11("
  CHECK(t->references[30].tagged.doi == "10.1111/petr.14031");
  CHECK(t->references[39].tagged.pages == "e14235");
  CHECK(t->references[0].tagged.authors == std::vector<std::string>{"Brasil"});
}

TEST_CASE("JBN article: sampled sentences cite the references a reader sees", "[jats][reader][real][citations]") {
  const kb::Topic* t = jbn_article();
  if (t == nullptr) return;
  const std::vector<std::pair<std::string, std::vector<int>>> samples = {
      {"deaths from the disease had been confirmed in Brazil[1].", {1}},
      {"with 93 deaths had been confirmed[2,3].", {2, 3}},
      {"41% of children admitted to intensive care units had comorbid conditions[4].", {4}},
      {"benefits of vaccination outweigh the risks[7].", {7}},
      {"the incidence of disease recurrence remained unchanged[9].", {9}},
      {"involving adults and one adolescent have been reported[8,11].", {8, 11}},
      {"four weeks after completing the vaccination scheme[12,13].", {12, 13}},
      {"no need for hospitalization[13,14].", {13, 14}},
      {"should be considered on an individual basis[21,22].", {21, 22}},
      {"these patients are immunized against covid-19[27,28].", {27, 28}},
      {"to one of its components should not be vaccinated[31].", {31}},
      {"recommended by the Brazilian Ministry of Health[32].", {32}},
      {"especially family members of children aged less than five years[39].", {39}},
      {"for all solid organ recipients is recommended[37,38].", {37, 38}},
      {"the risk that the disease poses to patients[40].", {40}},
  };
  for (const auto& [fragment, numbers] : samples) {
    INFO(fragment);
    const kb::Sentence* sentence = sentence_with(*t, fragment);
    REQUIRE(sentence != nullptr);
    CHECK(cited_numbers(*sentence) == numbers);
  }
  // "death10": a citation printed without its xref stays text, and is pointed out.
  const kb::Sentence* death = sentence_with(*t, "encephalopathy, or death10.");
  REQUIRE(death != nullptr);
  CHECK(death->citations.empty());
  CHECK(has_note(*t, "'death10'"));

  // Every reference but 10 (the untagged "death10") is cited from the text.
  std::set<int> cited;
  for (const auto* p : all_paragraphs(*t))
    for (const auto& s : p->sentences)
      for (int n : cited_numbers(s)) cited.insert(n);
  std::set<int> uncited;
  for (int n = 1; n <= 40; ++n)
    if (cited.count(n) == 0) uncited.insert(n);
  CHECK(uncited == std::set<int>{10});
}

TEST_CASE("JBN article: what was left out is said, the translation, the chart and the heading's citation",
          "[jats][reader][real]") {
  const kb::Topic* t = jbn_article();
  if (t == nullptr) return;
  INFO(Catch::Detail::stringify(notes(*t)));
  CHECK(has_note(*t, "sub-article 'pt' (translation) left out"));
  CHECK(has_note(*t, "fig 'Chart 1' left out"));
  // The heading over the therapy list prints "9" on an xref to B13.
  CHECK(has_note(*t, "citation printed '9' points at <ref id=\"B13\">, reference 13; read as 13"));
  CHECK(has_note(*t, "the heading 'Immunosuppressant therapy for children and adolescents during the pandemic' "
                     "cites [13]; a heading's citations are not indexed"));
}
