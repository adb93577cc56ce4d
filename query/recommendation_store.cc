#include "query/recommendation_store.h"

#include "kb/grade.h"

#include <algorithm>
#include <map>

#include "kb/design.h"

namespace kb {
namespace {

template <class Enum>
Result<Enum> stored(std::optional<Enum> parsed, std::string_view column, std::string_view word, const char* words) {
  if (parsed) return *parsed;
  return Status::Corrupt(std::string(column) + " holds '" + std::string(word) + "', not one of " + words +
                         "; the KB is damaged: rebuild it with `kbindex build`");
}

// What the printed grade says, where its system is known: {"system", "strength", "certainty"}.
Json strength_json(const std::string& grade) {
  auto normal = normalise_grade(grade);
  if (!normal) return Json(nullptr);
  return {{"system", normal->system}, {"strength", normal->strength}, {"certainty", normal->certainty}};
}

}  // namespace

Result<Direction> stored_direction(std::string_view word) {
  return stored(direction_from_string(word), "recommendations.direction", word, "for, against, conditional");
}

Result<LinkSource> stored_link_source(std::string_view word) {
  return stored(link_source_from_string(word), "evidence_links.link", word, "cited, curated, inferred");
}

Result<Stance> stored_stance(std::string_view word) {
  return stored(stance_from_string(word), "a link's stance", word, "supports, against, context");
}

Status load_evidence(KbReader& kb, StoredRecommendation& r) {
  Database& db = kb.db();
  auto links = db.prepare(std::string("SELECT ") + kReferenceColumns +
                          ", l.link, l.stance, l.score, l.basis FROM evidence_links l"
                          " JOIN refs r ON r.id = l.reference_id JOIN topics t ON t.id = r.topic_id"
                          " WHERE l.recommendation_id = ?");
  if (!links.ok()) return links.status();
  links->bind(1, r.id);
  std::vector<StoredEvidence> evidence;
  Status words;  // the first stored word that is not one of its enum's
  auto references = read_references(db, *links, [&](const Statement& row, StoredReference& ref) {
    const int c = kReferenceColumnCount;
    auto link = stored_link_source(row.column_text(c));
    auto stance = stored_stance(row.column_text(c + 1));
    if (!link.ok() || !stance.ok()) {
      if (words.ok()) words = link.ok() ? stance.status() : link.status();
      return;
    }
    StoredEvidence e{ref, *link, *stance, std::nullopt, row.column_text(c + 3)};
    if (!row.column_is_null(c + 2)) e.score = row.column_double(c + 2);
    evidence.push_back(std::move(e));
  });
  if (!references.ok()) return references.status();
  if (!words.ok()) return words;
  r.evidence = std::move(evidence);
  // Strongest first: provenance the text gives (cited, curated) before the indexer's
  // proposals (LinkSource's order), then design (randomised trials first, the vocabulary's
  // order), then score.
  std::stable_sort(r.evidence.begin(), r.evidence.end(), [&](const StoredEvidence& a, const StoredEvidence& b) {
    if (a.link != b.link) return a.link < b.link;
    if (a.reference.ref.design != b.reference.ref.design) return a.reference.ref.design < b.reference.ref.design;
    return a.score.value_or(0) > b.score.value_or(0);
  });
  return Status::Ok();
}

Result<std::map<std::int64_t, std::map<Stance, int>>> evidence_counts(KbReader& kb, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::map<Stance, int>> out;
  if (ids.empty()) return out;
  auto st = kb.db().prepare("SELECT recommendation_id, stance, count(*) FROM evidence_links"
                            " WHERE recommendation_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2");
  if (!st.ok()) return st.status();
  st->bind(1, json_id_list(ids));
  Status read = st->each([&](const Statement& row) -> Status {
    auto stance = stored_stance(row.column_text(1));
    if (!stance.ok()) return stance.status();
    out[row.column_int(0)][*stance] = static_cast<int>(row.column_int(2));
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

namespace {

// Every recommendation of TOPIC_ID (all when empty), or when IDS is given those of its ids
// (a JSON array), in topic and reading order.
Result<std::vector<StoredRecommendation>> load(KbReader& kb, std::optional<std::int64_t> topic_id,
                                               const std::optional<std::string>& ids, bool with_evidence) {
  Database& db = kb.db();
  auto recs = db.prepare(
      std::string("SELECT rec.id, t.slug, rec.label, rec.text, rec.action, rec.direction, rec.cue, rec.grade, rec.rationale,"
      " (SELECT p.label FROM recommendations p WHERE p.id = rec.parent_id), sc.section, sc.paragraph"
      " FROM recommendations rec JOIN topics t ON t.id = rec.topic_id"
      " JOIN sentence_context sc ON sc.sentence_id = rec.sentence_id") +
      std::string(ids ? " WHERE rec.id IN (SELECT value FROM json_each(?1))" : topic_id ? " WHERE rec.topic_id = ?1" : "") +
      " ORDER BY t.slug, rec.id");
  if (!recs.ok()) return recs.status();
  if (ids) recs->bind(1, *ids);
  else if (topic_id) recs->bind(1, *topic_id);
  std::vector<StoredRecommendation> out;
  std::map<std::int64_t, std::size_t> by_id;
  Status read = recs->each([&](const Statement& row) -> Status {
    auto direction = stored_direction(row.column_text(5));
    if (!direction.ok()) return direction.status();
    StoredRecommendation r;
    r.id = row.column_int(0);
    r.topic = row.column_text(1);
    r.label = row.column_text(2);
    r.text = row.column_text(3);
    r.action = row.column_text(4);
    r.direction = *direction;
    r.cue = row.column_text(6);
    r.grade = row.column_text(7);
    r.rationale = row.column_text(8);
    r.parent = row.column_text(9);
    r.section = static_cast<int>(row.column_int(10));
    r.paragraph = static_cast<int>(row.column_int(11));
    by_id[r.id] = out.size();
    out.push_back(std::move(r));
    return Status::Ok();
  });
  if (!read.ok()) return read;

  // Only the rows of the recommendations read, when they are a few of the KB's.
  const std::string only_these = ids        ? " WHERE recommendation_id IN (SELECT value FROM json_each(?1))"
                                 : topic_id ? " WHERE recommendation_id IN (SELECT id FROM recommendations WHERE topic_id = ?1)"
                                            : "";
  auto parts = db.prepare(std::string("SELECT recommendation_id, kind, text FROM recommendation_parts") + only_these +
                          " ORDER BY recommendation_id, kind, position");
  if (!parts.ok()) return parts.status();
  if (ids) parts->bind(1, *ids);
  else if (topic_id) parts->bind(1, *topic_id);
  read = parts->each([&](const Statement& row) {
    auto it = by_id.find(row.column_int(0));
    if (it == by_id.end()) return;
    StoredRecommendation& r = out[it->second];
    std::string kind = row.column_text(1);
    auto& target = kind == "condition" ? r.conditions : kind == "exception" ? r.exceptions
                   : kind == "consideration" ? r.considerations : r.evidence_statements;
    target.push_back(row.column_text(2));
  });
  if (!read.ok()) return read;
  auto restated = db.prepare(std::string("SELECT rs.recommendation_id, s.text FROM recommendation_sentences rs"
                                         " JOIN sentences s ON s.id = rs.sentence_id WHERE rs.role = 'restatement'") +
                             (ids        ? " AND rs.recommendation_id IN (SELECT value FROM json_each(?1))"
                              : topic_id ? " AND rs.recommendation_id IN (SELECT id FROM recommendations WHERE topic_id = ?1)"
                                         : "") +
                             " ORDER BY rs.recommendation_id, s.id");
  if (!restated.ok()) return restated.status();
  if (ids) restated->bind(1, *ids);
  else if (topic_id) restated->bind(1, *topic_id);
  read = restated->each([&](const Statement& row) {
    if (auto it = by_id.find(row.column_int(0)); it != by_id.end())
      out[it->second].restatements.push_back(row.column_text(1));
  });
  if (!read.ok()) return read;

  if (with_evidence)
    for (StoredRecommendation& r : out)
      if (Status st = load_evidence(kb, r); !st.ok()) return st;
  return out;
}

}  // namespace

Result<std::vector<StoredRecommendation>> load_recommendations(KbReader& kb, std::optional<std::int64_t> topic_id) {
  return load(kb, topic_id, std::nullopt, true);
}

Result<std::vector<StoredRecommendation>> load_recommendations(KbReader& kb, const std::vector<std::int64_t>& ids,
                                                               bool with_evidence) {
  if (ids.empty()) return std::vector<StoredRecommendation>{};
  return load(kb, std::nullopt, json_id_list(ids), with_evidence);
}

Json recommendation_json(const StoredRecommendation& r) {
  Json evidence = Json::array();
  for (const StoredEvidence& e : r.evidence) {
    Json item = {{"number", e.reference.number},
                 {"link", to_string(e.link)},
                 {"design", to_string(e.reference.ref.design)},
                 {"level", e.reference.ref.level},
                 {"score", e.score ? Json(*e.score) : Json(nullptr)},
                 {"stance", to_string(e.stance)},
                 {"basis", e.basis},
                 {"year", e.reference.ref.year ? Json(e.reference.ref.year) : Json(nullptr)},
                 {"citation", short_citation(e.reference.ref)},
                 {"title", e.reference.ref.title}};
    evidence.push_back(item);
  }
  return {{"id", r.label},
          {"topic", r.topic},
          {"text", r.text},
          {"action", r.action},
          {"direction", to_string(r.direction)},
          {"grade", r.grade},
          {"strength", strength_json(r.grade)},
          {"conditions", r.conditions},
          {"exceptions", r.exceptions},
          {"rationale", r.rationale},
          {"considerations", r.considerations},
          {"evidence_statements", r.evidence_statements},
          {"restatements", r.restatements},
          {"exception_to", r.parent.empty() ? Json(nullptr) : Json(r.parent)},
          {"section", r.section},
          {"paragraph", r.paragraph},
          {"evidence", evidence}};
}

Result<std::vector<RelyingRecommendation>> recommendations_relying_on(KbReader& kb, std::int64_t reference_id) {
  auto st = kb.db().prepare(
      "SELECT rec.id, rec.label, rec.direction, rec.text, l.link, l.stance, l.score, l.basis FROM evidence_links l"
      " JOIN recommendations rec ON rec.id = l.recommendation_id WHERE l.reference_id = ? ORDER BY rec.id, l.link");
  if (!st.ok()) return st.status();
  st->bind(1, reference_id);
  std::vector<RelyingRecommendation> out;
  Status read = st->each([&](const Statement& row) -> Status {
    auto direction = stored_direction(row.column_text(2));
    if (!direction.ok()) return direction.status();
    auto link = stored_link_source(row.column_text(4));
    if (!link.ok()) return link.status();
    auto stance = stored_stance(row.column_text(5));
    if (!stance.ok()) return stance.status();
    out.push_back({row.column_int(0), row.column_text(1), row.column_text(3), *direction, *link, *stance,
                   row.column_is_null(6) ? std::nullopt : std::optional<double>(row.column_double(6)),
                   row.column_text(7)});
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

Json relying_json(const RelyingRecommendation& r) {
  return {{"id", r.label},
          {"direction", to_string(r.direction)},
          {"text", r.text},
          {"link", to_string(r.link)},
          {"stance", to_string(r.stance)},
          {"score", r.score ? Json(*r.score) : Json(nullptr)},
          {"basis", r.basis}};
}

}  // namespace kb
