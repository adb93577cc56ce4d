// Finds the recommendations of a topic and the guideline logic around each: a sentence
// that advises ("we do not offer", "should not be", "is not indicated", "we have offered",
// "(Grade 1B)") becomes a recommendation; the sentences around it that restate it, make
// exceptions to it, weigh considerations or describe the evidence are attached to it.
// Sentences that only describe (survival figures, epidemiology) are never recommendations.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/topic.h"
#include "kb/recommendation.h"

namespace kb {

// The advice in a sentence: its direction and where the cue stands (byte offsets).
struct AdviceCue {
  Direction direction = Direction::For;
  std::string phrase;  // the cue as printed
  std::size_t begin = 0;
  std::size_t end = 0;
};

// The first advice cue of SENTENCE, matched on word boundaries, case-insensitively;
// negative forms win over the positive ones they contain ("should not be" over "should be").
std::optional<AdviceCue> find_advice_cue(std::string_view sentence);

// An instruction that opens SENTENCE, as guideline lists print them: "Vaccinate all
// patients ...", "Do not postpone ...", "In case of mild infection, maintain treatment".
// "Use of X" is a noun, not an instruction. IN_LIST: the sentence is a list item, where more
// verbs open instructions; in running text only the unambiguous ones ("Offer", "Consider",
// "Do not", "Avoid", "Vaccinate", ...) do.
std::optional<AdviceCue> find_imperative_cue(std::string_view sentence, bool in_list = true);

// The grade printed in SENTENCE: "(Grade 1B)" gives "1B", IDSA's "(AII)" "AII", GRADE's
// words the phrase as printed; empty when none (kb/grade.h says what each means).
std::string find_grade(std::string_view sentence);

// Splits a recommendation's sentence into its parts: conditions, exceptions, rationale and
// the action that remains. Fills those fields of REC from REC.text.
void analyse_recommendation_sentence(Recommendation& rec, const AdviceCue& cue);

// Every recommendation of TOPIC, labelled R1, R2, ... in reading order.
std::vector<Recommendation> extract_recommendations(const Topic& topic);

}  // namespace kb
