#include "query/study_store.h"

#include <algorithm>
#include <cctype>

#include "kb/text.h"

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
  study_.bind(1, study_id);
  if (!study_.step()) {
    Status s = study_.status();
    study_.reset();
    return s.ok() ? Status::NotFound("no study " + std::to_string(study_id)) : s;
  }
  Json authors = Json::array();
  for (const std::string& a : split(study_.column_text(5), ','))
    if (!trim(a).empty()) authors.push_back(std::string(trim(a)));
  if (authors.empty() && !study_.column_text(6).empty()) authors.push_back(study_.column_text(6));
  Json j = {{"id", study_id},
            {"origin", study_.column_text(1)},
            {"pmid", text_or_empty(study_, 2)},
            {"doi", text_or_empty(study_, 3)},
            {"title", study_.column_text(4)},
            {"authors", authors},
            {"journal", study_.column_text(7)},
            {"journal_title", study_.column_text(8)},
            {"year", study_.column_is_null(9) ? Json(nullptr) : Json(study_.column_int(9))},
            {"volume", study_.column_text(10)},
            {"issue", study_.column_text(11)},
            {"pages", study_.column_text(12)},
            {"design", study_.column_text(13)},
            {"level", study_.column_int(14)},
            {"design_reason", study_.column_text(15)},
            {"abstract", study_.column_text(16)},
            {"citation_key", text_or_empty(study_, 17)},
            {"language", study_.column_text(18)},
            {"published", publication_month(study_.column_is_null(9) ? 0 : study_.column_int(9), study_.column_text(19))}};
  study_.reset();

  Json types = Json::array();
  types_.bind(1, study_id);
  while (types_.step()) types.push_back(types_.column_text(0));
  types_.reset();
  j["publication_types"] = types;

  Json mesh = Json::array(), headings = Json::array();
  mesh_.bind(1, study_id);
  while (mesh_.step()) {
    const bool major = mesh_.column_int(1) != 0;
    std::string printed = major ? "*" : "";
    printed.append(mesh_.column_text(0));
    Json qualifiers = Json::array();
    for (const std::string& q : split(mesh_.column_text(2), ','))
      if (!trim(q).empty()) {
        printed.append("/").append(trim(q));
        qualifiers.push_back(std::string(trim(q)));
      }
    mesh.push_back(printed);
    headings.push_back({{"descriptor", mesh_.column_text(0)}, {"major", major}, {"qualifiers", qualifiers}});
  }
  mesh_.reset();
  j["mesh"] = mesh;
  j["mesh_headings"] = headings;

  Json matches = Json::array();
  citing_.bind(1, study_id);
  while (citing_.step()) matches.push_back({{"topic", citing_.column_text(0)}, {"number", citing_.column_int(1)}});
  citing_.reset();
  j["matches"] = matches;

  Json imports = Json::array();
  records_.bind(1, study_id);
  while (records_.step()) {
    Json filled = Json::array();
    enrichments_.bind(1, records_.column_int(5));
    while (enrichments_.step()) filled.push_back(enrichments_.column_text(0));
    enrichments_.reset();
    imports.push_back({{"file", records_.column_text(0)},
                       {"line", records_.column_int(1)},
                       {"matched_by", records_.column_text(2)},
                       {"confidence", records_.column_double(3)},
                       {"detail", records_.column_text(4)},
                       {"filled", filled}});
  }
  if (!records_.status().ok()) {
    Status s = records_.status();
    records_.reset();
    return s;
  }
  records_.reset();
  j["imports"] = imports;

  Json linked = Json::array();
  linked_.bind(1, study_id);
  while (linked_.step())
    linked.push_back({{"topic", linked_.column_text(0)}, {"recommendation", linked_.column_text(1)},
                      {"link", "inferred"}, {"stance", linked_.column_text(2)}, {"score", linked_.column_double(3)},
                      {"basis", linked_.column_text(4)}});
  linked_.reset();
  j["recommendations"] = linked;
  return j;
}

}  // namespace kb
