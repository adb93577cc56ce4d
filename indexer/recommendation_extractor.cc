#include "indexer/recommendation_extractor.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "kb/grade.h"
#include "kb/text.h"

namespace kb {
namespace {

struct CuePattern {
  std::string_view phrase;  // lower case
  Direction direction;
};

// Kept as data. Negative forms come before the positive forms they contain, and a match
// is taken at the earliest position, the first pattern winning a tie.
constexpr CuePattern kCues[] = {
    {"we recommend against", Direction::Against},
    {"we suggest against", Direction::Against},
    {"we suggest not", Direction::Against},
    {"we do not recommend", Direction::Against},
    {"we do not suggest", Direction::Against},
    {"we typically do not offer", Direction::Against},
    {"we generally do not offer", Direction::Against},
    {"we typically do not", Direction::Against},
    {"we generally do not", Direction::Against},
    {"we do not offer", Direction::Against},
    {"we do not routinely", Direction::Against},
    {"we do not", Direction::Against},
    {"do not offer", Direction::Against},
    {"recommends against", Direction::Against},
    {"recommend against", Direction::Against},
    {"should not be offered", Direction::Against},
    {"should not be", Direction::Against},
    {"should not", Direction::Against},
    {"must not be", Direction::Against},
    {"must not", Direction::Against},
    {"should be deferred", Direction::Against},
    {"should be postponed", Direction::Against},
    {"must be postponed", Direction::Against},
    {"should be avoided", Direction::Against},
    {"must be avoided", Direction::Against},
    {"is not indicated", Direction::Against},
    {"are not indicated", Direction::Against},
    {"is not licensed or recommended", Direction::Against},
    {"are not licensed or recommended", Direction::Against},
    {"is not recommended", Direction::Against},
    {"are not recommended", Direction::Against},
    {"is not reasonable", Direction::Against},
    {"is not contraindicated", Direction::For},
    {"are not contraindicated", Direction::For},
    {"is contraindicated", Direction::Against},
    {"are contraindicated", Direction::Against},
    {"we avoid", Direction::Against},
    {"we have offered", Direction::Conditional},
    {"may be considered", Direction::Conditional},
    {"can be considered", Direction::Conditional},
    {"should be considered", Direction::Conditional},
    {"should consider", Direction::Conditional},
    {"may be offered", Direction::Conditional},
    {"may be reasonable", Direction::Conditional},
    {"may be used", Direction::Conditional},
    {"can be used", Direction::Conditional},
    {"can continue to be used", Direction::Conditional},
    {"can be given", Direction::Conditional},
    {"may receive", Direction::Conditional},
    {"is an option", Direction::Conditional},
    {"are an option", Direction::Conditional},
    {"is an alternative", Direction::Conditional},
    {"is an acceptable alternative", Direction::Conditional},
    {"is a reasonable alternative", Direction::Conditional},
    {"are acceptable alternatives", Direction::Conditional},
    {"is an acceptable option", Direction::Conditional},
    {"is a reasonable option", Direction::Conditional},
    {"is preferred", Direction::For},
    {"are preferred", Direction::For},
    {"we individualize", Direction::Conditional},
    {"we recommend", Direction::For},
    {"we suggest", Direction::For},
    {"we typically offer", Direction::For},
    {"we generally offer", Direction::For},
    {"we offer", Direction::For},
    {"we prefer", Direction::For},
    {"we favor", Direction::For},
    {"we favour", Direction::For},
    {"we treat", Direction::For},
    {"should be offered", Direction::For},
    {"should be", Direction::For},
    {"should receive", Direction::For},
    {"should undergo", Direction::For},
    {"is indicated", Direction::For},
    {"are indicated", Direction::For},
    {"is recommended", Direction::For},
    {"are recommended", Direction::For},
    {"also are recommended", Direction::For},
    {"is reasonable", Direction::For},
    {"are reasonable", Direction::For},
    // Committee voice: "ACIP recommends", "the updated guidelines recommend".
    {"recommends", Direction::For},
    {"recommend", Direction::For},
    {"recommendation is", Direction::For},
    // Any other "should" or "must" advises too: "should ensure", "must comply".
    {"should", Direction::For},
    {"must", Direction::For},
};

// Phrases that weigh a decision rather than make one: they attach to the recommendation
// before them as considerations.
constexpr std::array<std::string_view, 3> kConsiderationCues = {
    "should take into account", "take into account", "should be individualized"};

// Advice about reading a study's own results, not about care: never a recommendation.
constexpr std::array<std::string_view, 5> kHedges = {
    "should be interpreted with caution", "should be interpreted cautiously", "cautious interpretation",
    "must be interpreted with caution", "should be viewed with caution"};

// Verbs that open an instruction in a guideline's list ("Vaccinate all patients ...",
// "In case of mild infection, maintain treatment"), with the direction they advise.
struct ImperativeVerb {
  std::string_view verb;  // lower case
  Direction direction;
  bool in_prose = false;  // opens an instruction in running text too ("Offer a statin to ..."),
                          // not only in a list, where words like "test" or "report" may be nouns
};
constexpr ImperativeVerb kImperatives[] = {
    {"do not", Direction::Against, true},      {"never", Direction::Against},      {"avoid", Direction::Against, true},
    {"postpone", Direction::Against},    {"defer", Direction::Against},      {"delay", Direction::Against},
    {"withhold", Direction::Against},    {"discontinue", Direction::Against}, {"stop", Direction::Against},
    {"vaccinate", Direction::For, true},       {"use", Direction::For},            {"maintain", Direction::For},
    {"continue", Direction::For},        {"initiate", Direction::For},       {"intensify", Direction::For},
    {"administer", Direction::For, true},      {"give", Direction::For},           {"consider", Direction::Conditional, true},
    {"monitor", Direction::For, true},         {"wear", Direction::For},           {"offer", Direction::For, true},
    {"treat", Direction::For},           {"start", Direction::For},          {"screen", Direction::For},
    {"test", Direction::For},            {"ensure", Direction::For},         {"refer", Direction::For, true},
    {"prescribe", Direction::For, true},       {"obtain", Direction::For},         {"perform", Direction::For},
    {"assess", Direction::For},          {"evaluate", Direction::For},       {"check", Direction::For},
    {"measure", Direction::For, true},         {"provide", Direction::For},        {"advise", Direction::For, true},
    {"counsel", Direction::For},         {"educate", Direction::For},        {"repeat", Direction::For},
    {"reduce", Direction::For},          {"limit", Direction::For},          {"follow", Direction::For},
    {"encourage", Direction::For},       {"inform", Direction::For},         {"report", Direction::For},
    {"discuss", Direction::For, true},
};

// Openings of a leading clause after which an instruction may stand: "In case of ..., ".
constexpr std::array<std::string_view, 12> kLeadingClauseOpeners = {
    "in ", "after ", "before ", "during ", "for ", "if ", "when ", "until ", "while ", "once ", "where ", "unless "};

// Openings that restate the recommendation before them instead of making a new one.
constexpr std::array<std::string_view, 9> kRestatementOpeners = {
    "as such", "thus", "therefore", "accordingly", "hence", "in such cases", "for these reasons",
    "consequently", "in summary"};

// Openings that make an exception to the recommendation before them.
constexpr std::array<std::string_view, 6> kExceptionOpeners = {
    "deviations to this approach", "deviations from this approach", "exceptions to this",
    "exceptions include", "an exception", "one exception"};

// Discourse words at the head of a sentence that carry no logic of their own.
constexpr std::array<std::string_view, 14> kLeadingMarkers = {
    "however", "in general", "similarly", "for example", "as such", "thus", "therefore",
    "in addition", "additionally", "finally", "generally", "typically", "likewise", "accordingly"};

// Words that make a descriptive sentence a statement about the evidence.
constexpr std::array<std::string_view, 14> kEvidenceWords = {
    "evidence", "data", "trial", "trials", "randomized", "randomised", "retrospective",
    "prospective", "studies", "study", "meta-analysis", "series", "observational", "benefit"};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

// Position of PHRASE in LOWER at a word boundary, from FROM; npos when absent.
std::size_t find_word(std::string_view lower, std::string_view phrase, std::size_t from = 0) {
  for (std::size_t at = lower.find(phrase, from); at != std::string_view::npos; at = lower.find(phrase, at + 1)) {
    bool left = at == 0 || !is_word_char(lower[at - 1]);
    std::size_t end = at + phrase.size();
    bool right = end >= lower.size() || !is_word_char(lower[end]);
    if (left && right) return at;
  }
  return std::string_view::npos;
}

bool opens_with(std::string_view lower, std::string_view phrase) {
  return lower.rfind(phrase, 0) == 0 && (lower.size() == phrase.size() || !is_word_char(lower[phrase.size()]));
}

template <std::size_t N>
bool opens_with_any(std::string_view lower, const std::array<std::string_view, N>& phrases) {
  return std::any_of(phrases.begin(), phrases.end(), [&](std::string_view p) { return opens_with(lower, p); });
}

bool mentions_evidence(std::string_view lower) {
  return std::any_of(kEvidenceWords.begin(), kEvidenceWords.end(),
                     [&](std::string_view w) { return find_word(lower, w) != std::string_view::npos; });
}

// Trims spaces, commas and a final period; a closing parenthesis goes only if unbalanced.
std::string clean_clause(std::string_view s) {
  s = trim(s);
  while (!s.empty()) {
    char last = s.back();
    if (last == ',' || last == '.' || last == ';' || last == ' ') {
      s.remove_suffix(1);
    } else if (last == ')' && std::count(s.begin(), s.end(), '(') < std::count(s.begin(), s.end(), ')')) {
      s.remove_suffix(1);
    } else {
      break;
    }
  }
  if (!s.empty() && s.front() == '(') s.remove_prefix(1);
  return std::string(trim(s));
}

// "If lumpectomy ..." -> "if lumpectomy ..."; acronyms such as "HER2" keep their case.
std::string lower_first(std::string s) {
  if (s.size() >= 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
      !std::isupper(static_cast<unsigned char>(s[1])))
    s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

// The end of the clause that opens TEXT: the first ", " outside parentheses.
std::size_t clause_end(std::string_view text) {
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') ++depth;
    else if (text[i] == ')') depth = std::max(0, depth - 1);
    else if (text[i] == ',' && depth == 0) return i;
  }
  return text.size();
}

enum class Part { Condition, Exception, Rationale };

struct Starter {
  std::string_view phrase;  // lower case, with its leading separator
  Part part;
  std::size_t skip;         // bytes of the phrase that are not part of the clause
};

// Clauses that can follow the advice, each starting a part of the sentence.
constexpr std::array<Starter, 15> kStarters = {{
    {" given ", Part::Rationale, 1},
    {" because ", Part::Rationale, 1},
    {" since ", Part::Rationale, 1},
    {", as it would", Part::Rationale, 2},
    {" due to ", Part::Rationale, 1},
    {" (unless ", Part::Exception, 2},
    {", unless ", Part::Exception, 2},
    {" unless ", Part::Exception, 1},
    {", except ", Part::Exception, 2},
    {" if ", Part::Condition, 1},
    {" when ", Part::Condition, 1},
    {" to patients ", Part::Condition, 4},
    {" for patients ", Part::Condition, 1},
    {" in patients ", Part::Condition, 1},
    {" in women ", Part::Condition, 1},
}};

// Offsets of parentheses depth 0 in TEXT, so that "(eg, ... if ...)" never starts a clause.
std::vector<int> depths(std::string_view text) {
  std::vector<int> d(text.size() + 1, 0);
  int depth = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    d[i] = depth;
    if (text[i] == '(') ++depth;
    else if (text[i] == ')') depth = std::max(0, depth - 1);
  }
  d[text.size()] = depth;
  return d;
}

}  // namespace

