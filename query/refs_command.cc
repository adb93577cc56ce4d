// `kbquery refs [QUERY]`: citation search the way librarians work, in PubMed's syntax
// (Soran[au] AND 2016[dp], "primary tumor"[ti], surg*, rct[pt] ...) or with plain options
// (--author --title --journal --year --design). `--explain` prints the parse tree and the
// SQL without opening the KB.
#include <algorithm>
#include <iostream>
#include <memory>

#include "kb/text.h"
#include "kb/console.h"
#include "query/commands.h"
#include "kb/output.h"
#include "query/pubmed_query.h"
#include "query/reference_search.h"

namespace kb {
namespace {

struct RefsOptions {
  std::vector<std::string> words;
  std::string author;
  std::string title;
  std::string journal;
  std::string year;
  std::string design;
  std::string topic;
  std::string sort = "relevance";
  int limit = 0;
  bool explain = false;
};

ReferenceFilter filter_of(const RefsOptions& options) {
  ReferenceFilter f;
  f.query = join(options.words, " ");
  f.author = options.author;
  f.title = options.title;
  f.journal = options.journal;
  f.year = options.year;
  f.design = options.design;
  f.sort = options.sort;
  f.limit = options.limit;
  return f;
}

// What was asked, as the person typed it: the query and the options.
std::string asked(const RefsOptions& options, const ReferenceFilter& f) {
  std::string out = f.query;
  auto add = [&out](const char* name, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out.append(name).append(" ");
    out += value.find(' ') == std::string::npos ? value : "'" + value + "'";
  };
  add("--author", f.author);
  add("--title", f.title);
  add("--journal", f.journal);
  add("--year", f.year);
  add("--design", f.design);
  add("--topic", options.topic);
  // Control characters typed into the query (an escape sequence, a line break) print as spaces.
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') c = ' ';
  return out;
}

// A usage error in the query, with the query and a caret under the position at fault.
Status with_caret(const Status& status, const ReferenceFilter& f, bool json) {
  if (json || status.message().rfind("query:", 0) != 0) return status;
  QueryParse parsed = parse_pubmed_query(f.query);
  if (parsed.ok()) return status;
  return Status::Usage(status.message() + "\n" + caret_lines(f.query, parsed.column));
}

Status run_explain(const RefsOptions& options, const ReferenceFilter& f, const GlobalOptions& global) {
  Output& out = *global.output;
  auto compiled = compile_reference_filter(f);
  if (!compiled.ok()) return with_caret(compiled.status(), f, global.json);
  std::vector<std::string> params;
  for (std::size_t i = 0; i < compiled->parameters.size(); ++i) {
    std::string value = describe_sql_value(compiled->parameters[i]);
    if (i == 0)
      value = options.topic.empty() ? "NULL (every topic)"
                                    : "the id of topic " + options.topic + " (looked up in the KB when the query runs)";
    params.push_back(value);
  }
  if (global.json) {
    Json doc = {{"query", f.query},
                {"tree", compiled->tree.empty() ? Json(nullptr) : Json(compiled->tree)},
                {"order", compiled->order},
                {"ranked", compiled->ranked},
                {"sql", compiled->sql},
                {"parameters", params},
                {"notes", compiled->notes}};
    out.document(doc);
    return Status::Ok();
  }
  const int width = out.width();
  std::string what = asked(options, f);
  out.text() << "query:  " << (what.empty() ? "(none: every reference)" : what) << "\n"
            << "tree:   " << (compiled->tree.empty() ? "(none: every reference)" : compiled->tree) << "\n"
            << "order:  " << compiled->order << "\n";
  for (const std::string& note : compiled->notes) out.text() << wrap(note, width, "        ", "note:   ") << "\n";
  out.text() << "sql:\n";
  std::size_t start = 0;
  const std::string& sql = compiled->sql;
  while (start <= sql.size()) {
    std::size_t end = sql.find('\n', start);
    if (end == std::string::npos) end = sql.size();
    out.text() << "  " << sql.substr(start, end - start) << "\n";
    start = end + 1;
  }
  out.text() << "parameters:\n";
  for (std::size_t i = 0; i < params.size(); ++i) out.text() << "  ?" << i + 1 << " = " << params[i] << "\n";
  return Status::Ok();
}

// "N. First author et al. Year. Title. Journal"
std::string entry_text(const Reference& r) {
  std::string out = short_citation(r);
  out += '.';
  if (!r.title.empty()) {
    out += ' ';
    out += r.title;
    char last = r.title.back();
    if (last != '.' && last != '?' && last != '!') out += '.';
  }
  if (!r.journal.empty()) {
    out += ' ';
    out += r.journal;
  }
  return out;
}

Status run_refs(const RefsOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  ReferenceFilter f = filter_of(options);
  if (options.explain) return run_explain(options, f, global);

  // The query is read before the KB is opened: a mistake in it is reported either way.
  auto compiled = compile_reference_filter(f);
  if (!compiled.ok()) return with_caret(compiled.status(), f, global.json);

  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    f.topic_id = topic->id;
  }
  // Only the references shown are read; the others are counted, when there may be others.
  auto found = search_references(**kb, f);
  if (!found.ok()) return with_caret(found.status(), f, global.json);
  std::size_t total = found->size();
  if (f.limit > 0 && found->size() == static_cast<std::size_t>(f.limit)) {
    auto counted = count_references(**kb, f);
    if (!counted.ok()) return with_caret(counted.status(), f, global.json);
    total = static_cast<std::size_t>(*counted);
  }

