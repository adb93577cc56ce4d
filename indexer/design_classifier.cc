// Study design from cue phrases. The title and abstract are folded (ASCII lower case, hyphens
// and underscores as spaces, same length so offsets still point into the original) and
// searched for whole-word cues in a fixed order of rules; the order is what resolves titles
// that name several designs ("a retrospective analysis of two prospective, randomised ...
// trials" is a retrospective analysis: observational rules come before the trial rules).
#include "indexer/design_classifier.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "kb/design.h"
#include "kb/publication_types.h"
#include "kb/reference_type.h"
#include "kb/text.h"

namespace kb {
namespace {

using std::size_t;
using std::string_view;
constexpr size_t kNpos = string_view::npos;

constexpr bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;  // non-ASCII letters belong to words
}

std::string fold(string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    } else if (c == '-' || c == '_') {
      c = ' ';
    }
  }
  return out;
}

// A cue found in folded text: byte range [b, e).
struct Hit {
  size_t b = kNpos;
  size_t e = kNpos;
  explicit operator bool() const { return b != kNpos; }
};

// The first occurrence of pattern as whole words; with prefix, as the start of a word, the hit
// then running to the end of that word ("randomi" finds "randomised").
Hit find_words(string_view text, string_view pattern, bool prefix = false, size_t from = 0) {
  for (size_t pos = text.find(pattern, from); pos != kNpos; pos = text.find(pattern, pos + 1)) {
    const size_t end = pos + pattern.size();
    if (pos > 0 && is_word_char(text[pos - 1])) continue;
    if (!prefix && end < text.size() && is_word_char(text[end])) continue;
    size_t e = end;
    while (e < text.size() && is_word_char(text[e])) ++e;
    return {pos, prefix ? e : end};
  }
  return {};
}

// The earliest occurrence of any of the patterns.
Hit find_any(string_view text, std::initializer_list<string_view> patterns) {
  Hit best;
  for (string_view p : patterns) {
    const Hit h = find_words(text, p);
    if (h && (!best || h.b < best.b)) best = h;
  }
  return best;
}

bool contains_any(string_view text, std::initializer_list<string_view> patterns) {
  return static_cast<bool>(find_any(text, patterns));
}

// "randomised", "randomized", "randomization"... not negated ("non-randomised").
Hit find_randomised(string_view f) {
  for (Hit h = find_words(f, "randomi", true); h; h = find_words(f, "randomi", true, h.e)) {
    const bool negated = h.b >= 4 && f.substr(h.b - 4, 4) == "non ";
    if (!negated) return h;
  }
  return {};
}

// A span of years: "1988-2011", "1988 to 2011" (folded: "1988 2011"), "1988–2011".
Hit find_year_range(string_view f) {
  auto year_at = [&](size_t i) {
    if (i + 4 > f.size()) return false;
    if (f[i] != '1' && f[i] != '2') return false;
    for (size_t k = i; k < i + 4; ++k) {
      if (f[k] < '0' || f[k] > '9') return false;
    }
    return (i == 0 || !is_word_char(f[i - 1])) && (i + 4 == f.size() || !is_word_char(f[i + 4]));
  };
  for (size_t i = 0; i + 9 <= f.size(); ++i) {
    if (!year_at(i)) continue;
    for (string_view sep : {string_view(" "), string_view(" to "), string_view("\xE2\x80\x93")}) {
      const size_t j = i + 4 + sep.size();
      if (f.substr(i + 4, sep.size()) == sep && year_at(j)) return {i, j + 4};
    }
  }
  return {};
}

// "150 cases", "24 patients", "100 hepatic metastases", "231 unresectable hepatic tumors": a
// count of patients or lesions, the mark of a case series.
Hit find_counted_cases(string_view f) {
  constexpr std::array<string_view, 11> kNouns = {
      "patients", "cases", "women", "men", "children", "subjects",
      "tumors", "tumours", "lesions", "metastases", "consecutive"};
  size_t i = 0;
  while (i < f.size()) {
    if (!is_word_char(f[i]) || (i > 0 && is_word_char(f[i - 1]))) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < f.size() && f[e] >= '0' && f[e] <= '9') ++e;
    const bool number = e > i && e - i <= 5 && (e == f.size() || !is_word_char(f[e]));
    if (!number) {
      ++i;
      continue;
    }
    // Look at the next three words.
    size_t w = e;
    for (int k = 0; k < 3 && w < f.size(); ++k) {
      while (w < f.size() && f[w] == ' ') ++w;
      size_t we = w;
      while (we < f.size() && is_word_char(f[we])) ++we;
      if (we == w) break;
      const string_view word = f.substr(w, we - w);
      if (std::find(kNouns.begin(), kNouns.end(), word) != kNouns.end()) return {i, we};
      w = we;
    }
    i = e;
  }
  return {};
}

