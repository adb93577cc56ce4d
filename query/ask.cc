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
#include "query/ask_candidates.h"
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

// How many candidates each FTS5 index hands over (ask_candidates.h): enough that the
// question's scorer decides; few enough that reading and scoring them costs little.
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
// The references cited by this many of the best passages are read as candidates too.
constexpr int kCitingPassagesRead = 50;
// A recommendation's score grows by this much per e-fold of its linked studies (of the
// stance a "what supports" or "what argues against" question seeks): among those that
// address the question equally, the one whose evidence can be shown comes first.
constexpr double kEvidenceBonus = 0.05;
constexpr double kSoughtEvidenceBonus = 0.15;
// Another topic's recommendation must come from a topic holding this share of what the best
// topic holds of the question.
constexpr double kOtherTopicCover = 0.75;

// An FTS5 expression for the question's concepts the KB holds (everyday words aside): what
// the passages shown highlight.
std::string highlight_expression(const Question& q) {
  std::string out;
  for (const QuestionConcept& c : q.concepts) {
    if (!c.known || c.role == WordRole::Everyday) continue;
    const std::string e = concept_expression(c);
    if (e.empty()) continue;
    out += (out.empty() ? "(" : " OR (") + e + ")";
  }
  return out;
}

std::string json_ids(const std::set<std::int64_t>& ids) { return json_id_list(std::vector<std::int64_t>(ids.begin(), ids.end())); }

Result<std::set<std::int64_t>> read_ids(Statement& st) {
  std::set<std::int64_t> ids;
  Status read = st.each([&](const Statement& row) { ids.insert(row.column_int(0)); });
  if (!read.ok()) return read;
  return ids;
}

// The passages' texts with the question's words between \x01 and \x02, as search shows them.
Status highlight(Database& db, const std::string& expression, std::vector<RankedPassage>& passages) {
  if (expression.empty() || passages.empty()) return Status::Ok();
  auto st = db.prepare("SELECT snippet(sentences_fts, 0, char(1), char(2), '…', 40) FROM sentences_fts"
                       " WHERE sentences_fts MATCH ?1 AND rowid = ?2");
  if (!st.ok()) return st.status();
  for (RankedPassage& p : passages) {
    st->bind(1, expression).bind(2, p.hit.sentence_id);
    Status s = st->each([&](const Statement& row) { p.hit.snippet = row.column_text(0); });
    if (!s.ok()) return s;
  }
  return Status::Ok();
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

// The recommendations a sentence of SENTENCES restates or leads into ("ACIP recommends the
// following:"), of TOPIC_ID when given.
Result<std::set<std::int64_t>> recommendations_of_sentences(Database& db, const std::vector<std::int64_t>& sentences,
                                                            std::optional<std::int64_t> topic_id) {
  auto st = db.prepare(
      "SELECT rs.recommendation_id FROM recommendation_sentences rs JOIN recommendations rec ON rec.id = rs.recommendation_id"
      " WHERE rs.sentence_id IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR rec.topic_id = ?2)");
  if (!st.ok()) return st.status();
  st->bind(1, json_id_list(sentences));
  if (topic_id) st->bind(2, *topic_id);
  else st->bind_null(2);
  return read_ids(*st);
}

struct ReferenceCandidate {
  StoredReference ref;
  StudyConcepts concepts;
};

// The references with these ids (or citing the studies with these ids), those of another
// topic than TOPIC_ID left out, with their titles' and (from imports) abstracts' concepts.
Result<std::vector<ReferenceCandidate>> read_reference_candidates(Database& db, const ConceptIndex& index,
                                                                  const std::vector<std::int64_t>& ids, bool by_study,
                                                                  std::optional<std::int64_t> topic_id) {
  std::vector<ReferenceCandidate> out;
  if (ids.empty()) return out;
  auto st = db.prepare(std::string("SELECT ") + kReferenceColumns + " FROM refs r JOIN topics t ON t.id = r.topic_id WHERE " +
                       (by_study ? "r.study_id" : "r.id") + " IN (SELECT value FROM json_each(?1)) AND (?2 IS NULL OR r.topic_id = ?2)");
  if (!st.ok()) return st.status();
  st->bind(1, json_id_list(ids));
  if (topic_id) st->bind(2, *topic_id);
  else st->bind_null(2);
  auto refs = read_references(db, *st);
  if (!refs.ok()) return refs.status();
  // What an import brought: the abstract and MeSH headings of the study.
  auto about = db.prepare(
      "SELECT s.abstract || ' ' || coalesce((SELECT group_concat(descriptor, '; ') FROM mesh_headings m"
      "   WHERE m.study_id = s.id), '') FROM refs r JOIN studies s ON s.id = r.study_id WHERE r.id = ?");
  if (!about.ok()) return about.status();
  for (StoredReference& ref : *refs) {
    ReferenceCandidate c{std::move(ref), {}};
    c.concepts.title = text_concepts(index, c.ref.ref.title.empty() ? c.ref.ref.raw : c.ref.ref.title);
    about->bind(1, c.ref.id);
    Status read = about->each([&](const Statement& row) { c.concepts.abstract = text_concepts(index, row.column_text(0)); });
    if (!read.ok()) return read;
    out.push_back(std::move(c));
  }
  return out;
}

// The topic TOPIC_ID, or else the topic SLUG.
Result<std::optional<AnswerTopic>> topic_summary(Database& db, std::optional<std::int64_t> topic_id, const std::string& slug) {
  auto st = db.prepare("SELECT slug, title, truncated, (SELECT count(*) FROM sections s WHERE s.topic_id = t.id)"
                       " FROM topics t WHERE id = ?1 OR (?1 IS NULL AND slug = ?2)");
  if (!st.ok()) return st.status();
  if (topic_id) st->bind(1, *topic_id);
  else st->bind_null(1);
  st->bind(2, slug);
  std::optional<AnswerTopic> out;
  Status read = st->each([&](const Statement& row) {
    out = AnswerTopic{row.column_text(0), row.column_text(1), row.column_int(2) != 0, static_cast<int>(row.column_int(3))};
  });
  if (!read.ok()) return read;
  return out;
}

// The recommendation as printed, with its restatements and conditions.
std::string printed_text(const StoredRecommendation& rec) {
  std::string text = rec.text;
  for (const std::string& s : rec.restatements) text.append(" ").append(s);
  for (const std::string& s : rec.conditions) text.append(" ").append(s);
  return text;
}

}  // namespace

