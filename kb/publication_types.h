// PubMed's publication types and the study design each one gives, in one table
// (publication_types.cc): the design classifier reads a record's types through it
// (indexer/design_classifier.h), and the query tool's [pt] tag takes its names
// (query/pubmed_query.h).
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kb/reference.h"

namespace kb {

struct PublicationType {
  std::string_view name;  // PubMed's spelling: "Randomized Controlled Trial"
  // The design the type settles; for a generic type, the design it gives when neither the
  // title nor the abstract narrows it.
  Design design;
  // True when the type's name is a name of DESIGN, so that [pt] takes it for that design
  // ("Review" -> review); false where DESIGN is only how the KB files such a study
  // ("Editorial" -> review, "Clinical Trial" -> prospective_cohort until narrowed).
  bool names_design;
  // Other ways people write the name, '|' between them: British spelling, plural, word
  // order ("Randomised Controlled Trial|Randomized Controlled Trials").
  std::string_view other_spellings = {};
  // A generic type (a family: "Clinical Trial", "Review") lists the designs a title or
  // abstract may narrow it to; a decisive type lists none.
  std::array<Design, 5> narrower = {};
  std::size_t narrower_count = 0;

  constexpr bool generic() const { return narrower_count > 0; }
  constexpr bool allows(Design d) const {
    for (std::size_t i = 0; i < narrower_count; ++i)
      if (narrower[i] == d) return true;
    return false;
  }
};

// Every type the KB knows: the decisive ones first, then the generic ones, each group in
// precedence order (a record typed both "Meta-Analysis" and "Review" is a meta-analysis).
std::span<const PublicationType> publication_types();

// The type NAME denotes, by its name or another spelling, compared as the tokenizer folds
// words: "meta-analysis", "Meta Analysis" and "META-ANALYSIS" are "Meta-Analysis".
// Null for any other text.
const PublicationType* find_publication_type(std::string_view name);

// The type of TYPES (a record's publication types, as PubMed lists them) that decides its
// design: the first of the table's decisive types among them, else the first generic one.
// Null when TYPES holds none the table knows.
const PublicationType* deciding_publication_type(const std::vector<std::string>& types);

}  // namespace kb
