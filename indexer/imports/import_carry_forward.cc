#include "indexer/imports/import_carry_forward.h"

#include <cmath>
#include <map>
#include <tuple>

#include "indexer/imports/import_linker.h"
#include "indexer/imports/imported_study_writer.h"
#include "kb/design.h"

namespace kb {

namespace {

// How a study is named in what the build prints: its PMID when it has one, else its title.
constexpr const char* kStudyName =
    "CASE WHEN coalesce(s.pmid, '') <> '' THEN 'PMID ' || s.pmid ELSE s.title END";

std::vector<std::int64_t> ids_of(const std::set<std::int64_t>& ids) { return {ids.begin(), ids.end()}; }

// The ids a one-column query returns.
Result<std::vector<std::int64_t>> read_ids(Database& db, const std::string& sql, const std::string& json_ids = "") {
  auto st = db.prepare(sql);
  if (!st.ok()) return st.status();
  if (!json_ids.empty()) st->bind(1, json_ids);
  std::vector<std::int64_t> ids;
  while (st->step()) ids.push_back(st->column_int(0));
  if (!st->status().ok()) return st->status();
  return ids;
}

Result<std::int64_t> read_count(Database& db, const std::string& sql) {
  auto ids = read_ids(db, sql);
  if (!ids.ok()) return ids.status();
  return ids->empty() ? 0 : ids->front();
}

// Studies no reference cites any more: kept as imported when an import brought them (their
// enrichments and records with them), else removed. Returns the ids kept.
Result<std::vector<std::int64_t>> settle_uncited(Database& db, CarriedForward& out) {
  const std::string uncited =
      "FROM studies s WHERE s.origin = 'topic' AND NOT EXISTS (SELECT 1 FROM refs r WHERE r.study_id = s.id)";
  auto released = read_ids(db, "SELECT s.id " + uncited +
                                    " AND EXISTS (SELECT 1 FROM import_records i WHERE i.study_id = s.id)");
  if (!released.ok()) return released.status();
  {
    auto names = db.prepare(std::string("SELECT ") + kStudyName + " FROM studies s WHERE s.id = ?");
    if (!names.ok()) return names.status();
    for (std::int64_t id : *released) {
      names->bind(1, id);
      if (names->step())
        out.details.push_back("study " + names->column_text(0) +
                              ": no topic cites it any more; kept as an imported study, with what imports brought");
      Status s = names->status();
      names->reset();
      if (!s.ok()) return s;
    }
  }
  if (Status s = db.exec("UPDATE studies SET origin = 'import' WHERE id IN (SELECT s.id " + uncited +
                         " AND EXISTS (SELECT 1 FROM import_records i WHERE i.study_id = s.id))");
      !s.ok())
    return s;
  out.released_studies = static_cast<int>(released->size());
  auto dropped = read_count(db, "SELECT count(*) " + uncited);
  if (!dropped.ok()) return dropped.status();
  out.dropped_studies = static_cast<int>(*dropped);
  if (Status s = db.exec("DELETE FROM studies WHERE id IN (SELECT s.id " + uncited + ")"); !s.ok()) return s;
  return *released;
}

// Imported studies that a rewritten topic now cites become the topic's: its own links
// (cited, curated or inferred) replace the indexer's guesses from the import.
Status adopt_cited(Database& db, CarriedForward& out) {
  const std::string cited =
      "SELECT s.id FROM studies s WHERE s.origin = 'import' AND EXISTS (SELECT 1 FROM refs r WHERE r.study_id = s.id)";
  auto ids = read_ids(db, cited);
  if (!ids.ok()) return ids.status();
  out.now_cited = static_cast<int>(ids->size());
  if (ids->empty()) return Status::Ok();
  if (Status s = db.exec("DELETE FROM new_evidence_links WHERE study_id IN (" + cited + ")"); !s.ok()) return s;
  return db.exec("UPDATE studies SET origin = 'topic' WHERE id IN (" + cited + ")");
}

// The rewritten references whose studies an import described (abstract, publication types)
// get the design label the import gave them; returns the refs.id whose label changed.
Result<std::vector<std::int64_t>> redesign_rewritten(Database& db, const std::set<std::int64_t>& rewritten) {
  auto studies = db.prepare(
      "SELECT DISTINCT s.id, s.abstract FROM refs r JOIN studies s ON s.id = r.study_id"
      " WHERE r.topic_id IN (SELECT value FROM json_each(?))"
      " AND (s.abstract <> '' OR EXISTS (SELECT 1 FROM publication_types p WHERE p.study_id = s.id))");
  if (!studies.ok()) return studies.status();
  studies->bind(1, json_id_list(ids_of(rewritten)));
  std::vector<std::pair<std::int64_t, std::string>> described;
  while (studies->step()) described.emplace_back(studies->column_int(0), studies->column_text(1));
  if (!studies->status().ok()) return studies->status();

  auto types = db.prepare("SELECT name FROM publication_types WHERE study_id = ? ORDER BY position");
  if (!types.ok()) return types.status();
  auto writer = ImportedStudyWriter::prepare(db);
  if (!writer.ok()) return writer.status();
  std::vector<std::int64_t> redesigned;
  for (const auto& [study_id, abstract] : described) {
    types->bind(1, study_id);
    std::vector<std::string> names;
    while (types->step()) names.push_back(types->column_text(0));
    Status s = types->status();
    types->reset();
    if (!s.ok()) return s;
    auto changed = writer->redesign_references(study_id, abstract, names);
    if (!changed.ok()) return changed.status();
    redesigned.insert(redesigned.end(), changed->begin(), changed->end());
  }
  return redesigned;
}

// Links every imported study to the recommendations of the rewritten topics, as `kbindex
// add` linked it to those of the topics then; a study just released is linked to all topics.
Status relink_imported(Database& db, ImportLinker& linker, const std::set<std::int64_t>& rewritten,
                       const std::set<std::int64_t>& released) {
  auto studies = db.prepare("SELECT id, title, design, level, abstract FROM studies WHERE origin = 'import' ORDER BY id");
  if (!studies.ok()) return studies.status();
  auto mesh = db.prepare("SELECT descriptor FROM mesh_headings WHERE study_id = ? ORDER BY position");
  if (!mesh.ok()) return mesh.status();
  struct Study {
    std::int64_t id;
    Reference ref;
    std::string about;
  };
  std::vector<Study> all;
  while (studies->step()) {
    Study study;
    study.id = studies->column_int(0);
    study.ref.title = studies->column_text(1);
    study.ref.design = design_from_string(studies->column_text(2)).value_or(Design::Other);
    study.ref.level = static_cast<int>(studies->column_int(3));
    study.about = study.ref.title + " " + studies->column_text(4);
    all.push_back(std::move(study));
  }
  if (!studies->status().ok()) return studies->status();
  for (Study& study : all) {
    mesh->bind(1, study.id);
    while (mesh->step()) study.about.append(" ").append(mesh->column_text(0));
    Status s = mesh->status();
    mesh->reset();
    if (!s.ok()) return s;
    const bool newly_released = released.count(study.id) > 0;
    auto made = linker.link_new_study(study.id, study.ref, study.about, newly_released ? nullptr : &rewritten);
    if (!made.ok()) return made.status();
  }
  return Status::Ok();
}

std::string score_text(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

// Each link before against what the build left: kept, re-scored, dropped; and those added.
void compare_links(const std::vector<ImportedLink>& before, const std::vector<ImportedLink>& after,
                   CarriedForward& out) {
  using Key = std::tuple<std::int64_t, std::string, std::string>;
  std::map<Key, const ImportedLink*> now;
  for (const ImportedLink& l : after) now[{l.study_id, l.topic, l.label}] = &l;
  std::set<Key> seen;
  for (const ImportedLink& was : before) {
    const Key key{was.study_id, was.topic, was.label};
    seen.insert(key);
    auto it = now.find(key);
    const std::string what = "study " + was.study + " -> " + was.topic + " " + was.label;
    if (it == now.end()) {
      ++out.links_dropped;
      out.details.push_back(what + " (inferred, " + was.stance + ", score " + score_text(was.score) +
                            "): dropped; the rewritten recommendation no longer scores it above the bar, or is gone");
    } else if (it->second->stance != was.stance || std::fabs(it->second->score - was.score) > 1e-9) {
      ++out.links_rescored;
      out.details.push_back(what + ": re-scored, " + was.stance + " " + score_text(was.score) + " -> " +
                            it->second->stance + " " + score_text(it->second->score));
    } else {
      ++out.links_kept;
    }
  }
  for (const auto& [key, link] : now)
    if (seen.count(key) == 0) ++out.links_added;
}

}  // namespace

Result<std::vector<ImportedLink>> read_imported_links(Database& db, const std::vector<std::int64_t>& topic_ids) {
  auto st = db.prepare(std::string("SELECT l.study_id, ") + kStudyName +
                       ", t.slug, r.label, l.stance, l.score FROM new_evidence_links l"
                       " JOIN recommendations r ON r.id = l.recommendation_id JOIN topics t ON t.id = r.topic_id"
                       " JOIN studies s ON s.id = l.study_id WHERE r.topic_id IN (SELECT value FROM json_each(?))"
                       " ORDER BY t.slug, r.id, l.study_id");
  if (!st.ok()) return st.status();
  st->bind(1, json_id_list(topic_ids));
  std::vector<ImportedLink> links;
  while (st->step())
    links.push_back({st->column_int(0), st->column_text(1), st->column_text(2), st->column_text(3), st->column_text(4),
                     st->column_double(5)});
  if (!st->status().ok()) return st->status();
  return links;
}

Result<CarriedForward> carry_forward_imports(Database& db, const std::set<std::int64_t>& rewritten,
                                             const std::vector<ImportedLink>& before) {
  CarriedForward out;
  auto released = settle_uncited(db, out);
  if (!released.ok()) return released.status();
  if (Status s = adopt_cited(db, out); !s.ok()) return s;
  auto redesigned = redesign_rewritten(db, rewritten);
  if (!redesigned.ok()) return redesigned.status();
  out.redesigned_references = static_cast<int>(redesigned->size());
  // The linker reads the recommendations as rewritten, so it loads after them.
  auto linker = ImportLinker::load(db);
  if (!linker.ok()) return linker.status();
  for (std::int64_t ref_id : *redesigned)
    if (auto relinked = (*linker)->rescore_reference(ref_id); !relinked.ok()) return relinked.status();
  if (Status s = relink_imported(db, **linker, rewritten, {released->begin(), released->end()}); !s.ok()) return s;
  linker->reset();

  auto after = read_imported_links(db, ids_of(rewritten));
  if (!after.ok()) return after.status();
  compare_links(before, *after, out);
  auto imported = read_count(db, "SELECT count(DISTINCT study_id) FROM import_records");
  if (!imported.ok()) return imported.status();
  out.imported_studies = static_cast<int>(*imported);
  auto enriched = read_count(db, "SELECT count(DISTINCT study_id) FROM study_enrichments");
  if (!enriched.ok()) return enriched.status();
  out.enriched_studies = static_cast<int>(*enriched);
  return out;
}

}  // namespace kb