// Widens a hit over the neighbouring words that qualify a design, so that the reason quotes
// "open-label randomised controlled trial" or "Phase II trial" rather than a bare stem.
Hit widen(string_view f, Hit h) {
  constexpr std::array<string_view, 24> kRight = {
      "controlled", "clinical", "trial", "trials", "study", "studies", "analysis", "analyses",
      "cohort", "review", "phase", "ii", "iii", "2", "3", "double", "blind", "placebo",
      "open", "label", "multicenter", "multicentre", "and", "meta"};
  constexpr std::array<string_view, 22> kLeft = {
      "open", "label", "double", "blind", "single", "placebo", "controlled", "multicenter",
      "multicentre", "multi", "center", "centre", "international", "pragmatic", "prospective",
      "large", "cluster", "non", "inferiority", "noninferiority", "phase", "randomized"};
  auto in = [](const auto& list, string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
  };
  for (;;) {  // rightwards, one space-separated word at a time
    if (h.e >= f.size() || f[h.e] != ' ') break;
    const size_t s = h.e + 1;
    size_t e = s;
    while (e < f.size() && is_word_char(f[e])) ++e;
    const string_view w = f.substr(s, e - s);
    if (w.empty() || !in(kRight, w)) break;
    // "and" only joins two designs ("systematic review and meta-analysis").
    if (w == "and" && !(f.substr(e).starts_with(" meta") || f.substr(e).starts_with(" valid"))) {
      break;
    }
    h.e = e;
  }
  // A dangling "and" or "meta" at the right edge is not part of the cue.
  for (string_view tail : {string_view(" and"), string_view(" meta")}) {
    if (h.e - h.b > tail.size() && f.substr(h.e - tail.size(), tail.size()) == tail) {
      h.e -= tail.size();
    }
  }
  for (;;) {  // leftwards
    if (h.b < 2 || f[h.b - 1] != ' ') break;
    const size_t e = h.b - 1;
    size_t s = e;
    while (s > 0 && is_word_char(f[s - 1])) --s;
    const string_view w = f.substr(s, e - s);
    if (w.empty() || !in(kLeft, w)) break;
    h.b = s;
  }
  return h;
}

struct Cue {
  Design design = Design::Other;
  Hit hit;
};

// Rules on the title that name a design outright, in precedence order.
std::optional<Cue> strong_cue(string_view f) {
  // Pooled evidence first: "meta-analysis of randomised trials" is a meta-analysis.
  if (Hit h = find_any(f, {"meta analysis", "meta analyses", "metaanalysis", "meta analytic",
                           "meta regression", "pooled analysis", "overview of the randomised",
                           "overview of the randomized", "overview of randomised",
                           "overview of randomized"})) {
    return Cue{Design::MetaAnalysis, h};
  }
  if (Hit h = find_any(f, {"systematic review", "systematic reviews",
                           "systematic literature review", "systematic overview",
                           "cochrane review", "umbrella review"})) {
    return Cue{Design::SystematicReview, h};
  }
  // Observational designs named as such come before the trial rules, because they often
  // analyse trial data ("a retrospective analysis of two prospective, randomised trials").
  if (Hit h = find_any(f, {"case control", "nested case"})) return Cue{Design::CaseControl, h};
  if (Hit h = find_any(f, {"seer", "ncdb", "national cancer data base", "national cancer database",
                           "registry", "registries", "medicare", "surveillance, epidemiology"})) {
    return Cue{Design::RegistryAnalysis, h};
  }
  if (Hit h = find_any(f, {"retrospective", "retrospectively", "post hoc", "secondary analysis",
                           "exploratory analysis", "chart review", "matched pair", "propensity"})) {
    return Cue{Design::RetrospectiveCohort, h};
  }
  // Trials.
  if (Hit h = find_randomised(f)) return Cue{Design::Rct, h};
  if (Hit h = find_any(f, {"randomly assigned", "randomly allocated", "placebo controlled",
                           "double blind"})) {
    return Cue{Design::Rct, h};
  }
  // Population-wide data without a registry's name: "population-based", "nationwide", or a
  // national scope over a span of years ("in the United States, 1988-2011").
  if (Hit h = find_any(f, {"population based", "nationwide", "nation wide"})) {
    return Cue{Design::RegistryAnalysis, h};
  }
  if (Hit scope = find_any(f, {"united states", "national", "england", "canada", "sweden",
                               "denmark", "norway", "finland", "the netherlands", "japan"})) {
    if (Hit years = find_year_range(f)) {
      Hit h = scope;
      if (years.b > scope.e && years.b - scope.e <= 4) h.e = years.e;
      return Cue{Design::RegistryAnalysis, h};
    }
  }
  if (Hit h = find_any(f, {"phase ii", "phase 2", "phase i/ii", "phase ib/ii", "phase 1/2",
                           "phase iia", "phase iib"})) {
    return Cue{Design::Phase2Trial, h};
  }
  // Phase III trials are randomised as a rule.
  if (Hit h = find_any(f, {"phase iii", "phase 3"})) return Cue{Design::Rct, h};
  if (Hit h = find_any(f, {"prospective", "prospectively"})) {
    return Cue{Design::ProspectiveCohort, h};
  }
  // A non-randomised controlled study: CEBM's level 3 comparison, recorded as a cohort.
  if (Hit h = find_any(f, {"non randomized", "non randomised", "nonrandomized",
                           "nonrandomised"})) {
    return Cue{Design::ProspectiveCohort, h};
  }
  // A cohort not said to be prospective is, in this literature, nearly always retrospective.
  if (Hit h = find_any(f, {"cohort", "cohorts"})) return Cue{Design::RetrospectiveCohort, h};
  // Phase I trials are uncontrolled: a prospective case series in CEBM's terms.
  if (Hit h = find_any(f, {"phase i", "phase 1", "phase ib", "first in human"})) {
    return Cue{Design::CaseSeries, h};
  }
  return std::nullopt;
}

