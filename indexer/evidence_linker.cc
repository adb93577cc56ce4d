#include "indexer/evidence_linker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "kb/design.h"
#include "kb/text.h"

namespace kb {

namespace {

const Sentence& sentence_at(const Topic& topic, const SentencePlace& p) {
  return topic.sections[static_cast<std::size_t>(p.section)]
      .paragraphs[static_cast<std::size_t>(p.paragraph)]
      .sentences[static_cast<std::size_t>(p.sentence)];
}

const Paragraph& paragraph_at(const Topic& topic, const SentencePlace& p) {
  return topic.sections[static_cast<std::size_t>(p.section)].paragraphs[static_cast<std::size_t>(p.paragraph)];
}

}  // namespace

std::vector<EvidenceLink> cited_links(const Topic& topic, const std::vector<Recommendation>& recs) {
  std::vector<EvidenceLink> links;
  for (std::size_t r = 0; r < recs.size(); ++r) {
    const Recommendation& rec = recs[r];
    std::set<int> seen;
    std::vector<SentencePlace> own = {rec.place};
    own.insert(own.end(), rec.restatements.begin(), rec.restatements.end());
    for (const SentencePlace& place : own)
      for (const CitationMarker& m : sentence_at(topic, place).citations)
        for (int n : m.numbers)
          if (seen.insert(n).second)
            links.push_back({r, n, LinkSource::Cited, Stance::Supports, std::nullopt,
                             "marker " + m.text + " in the recommendation"});
    if (!seen.empty()) continue;
    // The documented scope rule: with no marker of its own, the paragraph's markers count,
    // as context rather than support.
    for (const Sentence& s : paragraph_at(topic, rec.place).sentences)
      for (const CitationMarker& m : s.citations)
        for (int n : m.numbers)
          if (seen.insert(n).second)
            links.push_back({r, n, LinkSource::Cited, Stance::Context, std::nullopt,
                             "marker " + m.text + " in the recommendation's paragraph"});
  }
  return links;
}

Result<std::vector<EvidenceLink>> curated_links(const std::vector<CuratedLink>& lines, const std::string& path,
                                                const Topic& topic, const std::vector<Recommendation>& recs) {
  std::set<int> known;
  for (const ReferenceEntry& e : topic.references) known.insert(e.number);
  std::vector<EvidenceLink> links;
  for (const CuratedLink& line : lines) {
    const std::string where = path + ":" + std::to_string(line.line) + ": ";
    std::vector<std::size_t> matches;
    for (std::size_t r = 0; r < recs.size(); ++r) {
      if (!line.label.empty() ? recs[r].label == line.label
                              : ascii_lower(recs[r].text).find(ascii_lower(line.text)) != std::string::npos)
        matches.push_back(r);
    }
    const std::string named = line.label.empty() ? "\"" + line.text + "\"" : line.label;
    if (matches.empty())
      return Status::Parse(where + named + " names no recommendation of '" + topic.title + "' (it has " +
                           std::to_string(recs.size()) + "; `kbquery recs` lists them)");
    if (matches.size() > 1)
      return Status::Parse(where + named + " matches " + std::to_string(matches.size()) +
                           " recommendations; quote more of the text, or use the label");
    for (int n : line.numbers) {
      if (!known.count(n))
        return Status::Parse(where + "reference " + std::to_string(n) + " is not in the topic's list (it has " +
                             std::to_string(topic.references.size()) + ")");
      links.push_back({matches.front(), n, LinkSource::Curated, line.stance, std::nullopt,
                       "links file " + path + " line " + std::to_string(line.line)});
    }
  }
  return links;
}

namespace {

// What the text claims about a class of evidence: "retrospective evidence suggests a
// possible benefit", "prospective data have shown no overall survival benefit".
enum class EvidenceClass { Prospective, Retrospective, Pooled, Other };
enum class Polarity { None, Benefit, NoBenefit };

EvidenceClass class_of(Design d) {
  switch (d) {
    case Design::Rct:
    case Design::ProspectiveCohort:
    case Design::Phase2Trial: return EvidenceClass::Prospective;
    case Design::RetrospectiveCohort:
    case Design::RegistryAnalysis:
    case Design::CaseControl:
    case Design::CaseSeries: return EvidenceClass::Retrospective;
    case Design::MetaAnalysis:
    case Design::SystematicReview: return EvidenceClass::Pooled;
    default: return EvidenceClass::Other;
  }
}

const char* class_name(EvidenceClass c) {
  switch (c) {
    case EvidenceClass::Prospective: return "prospective";
    case EvidenceClass::Retrospective: return "retrospective";
    case EvidenceClass::Pooled: return "pooled";
    case EvidenceClass::Other: return "other";
  }
  return "other";
}

bool contains_any(std::string_view lower, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return lower.find(w) != std::string_view::npos; });
}

