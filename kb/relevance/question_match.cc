#include "kb/relevance/question_match.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "kb/relevance/design_strength.h"
#include "kb/stemmer.h"
#include "kb/text.h"
#include "kb/tokenizer.h"

namespace kb {

namespace {

// Fills the coverage fields of OUT from FIELD: per concept, the strength of the field it
// stands in (0 when absent) and how surely the text speaks of it (speaks_of()).
template <typename Field>
void measure(const Question& q, QuestionMatch& out, Field field) {
  double focus = 0, focus_total = 0, covered = 0;
  for (const QuestionConcept& c : q.concepts) {
    const auto [f, degree] = field(c);  // the strength of where it stands, and how surely it does
    if (c.focus) focus_total += c.weight;
    if (f <= 0) continue;
    out.score += c.weight * f;
    out.matched.push_back(c.key);
    covered += c.weight;
    if (c.focus) focus += c.weight * degree;
  }
  out.focus_coverage = focus_total > 0 ? focus / focus_total : 0;
  // Of two that speak of the focus, the one that also speaks of the rest of the question
  // (the intervention, the population) is the better answer.
  const double total = q.total_weight();
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

void add_text(TextConcepts& into, const ConceptIndex& index, std::string_view text) {
  const std::vector<Token> tokens = tokenize(text);
  std::vector<std::string> stems;
  stems.reserve(tokens.size());
  for (const Token& t : tokens) stems.push_back(porter_stem(t.word));
  for (const Concept& c : index.concepts(text, tokens, stems)) into.keys.insert(c.key);
  into.stems.insert(stems.begin(), stems.end());
}

TextConcepts text_concepts(const ConceptIndex& index, std::string_view text) {
  TextConcepts out;
  add_text(out, index, text);
  return out;
}

double speaks_of(const TextConcepts& text, const QuestionConcept& c) {
  if (text.keys.count(c.key)) return 1.0;
  double best = 0;
  for (const std::vector<std::string>& stems : c.term_stems) {
    if (stems.empty() ||
        !std::all_of(stems.begin(), stems.end(), [&](const std::string& s) { return text.stems.count(s) > 0; }))
      continue;
    // A one-word term the synonym table read into a longer one ("tuberculosis" in "latent
    // Mycobacterium tuberculosis infection") is the word; a phrase's words apart ("liver
    // resection" of "metastases" for "resection of metastases") are likely the phrase.
    best = std::max(best, stems.size() == 1 ? 1.0 : kScatteredPhrase);
  }
  return best;
}

RecommendationText recommendation_text(const RecommendationWords& words, const ConceptIndex& index) {
  RecommendationText out;
  for (const std::string& a : words.actions) add_text(out.action, index, a);
  for (const std::string& c : words.conditions) add_text(out.conditions, index, c);
  for (const std::string& e : words.exceptions) add_text(out.logic, index, e);
  add_text(out.logic, index, words.rationale);
  for (const std::string& e : words.evidence_statements) add_text(out.logic, index, e);
  return out;
}

QuestionMatch match_recommendation(const Question& q, const RecommendationText& concepts, const std::string& text) {
  QuestionMatch out;
  const std::string lower = ascii_lower(text);
  measure(q, out, [&](const QuestionConcept& c) {
    if (c.role == WordRole::Design) return std::pair{1.0, 1.0};  // a filter on its studies, not on it
    const double action = speaks_of(concepts.action, c), condition = speaks_of(concepts.conditions, c),
                 logic = speaks_of(concepts.logic, c);
    const double field = std::max({kActionWeight * action, kConditionWeight * condition, kLogicWeight * logic});
    const bool literal = !c.printed.empty() && lower.find(ascii_lower(c.printed)) != std::string::npos;
    return std::pair{field / kActionWeight * (literal ? kLiteralBonus : 1.0), std::max({action, condition, logic})};
  });
  return out;
}

QuestionMatch match_study(const Question& q, const StudyConcepts& study, Design design) {
  QuestionMatch out;
  measure(q, out, [&](const QuestionConcept& c) {
    if (c.role == WordRole::Design) {
      const std::vector<Design> named = designs_named(c.key);
      if (std::find(named.begin(), named.end(), design) != named.end()) return std::pair{kTitleField, 1.0};
    }
    const double title = speaks_of(study.title, c), abstract = speaks_of(study.abstract, c),
                 citing = speaks_of(study.citing, c);
    return std::pair{std::max({kTitleField * title, kAbstractField * abstract, kCitingField * citing}),
                     std::max({title, abstract, citing})};
  });
  out.score *= ranking_design_weight(design);
  return out;
}

QuestionMatch match_passage(const Question& q, const TextConcepts& concepts, const std::string& text, bool cites) {
  QuestionMatch out;
  const bool figure = (q.intent == Intent::Fact || q.intent == Intent::Dose) && has_figure(text);
  // The quantity a question of fact asks for ("what proportion") is given by a figure.
  const std::string lower = ascii_lower(text);
  measure(q, out, [&](const QuestionConcept& c) {
    if (figure && c.quantity) return std::pair{1.0, 1.0};
    const double degree = speaks_of(concepts, c);
    if (degree <= 0) return std::pair{0.0, 0.0};
    const bool literal = !c.printed.empty() && lower.find(ascii_lower(c.printed)) != std::string::npos;
    return std::pair{degree * (literal ? kLiteralBonus : 1.0), degree};
  });
  if (figure) out.score *= kFigureBonus;
  if (cites) out.score *= kCitedBonus;
  return out;
}

}  // namespace kb