std::optional<AdviceCue> find_advice_cue(std::string_view sentence) {
  std::string lower = ascii_lower(sentence);
  std::optional<AdviceCue> best;
  for (const CuePattern& p : kCues) {
    std::size_t at = find_word(lower, p.phrase);
    if (at == std::string::npos) continue;
    if (best && at >= best->begin) continue;
    best = AdviceCue{p.direction, std::string(sentence.substr(at, p.phrase.size())), at, at + p.phrase.size()};
  }
  if (!best) {
    std::string grade = find_grade(sentence);
    if (!grade.empty()) {
      // A graded sentence advises even without one of the phrases above.
      std::size_t at = lower.find("(grade");
      std::size_t length = 6;
      if (at == std::string_view::npos) {
        at = sentence.find(grade);
        length = grade.size();
      }
      if (at == std::string_view::npos) at = 0;
      const std::size_t end = std::min(sentence.size(), at + length);
      best = AdviceCue{Direction::For, std::string(sentence.substr(at, end - at)), at, end};
    }
  }
  return best;
}

std::optional<AdviceCue> find_imperative_cue(std::string_view sentence, bool in_list) {
  std::string lower = ascii_lower(sentence);
  std::vector<std::size_t> starts = {0};
  for (std::string_view opener : kLeadingClauseOpeners) {
    if (!opens_with(lower, trim(opener))) continue;
    std::size_t comma = clause_end(lower);
    if (comma < lower.size()) starts.push_back(comma + 1);
    break;
  }
  for (std::size_t start : starts) {
    while (start < lower.size() && lower[start] == ' ') ++start;
    std::string_view rest = std::string_view(lower).substr(start);
    for (const ImperativeVerb& v : kImperatives) {
      if (!opens_with(rest, v.verb) || (!in_list && !v.in_prose)) continue;
      // "Use of ciprofloxacin ..." is a noun, not an instruction.
      std::string_view after = trim(rest.substr(v.verb.size()));
      if (after.empty() || opens_with(after, "of") || after.front() == ',' || after.front() == '.') continue;
      return AdviceCue{v.direction, std::string(sentence.substr(start, v.verb.size())), start, start + v.verb.size()};
    }
  }
  return std::nullopt;
}