// Hints on the title that suggest a design without naming it.
std::optional<Cue> weak_cue(string_view f) {
  if (Hit h = find_counted_cases(f)) return Cue{Design::CaseSeries, h};
  if (Hit h = find_any(f, {"case series", "case report", "case reports", "a case of"})) {
    return Cue{Design::CaseSeries, h};
  }
  // Reviews before the looser case-series words: "guidelines: results of a consensus" is not
  // a case series.
  if (Hit h = find_any(f, {"review", "reviews", "guideline", "guidelines", "consensus",
                           "an update", "update on", "overview", "recommendations",
                           "position statement", "position paper", "state of the art",
                           "current concepts", "perspective", "perspectives", "commentary",
                           "editorial", "expert opinion", "primer"})) {
    return Cue{Design::Review, h};
  }
  if (Hit h = find_any(f, {"experience", "results of", "series", "single institution",
                           "single center", "single centre", "institutional"})) {
    return Cue{Design::CaseSeries, h};
  }
  // A clinicopathological study describes a series of cases.
  if (Hit h = find_any(f, {"clinicopathologic", "clinicopathological", "clinical and pathological",
                           "clinical and pathologic", "clinico pathological"})) {
    return Cue{Design::CaseSeries, h};
  }
  // A trial not said to be randomised, nor of any phase: a prospective interventional study.
  if (Hit h = find_any(f, {"trial", "trials"})) return Cue{Design::ProspectiveCohort, h};
  return std::nullopt;
}

// A treatment or procedure named in a title: "surgery", "resection", "ablation", "therapy", or a
// surgical or endoscopic word by its ending ("hepatectomy", "metastasectomy", "laparoscopy",
// "gastrojejunostomy").
Hit find_treatment(string_view f) {
  Hit best = find_any(f, {"surgery", "surgical", "resection", "resections", "excision",
                          "extirpation", "removal", "ablation", "treatment", "treatments",
                          "therapy", "therapies", "chemotherapy", "radiotherapy", "radiation",
                          "irradiation", "transplant", "transplantation", "operation",
                          "operative"});
  constexpr std::array<string_view, 8> kEndings = {"ectomy", "ectomies", "otomy", "otomies",
                                                   "ostomy", "ostomies", "oscopy", "plasty"};
  for (size_t i = 0; i < f.size();) {
    if (!is_word_char(f[i])) {
      ++i;
      continue;
    }
    size_t e = i;
    while (e < f.size() && is_word_char(f[e])) ++e;
    const string_view w = f.substr(i, e - i);
    for (string_view end : kEndings) {
      if (w.size() > end.size() + 2 && w.ends_with(end)) {
        if (!best || i < best.b) best = {i, e};
        break;
      }
    }
    i = e;
  }
  return best;
}

// The default for an original clinical study whose title names no design (see
// classify_design). kind says which reading applied, for the reason.
struct DefaultCue {
  Design design = Design::Other;
  Hit hit;
  const char* kind = "";
};

