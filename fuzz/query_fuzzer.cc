// libFuzzer target: the PubMed-style query parser (query/pubmed_query.h), read into a tree
// and compiled to SQL with no KB, and the free-text FTS5 query (query/fts_query.h).
// The first line of the input is the query; further lines, when present, are the
// `kbquery refs` options in order: --author, --title, --journal, --year, --design, --sort.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include "fuzz/fuzz_common.h"
#include "query/fts_query.h"
#include "query/pubmed_query.h"

namespace {

std::string_view next_line(std::string_view& rest) {
  const auto nl = rest.find('\n');
  std::string_view line = rest.substr(0, nl);
  rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
  return line;
}

// '?' placeholders in the SQL: every user value is a bound parameter, so their highest
// number is the count of parameters.
void check_sql(const kb::ReferenceSql& sql) {
  KB_FUZZ_CHECK(!sql.sql.empty());
  KB_FUZZ_CHECK(!sql.parameters.empty());  // ?1 is the topic id
  KB_FUZZ_CHECK(std::holds_alternative<std::nullptr_t>(sql.parameters[0]));
  std::uint64_t h = kb_fuzz::touch(sql.tree) + kb_fuzz::touch(sql.sql) + kb_fuzz::touch(sql.order);
  for (const auto& p : sql.parameters) h += kb_fuzz::touch(kb::describe_sql_value(p));
  for (const auto& n : sql.notes) h += kb_fuzz::touch(n);
  kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + h;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view rest = input;
  const std::string_view query = next_line(rest);

  // The query alone: a tree, or an error naming a position inside the query.
  const kb::QueryParse parsed = kb::parse_pubmed_query(query);
  if (parsed.ok()) {
    if (!parsed.empty) kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + kb_fuzz::touch(kb::to_sexpr(parsed.root));
  } else {
    KB_FUZZ_CHECK(parsed.column >= 1);
    kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + kb_fuzz::touch(kb::caret_lines(query, parsed.column));
  }
  for (const auto& note : parsed.notes) kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + kb_fuzz::touch(note);

  // Compiled to SQL, alone and with the options of the further lines.
  kb::ReferenceFilter filter;
  filter.query = std::string(query);
  auto sql = kb::compile_reference_filter(filter);
  if (sql.ok()) {
    KB_FUZZ_CHECK(parsed.ok());
    check_sql(*sql);
  } else {
    // A query that reads may still be refused for its size (too many terms), never otherwise.
    KB_FUZZ_CHECK(sql.status().code() == kb::Code::Usage && !sql.status().message().empty());
    if (!parsed.ok()) KB_FUZZ_CHECK(sql.status().message() == parsed.error);
  }
  if (!rest.empty()) {
    filter.author = std::string(next_line(rest));
    filter.title = std::string(next_line(rest));
    filter.journal = std::string(next_line(rest));
    filter.year = std::string(next_line(rest));
    filter.design = std::string(next_line(rest));
    if (!rest.empty()) filter.sort = std::string(next_line(rest));
    filter.topic_id = 1;
    filter.limit = 5;
    auto with_options = kb::compile_reference_filter(filter);
    if (with_options.ok()) {
      kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + kb_fuzz::touch(with_options->sql) + with_options->parameters.size();
    } else {
      KB_FUZZ_CHECK(!with_options.status().message().empty());
    }
  }

  // The whole input as free text for FTS5.
  auto fts = kb::parse_fts_query(input);
  if (fts.ok()) {
    KB_FUZZ_CHECK(!fts->terms.empty());
    kb_fuzz::g_sink_hash = kb_fuzz::g_sink_hash + kb_fuzz::touch(fts->all_terms()) + kb_fuzz::touch(fts->any_term()) +
                           kb_fuzz::touch(fts->describe());
  } else {
    KB_FUZZ_CHECK(fts.status().code() == kb::Code::Usage);
  }
  return 0;
}
