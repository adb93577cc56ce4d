// Words of everyday English that a question uses around what it asks ("still", "keep",
// "despite", "first", "two weeks") and words for whom it asks about ("woman", "child").
// However rare such a word is in a KB, it is never the question's focus: a recommendation
// that shares "appropriate" with a question does not address it.
#pragma once

#include <string_view>

namespace kb {

// Subject: what the question is about. Everyday: a word around it. Population: for whom.
// Outcome: what it is judged by ("Does hepatic resection improve survival?" asks about
// hepatic resection; every recommendation on metastatic disease speaks of survival).
// Design: the kind of study asked for ("randomized trials on ..."), a filter on the answer's
// studies, never what a recommendation must speak of.
enum class WordRole { Subject, Everyday, Population, Outcome, Design };

// The role of the concept KEY (a stem, or a synonym group's name).
WordRole word_role(std::string_view key);

}  // namespace kb
