#include "query/audit.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "kb/text.h"
#include "query/evidence_summary.h"
#include "query/recommendation_store.h"
#include "query/study_store.h"

namespace kb {

std::optional<int> months_between(const std::string& from, const std::string& to) {
  auto parse = [](const std::string& s) -> std::optional<int> {
    if (s.size() < 7 || s[4] != '-') return std::nullopt;
    try {
      return std::stoi(s.substr(0, 4)) * 12 + std::stoi(s.substr(5, 2)) - 1;
    } catch (...) {
      return std::nullopt;
    }
  };
  auto a = parse(from), b = parse(to);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

namespace {

// Why a study added later may change a recommendation, or nothing when it may not.
std::vector<std::string> reasons_it_may_change(const Json& study, const std::string& review_through,
                                               std::optional<int> strongest_level, const std::string& strongest) {
  std::vector<std::string> why;
  const std::string published = study["published"].get<std::string>();
  if (!review_through.empty() && !published.empty()) {
    if (published.size() >= 7) {
      if (published > review_through) why.push_back("published " + published + ", after the literature review (through " + review_through + ")");
    } else if (published > review_through.substr(0, 4)) {
      why.push_back("published " + published + ", after the literature review (through " + review_through + ")");
    } else if (published == review_through.substr(0, 4)) {
      why.push_back("published in " + published + ", the year the literature review runs through (month not known)");
    }
  }
  const int level = study["level"].get<int>();
  if (!strongest_level)
    why.push_back("level " + std::to_string(level) + " (" + study["design"].get<std::string>() +
                  "): the recommendation has no other evidence linked");
  else if (level < *strongest_level)
    why.push_back("level " + std::to_string(level) + " (" + study["design"].get<std::string>() +
                  "), stronger than the level " + std::to_string(*strongest_level) + " (" + strongest +
                  ") it rests on");
  return why;
}

}  // namespace

Result<Json> audit_topic(Database& db, std::int64_t topic_id, const std::string& today) {
  auto topic = db.prepare("SELECT slug, title, truncated, review_current_through, last_updated,"
                          " (SELECT count(*) FROM refs WHERE topic_id = topics.id) FROM topics WHERE id = ?");
  if (!topic.ok()) return topic.status();
  topic->bind(1, topic_id);
  std::string review;
  Json out;
  Status read = topic->each([&](const Statement& row) {
    review = row.column_is_null(3) ? "" : row.column_text(3);
    out = {{"topic", row.column_text(0)},
           {"title", row.column_text(1)},
           {"truncated", row.column_int(2) != 0},
           {"review_current_through", review},
           {"last_updated", row.column_is_null(4) ? "" : row.column_text(4)},
           {"references", row.column_int(5)}};
  });
  if (!read.ok()) return read;
  if (out.is_null()) return Status::NotFound("no topic " + std::to_string(topic_id));
  auto since = months_between(review, today);
  out["months_since_review"] = since ? Json(*since) : Json(nullptr);

  Json uncited = Json::array();
  auto uncited_st = db.prepare("SELECT number FROM refs r WHERE topic_id = ? AND NOT EXISTS"
                               " (SELECT 1 FROM citations c WHERE c.reference_id = r.id) ORDER BY number");
  if (!uncited_st.ok()) return uncited_st.status();
  uncited_st->bind(1, topic_id);
  read = uncited_st->each([&](const Statement& row) { uncited.push_back(row.column_int(0)); });
  if (!read.ok()) return read;
  out["uncited_references"] = uncited;

  Json duplicates = Json::array();
  auto dup_st = db.prepare("SELECT group_concat(number, ',') FROM (SELECT study_id, number FROM refs WHERE topic_id = ?"
                           " AND study_id IS NOT NULL ORDER BY number) GROUP BY study_id HAVING count(*) > 1");
  if (!dup_st.ok()) return dup_st.status();
  dup_st->bind(1, topic_id);
  read = dup_st->each([&](const Statement& row) {
    Json numbers = Json::array();
    for (const std::string& n : split(row.column_text(0), ',')) numbers.push_back(std::stoi(n));
    duplicates.push_back(numbers);
  });
  if (!read.ok()) return read;
  out["duplicate_references"] = duplicates;

  auto recs = db.prepare("SELECT r.id, r.label, r.text, r.direction, p.label FROM recommendations r"
                         " LEFT JOIN recommendations p ON p.id = r.parent_id WHERE r.topic_id = ? ORDER BY r.id");
  auto added = db.prepare("SELECT study_id, stance, score, basis FROM new_evidence_links WHERE recommendation_id = ?"
                          " ORDER BY score DESC");
  auto store = StudyStore::prepare(db);
  auto summarizer = EvidenceSummarizer::prepare(db);
  if (!recs.ok()) return recs.status();
  if (!added.ok()) return added.status();
  if (!store.ok()) return store.status();
  if (!summarizer.ok()) return summarizer.status();
  out["recommendations"] = Json::array();
  recs->bind(1, topic_id);
  read = recs->each([&](const Statement& row) -> Status {
    const std::int64_t rec_id = row.column_int(0);
    auto summary = (*summarizer)->summarize(rec_id);
    if (!summary.ok()) return summary.status();
    const EvidenceSummary& e = *summary;
    Json rec = {{"id", row.column_text(1)},
                {"text", row.column_text(2)},
                {"direction", row.column_text(3)},
                {"exception_to", row.column_is_null(4) ? "" : row.column_text(4)}};
    rec.update(e.to_json());
    const bool only_inferred = e.by_link.count(LinkSource::Cited) == 0 && e.by_link.count(LinkSource::Curated) == 0;

    Json gaps = Json::array();
    if (e.studies == 0) gaps.push_back("no study linked: the text cites none for it and the indexer inferred none");
    else if (only_inferred)
      gaps.push_back("no study cited for it in the text or a links file: every link is the indexer's inference");
    if (e.studies > 0 && !e.has_rct && !e.has_pooled_trials) gaps.push_back("no randomised evidence");
    if (e.newest_year && !review.empty()) {
      auto age = months_between(std::to_string(*e.newest_year) + "-12", review);
      if (age && *age >= 60)
        gaps.push_back("newest study " + std::to_string(*e.newest_year) + ", " + std::to_string(*age / 12) +
                       " years before the literature review");
    }
    rec["gaps"] = gaps;

    Json fresh = Json::array();
    added->bind(1, rec_id);
    Status added_read = added->each([&](const Statement& link) -> Status {
      auto study = (*store)->read(link.column_int(0));
      if (!study.ok()) return study.status();
      auto stance = stored_stance(link.column_text(1));
      if (!stance.ok()) return stance.status();
      auto why = reasons_it_may_change(*study, review, e.strongest_level, e.strongest_design);
      if (why.empty()) return Status::Ok();
      Json s = *study;
      s["link"] = to_string(LinkSource::Inferred);  // a new study's links are all the indexer's
      s["stance"] = to_string(*stance);
      s["score"] = link.column_double(2);
      s["basis"] = link.column_text(3);
      s["why"] = why;
      fresh.push_back(s);
      return Status::Ok();
    });
    if (!added_read.ok()) return added_read;
    rec["new_evidence"] = fresh;
    out["recommendations"].push_back(rec);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

}  // namespace kb
