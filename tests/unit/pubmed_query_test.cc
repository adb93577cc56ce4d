// PubMed's query syntax: what a query reads as (its tree), where a bad one is at fault, and
// the SQL it becomes (user text only ever as bound parameters).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <string>

#include "query/pubmed_query.h"

namespace {

std::string tree_of(const std::string& query) {
  kb::QueryParse parsed = kb::parse_pubmed_query(query);
  INFO(parsed.error);
  REQUIRE(parsed.ok());
  REQUIRE_FALSE(parsed.empty);
  return kb::to_sexpr(parsed.root);
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

kb::ReferenceSql compiled(const kb::ReferenceFilter& filter) {
  auto sql = kb::compile_reference_filter(filter);
  INFO(sql.status().message());
  REQUIRE(sql.ok());
  return sql.value();
}

kb::ReferenceSql compiled(const std::string& query) {
  kb::ReferenceFilter filter;
  filter.query = query;
  return compiled(filter);
}

}  // namespace

TEST_CASE("pubmed query field tags read into terms", "[pubmed]") {
  auto [query, tree] = GENERATE(table<std::string, std::string>({
      {"Soran[au] AND 2016[dp]", "(AND au:soran dp:2016)"},
      {"Soran[au]", "au:soran"},
      {"Soran [au]", "au:soran"},
      {"Soran A[au]", "au:\"soran a\""},
      {"G\xC3\xBCller[au]", "au:guller"},
      {"Guller U[Author]", "au:\"guller u\""},
      {"Friedel G[1au]", "1au:\"friedel g\""},
      {"Friedel G[Author - First]", "1au:\"friedel g\""},
      {"Kell MR[lastau]", "lastau:\"kell mr\""},
      {"Kell MR[Author - Last]", "lastau:\"kell mr\""},
      {"Gonzalez-Angulo AM[au]", "au:\"gonzalez angulo am\""},
      {"Sor*[au]", "au:sor*"},
      {"surgery[ti]", "ti:surgery"},
      {"Surgery[TI]", "ti:surgery"},
      {"surgery[Title]", "ti:surgery"},
      {"ablation[tiab]", "tiab:ablation"},
      {"ablation[Title/Abstract]", "tiab:ablation"},
      {"Ann Surg[ta]", "ta:\"ann surg\""},
      {"\"Ann Surg\"[Journal]", "ta:\"ann surg\""},
      {"Ann Surg*[ta]", "ta:\"ann surg\"*"},
      {"2016[dp]", "dp:2016"},
      {"2000:2010[dp]", "dp:2000:2010"},
      {"2010:2000[dp]", "dp:2000:2010"},
      {"2016[Publication Date]", "dp:2016"},
      {"34[vi]", "vi:34"},
      {"1380[pg]", "pg:1380"},
      {"rct[pt]", "pt:rct"},
      {"RCT[pt]", "pt:rct"},
      {"case_series[pt]", "pt:case_series"},
      {"\"randomized controlled trial\"[pt]", "pt:rct"},
      {"Randomized Controlled Trial[Publication Type]", "pt:rct"},
      {"meta-analysis[pt]", "pt:meta_analysis"},
      {"systematic review[pt]", "pt:systematic_review"},
      {"review[pt]", "pt:review"},
      {"surgery", "all:surgery"},
      {"surgery[all]", "all:surgery"},
      {"metastasectomy lung", "(AND all:metastasectomy all:lung)"},
  }));
  CAPTURE(query);
  CHECK(tree_of(query) == tree);
}

TEST_CASE("pubmed query operators read left to right with parentheses to group", "[pubmed]") {
  auto [query, tree] = GENERATE(table<std::string, std::string>({
      // One precedence, left to right: PubMed's rule, not AND before OR.
      {"Soran[au] OR Badwe[au] AND 2015[dp]", "(AND (OR au:soran au:badwe) dp:2015)"},
      {"Soran[au] AND Badwe[au] OR 2015[dp]", "(OR (AND au:soran au:badwe) dp:2015)"},
      {"Soran[au] OR (Badwe[au] AND 2015[dp])", "(OR au:soran (AND au:badwe dp:2015))"},
      {"(Soran[au] OR Badwe[au]) AND 2016[dp]", "(AND (OR au:soran au:badwe) dp:2016)"},
      {"((Soran[au]))", "au:soran"},
      // Chains of one operator are flat.
      {"surgery[ti] AND lung[ti] AND liver[ti]", "(AND ti:surgery ti:lung ti:liver)"},
      {"surgery[ti] AND (lung[ti] AND liver[ti])", "(AND ti:surgery ti:lung ti:liver)"},
      {"rct[pt] OR meta-analysis[pt] OR review[pt]", "(OR pt:rct pt:meta_analysis pt:review)"},
      // NOT keeps its left side without each right side.
      {"surgery NOT review[pt]", "(NOT all:surgery pt:review)"},
      {"surgery NOT review[pt] NOT rct[pt]", "(NOT all:surgery pt:review pt:rct)"},
      {"surgery NOT (review[pt] OR rct[pt])", "(NOT all:surgery (OR pt:review pt:rct))"},
      {"surgery NOT review[pt] OR rct[pt]", "(OR (NOT all:surgery pt:review) pt:rct)"},
      {"surgery OR resection NOT review[pt]", "(NOT (OR all:surgery all:resection) pt:review)"},
      // No operator between terms means AND; lower-case and/or/not are words.
      {"Soran[au] 2016[dp]", "(AND au:soran dp:2016)"},
      {"\"primary tumor\"[ti] surgery", "(AND ti:\"primary tumor\" all:surgery)"},
      {"surgery or resection", "(AND all:surgery all:resection)"},
      {"surgery not resection", "(AND all:surgery all:not all:resection)"},
  }));
  CAPTURE(query);
  CHECK(tree_of(query) == tree);
}

TEST_CASE("pubmed query phrases truncation and hyphen variants", "[pubmed]") {
  auto [query, tree] = GENERATE(table<std::string, std::string>({
      {"\"primary tumor\"[ti]", "ti:\"primary tumor\""},
      {"\"Primary  Tumor\"", "all:\"primary tumor\""},
      {"\"primary tum*\"[ti]", "ti:\"primary tum\"*"},
      {"surg*[ti]", "ti:surg*"},
      {"surg*[ti] AND 2008[dp]", "(AND ti:surg* dp:2008)"},
      {"radio-frequency[ti]", "(OR ti:\"radio frequency\" ti:radiofrequency)"},
      {"radio-freq*[tiab]", "(OR tiab:\"radio freq\"* tiab:radiofreq*)"},
      {"\"radio-frequency ablation\"[ti]", "(OR ti:\"radio frequency ablation\" ti:\"radiofrequency ablation\")"},
      {"\"radio-frequency thermo-ablation\"[ti]",
       "(OR ti:\"radio frequency thermo ablation\" ti:\"radiofrequency thermo ablation\" "
       "ti:\"radio frequency thermoablation\" ti:\"radiofrequency thermoablation\")"},
      {"radio-frequency[ti] OR cryotherapy[ti]", "(OR ti:\"radio frequency\" ti:radiofrequency ti:cryotherapy)"},
      {"radiofrequency[ti]", "ti:radiofrequency"},
      // Other punctuation inside a word makes a phrase, without a closed-up variant.
      {"HER2/neu[ti]", "ti:\"her2 neu\""},
      // Consecutive words are one term: each must occur; stop words are left out...
      {"breast cancer[ti]", "(AND ti:breast ti:cancer)"},
      {"surgery of the breast[ti]", "(AND ti:surgery ti:breast)"},
      // ... unless nothing else is left, and never inside a phrase.
      {"the[ti]", "ti:the"},
      {"\"surgery of the breast\"[ti]", "ti:\"surgery of the breast\""},
  }));
  CAPTURE(query);
  CHECK(tree_of(query) == tree);
}

TEST_CASE("pubmed query errors name the position at fault", "[pubmed]") {
  auto [query, message, column] = GENERATE(table<std::string, std::string, std::size_t>({
      {"(Soran[au] AND 2016[dp]", "query:24: expected ')' after '2016[dp]' to close the '(' at 1", 24},
      {"Soran[au] AND (Badwe[au] OR 2015[dp]", "query:37: expected ')' after '2015[dp]' to close the '(' at 15", 37},
      {"Soran[au] AND", "query:14: expected a term after AND", 14},
      {"AND Soran[au]", "query:1: expected a term before AND", 1},
      {"NOT review[pt]",
       "query:1: expected a term before NOT: NOT keeps what comes before it without what follows, as in surgery NOT "
       "review[pt]",
       1},
      {"Soran[au] AND OR Badwe[au]", "query:15: expected a term after AND, found OR", 15},
      {"Soran[au] OR )", "query:14: expected a term after OR, found ')'", 14},
      {"()", "query:2: expected a term inside '(' ... ')', found ')'", 2},
      {"Soran[au])", "query:10: unexpected ')': no '(' is open", 10},
      {"(Soran OR Badwe)[au]",
       "query:17: field tag [au] follows a parenthesised group; tag each term inside it, as in (Soran[au] OR Badwe[au])",
       17},
      {"[au]", "query:1: field tag [au] follows no term; put it right after one, as in Soran[au]", 1},
      {"Soran[xx]", "query:6: unknown field tag [xx]; the tags are [au] [1au] [lastau] [ti] [tiab] [ta] [dp] [vi] [pg] [pt] [all]", 6},
      {"Soran[au", "query:6: unterminated field tag '[au': close it with ']'", 6},
      {"a ] b", "query:3: unexpected ']': no field tag is open", 3},
      {"\"primary tumor[ti]", "query:1: unterminated phrase: the '\"' here has no closing '\"'", 1},
      {"x AND \"\"", "query:7: the phrase '\"\"' holds no word to search for", 7},
      {"su*rg[ti]", "query:3: '*' truncates only at the end of a word, as in surg*", 3},
      {"*", "query:1: '*' needs the start of a word before it, as in surg*", 1},
      {"\"prim* tumor\"[ti]", "query:6: '*' truncates only the end of a phrase's last word, as in \"primary tum*\"", 6},
      {"34*[vi]", "query:3: truncation with '*' does not apply to [vi]", 3},
      {"20x6[dp]",
       "query:1: [dp] takes a year (2016) or a range of years (2000:2010), not '20x6'; the KB records years only", 1},
      {"foo[pt]",
       "query:1: unknown publication type 'foo'; [pt] takes a design: rct, meta_analysis, systematic_review, "
       "prospective_cohort, phase2_trial, retrospective_cohort, registry_analysis, case_control, case_series, "
       "review, other (or PubMed's \"randomized controlled trial\", \"meta-analysis\", \"systematic review\", "
       "\"review\")",
       1},
      // Positions count characters, not bytes: the u-umlaut is one.
      {"G\xC3\xBCller[au] AND (x OR", "query:21: expected a term after OR", 21},
  }));
  CAPTURE(query);
  kb::QueryParse parsed = kb::parse_pubmed_query(query);
  REQUIRE_FALSE(parsed.ok());
  CHECK(parsed.error == message);
  CHECK(parsed.column == column);
}

TEST_CASE("pubmed query caret lines point under the position", "[pubmed]") {
  CHECK(kb::caret_lines("(Soran[au] AND 2016[dp]", 24) == "  (Soran[au] AND 2016[dp]\n                         ^");
  CHECK(kb::caret_lines("AND x", 1, "") == "AND x\n^");
}

TEST_CASE("pubmed query of nothing but spaces is empty", "[pubmed]") {
  CHECK(kb::parse_pubmed_query("").empty);
  CHECK(kb::parse_pubmed_query("   ").empty);
  CHECK(kb::parse_pubmed_query("   ").ok());
}

TEST_CASE("pubmed query without query or options lists every reference in topic and number order", "[pubmed]") {
  kb::ReferenceSql sql = compiled(kb::ReferenceFilter{});
  CHECK(sql.tree.empty());
  CHECK_FALSE(sql.ranked);
  CHECK(sql.order == "topic and number");
  CHECK(sql.sql.find("ORDER BY t.slug, r.number") != std::string::npos);
  REQUIRE(sql.parameters.size() == 2);
  CHECK(std::holds_alternative<std::nullptr_t>(sql.parameters[0]));  // every topic
  CHECK(std::get<std::int64_t>(sql.parameters[1]) == -1);             // no limit
}

TEST_CASE("pubmed query user text reaches SQL only as bound parameters", "[pubmed]") {
  auto query = GENERATE(as<std::string>{}, "x'; DROP TABLE refs; --[ti]", "O'Brien[au] OR Robert'; DELETE FROM refs[ta]",
                        "NEAR(primary tumor) OR {raw}:x* OR title:y", "\"a\"\" OR 1=1 --\"[tiab]",
                        "100%_off[pg] OR 5'[vi]", "x[au] OR zz%[au]");
  CAPTURE(query);
  kb::ReferenceSql sql = compiled(query);
  const std::string text = lower(sql.sql);
  for (const char* word : {"drop", "delete", "brien", "robert", "1=1", "near", "{raw}", "100", "zz", "off"})
    CHECK(text.find(word) == std::string::npos);
  // Every FTS5 expression is a column filter and one quoted phrase of tokenizer words.
  const std::regex fts(R"(\{(title authors journal|title)\} : "[a-z0-9 ]+"( \*)?)");
  for (const kb::SqlValue& p : sql.parameters) {
    const auto* s = std::get_if<std::string>(&p);
    if (s && s->front() == '{') CHECK(std::regex_match(*s, fts));
  }
}

TEST_CASE("pubmed query that cannot be read gives no SQL but a usage error", "[pubmed]") {
  kb::ReferenceFilter filter;
  filter.query = "x'); DROP TABLE refs; --[ti]";
  auto sql = kb::compile_reference_filter(filter);
  REQUIRE_FALSE(sql.ok());
  CHECK(sql.status().code() == kb::Code::Usage);
  CHECK(sql.status().message() == "query:3: unexpected ')': no '(' is open");
}

TEST_CASE("pubmed query free text is ranked by bm25 unless it is excluded", "[pubmed]") {
  CHECK(compiled("\"primary tumor\"[ti]").ranked);
  CHECK(compiled("\"primary tumor\"[ti]").order == "relevance");
  CHECK(compiled("\"primary tumor\"[ti]").sql.find("bm25(refs_fts)") != std::string::npos);
  CHECK_FALSE(compiled("Soran[au] AND 2016[dp]").ranked);
  CHECK(compiled("Soran[au] AND 2016[dp]").order == "topic and number");
  CHECK_FALSE(compiled("Soran[au] NOT review[ti]").ranked);
  kb::ReferenceFilter by_year;
  by_year.query = "surg*[ti]";
  by_year.sort = "year";
  kb::ReferenceSql sql = compiled(by_year);
  CHECK(sql.ranked);
  CHECK(sql.sql.find("ORDER BY r.year DESC NULLS LAST, t.slug, r.number") != std::string::npos);
}

TEST_CASE("pubmed query options combine with the query by AND", "[pubmed]") {
  kb::ReferenceFilter filter;
  filter.query = "surg*[ti]";
  filter.author = "Soran A";
  filter.title = "\"primary tumor\" resection";
  filter.journal = "J Clin Oncol";
  filter.year = "2010-2016";
  filter.design = "randomized controlled trial";
  CHECK(compiled(filter).tree ==
        "(AND ti:surg* au:\"soran a\" ti:resection ti:\"primary tumor\" ta:\"j clin oncol\" dp:2010:2016 pt:rct)");
  kb::ReferenceFilter year;
  year.year = "2016";
  year.design = "case_series";
  CHECK(compiled(year).tree == "(AND dp:2016 pt:case_series)");
}

TEST_CASE("pubmed query option errors name the option", "[pubmed]") {
  auto [option, value, message] = GENERATE(table<std::string, std::string, std::string>({
      {"year", "20x", "--year takes a year (2016) or a range of years (2010-2011), not '20x'; the KB records years only"},
      {"design", "cohort", "unknown publication type 'cohort'; --design takes a design: rct, meta_analysis, "
                           "systematic_review, prospective_cohort, phase2_trial, retrospective_cohort, registry_analysis, "
                           "case_control, case_series, review, other (or PubMed's \"randomized controlled trial\", "
                           "\"meta-analysis\", \"systematic review\", \"review\")"},
      {"author", "*", "--author needs an author's name, as in Soran A"},
      {"author", "So*ran", "--author 'So*ran': '*' truncates only at the end of a word, as in surg*"},
      {"title", "--", "--title '--': '--' holds no letter or digit to search for"},
      {"sort", "date", "--sort date: sort by relevance, year, author or number"},
  }));
  kb::ReferenceFilter filter;
  if (option == "year") filter.year = value;
  if (option == "design") filter.design = value;
  if (option == "author") filter.author = value;
  if (option == "title") filter.title = value;
  if (option == "sort") filter.sort = value;
  auto sql = kb::compile_reference_filter(filter);
  REQUIRE_FALSE(sql.ok());
  CHECK(sql.status().code() == kb::Code::Usage);
  CHECK(sql.status().message() == message);
}

TEST_CASE("pubmed query explain notes what the KB lacks", "[pubmed]") {
  kb::ReferenceSql sql = compiled("ablation[tiab]");
  CHECK(std::find(sql.notes.begin(), sql.notes.end(), "[tiab] searches titles only: the KB holds no abstracts") !=
        sql.notes.end());
  CHECK(kb::describe_sql_value(kb::SqlValue(std::string("O'Brien"))) == "'O''Brien'");
  CHECK(kb::describe_sql_value(kb::SqlValue(nullptr)) == "NULL");
  CHECK(kb::describe_sql_value(kb::SqlValue(std::int64_t{42})) == "42");
}

TEST_CASE("pubmed query limits nesting and the number of terms instead of failing later", "[pubmed]") {
  std::string deep = std::string(101, '(') + "surgery" + std::string(101, ')');
  kb::QueryParse parsed = kb::parse_pubmed_query(deep);
  CHECK(parsed.error == "query:101: parentheses nested more than 100 deep; flatten the query");
  CHECK(tree_of(std::string(100, '(') + "surgery" + std::string(100, ')')) == "all:surgery");

  std::string many;
  for (int i = 0; i < 251; ++i) many.append(i ? " OR " : "").append("w").append(std::to_string(i)).append("[ti]");
  kb::ReferenceFilter filter;
  filter.query = many;
  auto sql = kb::compile_reference_filter(filter);
  REQUIRE_FALSE(sql.ok());
  CHECK(sql.status().message() == "the query makes 251 terms (variants included); at most 250 are searched for, so shorten it");
}