Polarity clause_polarity(std::string_view lower) {
  if (!contains_any(lower, {"benefit", "improve", "prolong", "increase", "advantage"})) return Polarity::None;
  if (contains_any(lower, {" no ", "not ", "lacking", "lack of", "without", "minimal", "failed", "uncertain"}))
    return Polarity::NoBenefit;
  return Polarity::Benefit;
}

// Reads the text's claims about each class of evidence from its evidence statements.
std::map<EvidenceClass, std::pair<Polarity, std::string>> text_claims(const std::vector<std::string>& statements) {
  std::map<EvidenceClass, std::pair<Polarity, std::string>> claims;
  for (const std::string& statement : statements) {
    std::string lower = ascii_lower(statement);
    // Clauses: "While A, B, and C" -> A | B | C.
    std::vector<std::string> clauses;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= lower.size(); ++i) {
      if (i == lower.size() || lower.compare(i, 2, ", ") == 0 || lower.compare(i, 9, " although") == 0) {
        clauses.push_back(lower.substr(start, i - start));
        start = i + 1;
      }
    }
    for (std::size_t c = 0; c < clauses.size(); ++c) {
      const std::string& clause = clauses[c];
      EvidenceClass cls = EvidenceClass::Other;
      if (contains_any(clause, {"retrospective", "observational", "registry", "population-based"}))
        cls = EvidenceClass::Retrospective;
      else if (contains_any(clause, {"prospective", "randomized", "randomised", "trial"}))
        cls = EvidenceClass::Prospective;
      else if (contains_any(clause, {"meta-analys", "systematic review"}))
        cls = EvidenceClass::Pooled;
      if (cls == EvidenceClass::Other) continue;
      // The claim may sit in the next clause ("prospective data have shown no ..., or ...").
      Polarity p = clause_polarity(clause);
      if (p == Polarity::None && c + 1 < clauses.size()) p = clause_polarity(clauses[c + 1]);
      if (p != Polarity::None && !claims.count(cls)) claims[cls] = {p, std::string(trim(clause))};
    }
  }
  return claims;
}

// What a title says of the treatment's effect.
Polarity title_polarity(std::string_view title) {
  std::string lower = ascii_lower(title);
  if (lower.find('?') != std::string::npos) return Polarity::None;  // a question claims nothing
  if (contains_any(lower, {"uncertain benefit", "no benefit", "no survival benefit", "does not improve", "did not improve"}))
    return Polarity::NoBenefit;
  if (contains_any(lower, {"improves survival", "improve survival", "improved survival", "improves overall survival",
                           "increases overall survival", "increased survival", "increased long-term survival",
                           "prolonged overall survival", "prolonged survival", "favourable long-term",
                           "favorable long-term", "survival benefit"}))
    return Polarity::Benefit;
  return Polarity::None;
}

// Supports, against or context, given what a study shows and what the recommendation says.
Stance stance_for(Direction direction, Polarity polarity) {
  if (polarity == Polarity::None) return Stance::Context;
  bool shows_benefit = polarity == Polarity::Benefit;
  if (direction == Direction::Against) return shows_benefit ? Stance::Against : Stance::Supports;
  return shows_benefit ? Stance::Supports : Stance::Against;
}