namespace {

// What kind of answer A is, in words.
std::string describe(const Answer& a) {
  const Question& q = a.question;
  const std::string subject = q.subject().empty() ? "it" : q.subject();
  if (a.kind == AnswerKind::Recommendations) {
    const auto addressing =
        std::count_if(a.recommendations.begin(), a.recommendations.end(), [](const auto& r) { return r.addresses; });
    return std::to_string(addressing) + (addressing == 1 ? " recommendation" : " recommendations") + " of the KB address " +
           subject + ".";
  }
  if (a.kind == AnswerKind::Fact) return "A question of fact: the passages that answer it, with the references they cite.";
  if (q.has_unknown_focus() || !a.mentioned || !a.topic) {
    const std::vector<std::string> unknown = q.unknown();
    return "The KB holds no recommendation on " + subject +
           (unknown.empty() ? std::string(".") : "; no topic mentions " + join(unknown, ", ") + ".");
  }
  std::string out = "No recommendation in the available text of " + a.topic->title + " addresses " + subject;
  if (a.topic->truncated) out += "; the text stops at a paywall after section " + std::to_string(a.topic->sections);
  out += a.passages.empty() ? ", and no passage of it mentions it. Below: the studies in the reference lists on the question."
                            : ". Below: the studies in the reference lists on the question and the passages that mention it.";
  return out;
}

// The answer from the topic of REQUEST, or from the whole KB, with the question's words
// weighed by STATISTICS.
Result<Answer> answer_in_scope(KbReader& kb, const AskRequest& request, const ConceptIndex& index,
                               const TermStatistics& statistics) {
  Database& db = kb.db();
  Answer answer;
  answer.question = understand_question(request.question, index, statistics);
  const Question& q = answer.question;
  if (q.concepts.empty())
    return Status::Usage("the question '" + request.question +
                         "' names nothing to look for; ask about a treatment, a condition or a study (\"What supports "
                         "surgery of the primary tumor?\")");
  const double total = std::max(q.total_weight(), 1e-9);

  // Which topics hold which of the question's concepts, as far as the candidates show.
  std::map<std::string, std::set<std::string>> topic_concepts_seen;
  auto note_topic = [&](const std::string& slug, const std::vector<std::string>& keys) {
    topic_concepts_seen[slug].insert(keys.begin(), keys.end());
  };

  // Passages: the best candidates of the sentence index, scored against the question.
  std::vector<RankedPassage> passages;
  auto sentence_rows = candidate_rows(db, FtsIndex::Sentences, q, request.topic_id, kCandidatePassages);
  if (!sentence_rows.ok()) return sentence_rows.status();
  {
    auto read = read_passages(kb, *sentence_rows, request.topic_id);
    if (!read.ok()) return read.status();
    for (SearchHit& hit : *read) {
      QuestionMatch m = match_passage(q, text_concepts(index, hit.text), hit.text, !hit.citations.empty());
      note_topic(hit.topic, m.matched);
      // Below 0: mentions it, does not address it.
      const double score = m.addresses ? m.score / total : -1 - m.score / total;
      passages.push_back({std::move(hit), score, m.matched});
    }
  }

  // References: the best candidates of the reference index (and of the studies' abstracts,
  // once an import brought some), and those the passages on the question cite.
  std::vector<ReferenceCandidate> references;
  {
    auto rows = candidate_rows(db, FtsIndex::References, q, request.topic_id, kCandidateReferences);
    if (!rows.ok()) return rows.status();
    auto found = read_reference_candidates(db, index, *rows, false, request.topic_id);
    if (!found.ok()) return found.status();
    references = std::move(found.value());
    auto imported = db.prepare("SELECT EXISTS (SELECT 1 FROM imports)");
    if (!imported.ok()) return imported.status();
    bool any_import = false;
    if (Status s = imported->each([&](const Statement& row) { any_import = row.column_int(0) != 0; }); !s.ok()) return s;
    if (any_import) {
      auto study_rows = candidate_rows(db, FtsIndex::Studies, q, std::nullopt, kCandidateReferences);
      if (!study_rows.ok()) return study_rows.status();
      auto by_study = read_reference_candidates(db, index, *study_rows, true, request.topic_id);
      if (!by_study.ok()) return by_study.status();
      std::set<std::int64_t> have;
      for (const ReferenceCandidate& c : references) have.insert(c.ref.id);
      for (ReferenceCandidate& c : *by_study)
        if (have.insert(c.ref.id).second) references.push_back(std::move(c));
    }
  }
  {
    // What the best passages on the question cite, read in one go.
    auto id_of = db.prepare("SELECT r.id FROM refs r JOIN topics t ON t.id = r.topic_id WHERE t.slug = ? AND r.number = ?");
    if (!id_of.ok()) return id_of.status();
    std::set<std::pair<std::string, int>> have;
    for (const ReferenceCandidate& c : references) have.insert({c.ref.topic, c.ref.number});
    std::vector<std::int64_t> cited;
    int read = 0;
    for (const RankedPassage& p : passages) {
      if (p.score < 0 || read >= kCitingPassagesRead) continue;
      ++read;
      for (int n : p.hit.citations) {
        if (!have.insert({p.hit.topic, n}).second) continue;
        id_of->bind(1, p.hit.topic).bind(2, n);
        Status s = id_of->each([&](const Statement& row) { cited.push_back(row.column_int(0)); });
        if (!s.ok()) return s;
      }
    }
    auto found = read_reference_candidates(db, index, cited, false, std::nullopt);
    if (!found.ok()) return found.status();
    for (ReferenceCandidate& c : *found) references.push_back(std::move(c));
  }
  // What each passage speaks of, read once however many references it cites.
  std::vector<TextConcepts> passage_concepts(passages.size());
  std::map<std::pair<std::string, int>, std::vector<const TextConcepts*>> citing_text;  // (topic, number) -> passages
  for (std::size_t i = 0; i < passages.size(); ++i) {
    const RankedPassage& p = passages[i];
    if (p.hit.citations.empty()) continue;
    passage_concepts[i] = text_concepts(index, p.hit.text);
    for (int n : p.hit.citations) citing_text[{p.hit.topic, n}].push_back(&passage_concepts[i]);
  }
  std::vector<RankedReference> question_refs;
  for (ReferenceCandidate& c : references) {
    if (auto it = citing_text.find({c.ref.topic, c.ref.number}); it != citing_text.end())
      for (const TextConcepts* passage : it->second) {
        c.concepts.citing.keys.insert(passage->keys.begin(), passage->keys.end());
        c.concepts.citing.stems.insert(passage->stems.begin(), passage->stems.end());
      }
    QuestionMatch m = match_study(q, c.concepts, c.ref.ref.design);
    std::vector<std::string> in_title;
    for (const QuestionConcept& qc : q.concepts)
      if (speaks_of(c.concepts.title, qc) > 0) in_title.push_back(qc.key);
    note_topic(c.ref.topic, in_title);
    if (!m.addresses) continue;
    question_refs.push_back({c.ref, m.score / total, "", "question", "", m.matched, std::nullopt});
  }

  // Recommendations: the best candidates of their index, and those the candidate passages
  // restate or lead into; read without their evidence until chosen.
  std::vector<RankedRecommendation> ranked;
  std::map<std::int64_t, StoredRecommendation> loaded;
  {
    auto rows = candidate_rows(db, FtsIndex::Recommendations, q, request.topic_id, kCandidateRecommendations);
    if (!rows.ok()) return rows.status();
    std::set<std::int64_t> ids(rows->begin(), rows->end());
    auto restated = recommendations_of_sentences(db, *sentence_rows, request.topic_id);
    if (!restated.ok()) return restated.status();
    ids.insert(restated->begin(), restated->end());
    const std::vector<std::int64_t> id_list(ids.begin(), ids.end());
    auto recs = load_recommendations(kb, id_list, false);
    if (!recs.ok()) return recs.status();
    auto counts = evidence_counts(kb, id_list);
    if (!counts.ok()) return counts.status();
    // A question about evidence is best answered where the evidence is: what supports the
    // intervention, where the studies for it are; what argues against it, where the studies
    // against it are. A link's stance is toward its recommendation, so for a recommendation
    // against the intervention, the studies for the intervention are those against it.
    auto sought_stance = [&](const StoredRecommendation& rec) -> std::optional<Stance> {
      if (q.intent != Intent::Supports && q.intent != Intent::Against) return std::nullopt;
      const bool for_intervention = q.intent == Intent::Supports;
      const bool rec_against = rec.direction == Direction::Against;
      return for_intervention != rec_against ? Stance::Supports : Stance::Against;
    };
    for (StoredRecommendation& rec : *recs) {
      const RecommendationText concepts = kb::recommendation_text(
          recommendation_words(rec.action, rec.cue, rec.restatements, rec.conditions, rec.exceptions, rec.rationale,
                               rec.evidence_statements),
          index);
      QuestionMatch m = match_recommendation(q, concepts, printed_text(rec));
      note_topic(rec.topic, m.matched);
      loaded[rec.id] = rec;
      if (!m.addresses) continue;
      const std::optional<Stance> sought = sought_stance(rec);
      int linked = 0;
      if (auto c = counts->find(rec.id); c != counts->end())
        for (const auto& [stance, n] : c->second)
          if (!sought || stance == sought) linked += n;
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
  if (request.topic_id || !best_topic.empty()) {
    auto summary = topic_summary(db, request.topic_id, best_topic);
    if (!summary.ok()) return summary.status();
    answer.topic = *summary;
    if (answer.topic) best_topic = answer.topic->slug;
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
      auto more = load_recommendations(kb, std::vector<std::int64_t>(missing.begin(), missing.end()), false);
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
    for (RankedRecommendation& r : chosen)
      if (Status st = load_evidence(kb, r.rec); !st.ok()) return st;
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
  if (Status st = highlight(db, highlight_expression(q), answer.passages); !st.ok()) return st;

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
                            r.rec.label, to_string(e.link), to_string(e.stance), {}, e.score});
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

  answer.mentioned = best_cover > 0;
  answer.statement = describe(answer);

  // The logic: every recommendation of the sections the answer comes from.
  std::set<std::pair<std::string, int>> sections;
  std::set<std::string> topics;
  for (const RankedRecommendation& r : answer.recommendations) {
    sections.insert({r.rec.topic, r.rec.section});
    topics.insert(r.rec.topic);
  }
  if (!sections.empty()) {
    auto st = db.prepare("SELECT rec.id, t.slug, sc.section FROM recommendations rec JOIN topics t ON t.id = rec.topic_id"
                         " JOIN sentence_context sc ON sc.sentence_id = rec.sentence_id"
                         " WHERE t.slug IN (SELECT value FROM json_each(?))");
    if (!st.ok()) return st.status();
    Json slugs = Json::array();
    for (const std::string& slug : topics) slugs.push_back(slug);
    st->bind(1, slugs.dump());
    std::vector<std::int64_t> ids;
    Status read = st->each([&](const Statement& row) {
      if (sections.count({row.column_text(1), static_cast<int>(row.column_int(2))})) ids.push_back(row.column_int(0));
    });
    if (!read.ok()) return read;
    auto logic = load_recommendations(kb, ids);
    if (!logic.ok()) return logic.status();
    answer.logic = std::move(logic.value());
  }
  return answer;
}

}  // namespace

Result<Answer> answer_question(KbReader& kb, const AskRequest& request) {
  Database& db = kb.db();
  auto groups = read_stored_synonyms(db);
  if (!groups.ok()) return groups.status();
  const ConceptIndex index(*groups);
  // The words are weighed as the whole KB uses them, with --topic too: a topic of thirty
  // sentences is too few to say which of its words are rare.
  auto statistics = KbTermStatistics::open(db);
  if (!statistics.ok()) return statistics.status();
  auto answer = answer_in_scope(kb, request, index, **statistics);
  if (!(*statistics)->status().ok()) return (*statistics)->status();
  return answer;
}

}  // namespace kb
