#include "indexer/imports/kb_importer.h"

#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include "indexer/imports/import_linker.h"
#include "indexer/imports/import_reader.h"
#include "indexer/imports/imported_study_writer.h"
#include "indexer/imports/study_matcher.h"
#include "indexer/imports/study_merger.h"
#include "kb/schema_check.h"
#include "kb/sha256.h"
#include "kb/text.h"

namespace kb {

struct KbImporter::State {
  std::unique_ptr<Database> db;
  std::unique_ptr<ImportLinker> linker;
  std::optional<StudyMatcher> matcher;
  std::optional<ImportedStudyWriter> writer;
  bool open_transaction = false;
  std::vector<std::string> study_index_trigger;  // its SQL, set aside for the transaction and run by commit()
};

namespace {

// SQLite gives a statement that writes through a trigger into a full-text index a journal of
// its own, and FTS5 writes its pending terms out at each one: a new study's trigger made a
// segment per study (a quarter of an import's time). From the first new study on, the writer
// indexes new studies itself, one row per statement, which FTS5 buffers; commit() puts the
// trigger back, and a rollback restores it with everything else. An import that adds no study
// leaves the schema, and so the file, as it was.
Status set_study_trigger_aside(Database& db, ImportedStudyWriter& writer, std::vector<std::string>& trigger_sql) {
  auto set_aside = set_triggers_aside(db, "studies_fts_insert");
  if (!set_aside.ok()) return set_aside.status();
  if (set_aside->empty())
    return Status::Corrupt(db.path() + ": the KB lacks its studies_fts_insert trigger; rebuild it with `kbindex build --fresh`");
  trigger_sql = std::move(set_aside.value());
  return writer.index_new_studies();
}

}  // namespace

KbImporter::KbImporter(std::unique_ptr<State> state) : state_(std::move(state)) {}

KbImporter::~KbImporter() {
  if (state_ && state_->open_transaction) {
    state_->matcher.reset();
    state_->writer.reset();
    state_->linker.reset();
    (void)state_->db->exec("ROLLBACK");
  }
}

namespace {

// SHA-256 of the file at PATH, read in pieces: an import file may be a 150 MB baseline.
Result<std::string> file_hash(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IO(path + ": cannot open it");
  Sha256 hasher;
  std::string buffer(1 << 20, '\0');
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hasher.update(std::string_view(buffer.data(), static_cast<std::size_t>(in.gcount())));
  }
  if (in.bad()) return Status::IO(path + ": read error");
  return hasher.hex();
}

}  // namespace

Result<std::unique_ptr<KbImporter>> KbImporter::open(const std::string& db_path) {
  auto state = std::make_unique<State>();
  std::error_code ec;
  if (std::filesystem::is_directory(db_path, ec))
    return Status::IO(db_path + ": is a folder, not a KB; name the KB file with --db");
  std::ifstream probe(db_path);
  if (!probe)
    return Status::NotFound(db_path + ": no KB here; build one with `kbindex build` before adding evidence to it");
  auto db = Database::open(db_path, Database::Mode::ReadWriteCreate);
  if (!db.ok()) return db.status();
  state->db = std::move(db.value());
  if (Status s = check_schema(*state->db, db_path, "kbindex"); !s.ok()) return s;
  // SQLite opens a file it may not write read-only without a word, and needs the folder for its
  // journal: say so now, naming the file, rather than fail at the first record.
  const std::string folder = std::filesystem::absolute(db_path).parent_path().string();
  if (sqlite3_db_readonly(state->db->handle(), "main") == 1)
    return Status::IO(db_path + ": cannot write to the KB: the file is read-only for you; nothing was added");
  if (::access(folder.c_str(), W_OK) != 0)
    return Status::IO(db_path + ": cannot write to the KB: its folder " + folder +
                      " is read-only for you (SQLite keeps its journal there); nothing was added");
  // The page cache is capped so that memory stays flat however many records come.
  if (Status s = state->db->exec("PRAGMA cache_size = -16384"); !s.ok()) return s;
  if (Status s = state->db->exec("BEGIN IMMEDIATE"); !s.ok())
    return Status::IO(db_path + ": cannot write to the KB: " + s.message());
  state->open_transaction = true;
  // Foreign keys are checked at the commit: the import is committed or rolled back whole.
  if (Status s = state->db->exec("PRAGMA defer_foreign_keys = ON"); !s.ok()) return s;
  auto linker = ImportLinker::load(*state->db);
  if (!linker.ok()) return linker.status();
  state->linker = std::move(linker.value());
  auto matcher = StudyMatcher::prepare(*state->db);
  if (!matcher.ok()) return matcher.status();
  state->matcher = std::move(matcher.value());
  auto writer = ImportedStudyWriter::prepare(*state->db);
  if (!writer.ok()) return writer.status();
  state->writer = std::move(writer.value());
  return std::unique_ptr<KbImporter>(new KbImporter(std::move(state)));
}

