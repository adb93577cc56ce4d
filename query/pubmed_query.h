// PubMed's search syntax over the KB's references: field tags (Soran[au], 2016[dp],
// "primary tumor"[ti], rct[pt] ...), AND/OR/NOT read left to right with parentheses to
// group, quoted phrases, truncation (surg*) and hyphen variants (radio-frequency also finds
// radiofrequency). A query is read into a tree, and the tree (with the `kbquery refs`
// options) is turned into one SQL statement whose user values are all bound parameters.
//
// Grammar (tokens are separated by spaces, parentheses, quotes and tags):
//   query  := expr
//   expr   := unit ( [AND | OR | NOT] unit )*     one precedence, left to right; no
//                                                 operator between two units means AND
//   unit   := '(' expr ')' | term
//   term   := word+ [tag] | '"' words '"' [tag]   consecutive words are one term: the tag
//                                                 applies to all of them (Soran A[au])
//   tag    := '[' name ']'                        au 1au lastau ti tiab ta dp vi pg pt all,
//                                                 or PubMed's long names ([Author], [Title] ...)
// Operators are upper case; lower-case and, or, not are words. "A NOT B" keeps what A finds
// and B does not; NOT needs a term before it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "kb/status.h"
#include "query/reference_search.h"

namespace kb {

// The fields a term searches. All is an untagged term: title, authors and journal.
enum class Field { All, Author, FirstAuthor, LastAuthor, Title, TitleAbstract, Journal, Date, Volume, Page, PublicationType };

// The tag as the tree prints it: "all", "au", "1au", "lastau", "ti", "tiab", "ta", "dp",
// "vi", "pg", "pt".
const char* field_tag(Field field);

struct QueryNode {
  enum class Kind { Term, And, Or, Not };
  Kind kind = Kind::Term;

  // Term: what it searches for, folded (lower case, diacritics removed).
  Field field = Field::All;
  std::vector<std::string> words;  // a word, a phrase's words, or a name's words (au, ta)
  bool prefix = false;             // truncated: the last word is a prefix (surg*)
  int year_from = 0;               // dp
  int year_to = 0;
  std::string value;               // vi, pg: as typed; pt: the design's contract name
  std::size_t column = 0;          // 1-based character position in the query; 0 for options

  // And, Or: every operand. Not: the first operand without any of the others.
  std::vector<QueryNode> children;
};

// The tree as an S-expression: (AND au:soran dp:2016), (OR ti:"radio frequency"
// ti:radiofrequency), (NOT all:surgery pt:review), 1au:"friedel g", ti:surg*.
std::string to_sexpr(const QueryNode& node);

// What reading a query gives: the tree, or the error and the character position at fault.
struct QueryParse {
  bool empty = false;      // nothing but spaces: no tree, every reference
  QueryNode root;
  std::string error;       // "query:14: expected ')' after '2016[dp]' to close the '(' at 1"
  std::size_t column = 0;  // 1-based position of the error in the query
  std::vector<std::string> notes;  // what the reading decided: dropped stop words ...
  bool ok() const { return error.empty(); }
};

QueryParse parse_pubmed_query(std::string_view text);

// The query on one line and a caret under COLUMN, both indented by INDENT.
std::string caret_lines(std::string_view text, std::size_t column, std::string_view indent = "  ");

// The SQL that answers a ReferenceFilter, as search_references() runs it.
using SqlValue = std::variant<std::nullptr_t, std::int64_t, std::string>;

struct ReferenceSql {
  std::string tree;                  // the whole filter as an S-expression; empty: no condition
  std::string sql;                   // kReferenceColumns first, then the score column
  std::string count_sql;             // how many references match, whatever the limit (same parameters)
  std::vector<SqlValue> parameters;  // ?1, ?2, ... in order; ?1 is the topic id (NULL: every topic)
  bool ranked = false;               // free text present: scored by bm25 over refs_fts
  std::string order;                 // "relevance", "year", "author", "topic and number"
  std::vector<std::string> notes;    // for --explain: what the reading decided, what the KB lacks
};

// The filter's query and options combined with AND, compiled into SQL. Usage status for
// a query or option that cannot be read, naming the position or the option at fault. Needs
// no KB: the topic id is a parameter.
Result<ReferenceSql> compile_reference_filter(const ReferenceFilter& filter);

// A parameter as --explain prints it: NULL, 42, 'text'.
std::string describe_sql_value(const SqlValue& value);

}  // namespace kb
