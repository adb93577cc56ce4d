// Abbreviations a topic defines as it goes: "oral poliovirus vaccine (OPV)", "latent
// Mycobacterium tuberculosis infection (LTBI)". Found with Schwartz and Hearst's algorithm
// (Pacific Symposium on Biocomputing 2003: the short form's letters, last to first, in the
// words just before it, the first at the start of a word) and added to the synonym groups
// the build and `kbquery ask` read text with, so that a question saying "OPV" finds a
// recommendation that says "oral poliovirus vaccine", and the other way round.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kb/concepts.h"

namespace kb {

struct Abbreviation {
  std::string short_form;  // as printed: "OPV"
  std::string long_form;   // as printed: "oral poliovirus vaccine"
};

// The abbreviations TEXT defines, in order.
std::vector<Abbreviation> find_abbreviations(std::string_view text);

// Adds FOUND to GROUPS: a short form joins the group of its long form (or the long form the
// group of its short form); a pair whose forms are in no group becomes a group of its own. A
// short form defined two ways across the corpus, or whose two forms sit in different groups,
// is left out: one table serves every topic, and a wrong synonym is worse than none.
void add_abbreviations(SynonymGroups& groups, const std::vector<Abbreviation>& found);

}  // namespace kb
