#include "query/ask.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "kb/relevance/design_strength.h"
#include "kb/relevance/question_match.h"
#include "kb/relevance/recommendation_profile.h"
#include "kb/stored_synonyms.h"
#include "kb/text.h"
#include "query/term_statistics.h"

namespace kb {

const char* to_string(AnswerKind kind) {
  switch (kind) {
    case AnswerKind::Recommendations: return "recommendations";
    case AnswerKind::None: return "none";
    case AnswerKind::Fact: return "fact";
  }
  return "none";
}

namespace {

// How many candidates each FTS5 index hands over, best bm25 first: enough that the
// question's scorer, not bm25, decides; few enough that a common word costs little.
constexpr int kCandidatePassages = 200;
constexpr int kCandidateReferences = 200;
constexpr int kCandidateRecommendations = 200;
// Recommendations shown: those within this share of the best score, at most this many rules.
constexpr double kRecommendationShareOfBest = 0.5;
constexpr int kMaxRules = 5;
// How much a topic's holding the question's other concepts lifts what it offers: half of
// a score is the item's own match, half its topic's.
constexpr double kTopicShare = 0.5;
// Studies ranked for the question alone come after a recommendation's own evidence.
constexpr double kQuestionStudyShare = 0.3;
constexpr int kMaxPassages = 5;
// A recommendation's score grows by this much per e-fold of its linked studies (of the
// stance a "what supports" or "what argues against" question seeks): among those that
// address the question equally, the one whose evidence can be shown comes first.
constexpr double kEvidenceBonus = 0.05;
constexpr double kSoughtEvidenceBonus = 0.15;
// Another topic's recommendation must come from a topic holding this share of what the best
// topic holds of the question.
constexpr double kOtherTopicCover = 0.75;

// An FTS5 expression asking for any term of any of CONCEPTS.
std::string any_concept_expression(const std::vector<QuestionConcept>& concepts) {
  std::string out;
  for (const QuestionConcept& c : concepts) {
    if (!c.known) continue;
    for (const std::string& term : c.terms) {
      auto parsed = parse_fts_query("\"" + term + "\"");
      if (!parsed.ok()) continue;
      if (!out.empty()) out.append(" OR ");
      out.append("(").append(parsed->all_terms()).append(")");
    }
  }
  return out;
}

std::set<std::string> keys_of(const ConceptIndex& index, const std::string& text) { return concept_keys(index, text); }

std::string json_ids(const std::set<std::int64_t>& ids) {
  std::string list = "[";
  for (std::int64_t id : ids) list += (list.size() > 1 ? "," : "") + std::to_string(id);
  return list + "]";
}

void bind_topic(Statement& st, int index, std::optional<std::int64_t> topic_id) {
  if (topic_id) st.bind(index, *topic_id);
  else st.bind_null(index);
}

Result<std::set<std::int64_t>> read_ids(Statement& st) {
  std::set<std::int64_t> ids;
  while (st.step()) ids.insert(st.column_int(0));
  if (!st.status().ok()) return st.status();
  return ids;
}

// The recommendations whose text, or a sentence that restates it or leads into it, holds
// a term of EXPRESSION.
Result<std::set<std::int64_t>> candidate_recommendations(Database& db, const std::string& expression,
                                                         std::optional<std::int64_t> topic_id) {
  auto st = db.prepare(
      "SELECT id FROM (SELECT rec.id FROM recommendations_fts f JOIN recommendations rec ON rec.id = f.rowid"
      "   WHERE recommendations_fts MATCH ?1 AND (?2 IS NULL OR rec.topic_id = ?2) ORDER BY f.rank LIMIT ?3)"
      " UNION "
      "SELECT id FROM (SELECT rs.recommendation_id AS id FROM sentences_fts f"
      "   JOIN recommendation_sentences rs ON rs.sentence_id = f.rowid"
      "   JOIN recommendations rec ON rec.id = rs.recommendation_id"
      "   WHERE sentences_fts MATCH ?1 AND (?2 IS NULL OR rec.topic_id = ?2) LIMIT ?3)");
  if (!st.ok()) return st.status();
  st->bind(1, expression);
  bind_topic(*st, 2, topic_id);
  st->bind(3, kCandidateRecommendations);
  return read_ids(*st);
}

// The rules and exceptions of IDS that IDS lacks: a rule is shown with its exceptions.
Result<std::set<std::int64_t>> family_of(Database& db, const std::set<std::int64_t>& ids) {
  auto st = db.prepare(
      "SELECT id FROM recommendations WHERE parent_id IN (SELECT value FROM json_each(?1))"
      " UNION SELECT parent_id FROM recommendations WHERE id IN (SELECT value FROM json_each(?1)) AND parent_id IS NOT NULL"
      " UNION SELECT id FROM recommendations WHERE parent_id IN"
      "   (SELECT parent_id FROM recommendations WHERE id IN (SELECT value FROM json_each(?1)))");
  if (!st.ok()) return st.status();
  st->bind(1, json_ids(ids));
  auto found = read_ids(*st);
  if (!found.ok()) return found.status();
  std::set<std::int64_t> missing;
  for (std::int64_t id : *found)
    if (!ids.count(id)) missing.insert(id);
  return missing;
}

struct ReferenceCandidate {
  StoredReference ref;
  StudyConcepts concepts;
};

// The topic's references whose printed text, or whose study's abstract, holds a term of EXPRESSION.
Result<std::vector<ReferenceCandidate>> candidate_references(Database& db, const ConceptIndex& index,
                                                             const std::string& expression,
                                                             std::optional<std::int64_t> topic_id) {
  auto st = db.prepare(std::string("SELECT ") + kReferenceColumns +
                       " FROM refs r JOIN topics t ON t.id = r.topic_id WHERE r.id IN ("
                       "  SELECT id FROM (SELECT r2.id FROM refs_fts f JOIN refs r2 ON r2.id = f.rowid"
                       "    WHERE refs_fts MATCH ?1 AND (?2 IS NULL OR r2.topic_id = ?2) ORDER BY f.rank LIMIT ?3)"
                       "  UNION SELECT id FROM (SELECT r3.id FROM studies_fts f JOIN refs r3 ON r3.study_id = f.rowid"
                       "    WHERE studies_fts MATCH ?1 AND (?2 IS NULL OR r3.topic_id = ?2) LIMIT ?3))");
  if (!st.ok()) return st.status();
  st->bind(1, expression);
  bind_topic(*st, 2, topic_id);
  st->bind(3, kCandidateReferences);
  auto refs = read_references(db, *st);
  if (!refs.ok()) return refs.status();
  // What an import brought: the abstract, MeSH headings and publication types of the study.
  auto about = db.prepare(
      "SELECT s.abstract || ' ' || coalesce((SELECT group_concat(descriptor, '; ') FROM mesh_headings m"
      "   WHERE m.study_id = s.id), '') FROM refs r JOIN studies s ON s.id = r.study_id WHERE r.id = ?");
  if (!about.ok()) return about.status();
  std::vector<ReferenceCandidate> out;
  for (StoredReference& ref : *refs) {
    ReferenceCandidate c{std::move(ref), {}};
    c.concepts.title = keys_of(index, c.ref.ref.title.empty() ? c.ref.ref.raw : c.ref.ref.title);
    about->bind(1, c.ref.id);
    if (about->step()) c.concepts.abstract = keys_of(index, about->column_text(0));
    about->reset();
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::optional<StoredReference>> numbered_reference(Database& db, const std::string& slug, int number) {
  auto st = db.prepare(std::string("SELECT ") + kReferenceColumns +
                       " FROM refs r JOIN topics t ON t.id = r.topic_id WHERE t.slug = ? AND r.number = ?");
  if (!st.ok()) return st.status();
  st->bind(1, slug).bind(2, number);
  auto found = read_references(db, *st);
  if (!found.ok()) return found.status();
  if (found->empty()) return std::optional<StoredReference>{};
  return std::optional<StoredReference>{found->front()};
}

Result<std::optional<TopicSummary>> topic_summary(Database& db, const std::string& slug) {
  auto st = db.prepare("SELECT slug, title, truncated, (SELECT count(*) FROM sections s WHERE s.topic_id = t.id)"
                       " FROM topics t WHERE slug = ?");
  if (!st.ok()) return st.status();
  st->bind(1, slug);
  std::optional<TopicSummary> out;
  if (st->step())
    out = TopicSummary{st->column_text(0), st->column_text(1), st->column_int(2) != 0, static_cast<int>(st->column_int(3))};
  if (!st->status().ok()) return st->status();
  return out;
}

std::string recommendation_text(const StoredRecommendation& rec) {
  std::string text = rec.text;
  for (const std::string& s : rec.restatements) text.append(" ").append(s);
  for (const std::string& s : rec.conditions) text.append(" ").append(s);
  return text;
}

}  // namespace

Result<Answer> answer_question(KbReader& kb, const AskRequest& request) {
  Database& db = kb.db();
  auto groups = read_stored_synonyms(db);
  if (!groups.ok()) return groups.status();
  const ConceptIndex index(*groups);
  auto statistics = KbTermStatistics::open(db);
  if (!statistics.ok()) return statistics.status();

  Answer answer;
  answer.question = understand_question(request.question, index, **statistics);
  const Question& q = answer.question;
  if (q.concepts.empty())
    return Status::Usage("the question '" + request.question +
                         "' names nothing to look for; ask about a treatment, a condition or a study (\"What supports "
                         "surgery of the primary tumor?\")");
  const double total = std::max(q.total_weight(), 1e-9);
  const std::string expression = any_concept_expression(q.concepts);

  // Which topics hold which of the question's concepts, as far as the candidates show.
  std::map<std::string, std::set<std::string>> topic_concepts_seen;
  auto note_topic = [&](const std::string& slug, const std::vector<std::string>& keys) {
    topic_concepts_seen[slug].insert(keys.begin(), keys.end());
  };

  // Passages.
  std::vector<RankedPassage> passages;
  std::map<std::pair<std::string, int>, std::set<std::string>> citing_concepts;  // (topic, number) -> concepts
  if (!expression.empty()) {
    SearchRequest search;
    search.kinds = {HitKind::Passage};
    search.topic_id = request.topic_id;
    search.limit = kCandidatePassages;
    search.expressions = {expression};
    auto hits = search_kb(kb, search);
    if (!hits.ok()) return hits.status();
    for (SearchHit& hit : hits->hits) {
      const std::set<std::string> keys = keys_of(index, hit.text);
      QuestionMatch m = match_passage(q, keys, hit.text, !hit.citations.empty());
      note_topic(hit.topic, m.matched);
      for (int n : hit.citations) citing_concepts[{hit.topic, n}].insert(keys.begin(), keys.end());
      passages.push_back({std::move(hit), m.score / total, m.matched});
      if (!m.addresses) passages.back().score = -1 - passages.back().score;  // mentions it, does not address it
    }
  }

  // References: the candidates of the indexes, and those the passages on the question cite.
  std::vector<ReferenceCandidate> references;
  if (!expression.empty()) {
    auto found = candidate_references(db, index, expression, request.topic_id);
    if (!found.ok()) return found.status();
    references = std::move(found.value());
  }
  {
    std::set<std::pair<std::string, int>> have;
    for (const ReferenceCandidate& c : references) have.insert({c.ref.topic, c.ref.number});
    for (const RankedPassage& p : passages) {
      if (p.score < 0) continue;
      for (int n : p.hit.citations) {
        if (!have.insert({p.hit.topic, n}).second) continue;
        auto ref = numbered_reference(db, p.hit.topic, n);
        if (!ref.ok()) return ref.status();
        if (!*ref) continue;
        ReferenceCandidate c{std::move(**ref), {}};
        c.concepts.title = keys_of(index, c.ref.ref.title.empty() ? c.ref.ref.raw : c.ref.ref.title);
        references.push_back(std::move(c));
      }
    }
  }
  std::vector<RankedReference> question_refs;
  for (ReferenceCandidate& c : references) {
    if (auto it = citing_concepts.find({c.ref.topic, c.ref.number}); it != citing_concepts.end())
      c.concepts.citing = it->second;
    QuestionMatch m = match_study(q, c.concepts, c.ref.ref.design);
    std::vector<std::string> in_title;
    for (const std::string& k : m.matched)
      if (c.concepts.title.count(k)) in_title.push_back(k);
    note_topic(c.ref.topic, in_title);
    if (!m.addresses) continue;
    question_refs.push_back({c.ref, m.score / total, "", "question", "", m.matched, std::nullopt});
  }

  // Recommendations.
  std::vector<RankedRecommendation> ranked;
  std::map<std::int64_t, StoredRecommendation> loaded;
  if (!expression.empty()) {
    auto ids = candidate_recommendations(db, expression, request.topic_id);
    if (!ids.ok()) return ids.status();
    auto recs = load_recommendations(kb, std::vector<std::int64_t>(ids->begin(), ids->end()));
    if (!recs.ok()) return recs.status();
    for (StoredRecommendation& rec : *recs) {
      const RecommendationConcepts concepts = recommendation_concepts(
          recommendation_words(rec.action, rec.cue, rec.restatements, rec.conditions, rec.exceptions, rec.rationale,
                               rec.evidence_statements),
          index);
      QuestionMatch m = match_recommendation(q, concepts, recommendation_text(rec));
      note_topic(rec.topic, m.matched);
      loaded[rec.id] = rec;
      if (!m.addresses) continue;
      // A question about evidence is best answered where the evidence is: what supports,
      // where the supporting studies are; what argues against, where the studies against are.
      const char* sought = q.intent == Intent::Supports ? "supports" : q.intent == Intent::Against ? "against" : nullptr;
      const auto linked = std::count_if(rec.evidence.begin(), rec.evidence.end(),
                                        [&](const StoredEvidence& e) { return !sought || e.stance == sought; });
      const double bonus = (sought ? kSoughtEvidenceBonus : kEvidenceBonus) * std::log1p(static_cast<double>(linked));
      ranked.push_back({rec, m.score / total * (1 + bonus), m.matched, true, m.focus_coverage});
    }
  }

  // The topic: the one holding most of the question's weight (the one asked about, with --topic).
  auto topic_cover = [&](const std::string& slug) {
    double w = 0;
    auto it = topic_concepts_seen.find(slug);
    if (it == topic_concepts_seen.end()) return 0.0;
    for (const QuestionConcept& c : q.concepts)
      if (it->second.count(c.key)) w += c.weight;
    return w / total;
  };
  auto lifted = [&](double score, const std::string& slug) {
    return score * ((1 - kTopicShare) + kTopicShare * topic_cover(slug));
  };
  std::string best_topic;
  double best_cover = 0;
  for (const auto& [slug, keys] : topic_concepts_seen)
    if (double c = topic_cover(slug); c > best_cover) best_cover = c, best_topic = slug;
  if (request.topic_id) {
    auto topics = kb.topics();
    if (!topics.ok()) return topics.status();
    for (const TopicRef& t : *topics)
      if (t.id == *request.topic_id) best_topic = t.slug;
  }
  if (!best_topic.empty()) {
    auto summary = topic_summary(db, best_topic);
    if (!summary.ok()) return summary.status();
    answer.topic = *summary;
  }

  for (RankedRecommendation& r : ranked) r.score = lifted(r.score, r.rec.topic);
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  // Another topic's recommendation answers only when it covers the whole focus, in a topic
  // that holds nearly as much of the question as the best one does.
  ranked.erase(std::remove_if(ranked.begin(), ranked.end(),
                              [&](const RankedRecommendation& r) {
                                return !best_topic.empty() && r.rec.topic != best_topic &&
                                       (r.focus_coverage < 1 - 1e-9 ||
                                        topic_cover(r.rec.topic) < kOtherTopicCover * best_cover);
                              }),
               ranked.end());
  const double best = ranked.empty() ? 0 : ranked.front().score;

  // A rule is shown with its exceptions after it; an exception that matches brings its rule.
  std::vector<RankedRecommendation> chosen;
  {
    std::set<std::int64_t> top;
    int rules = 0;
    for (const RankedRecommendation& r : ranked) {
      if (r.score < kRecommendationShareOfBest * best || rules >= kMaxRules) break;
      top.insert(r.rec.id);
      if (r.rec.parent.empty()) ++rules;
    }
    if (!top.empty()) {
      auto family = family_of(db, top);
      if (!family.ok()) return family.status();
      std::set<std::int64_t> missing;
      for (std::int64_t id : *family)
        if (!loaded.count(id)) missing.insert(id);
      auto more = load_recommendations(kb, std::vector<std::int64_t>(missing.begin(), missing.end()));
      if (!more.ok()) return more.status();
      for (StoredRecommendation& rec : *more) loaded[rec.id] = rec;
    }
    auto ranked_or_bare = [&](const StoredRecommendation& rec) -> RankedRecommendation {
      auto it = std::find_if(ranked.begin(), ranked.end(), [&](const auto& r) { return r.rec.id == rec.id; });
      return it != ranked.end() ? *it : RankedRecommendation{rec, 0, {}, false, 0};
    };
    auto chosen_has = [&](std::int64_t id) {
      return std::any_of(chosen.begin(), chosen.end(), [&](const auto& c) { return c.rec.id == id; });
    };
    for (const RankedRecommendation& r : ranked) {
      if (!top.count(r.rec.id)) continue;
      const StoredRecommendation* rule = &r.rec;
      if (!r.rec.parent.empty())
        for (const auto& [id, rec] : loaded)
          if (rec.label == r.rec.parent && rec.topic == r.rec.topic) rule = &rec;
      if (chosen_has(rule->id)) continue;
      chosen.push_back(ranked_or_bare(*rule));
      for (const auto& [id, rec] : loaded)
        if (rec.parent == rule->label && rec.topic == rule->topic) chosen.push_back(ranked_or_bare(rec));
    }
  }

  // Passages that address the question first, by their match and their topic's.
  for (RankedPassage& p : passages)
    if (p.score >= 0) p.score = lifted(p.score, p.hit.topic);
  std::stable_sort(passages.begin(), passages.end(), [](const auto& a, const auto& b) {
    const bool ap = a.score >= 0, bp = b.score >= 0;
    if (ap != bp) return ap;
    return ap ? a.score > b.score : a.score < b.score;  // the mentions: the most matched first
  });
  const bool passages_answer = !passages.empty() && passages.front().score >= 0;
  // Only passages that speak of the question's focus: a passage sharing a common word with
  // it is not one that mentions it.
  for (const RankedPassage& p : passages) {
    if (static_cast<int>(answer.passages.size()) >= std::min(request.limit, kMaxPassages) || p.score < 0) break;
    answer.passages.push_back(p);
  }

  // The kind of answer.
  const bool fact_intent = q.intent == Intent::Fact || q.intent == Intent::Dose;
  // A question of fact is answered from the passages, the recommendations on it after them;
  // a question of what dose or how long, by a recommendation that states it, else the passages.
  if (q.intent == Intent::Fact && passages_answer)
    answer.kind = AnswerKind::Fact;
  else if (!chosen.empty())
    answer.kind = AnswerKind::Recommendations;
  else if (fact_intent && passages_answer)
    answer.kind = AnswerKind::Fact;
  else
    answer.kind = AnswerKind::None;
  if (answer.kind == AnswerKind::Recommendations || answer.kind == AnswerKind::Fact) answer.recommendations = chosen;

  // References, best first for this kind of answer.
  for (RankedReference& r : question_refs) r.score = lifted(r.score, r.reference.topic);
  std::stable_sort(question_refs.begin(), question_refs.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  std::map<std::int64_t, RankedReference> seen_refs;
  std::vector<RankedReference> ordered;
  auto push = [&](RankedReference r) {
    if (seen_refs.count(r.reference.id)) return;
    seen_refs.emplace(r.reference.id, r);
    ordered.push_back(std::move(r));
  };
  if (answer.kind == AnswerKind::Recommendations) {
    std::vector<RankedReference> evidence;
    for (const RankedRecommendation& r : answer.recommendations) {
      double top_link = 0;
      for (const StoredEvidence& e : r.rec.evidence) top_link = std::max(top_link, e.score.value_or(0));
      const double relevance = best > 0 ? std::max(r.score, 0.25 * best) / best : 1.0;
      for (const StoredEvidence& e : r.rec.evidence) {
        double link_strength = e.score && top_link > 0 ? 0.5 + 0.5 * (*e.score / top_link) : 1.0;
        evidence.push_back({e.reference, relevance * link_strength * ranking_design_weight(e.reference.ref.design),
                            r.rec.label, e.link, e.stance, {}, e.score});
      }
    }
    std::stable_sort(evidence.begin(), evidence.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
    for (RankedReference& r : evidence) push(std::move(r));
    const double top_question = question_refs.empty() ? 1 : std::max(question_refs.front().score, 1e-9);
    int extra = 0;
    for (RankedReference r : question_refs) {
      if (extra >= request.limit) break;
      r.score = kQuestionStudyShare * r.score / top_question;
      if (!seen_refs.count(r.reference.id)) ++extra;
      push(std::move(r));
    }
  } else {
    if (answer.kind == AnswerKind::Fact) {
      // What the answering passages cite, in their order.
      const double top_question = question_refs.empty() ? 1 : std::max(question_refs.front().score, 1e-9);
      double rank_score = 2.0;
      for (const RankedPassage& p : answer.passages) {
        if (p.score <= 0) break;
        for (int n : p.hit.citations) {
          auto it = std::find_if(references.begin(), references.end(), [&](const ReferenceCandidate& c) {
            return c.ref.topic == p.hit.topic && c.ref.number == n;
          });
          if (it == references.end()) continue;
          push({it->ref, rank_score * top_question, "", "cited_by_passage", "", {}, std::nullopt});
        }
        rank_score *= 0.9;
      }
    }
    int extra = 0;
    for (RankedReference& r : question_refs) {
      if (extra >= request.limit) break;
      if (!seen_refs.count(r.reference.id)) ++extra;
      push(r);
    }
  }
  answer.references = std::move(ordered);

  // What kind of answer this is, in words.
  const std::string subject = q.subject().empty() ? "it" : q.subject();
  if (answer.kind == AnswerKind::Recommendations) {
    answer.statement = std::to_string(std::count_if(answer.recommendations.begin(), answer.recommendations.end(),
                                                    [](const auto& r) { return r.addresses; })) +
                       " recommendation(s) of the KB address " + subject + ".";
  } else if (answer.kind == AnswerKind::Fact) {
    answer.statement = "A question of fact: the passages that answer it, with the references they cite.";
  } else if (q.has_unknown_focus() || best_cover == 0 || !answer.topic) {
    std::vector<std::string> unknown = q.unknown();
    answer.statement = "The KB holds no recommendation on " + subject +
                       (unknown.empty() ? std::string(".") : "; no topic mentions " + join(unknown, ", ") + ".");
  } else {
    answer.statement = "No recommendation in the available text of " + answer.topic->title + " addresses " + subject;
    if (answer.topic->truncated)
      answer.statement += "; the text stops at a paywall after section " + std::to_string(answer.topic->sections);
    answer.statement += answer.passages.empty()
                            ? ", and no passage of it mentions it. Below: the studies in the reference lists on the question."
                            : ". Below: the studies in the reference lists on the question and the passages that mention it.";
  }

  // The logic: every recommendation of the sections the answer comes from.
  std::set<std::pair<std::string, int>> sections;
  std::set<std::string> topics;
  for (const RankedRecommendation& r : answer.recommendations) {
    sections.insert({r.rec.topic, r.rec.section});
    topics.insert(r.rec.topic);
  }
  for (const std::string& slug : topics) {
    auto topic = kb.resolve_topic(slug);
    if (!topic.ok()) return topic.status();
    auto all = load_recommendations(kb, std::optional<std::int64_t>(topic->id));
    if (!all.ok()) return all.status();
    for (StoredRecommendation& rec : *all)
      if (sections.count({rec.topic, rec.section})) answer.logic.push_back(std::move(rec));
  }
  return answer;
}

}  // namespace kb
