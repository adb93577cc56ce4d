#include "kb/relevance/question.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "kb/relevance/design_strength.h"
#include "kb/stemmer.h"
#include "kb/text.h"
#include "kb/tokenizer.h"

namespace kb {

const char* to_string(Intent intent) {
  switch (intent) {
    case Intent::Supports: return "supports";
    case Intent::Against: return "against";
    case Intent::Decision: return "decision";
    case Intent::Fact: return "fact";
    case Intent::Dose: return "dose";
    case Intent::Definition: return "definition";
    case Intent::Evidence: return "evidence";
  }
  return "evidence";
}

namespace {

// Words after "what is the" / "what was the" that ask for a quantity, not a definition.
constexpr std::array<std::string_view, 22> kQuantityWords = {
    "median", "mean", "average", "rate", "incidence", "prevalence", "risk", "proportion", "percentage",
    "number", "frequency", "duration", "length", "survival", "mortality", "odds", "likelihood", "chance",
    "interval", "age", "time", "prognosis"};

// The stems of kQuantityWords.
bool is_quantity_word(const std::string& key) {
  static const std::set<std::string> stems = [] {
    std::set<std::string> out;
    for (std::string_view w : kQuantityWords) out.insert(porter_stem(w));
    return out;
  }();
  return stems.count(key) > 0;
}

}  // namespace

Intent detect_intent(std::string_view question) {
  std::string q = ascii_lower(trim(question));
  auto has = [&](std::string_view w) { return q.find(w) != std::string::npos; };
  auto opens = [&](std::string_view w) { return q.rfind(w, 0) == 0; };
  if (has("against") || has("argue") || has("contradict") || has("oppose") || has("refute")) return Intent::Against;
  if (has("support") || has("evidence for") || has("justif") || has("basis for") || has("based on"))
    return Intent::Supports;
  const bool advice = has("should") || has("recommend") || has(" offer") || has(" give") || has(" use ") ||
                      has(" receive") || has(" treat") || has(" get ") || has(" be used") || has(" be given") ||
                      has("prefer");
  if (has("what dose") || has("which dose") || has("what is the dose") || has("dosage") || has("dosing") ||
      has("how much") || has("how many mg") || has("what regimen") || has("which regimen"))
    return Intent::Dose;
  // "How long should prophylaxis last?" asks what to do, in a quantity: a recommendation's answer.
  if (advice && (opens("how long") || opens("how many") || opens("how often") || opens("at what age") ||
                 opens("for how long") || opens("when should")))
    return Intent::Dose;
  if (opens("how many") || opens("how long") || opens("how often") || opens("how common") || opens("how likely") ||
      opens("how frequent") || opens("what percentage") || opens("what proportion") || opens("what fraction") ||
      opens("at what age") || opens("when was") || opens("in what year"))
    return Intent::Fact;
  // A question of what happened or what was found, not of what to do: "Did the schedule lower
  // coverage?", "Do prospective data show ...?", "Are children with asthma at higher risk?",
  // "What does ritonavir do to saquinavir levels?", "Which protease inhibitor is the strongest?"
  if (!advice && (opens("did ") || opens("was ") || opens("were ") || opens("has ") || opens("have ") ||
                  opens("what does ") || opens("what do ") || opens("what did ") || opens("which ")))
    return Intent::Fact;
  if (!advice && (opens("do ") || opens("does ") || opens("is ") || opens("are ")) &&
      (has(" data show") || has(" studies show") || has(" evidence show") || has(" trials show") || has(" risk") ||
       has(" rate of") || has(" incidence") || has(" more likely") || has(" associated with")))
    return Intent::Fact;
  for (std::string_view lead : {"what is the ", "what was the ", "what are the ", "what were the "})
    if (opens(lead)) {
      std::string_view rest = std::string_view(q).substr(lead.size());
      for (std::string_view w : kQuantityWords)
        if (rest.rfind(w, 0) == 0 || rest.find(" " + std::string(w)) < 12) return Intent::Fact;
    }
  if (opens("should") || opens("is it") || opens("do we") || opens("do i") || opens("can we") || opens("can i") ||
      opens("would") || opens("when should") || opens("is there a role") || has("should i") || has("should we") ||
      has("recommended") || has("indicated") || opens("does") || opens("do ") || opens("is ") || opens("are ") ||
      opens("can ") || opens("must"))
    return Intent::Decision;
  if (opens("what is") || opens("what are") || opens("define") || opens("who is")) return Intent::Definition;
  return Intent::Evidence;
}

namespace {

// Stems of words that shape a question but are not what it is about.
constexpr std::array<std::string_view, 62> kQuestionStems = {
    "support", "evid",   "studi",  "data",    "argu",   "against", "recommend", "guidelin", "say",   "here",
    "best",    "option", "help",   "need",    "know",   "tell",    "show",      "think",    "role",  "whi",
    "contradict", "oppos", "justifi", "basi", "base",  "literatur", "paper",   "articl",   "question", "approach",
    "given",   "give",   "befor",   "diseas", "problem", "indic",     "patient",  "us",    "done",
    "receiv",  "consid", "offer",  "about",   "get",    "take",    "doe",       "ani",      "thing", "kind",
    "much",    "mani",   "long",   "often",   "happen",  "work",    "good",      "bad",      "right", "safe",
    "common",  "type"};

bool is_question_word(const Concept& c) {
  return !c.from_group && std::find(kQuestionStems.begin(), kQuestionStems.end(), c.key) != kQuestionStems.end();
}

}  // namespace

double Question::total_weight() const {
  double w = 0;
  for (const QuestionConcept& c : concepts) w += c.weight;
  return w;
}

double Question::focus_weight() const {
  double w = 0;
  for (const QuestionConcept& c : concepts)
    if (c.focus) w += c.weight;
  return w;
}

bool Question::has_unknown_focus() const {
  return std::any_of(concepts.begin(), concepts.end(), [](const QuestionConcept& c) { return c.focus && !c.known; });
}

std::vector<std::string> Question::unknown() const {
  std::vector<std::string> out;
  for (const QuestionConcept& c : concepts)
    if (!c.known && c.role == WordRole::Subject) out.push_back(c.printed);
  return out;
}

std::string Question::subject() const {
  std::size_t begin = std::string::npos, end = 0;
  for (const QuestionConcept& c : concepts) {
    if (c.end <= c.begin) continue;
    begin = std::min(begin, c.begin);
    end = std::max(end, c.end);
  }
  if (begin == std::string::npos) return "";
  // Shown in the answer's own words: a control character typed into the question is a space.
  std::string span = text.substr(begin, end - begin);
  for (char& c : span)
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') c = ' ';
  return collapse_whitespace(span);
}

Question understand_question(std::string_view text, const ConceptIndex& index, const TermStatistics& statistics) {
  Question q;
  q.text = std::string(text);
  q.intent = detect_intent(text);
  const std::string lower = ascii_lower(text);
  std::set<std::string> seen;
  std::size_t cursor = 0;
  for (const Concept& c : index.concepts(text)) {
    if (is_question_word(c) || !seen.insert(c.key).second) continue;
    QuestionConcept qc;
    qc.key = c.key;
    qc.printed = c.printed;
    qc.from_group = c.from_group;
    qc.terms = c.from_group ? index.terms_of(c.key) : std::vector<std::string>{ascii_lower(fold_diacritics(c.printed))};
    for (const std::string& term : qc.terms) {
      std::vector<std::string> stems;
      for (const Token& t : tokenize(term))
        if (!is_stopword(t.word)) stems.push_back(porter_stem(t.word));
      qc.term_stems.push_back(std::move(stems));
    }
    const std::string printed = ascii_lower(c.printed);
    std::size_t at = lower.find(printed, cursor);
    if (at == std::string::npos) at = lower.find(printed);
    if (at != std::string::npos) {
      qc.begin = at;
      qc.end = at + printed.size();
      cursor = qc.end;
    }
    qc.share = statistics.document_share(qc.terms);
    qc.known = qc.share > 0;
    q.concepts.push_back(std::move(qc));
  }
  // Specificity: a concept every document holds weighs nothing; a concept the KB holds
  // nowhere is as specific as its most specific known one (or 1 when it knows none).
  // Everyday words and the words for whom it asks are never the focus.
  double most = 0;
  for (QuestionConcept& c : q.concepts) {
    c.role = !designs_named(c.key).empty() ? WordRole::Design : word_role(c.key);
    if (c.from_group && c.role != WordRole::Design && c.role != WordRole::Outcome) c.role = WordRole::Subject;
    if (c.known) c.weight = std::max(0.05, -std::log(std::min(c.share, 0.95)));
    if (c.known && c.role == WordRole::Subject) most = std::max(most, c.weight);
  }
  if (most == 0) most = 1;
  for (QuestionConcept& c : q.concepts) {
    if (!c.known) c.weight = most;
    c.focus = c.role == WordRole::Subject && c.weight >= kFocusShareOfMax * most;
    // A question of fact asks for a quantity: an answer must give that one.
    if (q.intent == Intent::Fact && is_quantity_word(c.key)) {
      c.role = WordRole::Subject;
      c.focus = true;
      c.quantity = true;
    }
    // What the question names counts even when the KB is full of it: "resection" in a KB
    // on local therapies is common, and still what separates resection from ablation.
    c.weight = std::max(c.weight, kNamedShareOfMax * most);
    if (c.role == WordRole::Everyday) c.weight = kEverydayShareOfMax * most;
    if (c.role == WordRole::Population) c.weight = std::min(c.weight, kFocusShareOfMax * most);
  }
  return q;
}

}  // namespace kb