std::optional<DefaultCue> default_cue(string_view f) {
  // Two groups compared, or an effect or association of a factor on an outcome.
  const Hit comparison = find_any(
      f, {"with or without", "versus", "vs", "compared with", "compared to", "comparison of",
          "effect of", "effects of", "impact of", "influence of", "associated with",
          "association of", "association between", "improve", "improves", "improved",
          "benefit", "benefits"});
  const Hit treatment = find_treatment(f);
  const Hit outcome = find_any(f, {"survival", "outcome", "outcomes", "results", "prognosis",
                                   "prognostic", "clinical course", "mortality", "long term",
                                   "follow up"});
  const Hit patients = find_any(f, {"patients", "patient", "cases"});
  const Hit disease = find_any(f, {"cancer", "cancers", "carcinoma", "carcinomas", "metastases",
                                   "metastasis", "metastatic", "tumor", "tumors", "tumour",
                                   "tumours", "neoplasm", "neoplasms", "malignancy",
                                   "malignancies", "lesions", "disease", "recurrence"});
  if (comparison && (treatment || outcome || patients)) {
    return DefaultCue{Design::RetrospectiveCohort, comparison, "groups compared"};
  }
  if (treatment && (outcome || patients || disease)) {
    return DefaultCue{Design::CaseSeries, treatment, "treated patients described"};
  }
  if (outcome) return DefaultCue{Design::RetrospectiveCohort, outcome, "patients' course followed"};
  return std::nullopt;
}

// Methods as abstracts state them. "retrospectively" (how this study was done) outranks
// "randomly assigned" (which may describe the trial a retrospective study drew on); plain
// "retrospective" ranks below it, since abstracts of trials cite retrospective work.
std::optional<Cue> abstract_cue(string_view f) {
  if (Hit h = find_any(f, {"meta analysis", "meta analyses"})) return Cue{Design::MetaAnalysis, h};
  if (Hit h = find_any(f, {"systematic review", "systematically searched", "systematic search",
                           "systematic literature search"})) {
    return Cue{Design::SystematicReview, h};
  }
  if (Hit h = find_any(f, {"retrospectively"})) return Cue{Design::RetrospectiveCohort, h};
  if (Hit h = find_any(f, {"randomly assigned", "randomly allocated", "were randomized",
                           "were randomised", "randomized to", "randomised to",
                           "underwent randomization", "underwent randomisation"})) {
    return Cue{Design::Rct, h};
  }
  if (Hit h = find_any(f, {"case control"})) return Cue{Design::CaseControl, h};
  if (Hit h = find_any(f, {"seer", "ncdb", "national cancer data base", "national cancer database",
                           "cancer registry", "registry data", "population based"})) {
    return Cue{Design::RegistryAnalysis, h};
  }
  if (Hit h = find_any(f, {"retrospective"})) return Cue{Design::RetrospectiveCohort, h};
  if (Hit h = find_any(f, {"phase ii", "phase 2"})) return Cue{Design::Phase2Trial, h};
  if (Hit h = find_any(f, {"prospectively", "prospective"})) {
    return Cue{Design::ProspectiveCohort, h};
  }
  return std::nullopt;
}

std::string quote(const char* where, string_view original, Hit h) {
  std::string s = where;
  s += ": '";
  s += original.substr(h.b, h.e - h.b);
  s += "'";
  return s;
}

// What a meta-analysis or systematic review pools, as far as its words say.
enum class Pooled { Randomised, Observational, Unknown };

Pooled pooled_studies(string_view title, string_view abstract) {
  auto randomised = [](string_view f) {
    return static_cast<bool>(find_randomised(f)) ||
           contains_any(f, {"rct", "rcts", "randomly assigned", "randomly allocated"});
  };
  auto observational = [](string_view f) {
    return contains_any(f, {"observational", "cohort", "cohorts", "retrospective",
                            "non randomized", "non randomised", "nonrandomized",
                            "nonrandomised", "case control", "registry", "registries",
                            "case series", "population based"});
  };
  if (randomised(title)) return Pooled::Randomised;
  if (observational(title)) return Pooled::Observational;
  const bool r = randomised(abstract);
  const bool o = observational(abstract);
  if (r && !o) return Pooled::Randomised;
  if (o && !r) return Pooled::Observational;
  return Pooled::Unknown;
}

}  // namespace

