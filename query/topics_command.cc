// `kbquery topics`: the topics in the KB with their credits, dates and size.
#include <iostream>
#include <memory>

#include "kb/console.h"
#include "query/commands.h"
#include "query/kb_reader.h"
#include "kb/output.h"

namespace kb {
namespace {

Status run_topics(const GlobalOptions& global) {
  Output& out = *global.output;
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  Database& db = (*kb)->db();
  auto st = db.prepare(
      "SELECT t.id, t.slug, t.title, t.source_path, t.review_current_through, t.last_updated, t.truncated,"
      " (SELECT count(*) FROM paragraphs p WHERE p.topic_id = t.id),"
      " (SELECT count(*) FROM sentences s JOIN paragraphs p ON p.id = s.paragraph_id WHERE p.topic_id = t.id),"
      " (SELECT count(*) FROM refs r WHERE r.topic_id = t.id),"
      " (SELECT count(*) FROM citations c JOIN refs r ON r.id = c.reference_id WHERE r.topic_id = t.id),"
      " t.publisher, t.copyright"
      " FROM topics t ORDER BY t.slug");
  if (!st.ok()) return st.status();
  auto people = db.prepare("SELECT name, credentials, role FROM contributors WHERE topic_id = ? ORDER BY position");
  if (!people.ok()) return people.status();

  Json doc = {{"topics", Json::array()}};
  Status read = st->each([&](const Statement& row) {
    Json topic = {{"topic", row.column_text(1)},
                  {"title", row.column_text(2)},
                  {"source_path", row.column_text(3)},
                  {"publisher", row.column_text(11)},
                  {"copyright", row.column_text(12)},
                  {"review_current_through", row.column_text(4)},
                  {"last_updated", row.column_text(5)},
                  {"truncated", row.column_int(6) != 0},
                  {"paragraphs", row.column_int(7)},
                  {"sentences", row.column_int(8)},
                  {"references", row.column_int(9)},
                  {"citations", row.column_int(10)},
                  {"contributors", Json::array()}};
    people->bind(1, row.column_int(0));
    Status s = people->each([&](const Statement& person) {
      topic["contributors"].push_back(
          {{"name", person.column_text(0)}, {"credentials", person.column_text(1)}, {"role", person.column_text(2)}});
    });
    doc["topics"].push_back(topic);
    return s;
  });
  if (!read.ok()) return read;
  if (global.json) {
    out.document(doc);
    return Status::Ok();
  }
  if (doc["topics"].empty()) out.text() << "The KB holds no topics.\n";
  const int width = out.width();
  for (const Json& t : doc["topics"]) {
    out.text() << t["topic"].get<std::string>() << "\n" << wrap(t["title"].get<std::string>(), width, "  ") << "\n";
    for (const char* role : {"author", "section_editor", "deputy_editor"}) {
      std::string names;
      for (const Json& c : t["contributors"])
        if (c["role"] == role) {
          std::string cred = c["credentials"].get<std::string>();
          names += (names.empty() ? "" : "; ") + c["name"].get<std::string>() + (cred.empty() ? "" : ", " + cred);
        }
      if (names.empty()) continue;
      std::string label = std::string(role) == "author" ? "authors" : std::string(role) == "section_editor" ? "section editors" : "deputy editor";
      out.text() << wrap(names, width, "    ", "  " + label + ": ") << "\n";
    }
    out.text() << "  literature review current through " << (t["review_current_through"].get<std::string>().empty() ? "(not printed)" : t["review_current_through"].get<std::string>())
              << "; last updated " << (t["last_updated"].get<std::string>().empty() ? "(not printed)" : t["last_updated"].get<std::string>()) << "\n"
              << "  " << t["paragraphs"] << " paragraphs, " << t["sentences"] << " sentences, " << t["references"]
              << " references, " << t["citations"] << " citations"
              << (t["truncated"].get<bool>() ? "; the text stops at a paywall notice" : "") << "\n";
  }
  return Status::Ok();
}

}  // namespace

void add_topics_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  CLI::App* cmd = app.add_subcommand("topics", "The topics in the KB: title, credits, dates, size");
  cmd->callback([&global, &outcome] { outcome.status = run_topics(global); });
}

}  // namespace kb