namespace {

bool is_hedge(std::string_view sentence) {
  std::string lower = ascii_lower(sentence);
  return std::any_of(kHedges.begin(), kHedges.end(),
                     [&](std::string_view h) { return lower.find(h) != std::string::npos; });
}

bool is_history(std::string_view sentence) {
  // "In 1997, ACIP recommended ...", "Previously, ...": what was advised, not what is.
  std::string lower = ascii_lower(sentence);
  if (opens_with(lower, "previously")) return true;
  if (!opens_with(lower, "in")) return false;
  std::size_t i = 3;
  while (i < lower.size() && std::isalpha(static_cast<unsigned char>(lower[i])) && i < 14) ++i;  // "in september 2000"
  while (i < lower.size() && lower[i] == ' ') ++i;
  std::size_t digits = 0;
  while (i + digits < lower.size() && std::isdigit(static_cast<unsigned char>(lower[i + digits]))) ++digits;
  if (digits == 4) return true;
  return false;
}

}  // namespace

std::string find_grade(std::string_view sentence) { return find_printed_grade(sentence); }

void analyse_recommendation_sentence(Recommendation& rec, const AdviceCue& cue) {
  std::string_view text = rec.text;
  std::string lower = ascii_lower(text);
  std::size_t start = 0;

  // Leading discourse markers and leading conditions ("However, in general, for patients
  // who ..., we do not offer ..."; "If lumpectomy is pursued ..., RT is not indicated").
  for (bool progressed = true; progressed && start < cue.begin;) {
    progressed = false;
    std::string_view rest = std::string_view(lower).substr(start);
    for (std::string_view marker : kLeadingMarkers) {
      if (opens_with(rest, marker) && rest.size() > marker.size() && rest[marker.size()] == ',') {
        start += marker.size() + 1;
        while (start < lower.size() && lower[start] == ' ') ++start;
        progressed = true;
        break;
      }
    }
    if (progressed) continue;
    rest = std::string_view(lower).substr(start);
    for (std::string_view opener : {"if ", "when ", "for patients ", "in patients ", "among patients ",
                                    "for women ", "in women ", "in those ", "for those ", "until ",
                                    "during ", "in case of ", "in cases of ", "in the case of "}) {
      if (!opens_with(rest, trim(opener))) continue;
      std::size_t end = start + clause_end(rest);
      if (end >= cue.begin) break;  // the clause runs into the advice: not a leading condition
      rec.conditions.push_back(lower_first(clean_clause(text.substr(start, end - start))));
      start = end + 1;
      while (start < lower.size() && lower[start] == ' ') ++start;
      progressed = true;
      break;
    }
  }

  // A subject that names the patients is a condition: "Patients with metastatic disease
  // should be evaluated ..." applies to patients with metastatic disease.
  std::string_view before_cue = std::string_view(lower).substr(start, cue.begin > start ? cue.begin - start : 0);
  std::size_t action_start = start;
  for (std::string_view subject : {"patients with", "patients who", "women with", "women who", "those with"}) {
    if (opens_with(before_cue, subject)) {
      rec.conditions.push_back(lower_first(clean_clause(text.substr(start, cue.begin - start))));
      action_start = cue.begin;
      break;
    }
  }

  // Clauses after the advice: conditions, exceptions and the rationale.
  std::vector<int> depth = depths(lower);
  struct Cut {
    std::size_t at;
    const Starter* starter;
  };
  std::vector<Cut> cuts;
  for (const Starter& s : kStarters) {
    for (std::size_t at = lower.find(s.phrase, cue.end); at != std::string::npos; at = lower.find(s.phrase, at + 1)) {
      bool opens_paren = s.phrase.find('(') != std::string_view::npos;
      if (depth[at] != 0 && !opens_paren) continue;
      bool taken = std::any_of(cuts.begin(), cuts.end(), [&](const Cut& c) {
        return at < c.at + c.starter->phrase.size() && c.at < at + s.phrase.size();
      });
      if (!taken) cuts.push_back({at, &s});
      break;
    }
  }
  std::sort(cuts.begin(), cuts.end(), [](const Cut& a, const Cut& b) { return a.at < b.at; });
  std::size_t action_end = cuts.empty() ? text.size() : cuts.front().at;
  for (std::size_t i = 0; i < cuts.size(); ++i) {
    std::size_t from = cuts[i].at + cuts[i].starter->skip;
    std::size_t to = i + 1 < cuts.size() ? cuts[i + 1].at : text.size();
    std::string clause = clean_clause(text.substr(from, to - from));
    if (clause.empty()) continue;
    switch (cuts[i].starter->part) {
      case Part::Condition: rec.conditions.push_back(clause); break;
      case Part::Exception: rec.exceptions.push_back(clause); break;
      case Part::Rationale:
        if (!rec.rationale.empty()) rec.rationale.append("; ");
        rec.rationale.append(clause);
        break;
    }
  }
  rec.action = clean_clause(text.substr(action_start, action_end - action_start));
}

