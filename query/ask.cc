#include "query/ask.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "kb/design.h"
#include "kb/stored_synonyms.h"
#include "kb/text.h"

namespace kb {

const char* to_string(Intent intent) {
  switch (intent) {
    case Intent::Supports: return "supports";
    case Intent::Against: return "against";
    case Intent::Decision: return "decision";
    case Intent::Definition: return "definition";
    case Intent::Evidence: return "evidence";
  }
  return "evidence";
}

Intent detect_intent(std::string_view question) {
  std::string q = ascii_lower(trim(question));
  auto has = [&](std::string_view w) { return q.find(w) != std::string::npos; };
  auto opens = [&](std::string_view w) { return q.rfind(w, 0) == 0; };
  if (has("against") || has("argue") || has("contradict") || has("oppose") || has("refute")) return Intent::Against;
  if (has("support") || has("evidence for") || has("justif") || has("basis for") || has("based on"))
    return Intent::Supports;
  if (opens("should") || opens("is it") || opens("do we") || opens("do i") || opens("can we") || opens("can i") ||
      opens("would") || opens("when should") || opens("is there a role") || has("should i") || has("should we"))
    return Intent::Decision;
  if (opens("what is") || opens("what are") || opens("define") || opens("who is")) return Intent::Definition;
  return Intent::Evidence;
}

namespace {

// Stems of words that shape a question but are not what it is about.
constexpr std::array<std::string_view, 44> kQuestionStems = {
    "support", "evid",   "studi",  "data",    "argu",   "against", "recommend", "guidelin", "say",   "here",
    "best",    "option", "help",   "need",    "know",   "tell",    "show",      "think",    "role",  "whi",
    "contradict", "oppos", "justifi", "basi", "base",  "literatur", "paper",   "articl",   "question", "approach",
    "given",   "give",   "after",  "befor",   "diseas", "problem", "indic",     "patient",  "us",    "done",
    "receiv",  "consid", "offer",  "about"};

bool is_question_word(const Concept& c) {
  return !c.from_group && std::find(kQuestionStems.begin(), kQuestionStems.end(), c.key) != kQuestionStems.end();
}

// How much a recommendation speaks of each concept: what it advises counts most.
std::map<std::string, double> recommendation_weights(const StoredRecommendation& rec, const ConceptIndex& index) {
  std::map<std::string, double> w;
  auto add = [&](const std::string& text, double weight) {
    for (const Concept& c : index.concepts(text)) w[c.key] = std::max(w[c.key], weight);
  };
  add(rec.text, 1.0);
  add(rec.rationale, 1.0);
  for (const std::string& s : rec.exceptions) add(s, 1.0);
  for (const std::string& s : rec.considerations) add(s, 1.0);
  for (const std::string& s : rec.conditions) add(s, 2.0);
  add(rec.action, 3.0);
  for (const std::string& s : rec.restatements) add(s, 3.0);
  return w;
}

// Evidence strength for ranking: randomised trials first, the vocabulary's order.
double design_weight(Design d) {
  switch (d) {
    case Design::Rct: return 1.0;
    case Design::MetaAnalysis: return 0.95;
    case Design::SystematicReview: return 0.9;
    case Design::ProspectiveCohort: return 0.85;
    case Design::Phase2Trial: return 0.8;
    case Design::RetrospectiveCohort: return 0.7;
    case Design::RegistryAnalysis: return 0.7;
    case Design::CaseControl: return 0.65;
    case Design::CaseSeries: return 0.6;
    case Design::Review: return 0.5;
    case Design::Other: return 0.5;
  }
  return 0.5;
}

// An FTS5 expression asking for any term of each concept, and every concept: the
// question's concepts are ANDed, a concept's synonyms ORed.
std::string concept_expression(const std::vector<AskedConcept>& concepts, bool all) {
  std::string out;
  for (const AskedConcept& c : concepts) {
    std::string group;
    for (const std::string& term : c.terms) {
      auto parsed = parse_fts_query("\"" + term + "\"");
      if (!parsed.ok()) continue;
      if (!group.empty()) group.append(" OR ");
      group.append(parsed->all_terms());
    }
    if (group.empty()) continue;
    if (!out.empty()) out.append(all ? " AND " : " OR ");
    out.append("(").append(group).append(")");
  }
  return out;
}

}  // namespace

std::vector<AskedConcept> question_concepts(std::string_view question, const ConceptIndex& index) {
  std::vector<AskedConcept> out;
  std::set<std::string> seen;
  for (const Concept& c : index.concepts(question)) {
    if (is_question_word(c) || !seen.insert(c.key).second) continue;
    AskedConcept asked{c.key, c.printed, {}};
    asked.terms = c.from_group ? index.terms_of(c.key) : std::vector<std::string>{ascii_lower(fold_diacritics(c.printed))};
    out.push_back(std::move(asked));
  }
  return out;
}

Result<Answer> answer_question(KbReader& kb, const AskRequest& request) {
  Answer answer;
  answer.question = request.question;
  answer.intent = detect_intent(request.question);
  auto groups = read_stored_synonyms(kb.db());
  if (!groups.ok()) return groups.status();
  const ConceptIndex index(*groups);
  answer.concepts = question_concepts(request.question, index);
  if (answer.concepts.empty())
    return Status::Usage("the question '" + request.question +
                         "' names nothing to look for; ask about a treatment, a condition or a study (\"What supports "
                         "surgery of the primary tumor?\")");

  auto all = load_recommendations(kb, request.topic_id);
  if (!all.ok()) return all.status();

  // Recommendations: what they advise and for whom, against what is asked. A concept few
  // recommendations share ("asymptomatic") tells more than one they all share ("surgery").
  std::vector<std::map<std::string, double>> all_weights;
  std::map<std::string, int> df;
  for (const StoredRecommendation& rec : *all) {
    all_weights.push_back(recommendation_weights(rec, index));
    for (const auto& [key, w] : all_weights.back()) ++df[key];
  }
  auto idf = [&](const std::string& key) {
    return std::log(1.0 + static_cast<double>(all->size()) / std::max(1, df[key]));
  };
  std::vector<RankedRecommendation> ranked;
  for (std::size_t i = 0; i < all->size(); ++i) {
    const StoredRecommendation& rec = (*all)[i];
    auto& weights = all_weights[i];
    std::string text = ascii_lower(rec.text);
    for (const std::string& r : rec.restatements) text.append(" ").append(ascii_lower(r));
    RankedRecommendation rr{rec, 0, {}};
    bool names_action = false, names_condition = false;
    for (const AskedConcept& c : answer.concepts) {
      auto w = weights.find(c.key);
      if (w == weights.end()) continue;
      // The question's own word in the recommendation counts a little more than a synonym.
      bool literal = text.find(ascii_lower(c.printed)) != std::string::npos;
      rr.score += w->second * idf(c.key) * (literal ? 1.25 : 1.0);
      rr.matched.push_back(c.key);
      names_action = names_action || w->second >= 3.0;
      names_condition = names_condition || w->second >= 2.0;
    }
    // It bears on the question only if the question names what it advises or for whom; a
    // question of definition ("what is ...") only if it names what it advises.
    bool bears = answer.intent == Intent::Definition ? names_action : names_condition;
    if (!bears) continue;
    // A question about evidence is best answered where the evidence is.
    rr.score += 0.5 * std::log(1.0 + static_cast<double>(rec.evidence.size()));
    ranked.push_back(std::move(rr));
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.score > b.score; });
  const double best = ranked.empty() ? 0 : ranked.front().score;
  // A rule is shown with its exceptions after it; an exception that matches brings its rule.
  std::vector<RankedRecommendation> chosen;
  auto chosen_has = [&](std::int64_t id) {
    return std::any_of(chosen.begin(), chosen.end(), [&](const auto& c) { return c.rec.id == id; });
  };
  auto ranked_or_bare = [&](const StoredRecommendation& rec) -> RankedRecommendation {
    auto it = std::find_if(ranked.begin(), ranked.end(), [&](const auto& r) { return r.rec.id == rec.id; });
    return it != ranked.end() ? *it : RankedRecommendation{rec, 0, {}};
  };
  int rules = 0;
  for (const RankedRecommendation& r : ranked) {
    if (r.score < 0.5 * best || rules >= 5) break;
    const StoredRecommendation* rule = &r.rec;
    if (!r.rec.parent.empty())
      for (const StoredRecommendation& rec : *all)
        if (rec.label == r.rec.parent && rec.topic == r.rec.topic) rule = &rec;
    if (chosen_has(rule->id)) continue;
    chosen.push_back(ranked_or_bare(*rule));
    ++rules;
    for (const StoredRecommendation& rec : *all)
      if (rec.parent == rule->label && rec.topic == rule->topic) chosen.push_back(ranked_or_bare(rec));
  }
  answer.recommendations = chosen;