// Concepts of organs and procedures that make a study about something else than a
// recommendation that does not name them (resecting liver metastases is not treating the primary).
constexpr std::array<std::string_view, 8> kTargetConcepts = {"liver", "lung", "bone", "ovary", "brain",
                                                            "metastasectomy", "rfa", "cryotherapy"};

// Words of advice that say nothing of what is advised.
constexpr std::array<std::string_view, 16> kGenericStems = {
    "evalu", "possibl", "consid", "offer", "us", "pursu", "proceed", "made", "approach", "typic",
    "gener", "case", "such", "patient", "no", "set"};

bool is_generic(const Concept& c) {
  return !c.from_group && std::find(kGenericStems.begin(), kGenericStems.end(), c.key) != kGenericStems.end();
}

using Weights = std::map<std::string, double>;

// An inferred link scores at least this share of the recommendation's best score, and a
// recommendation gets at most this many.
constexpr double kRelativeThreshold = 0.4;
constexpr std::size_t kMaxInferredLinks = 15;

void add_concept_list(Weights& weights, const std::vector<Concept>& concepts, double weight,
                      std::set<std::string>* medical = nullptr) {
  for (const Concept& c : concepts) {
    if (is_generic(c)) continue;
    double& w = weights[c.key];
    w = std::max(w, weight);
    if (medical && c.from_group) medical->insert(c.key);
  }
}

void add_concepts(Weights& weights, const ConceptIndex& index, std::string_view text, double weight,
                  std::set<std::string>* medical = nullptr) {
  add_concept_list(weights, index.concepts(text), weight, medical);
}

// The action without its advice words: "we do not offer local treatment" -> "local treatment".
std::string action_object(const Recommendation& rec) {
  std::string lower = ascii_lower(rec.action);
  std::string cue = ascii_lower(rec.cue);
  std::size_t at = lower.find(cue);
  if (cue.empty() || at == std::string::npos) return rec.action;
  return rec.action.substr(0, at) + " " + rec.action.substr(at + cue.size());
}

double design_factor(const Reference& ref, const std::map<EvidenceClass, std::pair<Polarity, std::string>>& claims) {
  // The text's own weighing of the evidence comes first: a class it speaks of counts more.
  EvidenceClass cls = class_of(ref.design);
  double by_level = ref.level <= 1 ? 1.25 : ref.level == 2 ? 1.2 : ref.level == 3 ? 1.1 : ref.level == 4 ? 1.0 : 0.85;
  if (claims.count(cls)) by_level *= cls == EvidenceClass::Prospective ? 1.15 : 1.05;
  return by_level;
}

}  // namespace

std::set<std::string> concept_keys(const ConceptIndex& index, std::string_view title) {
  std::set<std::string> keys;
  for (const Concept& c : index.concepts(title)) keys.insert(c.key);
  return keys;
}

std::optional<StudyScore> score_study(const InferenceProfile& profile, const std::set<std::string>& concepts,
                                      const Reference& ref, const std::vector<std::string>& evidence_statements) {
  bool speaks_to_core =
      std::any_of(profile.core.begin(), profile.core.end(), [&](const std::string& k) { return concepts.count(k); });
  if (!speaks_to_core) return std::nullopt;
  if (!profile.discriminating.empty() &&
      std::none_of(profile.discriminating.begin(), profile.discriminating.end(),
                   [&](const std::string& k) { return concepts.count(k); }))
    return std::nullopt;
  StudyScore out;
  double relevance = 0;
  for (const std::string& key : concepts) {
    auto w = profile.weights.find(key);
    if (w == profile.weights.end()) continue;
    relevance += w->second;
    out.matched.push_back(key);
  }
  for (std::string_view target : kTargetConcepts)
    if (concepts.count(std::string(target)) && !profile.weights.count(std::string(target))) relevance *= 0.3;
  out.score = relevance * design_factor(ref, text_claims(evidence_statements));
  return out;
}