void classify_design(Reference& ref, std::string_view abstract,
                     const std::vector<std::string>& publication_types) {
  const bool use_title = !ref.title.empty();
  const string_view original = use_title ? string_view(ref.title) : string_view(ref.raw);
  const char* where = use_title ? "title" : "reference";
  const std::string title = fold(original);
  const std::string abs = fold(abstract);

  // A package insert, web page or book names a product or a subject in its title, not how
  // evidence was gathered: its title words give no design.
  const ReferenceType cited_kind = reference_type(ref);
  const bool title_names_design = title_can_name_design(cited_kind);
  const std::optional<Cue> strong = strong_cue(title);
  const std::optional<Cue> from_abstract = abstract_cue(abs);
  std::optional<Cue> journal;
  if (ref.journal.rfind("Cochrane Database Syst Rev", 0) == 0) {
    journal = Cue{Design::SystematicReview, {0, ref.journal.size()}};
  }

  Design design = Design::Other;
  std::string reason;
  bool decided = false;

  // The publication type that decides (kb/publication_types.h): a decisive one settles the
  // design; a generic one gives a default that the title or abstract may narrow.
  if (const PublicationType* type = deciding_publication_type(publication_types)) {
    const std::string pub = "publication type: '" + std::string(type->name) + "'";
    auto narrows = [&](const std::optional<Cue>& c) { return type->generic() && c && type->allows(c->design); };
    if (narrows(strong)) {
      design = strong->design;
      reason = quote(where, original, widen(title, strong->hit)) + "; " + pub;
    } else if (narrows(from_abstract)) {
      design = from_abstract->design;
      reason = quote("abstract", abstract, widen(abs, from_abstract->hit)) + "; " + pub;
    } else {
      design = type->design;
      reason = pub;
    }
    decided = true;
  }
  if (!decided && strong && title_names_design) {
    design = strong->design;
    reason = quote(where, original, widen(title, strong->hit));
    decided = true;
  }
  if (!decided && journal) {
    // The Cochrane Database publishes systematic reviews only.
    design = journal->design;
    reason = quote("journal", ref.journal, journal->hit);
    decided = true;
  }
  if (!decided && from_abstract) {
    design = from_abstract->design;
    reason = quote("abstract", abstract, widen(abs, from_abstract->hit));
    decided = true;
  }
  if (!decided && title_names_design) {
    if (const std::optional<Cue> weak = weak_cue(title)) {
      design = weak->design;
      reason = quote(where, original, weak->hit);  // hints are quoted as found
      decided = true;
    }
  }
  bool assumed = false;
  if (!decided && title_names_design) {
    if (const std::optional<DefaultCue> d = default_cue(title)) {
      design = d->design;
      reason = "no design named in the title; ";
      reason += d->kind;
      reason += " (";
      reason += quote(where, original, d->hit);
      reason += "): assumed ";
      reason += to_string(design);
      decided = true;
      assumed = true;
    }
  }
  if (!decided) {
    reason = title_names_design ? std::string("no design cue")
                                : std::string(to_string(cited_kind)) + ": its title names no design";
  }

  ref.design = design;
  ref.design_reason = std::move(reason);
  std::erase(ref.uncertain_fields, std::string("level"));
  std::erase(ref.uncertain_fields, std::string("design"));
  if (assumed) ref.uncertain_fields.emplace_back("design");
  switch (design) {
    case Design::MetaAnalysis:
    case Design::SystematicReview:
      // CEBM 2011 puts a systematic review at the level of the studies it pools: of
      // randomised trials level 1, of non-randomised cohorts level 3 (we do not go lower for
      // reviews of case series: titles rarely say). GRADE starts pooled observational
      // evidence at "low", as it does the studies themselves. When nothing says what is
      // pooled we assume randomised trials, the usual subject of a meta-analysis of a
      // treatment, and flag the level as uncertain rather than silently downgrade.
      switch (pooled_studies(title, abs)) {
        case Pooled::Observational:
          ref.level = 3;
          ref.grade_start = "low";
          break;
        case Pooled::Unknown:
          ref.uncertain_fields.emplace_back("level");
          [[fallthrough]];
        case Pooled::Randomised:
          ref.level = 1;
          ref.grade_start = "high";
          break;
      }
      break;
    case Design::Rct:
      ref.level = 2;
      ref.grade_start = "high";
      break;
    case Design::ProspectiveCohort:
    case Design::Phase2Trial:
      ref.level = 3;
      ref.grade_start = "low";
      break;
    case Design::RetrospectiveCohort:
    case Design::RegistryAnalysis:
    case Design::CaseControl:
    case Design::CaseSeries:
      ref.level = 4;
      ref.grade_start = "low";
      break;
    case Design::Review:
    case Design::Other:
      ref.level = 5;
      ref.grade_start.clear();
      break;
  }
}

}  // namespace kb