  // References: the chosen recommendations' evidence, by relevance and strength; then
  // full-text matches that no recommendation links.
  // Each study under the first recommendation (in the answer's order) whose evidence it is.
  std::map<std::int64_t, RankedReference> refs;
  for (const RankedRecommendation& r : chosen) {
    double top_link = 0;
    for (const StoredEvidence& e : r.rec.evidence) top_link = std::max(top_link, e.score.value_or(0));
    const double relevance = best > 0 ? std::max(r.score, 0.25 * best) / best : 1.0;
    for (const StoredEvidence& e : r.rec.evidence) {
      double link_strength = e.score && top_link > 0 ? 0.5 + 0.5 * (*e.score / top_link) : 1.0;
      double score = relevance * link_strength * design_weight(e.reference.ref.design);
      refs.try_emplace(e.reference.id, RankedReference{e.reference, score, r.rec.label, e.link, e.stance});
    }
  }
  SearchRequest text_search;
  text_search.kinds = {HitKind::Reference};
  text_search.topic_id = request.topic_id;
  text_search.limit = request.limit;
  text_search.expressions = {concept_expression(answer.concepts, true), concept_expression(answer.concepts, false)};
  auto hits = search_kb(kb, text_search);
  if (!hits.ok()) return hits.status();
  double top_hit = hits->hits.empty() ? 1 : hits->hits.front().score;
  auto by_number = kb.db().prepare(std::string("SELECT ") + kReferenceColumns +
                                   " FROM refs r JOIN topics t ON t.id = r.topic_id WHERE t.slug = ? AND r.number = ?");
  if (!by_number.ok()) return by_number.status();
  for (const SearchHit& hit : hits->hits) {
    by_number->bind(1, hit.topic).bind(2, hit.number);
    auto found = read_references(kb.db(), *by_number);
    by_number->reset();
    if (!found.ok()) return found.status();
    for (StoredReference& ref : *found) {
      double score = 0.3 * (hit.score / top_hit) * design_weight(ref.ref.design);
      refs.try_emplace(ref.id, RankedReference{ref, score, "", "text", ""});
    }
  }
  for (auto& [id, r] : refs) answer.references.push_back(r);
  std::stable_sort(answer.references.begin(), answer.references.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });

  // Passages: sentences that hold the question's concepts.
  SearchRequest passages;
  passages.kinds = {HitKind::Passage};
  passages.topic_id = request.topic_id;
  passages.limit = std::min(request.limit, 5);
  passages.expressions = text_search.expressions;
  auto passage_hits = search_kb(kb, passages);
  if (!passage_hits.ok()) return passage_hits.status();
  answer.passages = passage_hits->hits;

  // The logic: every recommendation of the sections the answer comes from.
  std::set<std::pair<std::string, int>> sections;
  for (const RankedRecommendation& r : chosen) sections.insert({r.rec.topic, r.rec.section});
  for (const StoredRecommendation& rec : *all)
    if (sections.count({rec.topic, rec.section})) answer.logic.push_back(rec);
  return answer;
}

}  // namespace kb
