#include "kb/relevance/recommendation_profile.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "kb/design.h"
#include "kb/relevance/design_strength.h"
#include "kb/text.h"

namespace kb {

namespace {

// Concepts of organs and procedures that make a study about something else than a
// recommendation that does not name them.
constexpr std::array<std::string_view, 8> kTargetConcepts = {"liver", "lung", "bone", "ovary", "brain",
                                                            "metastasectomy", "rfa", "cryotherapy"};

// Words of advice that say nothing of what is advised.
constexpr std::array<std::string_view, 16> kGenericStems = {
    "evalu", "possibl", "consid", "offer", "us", "pursu", "proceed", "made", "approach", "typic",
    "gener", "case", "such", "patient", "no", "set"};

void add_concept_list(ConceptWeights& weights, const std::vector<Concept>& concepts, double weight,
                      std::set<std::string>* medical = nullptr) {
  for (const Concept& c : concepts) {
    if (is_generic_concept(c)) continue;
    double& w = weights[c.key];
    w = std::max(w, weight);
    if (medical && c.from_group) medical->insert(c.key);
  }
}

struct RecommendationConcepts {
  ConceptWeights action;                     // kActionWeight each
  ConceptWeights all;                        // every concept of its own words at its weight
  std::set<std::string> medical_conditions;  // condition concepts from the synonym table
};

// The concepts of a recommendation's own words (no paragraph, no section), words of advice
// that say nothing of what is advised left out.
RecommendationConcepts recommendation_concepts(const RecommendationWords& words, const ConceptIndex& index) {
  RecommendationConcepts out;
  for (const std::string& a : words.actions) add_concept_list(out.action, index.concepts(a), kActionWeight);
  out.all = out.action;
  ConceptWeights conditions;
  for (const std::string& c : words.conditions)
    add_concept_list(conditions, index.concepts(c), kConditionWeight, &out.medical_conditions);
  for (const std::string& e : words.exceptions) add_concept_list(out.all, index.concepts(e), kLogicWeight);
  for (const auto& [k, w] : conditions) out.all[k] = std::max(out.all[k], w);
  add_concept_list(out.all, index.concepts(words.rationale), kLogicWeight);
  for (const std::string& s : words.evidence_statements) add_concept_list(out.all, index.concepts(s), kLogicWeight);
  return out;
}

}  // namespace

bool is_generic_concept(const Concept& c) {
  return !c.from_group && std::find(kGenericStems.begin(), kGenericStems.end(), c.key) != kGenericStems.end();
}

std::string action_object(const std::string& action, const std::string& cue) {
  std::string lower = ascii_lower(action);
  std::string lower_cue = ascii_lower(cue);
  std::size_t at = lower.find(lower_cue);
  if (lower_cue.empty() || at == std::string::npos) return action;
  return action.substr(0, at) + " " + action.substr(at + lower_cue.size());
}

RecommendationWords recommendation_words(const std::string& action, const std::string& cue,
                                         const std::vector<std::string>& restatements,
                                         const std::vector<std::string>& conditions,
                                         const std::vector<std::string>& exceptions, const std::string& rationale,
                                         const std::vector<std::string>& evidence_statements) {
  RecommendationWords words;
  words.actions.push_back(action_object(action, cue));
  for (const std::string& s : restatements) words.actions.push_back(action_object(s, cue));
  words.conditions = conditions;
  words.exceptions = exceptions;
  words.rationale = rationale;
  words.evidence_statements = evidence_statements;
  return words;
}

std::set<std::string> concept_keys(const ConceptIndex& index, std::string_view text) {
  std::set<std::string> keys;
  for (const Concept& c : index.concepts(text)) keys.insert(c.key);
  return keys;
}

double TitleFrequencies::idf(const std::string& key) const {
  auto it = df.find(key);
  return std::log(1.0 + static_cast<double>(titles) / (it == df.end() ? 0.5 : it->second));
}

TitleFrequencies title_frequencies(const std::vector<std::set<std::string>>& title_concepts) {
  TitleFrequencies f;
  f.titles = title_concepts.size();
  for (const auto& keys : title_concepts)
    for (const std::string& key : keys) ++f.df[key];
  return f;
}

InferenceProfile build_profile(const RecommendationWords& words, const std::vector<Concept>& paragraph,
                               const std::vector<std::vector<Concept>>& section, const TitleFrequencies& frequencies,
                               const ConceptIndex& index) {
  RecommendationConcepts own = recommendation_concepts(words, index);
  ConceptWeights query = own.all;
  add_concept_list(query, paragraph, kParagraphWeight);
  for (const std::vector<Concept>& p : section) add_concept_list(query, p, kSectionWeight);

  InferenceProfile profile;
  profile.scored = true;
  for (const auto& [key, weight] : query) profile.weights[key] = weight * frequencies.idf(key);
  for (const auto& [key, weight] : own.action) profile.core.insert(key);
  for (const std::string& key : own.medical_conditions) {
    auto it = frequencies.df.find(key);
    if (it != frequencies.df.end() &&
        it->second <= kDiscriminatingShare * static_cast<double>(frequencies.titles) && !own.action.count(key))
      profile.discriminating.insert(key);
  }
  return profile;
}

std::map<std::string, double> topic_concepts(std::string_view title, const TitleFrequencies& frequencies,
                                             const ConceptIndex& index) {
  std::map<std::string, double> about;
  const double n = static_cast<double>(std::max<std::size_t>(frequencies.titles, 1));
  for (const auto& [key, count] : frequencies.df)
    if (count * 2 >= static_cast<int>(frequencies.titles) && frequencies.titles >= 2) about[key] = count / n;
  for (const Concept& c : index.concepts(title))
    if (!is_generic_concept(c)) {
      auto it = frequencies.df.find(c.key);
      about[c.key] = it != frequencies.df.end() ? it->second / n : 0.0;
    }
  return about;
}

std::optional<StudyScore> score_study(const InferenceProfile& profile, const std::set<std::string>& concepts,
                                      const Reference& ref, const std::vector<std::string>& evidence_statements) {
  auto shares = [&](const std::set<std::string>& keys) {
    return std::any_of(keys.begin(), keys.end(), [&](const std::string& k) { return concepts.count(k) > 0; });
  };
  if (!shares(profile.core)) return std::nullopt;
  if (!profile.discriminating.empty() && !shares(profile.discriminating)) return std::nullopt;
  StudyScore out;
  double relevance = 0;
  for (const std::string& key : concepts) {
    auto w = profile.weights.find(key);
    if (w == profile.weights.end()) continue;
    relevance += w->second;
    out.matched.push_back(key);
  }
  for (std::string_view target : kTargetConcepts)
    if (concepts.count(std::string(target)) && !profile.weights.count(std::string(target))) relevance *= kOtherTargetFactor;
  out.score = relevance * link_design_factor(ref, text_claims(evidence_statements));
  return out;
}

std::string inferred_basis(const StudyScore& score, const Reference& ref, const InferredStance& stance) {
  return "concepts: " + join(score.matched, ", ") + "; design " + to_string(ref.design) + " (level " +
         std::to_string(ref.level) + "); " + to_string(stance.stance) + ": " + stance.why;
}

}  // namespace kb
