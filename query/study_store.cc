#include "query/study_store.h"

#include <algorithm>
#include <cctype>

#include "kb/text.h"
#include "query/recommendation_store.h"

namespace kb {

Result<std::unique_ptr<StudyStore>> StudyStore::prepare(Database& db) {
  std::unique_ptr<StudyStore> store(new StudyStore());
  const std::pair<Statement*, const char*> preps[] = {
      {&store->study_,
       "SELECT id, origin, pmid, doi, title, authors, first_author, journal, journal_title, year, volume, issue, pages,"
       " design, level, design_reason, abstract, citation_key, language, month FROM studies WHERE id = ?"},
      {&store->types_, "SELECT name FROM publication_types WHERE study_id = ? ORDER BY position"},
      {&store->mesh_, "SELECT descriptor, major, qualifiers FROM mesh_headings WHERE study_id = ? ORDER BY position"},
      {&store->citing_,
       "SELECT t.slug, r.number FROM refs r JOIN topics t ON t.id = r.topic_id WHERE r.study_id = ?"
       " ORDER BY t.slug, r.number"},
      {&store->records_,
       "SELECT i.path, r.source_line, r.matched_by, r.confidence, r.detail, r.id FROM import_records r"
       " JOIN imports i ON i.id = r.import_id WHERE r.study_id = ? ORDER BY r.id"},
      {&store->enrichments_, "SELECT field FROM study_enrichments WHERE record_id = ? ORDER BY field"},
      {&store->linked_,
       "SELECT t.slug, r.label, n.stance, n.score, n.basis FROM new_evidence_links n"
       " JOIN recommendations r ON r.id = n.recommendation_id JOIN topics t ON t.id = r.topic_id"
       " WHERE n.study_id = ? ORDER BY t.slug, r.id"},
  };
  for (auto [target, sql] : preps) {
    auto st = db.prepare(sql);
    if (!st.ok()) return st.status();
    *target = std::move(st.value());
  }
  return store;
}

std::string publication_month(std::int64_t year, const std::string& month) {
  if (year <= 0) return "";
  std::string y = std::to_string(year);
  if (!month.empty() && month.size() <= 2 && std::all_of(month.begin(), month.end(), ::isdigit)) {
    int m = std::stoi(month);
    if (m >= 1 && m <= 12) return y + (m < 10 ? "-0" : "-") + std::to_string(m);
  }
  std::string iso = iso_month(month + " " + y);  // "Mar 2022" -> "2022-03"; a season gives nothing
  return iso.empty() ? y : iso;
}

namespace {

std::string text_or_empty(const Statement& st, int col) { return st.column_is_null(col) ? "" : st.column_text(col); }

}  // namespace

Result<Json> StudyStore::read(std::int64_t study_id) {
  Json j;
  study_.bind(1, study_id);
  Status read = study_.each([&](const Statement& row) {
    Json authors = Json::array();
    for (const std::string& a : split(row.column_text(5), ','))
      if (!trim(a).empty()) authors.push_back(std::string(trim(a)));
    if (authors.empty() && !row.column_text(6).empty()) authors.push_back(row.column_text(6));
    j = {{"id", study_id},
         {"origin", row.column_text(1)},
         {"pmid", text_or_empty(row, 2)},
         {"doi", text_or_empty(row, 3)},
         {"title", row.column_text(4)},
         {"authors", authors},
         {"journal", row.column_text(7)},
         {"journal_title", row.column_text(8)},
         {"year", row.column_is_null(9) ? Json(nullptr) : Json(row.column_int(9))},
         {"volume", row.column_text(10)},
         {"issue", row.column_text(11)},
         {"pages", row.column_text(12)},
         {"design", row.column_text(13)},
         {"level", row.column_int(14)},
         {"design_reason", row.column_text(15)},
         {"abstract", row.column_text(16)},
         {"citation_key", text_or_empty(row, 17)},
         {"language", row.column_text(18)},
         {"published", publication_month(row.column_is_null(9) ? 0 : row.column_int(9), row.column_text(19))}};
  });
  if (!read.ok()) return read;
  if (j.is_null()) return Status::NotFound("no study " + std::to_string(study_id));

  Json types = Json::array();
  types_.bind(1, study_id);
  read = types_.each([&](const Statement& row) { types.push_back(row.column_text(0)); });
  if (!read.ok()) return read;
  j["publication_types"] = types;

  Json mesh = Json::array(), headings = Json::array();
  mesh_.bind(1, study_id);
  read = mesh_.each([&](const Statement& row) {
    const bool major = row.column_int(1) != 0;
    std::string printed = major ? "*" : "";
    printed.append(row.column_text(0));
    Json qualifiers = Json::array();
    for (const std::string& q : split(row.column_text(2), ','))
      if (!trim(q).empty()) {
        printed.append("/").append(trim(q));
        qualifiers.push_back(std::string(trim(q)));
      }
    mesh.push_back(printed);
    headings.push_back({{"descriptor", row.column_text(0)}, {"major", major}, {"qualifiers", qualifiers}});
  });
  if (!read.ok()) return read;
  j["mesh"] = mesh;
  j["mesh_headings"] = headings;

  Json matches = Json::array();
  citing_.bind(1, study_id);
  read = citing_.each([&](const Statement& row) {
    matches.push_back({{"topic", row.column_text(0)}, {"number", row.column_int(1)}});
  });
  if (!read.ok()) return read;
  j["matches"] = matches;

  Json imports = Json::array();
  records_.bind(1, study_id);
  read = records_.each([&](const Statement& row) -> Status {
    Json filled = Json::array();
    enrichments_.bind(1, row.column_int(5));
    Status s = enrichments_.each([&](const Statement& field) { filled.push_back(field.column_text(0)); });
    if (!s.ok()) return s;
    imports.push_back({{"file", row.column_text(0)},
                       {"line", row.column_int(1)},
                       {"matched_by", row.column_text(2)},
                       {"confidence", row.column_double(3)},
                       {"detail", row.column_text(4)},
                       {"filled", filled}});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  j["imports"] = imports;

  Json linked = Json::array();
  linked_.bind(1, study_id);
  read = linked_.each([&](const Statement& row) -> Status {
    auto stance = stored_stance(row.column_text(2));
    if (!stance.ok()) return stance.status();
    linked.push_back({{"topic", row.column_text(0)}, {"recommendation", row.column_text(1)},
                      {"link", to_string(LinkSource::Inferred)}, {"stance", to_string(*stance)},
                      {"score", row.column_double(3)}, {"basis", row.column_text(4)}});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  j["recommendations"] = linked;
  return j;
}

}  // namespace kb
