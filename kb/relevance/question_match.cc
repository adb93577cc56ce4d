#include "kb/relevance/question_match.h"

#include <algorithm>
#include <cctype>

#include "kb/relevance/design_strength.h"
#include "kb/text.h"

namespace kb {

namespace {

// Fills the coverage fields of OUT from the per-concept strength FIELD (0 when absent).
template <typename Field>
void measure(const Question& q, QuestionMatch& out, Field field) {
  double focus = 0, focus_total = 0;
  for (const QuestionConcept& c : q.concepts) {
    const double f = field(c);
    if (c.focus) focus_total += c.weight;
    if (f <= 0) continue;
    out.score += c.weight * f;
    out.matched.push_back(c.key);
    if (c.focus) focus += c.weight;
  }
  out.focus_coverage = focus_total > 0 ? focus / focus_total : 0;
  // Of two that speak of the focus, the one that also speaks of the rest of the question
  // (the intervention, the population) is the better answer.
  const double total = q.total_weight();
  double covered = 0;
  for (const QuestionConcept& c : q.concepts)
    if (std::find(out.matched.begin(), out.matched.end(), c.key) != out.matched.end()) covered += c.weight;
  if (total > 0) out.score *= (1 - kCompletenessShare) + kCompletenessShare * covered / total;
  out.addresses = !out.matched.empty() && out.focus_coverage >= kFocusCoverage - 1e-9;
}

// A figure outside citation markers and years: "18 to 24 months [1-3]" and "90%" are
// figures; "as shown [4]" and "In 1997, ..." are not.
bool has_figure(const std::string& text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '[' || ch == '(') ++depth;
    else if ((ch == ']' || ch == ')') && depth > 0) --depth;
    else if (depth == 0 && std::isdigit(static_cast<unsigned char>(ch)) &&
             (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1])))) {
      std::size_t end = i;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
      const std::string_view number(text.data() + i, end - i);
      const bool year = number.size() == 4 && (number.substr(0, 2) == "19" || number.substr(0, 2) == "20");
      if (!year) return true;
      i = end;
    }
  }
  return false;
}

}  // namespace

QuestionMatch match_recommendation(const Question& q, const RecommendationConcepts& concepts, const std::string& text) {
  QuestionMatch out;
  const std::string lower = ascii_lower(text);
  measure(q, out, [&](const QuestionConcept& c) {
    if (c.role == WordRole::Design) return 1.0;  // a filter on its studies, not on it
    auto it = concepts.all.find(c.key);
    if (it == concepts.all.end()) return 0.0;
    const bool literal = !c.printed.empty() && lower.find(ascii_lower(c.printed)) != std::string::npos;
    return it->second / kActionWeight * (literal ? kLiteralBonus : 1.0);
  });
  return out;
}

QuestionMatch match_study(const Question& q, const StudyConcepts& study, Design design) {
  QuestionMatch out;
  measure(q, out, [&](const QuestionConcept& c) {
    if (c.role == WordRole::Design) {
      const std::vector<Design> named = designs_named(c.key);
      if (std::find(named.begin(), named.end(), design) != named.end()) return kTitleField;
    }
    if (study.title.count(c.key)) return kTitleField;
    if (study.abstract.count(c.key)) return kAbstractField;
    if (study.citing.count(c.key)) return kCitingField;
    return 0.0;
  });
  out.score *= ranking_design_weight(design);
  return out;
}

QuestionMatch match_passage(const Question& q, const std::set<std::string>& concepts, const std::string& text, bool cites) {
  QuestionMatch out;
  const bool figure = (q.intent == Intent::Fact || q.intent == Intent::Dose) && has_figure(text);
  // The quantity a question of fact asks for ("what proportion") is given by a figure.
  measure(q, out, [&](const QuestionConcept& c) {
    return concepts.count(c.key) || (figure && c.quantity) ? 1.0 : 0.0;
  });
  if (figure) out.score *= kFigureBonus;
  if (cites) out.score *= kCitedBonus;
  return out;
}

}  // namespace kb
