#include "indexer/imports/study_merger.h"

#include <vector>

#include "kb/identifiers.h"

namespace kb {

namespace {

// The columns of a study that carry a fact about it (not how it is matched or classified).
constexpr const char* kFactColumns[] = {"pmid",  "doi",    "title", "first_author", "authors", "journal",
                                        "journal_title", "year", "month", "volume", "issue",   "pages",
                                        "language", "abstract"};

}  // namespace

Result<std::optional<DuplicateStudy>> find_duplicate_study(Database& db, std::int64_t study_id,
                                                           const ImportRecord& record) {
  const std::pair<const char*, std::string> ids[] = {{"pmid", record.pmid}, {"doi", normalized_doi(record.doi)}};
  for (const auto& [column, value] : ids) {
    if (value.empty()) continue;
    auto st = db.prepare(std::string("SELECT id FROM studies WHERE ") + column + " = ? AND id <> ?");
    if (!st.ok()) return st.status();
    st->bind(1, value).bind(2, study_id);
    if (st->step())
      return std::optional<DuplicateStudy>(
          DuplicateStudy{st->column_int(0), std::string(column == std::string("pmid") ? "PMID " : "DOI ") + value});
    if (!st->status().ok()) return st->status();
  }
  return std::optional<DuplicateStudy>{};
}

Status merge_studies(Database& db, std::int64_t keep, const DuplicateStudy& duplicate, std::int64_t record_id) {
  // Every statement below takes KEEP as ?1 and DUPLICATE as ?2 (one may leave either unused).
  auto run_bound = [&](const std::string& sql) -> Status {
    auto st = db.prepare(sql);
    if (!st.ok()) return st.status();
    return st->bind(1, keep).bind(2, duplicate.id).run();
  };
  // The fields KEEP lacks and DUPLICATE has, with their values, before DUPLICATE goes.
  std::vector<std::pair<std::string, std::string>> gains;
  for (const char* column : kFactColumns) {
    auto st = db.prepare(std::string("SELECT coalesce(b.") + column + ", '') FROM studies a, studies b WHERE a.id = ?1" +
                         " AND b.id = ?2 AND coalesce(a." + column + ", '') = '' AND coalesce(b." + column + ", '') <> ''");
    if (!st.ok()) return st.status();
    st->bind(1, keep).bind(2, duplicate.id);
    if (st->step()) gains.emplace_back(column, st->column_text(0));
    if (!st->status().ok()) return st->status();
  }
  auto values = db.prepare("SELECT origin FROM studies WHERE id = ?");
  if (!values.ok()) return values.status();
  values->bind(1, duplicate.id);
  if (!values->step())
    return values->status().ok() ? Status::NotFound("study " + std::to_string(duplicate.id) + " vanished during the import")
                                 : values->status();
  const bool duplicate_cited = values->column_text(0) == "topic";
  values->reset();

  const char* const moves[] = {
      "UPDATE refs SET study_id = ?1 WHERE study_id = ?2",
      "UPDATE import_records SET study_id = ?1 WHERE study_id = ?2",
      "UPDATE OR IGNORE study_enrichments SET study_id = ?1 WHERE study_id = ?2",
      "UPDATE OR IGNORE new_evidence_links SET study_id = ?1 WHERE study_id = ?2",
      // Lists move only to a study that has none of its own: one abstract, one set of headings.
      "UPDATE abstract_sections SET study_id = ?1 WHERE study_id = ?2"
      " AND NOT EXISTS (SELECT 1 FROM abstract_sections WHERE study_id = ?1)",
      "UPDATE publication_types SET study_id = ?1 WHERE study_id = ?2"
      " AND NOT EXISTS (SELECT 1 FROM publication_types WHERE study_id = ?1)",
      "UPDATE mesh_headings SET study_id = ?1 WHERE study_id = ?2"
      " AND NOT EXISTS (SELECT 1 FROM mesh_headings WHERE study_id = ?1)",
  };
  for (const char* sql : moves)
    if (Status s = run_bound(sql); !s.ok()) return s;
  // The identifiers are unique: the duplicate goes before KEEP takes them.
  if (Status s = run_bound("DELETE FROM studies WHERE id = ?2"); !s.ok()) return s;
  for (const auto& [column, value] : gains) {
    auto update = db.prepare("UPDATE studies SET " + column + " = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    if (column == "year") update->bind(1, static_cast<std::int64_t>(std::stoll(value)));
    else update->bind(1, value);
    if (Status s = update->bind(2, keep).run(); !s.ok()) return s;
  }
  if (duplicate_cited) {
    // A study a topic cites has the topic's links; the indexer's guesses from imports give way.
    if (Status s = run_bound("UPDATE studies SET origin = 'topic' WHERE id = ?1"); !s.ok()) return s;
    if (Status s = run_bound("DELETE FROM new_evidence_links WHERE study_id = ?1"); !s.ok()) return s;
  }
  auto note = db.prepare("INSERT OR IGNORE INTO study_enrichments(study_id, record_id, field, value) VALUES (?, ?, ?, ?)");
  if (!note.ok()) return note.status();
  if (Status s = note->bind(1, keep).bind(2, record_id).bind(3, std::string_view("merged"))
                     .bind(4, "study " + std::to_string(duplicate.id) + " merged into this one: the record holds its " + duplicate.identifier)
                     .run();
      !s.ok())
    return s;
  for (const auto& [column, value] : gains)
    if (Status s = note->bind(1, keep).bind(2, record_id).bind(3, column)
                       .bind(4, value + " (from study " + std::to_string(duplicate.id) + ", merged)").run();
        !s.ok())
      return s;
  return Status::Ok();
}

}  // namespace kb
