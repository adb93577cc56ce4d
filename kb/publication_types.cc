#include "kb/publication_types.h"

#include "kb/tokenizer.h"

namespace kb {
namespace {

using D = Design;

// Decisive types first, in precedence order, then the generic ones.
constexpr std::array<PublicationType, 22> kTypes = {{
    {"Meta-Analysis", D::MetaAnalysis, true, "Metaanalysis"},
    {"Network Meta-Analysis", D::MetaAnalysis, true},
    {"Systematic Review", D::SystematicReview, true, "Systematic Reviews"},
    {"Randomized Controlled Trial", D::Rct, true,
     "Randomised Controlled Trial|Randomized Controlled Trials|Randomised Controlled Trials"},
    {"Pragmatic Clinical Trial", D::Rct, false},
    {"Equivalence Trial", D::Rct, false},
    {"Clinical Trial, Phase II", D::Phase2Trial, true, "Phase II Trial"},
    {"Controlled Clinical Trial", D::ProspectiveCohort, false},  // controlled, not randomised
    {"Case Reports", D::CaseSeries, true, "Case Report"},
    {"Case-Control Studies", D::CaseControl, true, "Case-Control Study"},  // MeSH's name; [pt] takes it
    {"Practice Guideline", D::Review, false},
    {"Guideline", D::Review, false},
    {"Consensus Development Conference", D::Review, false},
    {"Consensus Development Conference, NIH", D::Review, false},
    {"Scoping Review", D::Review, true},
    {"Editorial", D::Review, false},
    {"Comment", D::Review, false},
    // Generic: a default, and the designs a title or abstract may narrow it to.
    {"Clinical Trial, Phase III", D::Rct, false, {}, {D::Rct, D::ProspectiveCohort, D::RetrospectiveCohort}, 3},
    {"Clinical Trial, Phase I", D::CaseSeries, false, {}, {D::Phase2Trial, D::Rct}, 2},
    {"Clinical Trial", D::ProspectiveCohort, false, {},
     {D::Rct, D::Phase2Trial, D::ProspectiveCohort, D::RetrospectiveCohort}, 4},
    {"Observational Study", D::RetrospectiveCohort, false, {},
     {D::ProspectiveCohort, D::RetrospectiveCohort, D::RegistryAnalysis, D::CaseControl, D::CaseSeries}, 5},
    {"Review", D::Review, true, "Reviews", {D::MetaAnalysis, D::SystematicReview}, 2},
}};

// The words of S as the tokenizer folds them, joined by '_': "Clinical Trial, Phase II" ->
// "clinical_trial_phase_ii".
std::string folded(std::string_view s) {
  std::string out;
  for (const Token& t : tokenize(s)) {
    if (!out.empty()) out += '_';
    out += t.word;
  }
  return out;
}

// Each type's folded names, its own first: index I holds kTypes[I]'s.
const std::vector<std::vector<std::string>>& folded_names() {
  static const std::vector<std::vector<std::string>> kFolded = [] {
    std::vector<std::vector<std::string>> all;
    for (const PublicationType& t : kTypes) {
      std::vector<std::string> names = {folded(t.name)};
      for (std::string_view rest = t.other_spellings; !rest.empty();) {
        const std::size_t bar = rest.find('|');
        names.push_back(folded(rest.substr(0, bar)));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
      }
      all.push_back(std::move(names));
    }
    return all;
  }();
  return kFolded;
}

bool is_named(std::size_t type, const std::string& folded_name) {
  for (const std::string& n : folded_names()[type])
    if (n == folded_name) return true;
  return false;
}

}  // namespace

std::span<const PublicationType> publication_types() { return kTypes; }

const PublicationType* find_publication_type(std::string_view name) {
  const std::string f = folded(name);
  if (f.empty()) return nullptr;
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    if (is_named(i, f)) return &kTypes[i];
  return nullptr;
}

const PublicationType* deciding_publication_type(const std::vector<std::string>& types) {
  if (types.empty()) return nullptr;
  std::vector<std::string> given;
  for (const std::string& t : types) given.push_back(folded(t));
  for (std::size_t i = 0; i < kTypes.size(); ++i)
    for (const std::string& g : given)
      if (!g.empty() && is_named(i, g)) return &kTypes[i];
  return nullptr;
}

}  // namespace kb
