// `kbquery stats`: how much the KB holds, and what built it.
#include <filesystem>
#include <iostream>
#include <memory>

#include "query/commands.h"
#include "query/kb_reader.h"
#include "kb/output.h"

namespace kb {
namespace {

Status run_stats(const GlobalOptions& global) {
  Output& out = *global.output;
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  Database& db = (*kb)->db();
  Json doc;
  doc["db"] = global.db;
  std::error_code ec;
  doc["kb_bytes"] = static_cast<std::int64_t>(std::filesystem::file_size(global.db, ec));
  Json meta = Json::object();
  auto st = db.prepare("SELECT key, value FROM kb_meta ORDER BY key");
  if (!st.ok()) return st.status();
  Status read = st->each([&](const Statement& row) { meta[row.column_text(0)] = row.column_text(1); });
  if (!read.ok()) return read;
  doc["meta"] = meta;
  Json counts = Json::object();
  for (const char* table : {"topics", "contributors", "sections", "paragraphs", "sentences", "refs", "citations",
                            "cross_references", "parse_notes", "recommendations", "evidence_links", "studies", "imports",
                            "import_records", "new_evidence_links"}) {
    auto count = db.prepare(std::string("SELECT count(*) FROM ") + table);
    if (!count.ok()) return count.status();
    read = count->each([&](const Statement& row) {
      counts[std::string(table) == "refs" ? "references" : table] = row.column_int(0);
    });
    if (!read.ok()) return read;
  }
  doc["counts"] = counts;
  if (global.json) {
    out.document(doc);
    return Status::Ok();
  }
  out.text() << global.db << ": " << doc["kb_bytes"] << " bytes\n";
  for (const auto& [key, value] : meta.items()) out.text() << "  " << key << ": " << value.get<std::string>() << "\n";
  for (const auto& [key, value] : counts.items()) out.text() << "  " << key << ": " << value << "\n";
  return Status::Ok();
}

}  // namespace

void add_stats_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  CLI::App* cmd = app.add_subcommand("stats", "Counts of what the KB holds, its schema and tool versions");
  cmd->callback([&global, &outcome] { outcome.status = run_stats(global); });
}

}  // namespace kb