InferredStance infer_stance(Direction direction, const Reference& ref, const std::vector<std::string>& evidence_statements) {
  Polarity polarity = title_polarity(ref.title);
  std::string why;
  if (polarity != Polarity::None) {
    why = "its title reports " + std::string(polarity == Polarity::Benefit ? "a benefit" : "no benefit");
  } else {
    const auto claims = text_claims(evidence_statements);
    if (auto claim = claims.find(class_of(ref.design)); claim != claims.end()) {
      polarity = claim->second.first;
      why = "the text says of " + std::string(class_name(class_of(ref.design))) + " evidence: '" + claim->second.second + "'";
    }
  }
  if (why.empty()) why = "no claim of effect in its title or the text";
  return {stance_for(direction, polarity), why};
}

std::string inferred_basis(const StudyScore& score, const Reference& ref, const InferredStance& stance) {
  return "concepts: " + join(score.matched, ", ") + "; design " + to_string(ref.design) + " (level " +
         std::to_string(ref.level) + "); " + to_string(stance.stance) + ": " + stance.why;
}

bool passes_threshold(double score, double best, std::size_t rank) {
  return rank < kMaxInferredLinks && score >= kRelativeThreshold * best && score > 0;
}

std::map<std::string, double> topic_concepts(std::string_view title, const std::vector<Reference>& references,
                                             const ConceptIndex& index) {
  std::map<std::string, int> df;
  for (const Reference& ref : references)
    for (const std::string& key : concept_keys(index, ref.title.empty() ? ref.raw : ref.title)) ++df[key];
  std::map<std::string, double> about;
  const double n = static_cast<double>(std::max<std::size_t>(references.size(), 1));
  for (const auto& [key, count] : df)
    if (count * 2 >= static_cast<int>(references.size()) && references.size() >= 2) about[key] = count / n;
  for (const Concept& c : index.concepts(title))
    if (!is_generic(c)) about[c.key] = df.count(c.key) ? df[c.key] / n : 0.0;
  return about;
}

std::vector<InferenceProfile> inference_profiles(const Topic& topic, const std::vector<Reference>& references,
                                                 const std::vector<Recommendation>& recs, const ConceptIndex& index) {
  std::vector<InferenceProfile> profiles(recs.size());
  const std::size_t n = references.size();

  // How many of the topic's references hold each concept: rarer concepts weigh more.
  std::map<std::string, int> df;
  for (const Reference& ref : references)
    for (const std::string& key : concept_keys(index, ref.title.empty() ? ref.raw : ref.title)) ++df[key];
  auto idf = [&](const std::string& key) {
    auto it = df.find(key);
    return std::log(1.0 + static_cast<double>(n) / (it == df.end() ? 0.5 : it->second));
  };

  // The concepts of every paragraph, found once: each recommendation reads its own
  // paragraph's and section's.
  std::vector<std::vector<std::vector<Concept>>> paragraph_concepts(topic.sections.size());
  for (std::size_t s = 0; s < topic.sections.size(); ++s)
    for (const Paragraph& p : topic.sections[s].paragraphs) paragraph_concepts[s].push_back(index.concepts(p.text));

  for (std::size_t r = 0; r < recs.size(); ++r) {
    const Recommendation& rec = recs[r];
    if (!rec.parent.empty()) continue;  // an exception rests on its parent's evidence

    // What the recommendation is about, weighted by how close to it the words stand.
    Weights core, query;
    add_concepts(core, index, action_object(rec), 3.0);
    for (const SentencePlace& p : rec.restatements) {
      Recommendation restated = rec;
      restated.action = sentence_at(topic, p).text;
      add_concepts(core, index, action_object(restated), 3.0);
    }
    query = core;
    Weights conditions;
    std::set<std::string> medical_conditions;  // condition concepts from the synonym table
    for (const std::string& c : rec.conditions) add_concepts(conditions, index, c, 2.0, &medical_conditions);
    for (const std::string& e : rec.exceptions) add_concepts(query, index, e, 1.0);
    for (const auto& [k, w] : conditions) query[k] = std::max(query[k], w);
    add_concepts(query, index, rec.rationale, 1.0);
    for (const std::string& s : rec.evidence_statements) add_concepts(query, index, s, 1.0);
    const auto& section_concepts = paragraph_concepts[static_cast<std::size_t>(rec.place.section)];
    add_concept_list(query, section_concepts[static_cast<std::size_t>(rec.place.paragraph)], 0.5);
    for (const std::vector<Concept>& p : section_concepts) add_concept_list(query, p, 0.25);

    InferenceProfile& profile = profiles[r];
    profile.scored = true;
    for (const auto& [key, weight] : query) profile.weights[key] = weight * idf(key);
    for (const auto& [key, weight] : core) profile.core.insert(key);
    // A medical condition that few studies share is what sets this recommendation apart
    // ("local complications" among studies of survival): a study must speak to it.
    for (const std::string& key : medical_conditions) {
      auto it = df.find(key);
      if (it != df.end() && it->second * 100 <= static_cast<int>(n) * 15 && !core.count(key))
        profile.discriminating.insert(key);
    }
  }
  return profiles;
}

