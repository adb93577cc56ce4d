// How well a recommendation, a study or a passage answers a question (question.h): the
// weight of the question's concepts it speaks of, and whether it covers the question's
// focus, which is what "addresses the question" means. One scorer for `kbquery ask` over
// whatever the FTS5 indexes bring as candidates.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "kb/concepts.h"
#include "kb/reference.h"
#include "kb/relevance/question.h"
#include "kb/relevance/recommendation_profile.h"

namespace kb {

// A recommendation, study or passage addresses the question when it speaks of at least
// this share of the focus's weight: all of a one-concept focus, half of a two-concept one.
inline constexpr double kFocusCoverage = 0.5;
// Half of a match's score is the weight it covers, half how much of the question that is.
inline constexpr double kCompletenessShare = 0.5;
// The question's own word in a recommendation or passage counts this much more than a synonym.
inline constexpr double kLiteralBonus = 1.25;
// Where a study speaks of a concept: its title says what it is about; its abstract and
// MeSH headings (brought by an import) and the sentences citing it, less directly.
inline constexpr double kTitleField = 1.0;
inline constexpr double kAbstractField = 0.6;
inline constexpr double kCitingField = 0.5;
// A passage of fact is one that gives a figure; one that cites its source is better still.
inline constexpr double kFigureBonus = 1.4;
inline constexpr double kCitedBonus = 1.1;

// What a text speaks of, for matching a question: its concepts, and the stems of its own
// words. A question's "latent TB infection" is then found in "latent Mycobacterium
// tuberculosis infection (LTBI)", which the synonym table reads as one concept.
struct TextConcepts {
  std::set<std::string> keys, stems;
};
TextConcepts text_concepts(const ConceptIndex& index, std::string_view text);
void add_text(TextConcepts& into, const ConceptIndex& index, std::string_view text);
// How surely TEXT speaks of C: 1 for its concept or the word of a one-word term of it,
// kScatteredPhrase for the words of one of its phrases apart, 0 for none.
inline constexpr double kScatteredPhrase = 0.5;
double speaks_of(const TextConcepts& text, const QuestionConcept& c);

// A recommendation's own words by how close to its advice they stand.
struct RecommendationText {
  TextConcepts action, conditions, logic;  // kActionWeight, kConditionWeight, kLogicWeight
};
RecommendationText recommendation_text(const RecommendationWords& words, const ConceptIndex& index);

struct QuestionMatch {
  bool addresses = false;
  double score = 0;            // higher is better; comparable within one question
  double focus_coverage = 0;   // share of the focus's weight spoken of (0-1)
  std::vector<std::string> matched;  // concept keys
};

// A recommendation with its own words' CONCEPTS and its printed TEXT (restatements and
// conditions appended), against Q.
QuestionMatch match_recommendation(const Question& q, const RecommendationText& concepts, const std::string& text);

struct StudyConcepts {
  TextConcepts title, abstract, citing;  // abstract: abstract and MeSH headings
};
// A study against Q; its score folds in the strength of its DESIGN.
QuestionMatch match_study(const Question& q, const StudyConcepts& study, Design design);

// A passage with CONCEPTS and TEXT, citing or not, against Q.
QuestionMatch match_passage(const Question& q, const TextConcepts& concepts, const std::string& text, bool cites);

}  // namespace kb