  if (global.json) {
    Json doc = {{"query", f.query},
                {"tree", compiled->tree.empty() ? Json(nullptr) : Json(compiled->tree)},
                {"order", compiled->order},
                {"total", total}};
    doc["results"] = Json::array();
    for (const ScoredReference& s : *found) {
      Json j = reference_json(s.reference);
      j["score"] = s.score;
      doc["results"].push_back(std::move(j));
    }
    out.document(doc);
    return Status::Ok();
  }

  std::string what = asked(options, f);
  if (found->empty()) {
    out.text() << "No reference matches " << what << ".\n";
    return Status::Ok();
  }
  std::string head = std::to_string(total) + (total == 1 ? " reference" : " references");
  if (!what.empty()) head += (total == 1 ? " matches " : " match ") + what;
  if (found->size() < total) head += "; the first " + std::to_string(found->size()) + " shown";
  const std::string& order = compiled->order;
  head += order == "relevance"           ? ", best first:"
          : order == "year, newest first" ? ", newest first:"
          : order == "first author"       ? ", by first author:"
                                          : ", in topic and number order:";
  const int width = out.width();
  out.text() << wrap(head, width, "  ", "") << "\n";
  int widest = 0;
  for (const ScoredReference& s : *found) widest = std::max(widest, static_cast<int>(std::to_string(s.reference.number).size()));
  std::string topic;
  for (const ScoredReference& s : *found) {
    if (s.reference.topic != topic) {
      topic = s.reference.topic;
      out.text() << "\n" << topic << "\n";
    }
    std::string number = std::to_string(s.reference.number);
    std::string first = "  " + std::string(static_cast<std::size_t>(widest) - number.size(), ' ') + number + ". ";
    std::string indent(first.size(), ' ');
    out.text() << wrap(entry_text(s.reference.ref), width, indent, first) << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_refs_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<RefsOptions>();
  CLI::App* cmd = app.add_subcommand("refs", "Citation search over the references, in PubMed's syntax or with options");
  cmd->add_option("query", options->words,
                  "PubMed-style: field tags [au] [1au] [lastau] [ti] [tiab] [ta] [dp] [vi] [pg] [pt], AND OR NOT "
                  "(left to right), (parentheses), \"phrases\", surg*; quote the whole query");
  cmd->add_option("--author", options->author, "An author: Soran, or Soran A (initials are a prefix)");
  cmd->add_option("--title", options->title, "Words (and \"phrases\") that must all be in the title");
  cmd->add_option("--journal", options->journal, "A journal's abbreviation as printed: Ann Surg Oncol");
  cmd->add_option("--year", options->year, "A year or a range: 2016, 2010-2011");
  cmd->add_option("--design", options->design, "A study design: rct, meta_analysis, ..., case_series, review, other");
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->add_option("--limit", options->limit, "At most this many references (default: all)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--sort", options->sort,
                  "relevance (when the query has free text; else topic and number order), year, author, number")
      ->check(CLI::IsMember({"relevance", "year", "author", "number"}))
      ->capture_default_str();
  cmd->add_flag("--explain", options->explain, "Print the parse tree and the SQL it runs, without opening the KB");
  cmd->footer("Examples:\n  kbquery refs 'Soran[au] AND 2016[dp]'\n  kbquery refs '\"primary tumor\"[ti] NOT review[pt]'\n"
              "  kbquery refs --year 2010-2011 --design case_series\n"
              "With no query and no option: every reference, in topic and number order.");
  cmd->callback([options, &global, &outcome] { outcome.status = run_refs(*options, global); });
}

}  // namespace kb