namespace {

// Splits "the expertise and experience of the treating institution as well as patient
// preferences" into its items; "and" inside an item is kept.
std::vector<std::string> split_considerations(std::string_view object) {
  std::vector<std::string> items;
  std::string lower = ascii_lower(object);
  std::size_t start = 0;
  auto push = [&](std::size_t end) {
    std::string item = clean_clause(object.substr(start, end - start));
    if (item.rfind("the ", 0) == 0) item.erase(0, 4);
    if (!item.empty()) items.push_back(item);
  };
  for (std::size_t i = 0; i < lower.size();) {
    for (std::string_view sep : {" as well as ", "; ", ", "}) {
      if (lower.compare(i, sep.size(), sep) == 0) {
        push(i);
        start = i + sep.size();
        i = start;
        goto next;
      }
    }
    ++i;
  next:;
  }
  push(object.size());
  return items;
}

// The paragraph that introduces a list ("ACIP recommends the following:"), as the items
// below it need it.
struct LeadIn {
  int paragraph = -1;
  int rec = -1;              // the recommendation the lead-in makes itself, if any
  bool restrictive = false;  // "... only for the following ...": the items are its exceptions
  bool advises = false;      // the lead-in holds an advice cue
  Direction direction = Direction::For;
  std::string cue;
  std::vector<std::string> conditions;  // "until adequate supplies are available"
  SentencePlace place;
};

bool ends_with_colon(std::string_view text) {
  text = trim(text);
  return !text.empty() && text.back() == ':';
}

struct Cursor {
  const Topic& topic;
  SentencePlace place;
  const Sentence& sentence() const {
    return topic.sections[static_cast<std::size_t>(place.section)]
        .paragraphs[static_cast<std::size_t>(place.paragraph)]
        .sentences[static_cast<std::size_t>(place.sentence)];
  }
};

}  // namespace