Result<ImportSummary> KbImporter::add_file(const std::string& path) {
  State& st = *state_;
  ImportSummary summary;
  summary.path = path;
  auto format = detect_import_format(path);
  if (!format.ok()) return format.status();
  summary.format = import_format_name(*format);
  auto hash = file_hash(path);
  if (!hash.ok()) return hash.status();

  auto seen = st.db->prepare("SELECT imported_at FROM imports WHERE content_hash = ?");
  if (!seen.ok()) return seen.status();
  seen->bind(1, *hash);
  if (seen->step()) {
    summary.already_added = true;
    summary.added_at = seen->column_text(0);
    return summary;
  }
  auto import_add = st.db->prepare(
      "INSERT INTO imports(path, format, content_hash, imported_at, records, matched, new_studies)"
      " VALUES (?, ?, ?, ?, 0, 0, 0)");
  if (!import_add.ok()) return import_add.status();
  if (Status s = import_add->bind(1, path).bind(2, summary.format).bind(3, *hash).bind(4, utc_now("%Y-%m-%dT%H:%M:%SZ")).run(); !s.ok())
    return s;
  const std::int64_t import_id = st.db->last_insert_id();

  auto on_record = [&](ImportRecord&& record) -> Status {
    ++summary.records;
    auto match = st.matcher->match(record);
    if (!match.ok()) return match.status();
    if (*match) {
      const StudyMatch& m = **match;
      auto record_id = st.writer->record_provenance(import_id, record, m.study_id, m.rule, m.confidence, m.detail);
      if (!record_id.ok()) return record_id.status();
      ++summary.matched;
      ++summary.matched_by[m.rule];
      // The record's PMID or DOI on another study: the two are one study, printed twice.
      auto duplicate = find_duplicate_study(*st.db, m.study_id, record);
      if (!duplicate.ok()) return duplicate.status();
      if (*duplicate) {
        if (Status s = merge_studies(*st.db, m.study_id, **duplicate, *record_id); !s.ok()) return s;
        ++summary.merged_studies;
      }
      auto enrichment = st.writer->enrich(m.study_id, *record_id, record);
      if (!enrichment.ok()) return enrichment.status();
      if (!enrichment->fields.empty()) ++summary.enriched_studies;
      for (std::int64_t ref_id : enrichment->redesigned_refs) {
        ++summary.redesigned_references;
        auto relinked = st.linker->rescore_reference(ref_id);
        if (!relinked.ok()) return relinked.status();
        ++summary.relinked_references;
      }
      return Status::Ok();
    }
    Reference ref;
    if (st.study_index_trigger.empty())
      if (Status s = set_study_trigger_aside(*st.db, *st.writer, st.study_index_trigger); !s.ok()) return s;
    auto study_id = st.writer->create_study(record, ref);
    if (!study_id.ok()) return study_id.status();
    auto record_id = st.writer->record_provenance(import_id, record, *study_id, "new", 1.0, "no study of the KB matched");
    if (!record_id.ok()) return record_id.status();
    ++summary.new_studies;
    std::string about = record.title + " " + abstract_text(record);
    for (const MeshHeading& h : record.mesh) about.append(" ").append(h.descriptor);
    auto links = st.linker->link_new_study(*study_id, ref, about);
    if (!links.ok()) return links.status();
    summary.new_evidence_links += *links;
    return Status::Ok();
  };
  if (Status s = read_import_file(path, *format, on_record); !s.ok()) return s;
  if (summary.records == 0) return Status::Parse(path + ":1: no records in the file");

  auto import_counts = st.db->prepare("UPDATE imports SET records = ?, matched = ?, new_studies = ? WHERE id = ?");
  if (!import_counts.ok()) return import_counts.status();
  if (Status s = import_counts->bind(1, summary.records).bind(2, summary.matched).bind(3, summary.new_studies)
                     .bind(4, import_id).run();
      !s.ok())
    return s;
  return summary;
}

Status KbImporter::commit() {
  State& st = *state_;
  st.matcher.reset();
  st.writer.reset();
  st.linker.reset();
  for (const std::string& sql : st.study_index_trigger)
    if (Status s = st.db->exec(sql); !s.ok()) return s;
  if (Status s = st.db->exec("COMMIT"); !s.ok()) return s;
  st.open_transaction = false;
  return Status::Ok();
}

}  // namespace kb