std::vector<EvidenceLink> infer_links(const Topic& topic, const std::vector<Reference>& references,
                                      const std::vector<Recommendation>& recs, const std::vector<EvidenceLink>& known,
                                      std::vector<InferenceProfile>& profiles, const ConceptIndex& index) {
  std::vector<EvidenceLink> links;
  profiles = inference_profiles(topic, references, recs, index);
  const std::size_t n = references.size();
  if (n == 0) return links;
  std::vector<std::set<std::string>> ref_concepts(n);
  for (std::size_t i = 0; i < n; ++i)
    ref_concepts[i] = concept_keys(index, references[i].title.empty() ? references[i].raw : references[i].title);

  std::set<std::size_t> has_known;
  for (const EvidenceLink& l : known) has_known.insert(l.recommendation);

  for (std::size_t r = 0; r < recs.size(); ++r) {
    const Recommendation& rec = recs[r];
    // An exception rests on the evidence its parent rests on: the strongest studies that
    // support the rule bear against deviating from it.
    if (!rec.parent.empty()) {
      if (has_known.count(r)) continue;
      auto parent = std::find_if(recs.begin(), recs.end(), [&](const Recommendation& p) { return p.label == rec.parent; });
      std::size_t parent_index = static_cast<std::size_t>(parent - recs.begin());
      // By index and by copy: push_back below may reallocate links; the links it adds are
      // not the parent's and are not visited.
      for (std::size_t k = 0, count = links.size(); k < count; ++k) {
        const EvidenceLink l = links[k];
        if (l.recommendation != parent_index || l.stance != Stance::Supports) continue;
        const Reference& ref = references[static_cast<std::size_t>(l.number - 1)];
        if (!bears_on_exception(ref)) continue;
        links.push_back({r, l.number, LinkSource::Inferred, Stance::Against, l.score,
                         exception_basis(rec.parent, ref)});
      }
      continue;
    }

    // Every recommendation gets its best score, so that studies added later are measured
    // against the same bar; only those with no cited or curated link get inferred links.
    InferenceProfile& profile = profiles[r];
    struct Candidate {
      std::size_t ref;
      StudyScore score;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < n; ++i)
      if (auto s = score_study(profile, ref_concepts[i], references[i], rec.evidence_statements))
        candidates.push_back({i, *s});
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.score.score > b.score.score; });
    profile.best = candidates.front().score.score;
    if (has_known.count(r)) continue;
    for (std::size_t rank = 0; rank < candidates.size(); ++rank) {
      const Candidate& c = candidates[rank];
      if (!passes_threshold(c.score.score, profile.best, rank)) break;
      const Reference& ref = references[c.ref];
      InferredStance stance = infer_stance(rec.direction, ref, rec.evidence_statements);
      links.push_back({r, topic.references[c.ref].number, LinkSource::Inferred, stance.stance,
                       std::round(c.score.score * 100.0) / 100.0, inferred_basis(c.score, ref, stance)});
    }
  }
  return links;
}

bool bears_on_exception(const Reference& ref) { return ref.level <= 3; }

std::string exception_basis(const std::string& parent_label, const Reference& ref) {
  return "supports " + parent_label + ", the rule this exception departs from; design " + to_string(ref.design) +
         " (level " + std::to_string(ref.level) + ")";
}

}  // namespace kb
