#include "kb/relevance/evidence_stance.h"

#include <algorithm>
#include <initializer_list>

#include "kb/text.h"

namespace kb {

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

const char* to_string(EvidenceClass c) {
  switch (c) {
    case EvidenceClass::Prospective: return "prospective";
    case EvidenceClass::Retrospective: return "retrospective";
    case EvidenceClass::Pooled: return "pooled";
    case EvidenceClass::Other: return "other";
  }
  return "other";
}

namespace {

bool contains_any(std::string_view lower, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return lower.find(w) != std::string_view::npos; });
}

Polarity clause_polarity(std::string_view lower) {
  if (!contains_any(lower, {"benefit", "improve", "prolong", "increase", "advantage"})) return Polarity::None;
  if (contains_any(lower, {" no ", "not ", "lacking", "lack of", "without", "minimal", "failed", "uncertain"}))
    return Polarity::NoBenefit;
  return Polarity::Benefit;
}

// Supports, against or context, given what a study shows and what the recommendation says.
Stance stance_for(Direction direction, Polarity polarity) {
  if (polarity == Polarity::None) return Stance::Context;
  bool shows_benefit = polarity == Polarity::Benefit;
  if (direction == Direction::Against) return shows_benefit ? Stance::Against : Stance::Supports;
  return shows_benefit ? Stance::Supports : Stance::Against;
}

}  // namespace

EvidenceClaims text_claims(const std::vector<std::string>& statements) {
  EvidenceClaims claims;
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

Polarity title_polarity(std::string_view title) {
  std::string lower = ascii_lower(title);
  if (lower.find('?') != std::string::npos) return Polarity::None;
  if (contains_any(lower, {"uncertain benefit", "no benefit", "no survival benefit", "does not improve", "did not improve"}))
    return Polarity::NoBenefit;
  if (contains_any(lower, {"improves survival", "improve survival", "improved survival", "improves overall survival",
                           "increases overall survival", "increased survival", "increased long-term survival",
                           "prolonged overall survival", "prolonged survival", "favourable long-term",
                           "favorable long-term", "survival benefit"}))
    return Polarity::Benefit;
  return Polarity::None;
}

InferredStance infer_stance(Direction direction, const Reference& ref, const std::vector<std::string>& evidence_statements) {
  Polarity polarity = title_polarity(ref.title);
  std::string why;
  if (polarity != Polarity::None) {
    why = "its title reports " + std::string(polarity == Polarity::Benefit ? "a benefit" : "no benefit");
  } else {
    const EvidenceClaims claims = text_claims(evidence_statements);
    if (auto claim = claims.find(class_of(ref.design)); claim != claims.end()) {
      polarity = claim->second.first;
      why = "the text says of " + std::string(to_string(class_of(ref.design))) + " evidence: '" + claim->second.second + "'";
    }
  }
  if (why.empty()) why = "no claim of effect in its title or the text";
  return {stance_for(direction, polarity), why};
}

}  // namespace kb
