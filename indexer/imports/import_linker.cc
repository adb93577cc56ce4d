#include "indexer/imports/import_linker.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "kb/design.h"
#include "kb/relevance/link_policy.h"
#include "kb/relevance/profile_store.h"
#include "kb/stored_synonyms.h"

namespace kb {

namespace {

Result<Statement> prepared(Database& db, const char* sql) { return db.prepare(sql); }

}  // namespace

Result<std::size_t> ImportLinker::rank_of(std::int64_t rec_id, double score, std::optional<std::int64_t> ref_id,
                                          std::optional<std::int64_t> study_id) {
  rank_read_.bind(1, rec_id).bind(2, score);
  if (ref_id) rank_read_.bind(3, *ref_id);
  else rank_read_.bind_null(3);
  if (study_id) rank_read_.bind(4, *study_id);
  else rank_read_.bind_null(4);
  std::size_t rank = 0;
  if (rank_read_.step()) rank = static_cast<std::size_t>(rank_read_.column_int(0));
  Status s = rank_read_.status();
  rank_read_.reset();
  if (!s.ok()) return s;
  return rank;
}

Result<std::unique_ptr<ImportLinker>> ImportLinker::load(Database& db) {
  auto groups = read_stored_synonyms(db);
  if (!groups.ok()) return groups.status();
  std::unique_ptr<ImportLinker> linker(new ImportLinker(*groups));
  std::map<std::int64_t, std::size_t> index_of;
  {
    auto st = prepared(db,
                       "SELECT r.id, r.topic_id, r.label, r.direction, NULL, r.parent_id,"
                       " EXISTS (SELECT 1 FROM evidence_links l WHERE l.recommendation_id = r.id"
                       "         AND l.link IN ('cited', 'curated'))"
                       " FROM recommendations r ORDER BY r.id");
    if (!st.ok()) return st.status();
    std::vector<std::pair<std::size_t, std::int64_t>> parents;
    while (st->step()) {
      Rec rec;
      rec.id = st->column_int(0);
      rec.topic_id = st->column_int(1);
      rec.label = st->column_text(2);
      rec.direction = direction_from_string(st->column_text(3)).value_or(Direction::For);
      rec.asserted = st->column_int(6) != 0;
      const std::size_t index = linker->recs_.size();
      if (!st->column_is_null(5)) parents.emplace_back(index, st->column_int(5));
      index_of[rec.id] = index;
      linker->by_topic_[rec.topic_id].push_back(index);
      linker->recs_.push_back(std::move(rec));
    }
    if (!st->status().ok()) return st->status();
    for (auto [child, parent_id] : parents)
      if (auto p = index_of.find(parent_id); p != index_of.end()) linker->recs_[p->second].exceptions.push_back(child);
  }
  {
    auto profiles = read_profiles(db);
    if (!profiles.ok()) return profiles.status();
    for (auto& [rec_id, profile] : *profiles) {
      auto it = index_of.find(rec_id);
      if (it == index_of.end()) continue;
      for (const std::string& term : profile.core) linker->by_core_term_[term].push_back(it->second);
      linker->recs_[it->second].profile = std::move(profile);
    }
  }
  {
    auto st = prepared(db,
                       "SELECT recommendation_id, text FROM recommendation_parts WHERE kind = 'evidence_statement'"
                       " ORDER BY recommendation_id, position");
    if (!st.ok()) return st.status();
    while (st->step())
      if (auto it = index_of.find(st->column_int(0)); it != index_of.end())
        linker->recs_[it->second].evidence_statements.push_back(st->column_text(1));
    if (!st->status().ok()) return st->status();
  }
  {
    auto st = prepared(db, "SELECT topic_id, term FROM topic_concepts");
    if (!st.ok()) return st.status();
    while (st->step()) linker->common_by_topic_[st->column_int(0)].insert(st->column_text(1));
    if (!st->status().ok()) return st->status();
  }
  const std::pair<Statement*, const char*> preps[] = {
      {&linker->new_link_,
       "INSERT OR REPLACE INTO new_evidence_links(recommendation_id, study_id, stance, score, basis) VALUES (?,?,?,?,?)"},
      {&linker->ref_read_, "SELECT topic_id, title, raw, design, level FROM refs WHERE id = ?"},
      // How many of a recommendation's inferred links, the build's and the imports', score
      // higher than ?2 (the link of reference ?3 or study ?4 itself aside): a candidate's rank.
      {&linker->rank_read_,
       "SELECT (SELECT count(*) FROM evidence_links WHERE recommendation_id = ?1 AND link = 'inferred'"
       "        AND score > ?2 AND reference_id IS NOT ?3)"
       "     + (SELECT count(*) FROM new_evidence_links WHERE recommendation_id = ?1 AND score > ?2"
       "        AND study_id IS NOT ?4)"},
      {&linker->inferred_delete_,
       "DELETE FROM evidence_links WHERE recommendation_id = ? AND reference_id = ? AND link = 'inferred'"},
      {&linker->inferred_add_,
       "INSERT OR REPLACE INTO evidence_links(recommendation_id, reference_id, link, stance, score, basis)"
       " VALUES (?, ?, 'inferred', ?, ?, ?)"},
  };
  for (auto [target, sql] : preps) {
    auto st = db.prepare(sql);
    if (!st.ok()) return st.status();
    *target = std::move(st.value());
  }
  return linker;
}

Result<int> ImportLinker::link_new_study(std::int64_t study_id, const Reference& ref, const std::string& about,
                                         const std::set<std::int64_t>* only_topics) {
  const std::set<std::string> concepts = concept_keys(concepts_, ref.title.empty() ? ref.raw : ref.title);
  std::optional<std::set<std::string>> about_concepts;  // computed only for a candidate
  // Only the recommendations whose core the title speaks to can score it.
  std::set<std::size_t> candidates;
  for (const std::string& key : concepts)
    if (auto it = by_core_term_.find(key); it != by_core_term_.end()) candidates.insert(it->second.begin(), it->second.end());
  int made = 0;
  auto add = [&](const Rec& rec, Stance stance, double score, const std::string& basis) -> Status {
    new_link_.bind(1, rec.id).bind(2, study_id).bind(3, std::string_view(to_string(stance))).bind(4, score).bind(5, basis);
    if (Status s = new_link_.run(); !s.ok()) return s;
    ++made;
    return Status::Ok();
  };
  for (std::size_t index : candidates) {
    const Rec& rec = recs_[index];
    if (!rec.profile.scored) continue;
    if (only_topics && only_topics->count(rec.topic_id) == 0) continue;
    if (auto common = common_by_topic_.find(rec.topic_id); common != common_by_topic_.end()) {
      if (!about_concepts) about_concepts = concept_keys(concepts_, about);
      const std::size_t shared = static_cast<std::size_t>(std::count_if(
          common->second.begin(), common->second.end(), [&](const std::string& k) { return about_concepts->count(k) > 0; }));
      if (shared < std::min(kMinTopicConcepts, common->second.size())) continue;
    }
    auto score = score_study(rec.profile, concepts, ref, rec.evidence_statements);
    if (!score) continue;
    // Held to the build's bar and cap: ranked among the links the recommendation has.
    auto rank = rank_of(rec.id, rounded_score(score->score), std::nullopt, study_id);
    if (!rank.ok()) return rank.status();
    if (!passes_threshold(score->score, rec.profile.best, *rank)) continue;
    InferredStance stance = infer_stance(rec.direction, ref, rec.evidence_statements);
    if (Status s = add(rec, stance.stance, rounded_score(score->score), inferred_basis(*score, ref, stance)); !s.ok())
      return s;
    if (stance.stance != Stance::Supports || !bears_on_exception(ref)) continue;
    for (std::size_t child : rec.exceptions)
      if (Status s = add(recs_[child], Stance::Against, rounded_score(score->score), exception_basis(rec.label, ref));
          !s.ok())
        return s;
  }
  return made;
}

Result<int> ImportLinker::rescore_reference(std::int64_t ref_id) {
  ref_read_.bind(1, ref_id);
  if (!ref_read_.step()) {
    Status s = ref_read_.status();
    ref_read_.reset();
    return s.ok() ? Result<int>(0) : Result<int>(s);
  }
  const std::int64_t topic_id = ref_read_.column_int(0);
  Reference ref;
  ref.title = ref_read_.column_text(1);
  ref.raw = ref_read_.column_text(2);
  ref.design = design_from_string(ref_read_.column_text(3)).value_or(Design::Other);
  ref.level = static_cast<int>(ref_read_.column_int(4));
  ref_read_.reset();
  const std::set<std::string> concepts = concept_keys(concepts_, ref.title.empty() ? ref.raw : ref.title);

  int linked = 0;
  auto replace = [&](const Rec& rec, std::optional<std::pair<Stance, double>> link, const std::string& basis) -> Status {
    inferred_delete_.bind(1, rec.id).bind(2, ref_id);
    if (Status s = inferred_delete_.run(); !s.ok()) return s;
    if (link) {
      inferred_add_.bind(1, rec.id).bind(2, ref_id).bind(3, std::string_view(to_string(link->first)))
          .bind(4, link->second).bind(5, basis);
      if (Status s = inferred_add_.run(); !s.ok()) return s;
      ++linked;
    }
    return Status::Ok();
  };
  auto topic = by_topic_.find(topic_id);
  if (topic == by_topic_.end()) return 0;
  for (std::size_t index : topic->second) {
    const Rec& rec = recs_[index];
    if (!rec.profile.scored || rec.asserted) continue;
    auto score = score_study(rec.profile, concepts, ref, rec.evidence_statements);
    std::optional<std::pair<Stance, double>> link;
    std::string basis;
    std::size_t rank = 0;
    if (score) {
      auto ranked = rank_of(rec.id, rounded_score(score->score), ref_id, std::nullopt);
      if (!ranked.ok()) return ranked.status();
      rank = *ranked;
    }
    if (score && passes_threshold(score->score, rec.profile.best, rank)) {
      InferredStance stance = infer_stance(rec.direction, ref, rec.evidence_statements);
      link = std::pair{stance.stance, rounded_score(score->score)};
      basis = inferred_basis(*score, ref, stance);
    }
    if (Status s = replace(rec, link, basis); !s.ok()) return s;
    for (std::size_t child : rec.exceptions) {
      if (recs_[child].asserted) continue;
      std::optional<std::pair<Stance, double>> against;
      if (link && link->first == Stance::Supports && bears_on_exception(ref)) against = std::pair{Stance::Against, link->second};
      if (Status s = replace(recs_[child], against, exception_basis(rec.label, ref)); !s.ok()) return s;
    }
  }
  return linked;
}

}  // namespace kb