std::vector<Recommendation> extract_recommendations(const Topic& topic) {
  std::vector<Recommendation> recs;
  for (int s = 0; s < static_cast<int>(topic.sections.size()); ++s) {
    const Section& section = topic.sections[static_cast<std::size_t>(s)];
    int last_in_section = -1;  // index into recs of the section's latest recommendation
    bool exception_pending = false;  // a "Deviations ..." sentence opened an exception
    LeadIn lead;  // the paragraph that introduces the list being read, if any
    for (int p = 0; p < static_cast<int>(section.paragraphs.size()); ++p) {
      const Paragraph& paragraph = section.paragraphs[static_cast<std::size_t>(p)];
      int last_in_paragraph = -1;
      std::vector<SentencePlace> evidence_before;  // evidence sentences waiting for a recommendation
      const bool under_lead_in = paragraph.list_item && !paragraph.lead_in.empty() && lead.paragraph >= 0;
      if (!paragraph.list_item) lead = LeadIn{};
      for (int i = 0; i < static_cast<int>(paragraph.sentences.size()); ++i) {
        const SentencePlace place{s, p, i};
        const std::string& text = paragraph.sentences[static_cast<std::size_t>(i)].text;
        const std::string lower = ascii_lower(text);
        const bool last_sentence = i + 1 == static_cast<int>(paragraph.sentences.size());
        // "OPV should be used only for the following special circumstances:" - each item is
        // an exception to it: the circumstances where it applies.
        if (under_lead_in && i == 0 && lead.restrictive && lead.rec >= 0) {
          Recommendation& parent = recs[static_cast<std::size_t>(lead.rec)];
          parent.exceptions.push_back(clean_clause(text));
          parent.related.push_back(place);
          continue;
        }
        if (is_hedge(text) || is_history(text)) continue;
        std::string_view opening = lower;
        for (std::string_view marker : {"however, ", "for example, ", "in addition, "})
          if (opening.rfind(marker, 0) == 0) opening.remove_prefix(marker.size());

        if (last_in_section >= 0 && opens_with_any(lower, kExceptionOpeners)) {
          recs[static_cast<std::size_t>(last_in_section)].exceptions.push_back(clean_clause(text));
          recs[static_cast<std::size_t>(last_in_section)].related.push_back(place);
          exception_pending = true;
          continue;
        }
        const auto consideration = std::find_if(kConsiderationCues.begin(), kConsiderationCues.end(),
                                                [&](std::string_view c) { return find_word(lower, c) != std::string::npos; });
        if (consideration != kConsiderationCues.end() && last_in_section >= 0) {
          Recommendation& rec = recs[static_cast<std::size_t>(last_in_section)];
          std::size_t at = find_word(lower, *consideration) + consideration->size();
          for (std::string& item : split_considerations(std::string_view(text).substr(at)))
            rec.considerations.push_back(item);
          // "However, data supporting such an approach are lacking, and the decision ..."
          std::size_t joint = lower.find(", and ");
          if (joint != std::string::npos && joint < at && mentions_evidence(lower.substr(0, joint)))
            rec.evidence_statements.push_back(clean_clause(std::string_view(text).substr(0, joint)));
          rec.related.push_back(place);
          continue;
        }

        auto cue = find_advice_cue(text);
        // An instruction opening the sentence wins over a cue deeper in it.
        if (auto imperative = find_imperative_cue(text, paragraph.list_item);
            imperative && (!cue || imperative->begin <= cue->begin))
          cue = imperative;
        // A list item under "ACIP recommends the following:" advises what the lead-in does.
        if (!cue && under_lead_in && i == 0 && lead.rec < 0 && lead.advises)
          cue = AdviceCue{lead.direction, lead.cue, 0, 0};
        // "ACIP recommends the following:" advises nothing by itself: its items do.
        if (cue && paragraph.list_item == false && last_sentence && ends_with_colon(text) &&
            find_word(lower, "the following") != std::string::npos &&
            find_word(lower, "only") == std::string::npos) {
          lead = LeadIn{p, -1, false, true, cue->direction, cue->phrase, {}, place};
          Recommendation probe;
          probe.text = text;
          analyse_recommendation_sentence(probe, *cue);
          lead.conditions = probe.conditions;
          continue;
        }
        if (!cue) {
          // A descriptive sentence: evidence statements attach to the paragraph's recommendation.
          if (mentions_evidence(lower)) {
            if (last_in_paragraph >= 0) {
              recs[static_cast<std::size_t>(last_in_paragraph)].evidence_statements.push_back(clean_clause(text));
              recs[static_cast<std::size_t>(last_in_paragraph)].related.push_back(place);
            } else {
              evidence_before.push_back(place);
            }
          }
          continue;
        }
        if (last_in_section >= 0 && opens_with_any(opening, kRestatementOpeners) &&
            recs[static_cast<std::size_t>(last_in_section)].direction == cue->direction) {
          recs[static_cast<std::size_t>(last_in_section)].restatements.push_back(place);
          continue;
        }

        Recommendation rec;
        rec.label = std::string("R").append(std::to_string(recs.size() + 1));
        rec.text = text;
        rec.direction = cue->direction;
        rec.cue = cue->phrase;
        rec.grade = find_grade(text);
        rec.place = place;
        analyse_recommendation_sentence(rec, *cue);
        if (under_lead_in) {
          // The item carries its lead-in: its conditions, and the sentence as related text.
          rec.conditions.insert(rec.conditions.begin(), lead.conditions.begin(), lead.conditions.end());
          rec.related.push_back(lead.place);
        }
        if (exception_pending && last_in_section >= 0 && opens_with(lower, "for example")) {
          // "For example, we have offered ..." spells out the exception just opened.
          Recommendation& parent = recs[static_cast<std::size_t>(last_in_section)];
          rec.parent = parent.label;
          if (rec.direction != Direction::Against) rec.direction = Direction::Conditional;
          for (const std::string& c : rec.conditions) parent.exceptions.push_back(c);
        }
        exception_pending = false;
        for (const SentencePlace& e : evidence_before) {
          rec.evidence_statements.push_back(clean_clause(Cursor{topic, e}.sentence().text));
          rec.related.push_back(e);
        }
        evidence_before.clear();
        recs.push_back(std::move(rec));
        last_in_paragraph = last_in_section = static_cast<int>(recs.size()) - 1;
        if (!paragraph.list_item && last_sentence && ends_with_colon(text))
          lead = LeadIn{p, last_in_section, find_word(lower, "only") != std::string::npos, true,
                        recs.back().direction, recs.back().cue, {}, place};
      }
    }
  }
  return recs;
}

}  // namespace kb
