// `kbquery ref N [--topic SLUG]`: one reference and every sentence that cites it.
#include <iostream>
#include <memory>

#include "kb/console.h"
#include "query/commands.h"
#include "query/kb_reader.h"
#include "query/output.h"

namespace kb {
namespace {

struct RefOptions {
  int number = 0;
  std::string topic;
};

Status run_ref(const RefOptions& options, const GlobalOptions& global) {
  auto kb = KbReader::open(global.db);
  if (!kb.ok()) return kb.status();
  Database& db = (*kb)->db();
  std::optional<std::int64_t> topic_id;
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    topic_id = topic->id;
  }
  auto st = db.prepare(
      "SELECT r.id, t.slug, r.number, r.raw, r.source_line, t.source_path,"
      " (SELECT count(*) FROM refs r2 WHERE r2.topic_id = t.id)"
      " FROM refs r JOIN topics t ON t.id = r.topic_id"
      " WHERE r.number = ?1 AND (?2 IS NULL OR t.id = ?2) ORDER BY t.slug");
  if (!st.ok()) return st.status();
  st->bind(1, options.number);
  if (topic_id) st->bind(2, *topic_id);
  else st->bind_null(2);
  struct Found {
    std::int64_t id;
    std::string topic, raw, source_path;
    int line;
  };
  std::vector<Found> found;
  while (st->step())
    found.push_back({st->column_int(0), st->column_text(1), st->column_text(3), st->column_text(5),
                     static_cast<int>(st->column_int(4))});
  if (!st->status().ok()) return st->status();
  if (found.empty())
    return Status::NotFound("reference " + std::to_string(options.number) + " is not in " +
                            (options.topic.empty() ? std::string("any topic of the KB") : "topic " + options.topic) +
                            "; `kbquery refs` lists them");
  if (found.size() > 1) {
    std::string names;
    for (const Found& f : found) names += "\n  " + f.topic;
    return Status::Usage("reference " + std::to_string(options.number) +
                         " exists in several topics; choose one with --topic:" + names);
  }
  const Found& ref = found.front();

  auto cites = db.prepare(
      "SELECT c.marker, sc.section, sc.paragraph, sc.sentence, sc.source_line, sc.text FROM citations c"
      " JOIN sentence_context sc ON sc.sentence_id = c.sentence_id"
      " WHERE c.reference_id = ? ORDER BY sc.section, sc.paragraph, sc.sentence");
  if (!cites.ok()) return cites.status();
  cites->bind(1, ref.id);
  Json cited_by = Json::array();
  while (cites->step())
    cited_by.push_back({{"marker", cites->column_text(0)},
                        {"section", cites->column_int(1)},
                        {"paragraph", cites->column_int(2)},
                        {"sentence", cites->column_int(3)},
                        {"source_line", cites->column_int(4)},
                        {"text", cites->column_text(5)}});
  if (!cites->status().ok()) return cites->status();

  if (global.json) {
    Json doc = {{"topic", ref.topic}, {"number", options.number}, {"raw", ref.raw},
                {"source", ref.source_path + ":" + std::to_string(ref.line)}, {"cited_by", cited_by}};
    print_json(doc);
    return Status::Ok();
  }
  const int width = terminal_width();
  std::cout << "Reference " << options.number << " of " << ref.topic << "\n"
            << wrap(ref.raw, width, "  ") << "\n\n";
  if (cited_by.empty()) {
    std::cout << "No sentence of the available text cites it.\n";
    return Status::Ok();
  }
  std::cout << "Cited by " << cited_by.size() << (cited_by.size() == 1 ? " sentence" : " sentences") << ":\n";
  for (const Json& c : cited_by) {
    std::cout << "  " << c["marker"].get<std::string>() << " section " << c["section"] << ", paragraph "
              << c["paragraph"] << ", sentence " << c["sentence"] << " (line " << c["source_line"] << ")\n"
              << wrap(c["text"].get<std::string>(), width, "    ") << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_ref_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<RefOptions>();
  CLI::App* cmd = app.add_subcommand("ref", "One reference: the entry as printed and every sentence citing it");
  cmd->add_option("number", options->number, "The reference's number in its topic's list")
      ->required()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--topic", options->topic, "The topic (its slug, or a unique part of it)");
  cmd->footer("Example: kbquery ref 4 --topic metastatic-breast");
  cmd->callback([options, &global, &outcome] { outcome.status = run_ref(*options, global); });
}

}  // namespace kb
