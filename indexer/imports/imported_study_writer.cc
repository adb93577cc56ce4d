#include "indexer/imports/imported_study_writer.h"

#include <algorithm>

#include "indexer/design_classifier.h"
#include "kb/design.h"
#include "kb/identifiers.h"
#include "kb/study_key.h"
#include "kb/text.h"

namespace kb {

Result<ImportedStudyWriter> ImportedStudyWriter::prepare(Database& db) {
  ImportedStudyWriter w(db);
  const std::pair<Statement*, const char*> preps[] = {
      {&w.study_add_,
       "INSERT INTO studies(origin, citation_key, pmid, doi, title, first_author, authors, journal, journal_title,"
       " year, volume, issue, pages, language, abstract, design, design_reason, level, first_author_key,"
       " journal_key, first_page, month) VALUES ('import',?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
      {&w.record_add_,
       "INSERT INTO import_records(import_id, source_line, study_id, matched_by, confidence, detail)"
       " VALUES (?,?,?,?,?,?)"},
      {&w.section_add_, "INSERT INTO abstract_sections(study_id, position, label, text) VALUES (?,?,?,?)"},
      {&w.type_add_, "INSERT INTO publication_types(study_id, position, name) VALUES (?,?,?)"},
      {&w.mesh_add_, "INSERT INTO mesh_headings(study_id, position, descriptor, major, qualifiers) VALUES (?,?,?,?,?)"},
      {&w.enrichment_add_,
       "INSERT OR IGNORE INTO study_enrichments(study_id, record_id, field, value) VALUES (?,?,?,?)"},
      {&w.study_read_,
       "SELECT pmid, doi, authors, journal, journal_title, year, volume, issue, pages, language, abstract, title,"
       " design, level,"
       " (SELECT count(*) FROM publication_types p WHERE p.study_id = s.id),"
       " (SELECT count(*) FROM mesh_headings m WHERE m.study_id = s.id), month"
       " FROM studies s WHERE id = ?"},
      {&w.refs_of_study_,
       "SELECT id, title, raw, journal, uncertain_fields, design, level, design_reason FROM refs WHERE study_id = ?"},
      {&w.ref_update_,
       "UPDATE refs SET design = ?, design_reason = ?, level = ?, grade_start = ?, uncertain_fields = ? WHERE id = ?"},
      {&w.id_in_use_, "SELECT 1 FROM studies WHERE (pmid = ?1 OR doi = ?1) AND id <> ?2"},
  };
  for (auto [target, sql] : preps) {
    auto st = db.prepare(sql);
    if (!st.ok()) return st.status();
    *target = std::move(st.value());
  }
  return w;
}

Status ImportedStudyWriter::index_new_studies() {
  // What the trigger it stands for inserts (schema.sql's studies_fts_insert). VALUES, not a
  // SELECT of the row: a statement that may write several rows keeps a journal, and that
  // would make FTS5 flush again.
  auto st = db_->prepare("INSERT INTO studies_fts(rowid, title, abstract, authors, journal) VALUES (?,?,?,?,?)");
  if (!st.ok()) return st.status();
  study_index_ = std::move(st.value());
  return Status::Ok();
}

namespace {

std::string qualifiers_text(const MeshHeading& h) { return join(h.qualifiers, ", "); }

}  // namespace

Status ImportedStudyWriter::write_lists(std::int64_t study_id, const ImportRecord& record, bool abstract, bool types,
                                        bool mesh) {
  if (abstract)
    for (std::size_t i = 0; i < record.abstract.size(); ++i) {
      section_add_.bind(1, study_id).bind(2, static_cast<int>(i) + 1).bind(3, record.abstract[i].label)
          .bind(4, record.abstract[i].text);
      if (Status s = section_add_.run(); !s.ok()) return s;
    }
  if (types)
    for (std::size_t i = 0; i < record.publication_types.size(); ++i) {
      type_add_.bind(1, study_id).bind(2, static_cast<int>(i) + 1).bind(3, record.publication_types[i]);
      if (Status s = type_add_.run(); !s.ok()) return s;
    }
  if (mesh)
    for (std::size_t i = 0; i < record.mesh.size(); ++i) {
      const MeshHeading& h = record.mesh[i];
      mesh_add_.bind(1, study_id).bind(2, static_cast<int>(i) + 1).bind(3, h.descriptor).bind(4, h.major ? 1 : 0)
          .bind(5, qualifiers_text(h));
      if (Status s = mesh_add_.run(); !s.ok()) return s;
    }
  return Status::Ok();
}

Result<std::int64_t> ImportedStudyWriter::create_study(const ImportRecord& record, Reference& ref) {
  ref = reference_from_record(record);
  const std::string abstract = abstract_text(record);
  classify_design(ref, abstract, record.publication_types);
  const std::string key = citation_key(ref);
  const std::string doi = normalized_doi(record.doi);
  Statement& st = study_add_;
  auto bind_or_null = [&](int i, const std::string& v) {
    if (v.empty()) st.bind_null(i);
    else st.bind(i, v);
  };
  // A citation key another study holds (a reference printed without identifiers) would
  // have matched; an identifier another study holds likewise. Kept NULL rather than clash.
  bind_or_null(1, key);
  bind_or_null(2, record.pmid);
  bind_or_null(3, doi);
  const std::string authors = join(record.authors, ", ");
  st.bind(4, record.title).bind(5, record.authors.empty() ? std::string() : record.authors.front())
      .bind(6, authors).bind(7, ref.journal).bind(8, record.journal_title);
  if (record.year > 0) st.bind(9, record.year);
  else st.bind_null(9);
  st.bind(10, record.volume).bind(11, record.issue).bind(12, record.pages).bind(13, record.language)
      .bind(14, abstract).bind(15, std::string_view(to_string(ref.design))).bind(16, ref.design_reason)
      .bind(17, ref.level).bind(18, record.authors.empty() ? std::string() : author_key(record.authors.front()))
      .bind(19, journal_key(ref.journal)).bind(20, first_page(record.pages)).bind(21, record.month);
  if (Status s = st.run(); !s.ok()) {
    // The one clash left is a citation key shared by two different studies: keep it once.
    st.bind_null(1);
    if (Status again = st.run(); !again.ok()) return s;
  }
  const std::int64_t id = db_->last_insert_id();
  if (study_index_.prepared())
    if (Status s = study_index_.bind(1, id).bind(2, record.title).bind(3, abstract).bind(4, authors)
                       .bind(5, ref.journal).run();
        !s.ok())
      return s;
  if (Status s = write_lists(id, record, true, true, true); !s.ok()) return s;
  return id;
}

Result<std::int64_t> ImportedStudyWriter::record_provenance(std::int64_t import_id, const ImportRecord& record,
                                                            std::int64_t study_id, const std::string& rule,
                                                            double confidence, const std::string& detail) {
  record_add_.bind(1, import_id).bind(2, record.source_line).bind(3, study_id).bind(4, rule).bind(5, confidence)
      .bind(6, detail);
  if (Status s = record_add_.run(); !s.ok()) return s;
  return db_->last_insert_id();
}

Status ImportedStudyWriter::note(std::int64_t study_id, std::int64_t record_id, const std::string& field,
                                 const std::string& value) {
  enrichment_add_.bind(1, study_id).bind(2, record_id).bind(3, field).bind(4, value);
  return enrichment_add_.run();
}

Result<Enrichment> ImportedStudyWriter::enrich(std::int64_t study_id, std::int64_t record_id, const ImportRecord& record) {
  Enrichment out;
  study_read_.bind(1, study_id);
  if (!study_read_.step()) {
    Status s = study_read_.status();
    study_read_.reset();
    return s.ok() ? Status::NotFound("study " + std::to_string(study_id) + " vanished during the import") : s;
  }
  struct Field {
    const char* name;
    int column;
    std::string value;  // what the record brings
  };
  const std::string doi = normalized_doi(record.doi);
  const Field fields[] = {
      {"pmid", 0, record.pmid},           {"doi", 1, doi},
      {"authors", 2, join(record.authors, ", ")},
      {"journal", 3, record.journal_abbreviation}, {"journal_title", 4, record.journal_title},
      {"year", 5, record.year > 0 ? std::to_string(record.year) : std::string()},
      {"month", 16, record.month},
      {"volume", 6, record.volume},       {"issue", 7, record.issue},
      {"pages", 8, record.pages},         {"language", 9, record.language},
      {"abstract", 10, abstract_text(record)},
  };
  std::vector<const Field*> missing;
  for (const Field& f : fields) {
    bool empty = study_read_.column_is_null(f.column) || study_read_.column_text(f.column).empty();
    if (empty && !f.value.empty()) missing.push_back(&f);
  }
  const std::string study_title = study_read_.column_text(11);
  const std::string old_design = study_read_.column_text(12);
  const std::int64_t old_level = study_read_.column_int(13);
  const bool lacks_types = study_read_.column_int(14) == 0 && !record.publication_types.empty();
  const bool lacks_mesh = study_read_.column_int(15) == 0 && !record.mesh.empty();
  study_read_.reset();

  for (const Field* f : missing) {
    // An identifier another study still holds (kbindex add merges such pairs before it
    // enriches; see study_merger.h) is not taken twice.
    if (f->column <= 1) {
      id_in_use_.bind(1, f->value).bind(2, study_id);
      bool in_use = id_in_use_.step();
      id_in_use_.reset();
      if (in_use) continue;
    }
    auto update = db_->prepare(std::string("UPDATE studies SET ") + f->name + " = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    if (f->column == 5) update->bind(1, record.year);
    else update->bind(1, f->value);
    update->bind(2, study_id);
    if (Status s = update->run(); !s.ok()) return s;
    if (Status s = note(study_id, record_id, f->name, f->value); !s.ok()) return s;
    out.fields.push_back(f->name);
  }
  const bool adds_abstract = std::find(out.fields.begin(), out.fields.end(), "abstract") != out.fields.end();
  if (Status s = write_lists(study_id, record, adds_abstract, lacks_types, lacks_mesh); !s.ok()) return s;
  if (lacks_types) {
    if (Status s = note(study_id, record_id, "publication_types", join(record.publication_types, "; ")); !s.ok()) return s;
    out.fields.push_back("publication_types");
  }
  if (lacks_mesh) {
    std::vector<std::string> names;
    for (const MeshHeading& h : record.mesh) names.push_back((h.major ? "*" : "") + h.descriptor);
    if (Status s = note(study_id, record_id, "mesh", join(names, "; ")); !s.ok()) return s;
    out.fields.push_back("mesh");
  }
  if (!adds_abstract && !lacks_types) return out;

  // What the record brings sharpens the design: the study's own label, and each citing reference's.
  const std::string abstract = abstract_text(record);
  Reference study_ref = reference_from_record(record);
  if (!study_title.empty()) study_ref.title = study_title;
  classify_design(study_ref, abstract, record.publication_types);
  if (to_string(study_ref.design) != old_design || study_ref.level != old_level) {
    auto update = db_->prepare("UPDATE studies SET design = ?, design_reason = ?, level = ? WHERE id = ?");
    if (!update.ok()) return update.status();
    update->bind(1, std::string_view(to_string(study_ref.design))).bind(2, study_ref.design_reason)
        .bind(3, study_ref.level).bind(4, study_id);
    if (Status s = update->run(); !s.ok()) return s;
    std::string value = std::string(to_string(study_ref.design)) + ", level " + std::to_string(study_ref.level) +
                        " (was " + old_design + ", level " + std::to_string(old_level) + "): " + study_ref.design_reason;
    if (Status s = note(study_id, record_id, "design", value); !s.ok()) return s;
    out.fields.push_back("design");
  }
  auto redesigned = redesign_references(study_id, abstract, record.publication_types);
  if (!redesigned.ok()) return redesigned.status();
  out.redesigned_refs = *redesigned;
  return out;
}

Result<std::vector<std::int64_t>> ImportedStudyWriter::redesign_references(
    std::int64_t study_id, const std::string& abstract, const std::vector<std::string>& publication_types) {
  std::vector<std::int64_t> redesigned;
  refs_of_study_.bind(1, study_id);
  struct Change {
    std::int64_t id;
    Reference ref;
  };
  std::vector<Change> changes;
  while (refs_of_study_.step()) {
    Reference ref;
    ref.title = refs_of_study_.column_text(1);
    ref.raw = refs_of_study_.column_text(2);
    ref.journal = refs_of_study_.column_text(3);
    for (const std::string& f : split(refs_of_study_.column_text(4), ','))
      if (!f.empty()) ref.uncertain_fields.push_back(f);
    classify_design(ref, abstract, publication_types);
    if (to_string(ref.design) != refs_of_study_.column_text(5) || ref.level != refs_of_study_.column_int(6) ||
        ref.design_reason != refs_of_study_.column_text(7))
      changes.push_back({refs_of_study_.column_int(0), ref});
  }
  Status read = refs_of_study_.status();
  refs_of_study_.reset();
  if (!read.ok()) return read;
  for (const Change& c : changes) {
    ref_update_.bind(1, std::string_view(to_string(c.ref.design))).bind(2, c.ref.design_reason).bind(3, c.ref.level)
        .bind(4, c.ref.grade_start).bind(5, join(c.ref.uncertain_fields, ",")).bind(6, c.id);
    if (Status s = ref_update_.run(); !s.ok()) return s;
    redesigned.push_back(c.id);
  }
  return redesigned;
}

}  // namespace kb
