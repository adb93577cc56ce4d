// `kbquery ask QUESTION`: the bottom line first (the recommendation and its conditions),
// then its evidence grouped by design, then the logic around it.
#include <iostream>
#include <map>
#include <memory>

#include "kb/console.h"
#include "kb/design.h"
#include "kb/grade.h"
#include "query/ask.h"
#include "query/commands.h"
#include "query/logic.h"

namespace kb {
namespace {

struct AskOptions {
  std::vector<std::string> words;
  std::string topic;
  int limit = 10;
};

const char* design_heading(Design d) {
  switch (d) {
    case Design::Rct: return "Randomised controlled trials";
    case Design::MetaAnalysis: return "Meta-analyses";
    case Design::SystematicReview: return "Systematic reviews";
    case Design::ProspectiveCohort: return "Prospective cohorts";
    case Design::Phase2Trial: return "Phase 2 trials";
    case Design::RetrospectiveCohort: return "Retrospective cohorts";
    case Design::RegistryAnalysis: return "Registry analyses";
    case Design::CaseControl: return "Case-control studies";
    case Design::CaseSeries: return "Case series";
    case Design::Review: return "Reviews and guidelines";
    case Design::Other: return "Design not stated in the title";
  }
  return "Other";
}

// A title as a sentence: a final period unless it ends in its own punctuation.
std::string sentence(const std::string& title) {
  if (!title.empty() && (title.back() == '?' || title.back() == '!' || title.back() == '.')) return title;
  return title + ".";
}

std::string upper_first(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// "For patients who ...: we do not offer local treatment."
std::string bottom_line(const StoredRecommendation& rec) {
  std::string when;
  for (const std::string& c : rec.conditions) when += (when.empty() ? "" : "; ") + c;
  return upper_first(when.empty() ? rec.action : when + ": " + rec.action) + ".";
}

void print_evidence(const Output& out, const StoredRecommendation& rec, int width) {
  if (rec.evidence.empty()) {
    out.text() << "No study in the KB is linked to " << rec.label << " (no marker, no links file, nothing inferred).\n";
    return;
  }
  std::map<LinkSource, int> sources;
  for (const StoredEvidence& e : rec.evidence) ++sources[e.link];
  std::string how;
  for (const auto& [link, n] : sources) how += (how.empty() ? "" : ", ") + std::to_string(n) + " " + to_string(link);
  out.text() << "Evidence for " << rec.label << " (" << how
            << "; stance toward " << rec.label << "; inferred links carry the indexer's score)\n";
  for (Design d : kAllDesigns) {
    bool heading = false;
    for (const StoredEvidence& e : rec.evidence) {
      if (e.reference.ref.design != d) continue;
      if (!heading) out.text() << "  " << design_heading(d) << "\n";
      heading = true;
      std::string score = e.score ? " " + format_score(*e.score) : "";
      std::string line = "[" + std::to_string(e.reference.number) + "] " + short_citation(e.reference.ref) + ", " +
                         e.reference.ref.journal + ". " + sentence(e.reference.ref.title) + " (" + to_string(e.link) + score +
                         ", " + to_string(e.stance) + ")";
      out.text() << wrap(line, width, "        ", "    ") << "\n";
    }
  }
}

// Where a reference in the answer comes from, in words: its link to a recommendation, a
// passage that cites it, or the indexer's ranking for the question (never one for another).
std::string provenance(const RankedReference& r) {
  if (r.link == "question") return "ranked for the question by the indexer, score " + format_score(r.score);
  if (r.link == "cited_by_passage") return "cited by the passage above";
  return r.link + " for " + r.recommendation + (r.link_score ? " (score " + format_score(*r.link_score) + ")" : "") +
         (r.stance.empty() ? "" : ", " + r.stance);
}

Json answer_json(const Answer& a) {
  Json concepts = Json::array();
  for (const QuestionConcept& c : a.question.concepts)
    concepts.push_back({{"concept", c.key},
                        {"asked", c.printed},
                        {"terms", c.terms},
                        {"weight", c.weight},
                        {"known", c.known},
                        {"focus", c.focus}});
  Json recs = Json::array();
  for (const RankedRecommendation& r : a.recommendations) {
    Json j = recommendation_json(r.rec);
    j["score"] = r.score;
    j["matched_concepts"] = r.matched;
    j["addresses"] = r.addresses;
    recs.push_back(j);
  }
  Json refs = Json::array();
  for (const RankedReference& r : a.references) {
    Json j = reference_json(r.reference);
    j["score"] = r.score;
    j["recommendation"] = r.recommendation.empty() ? Json(nullptr) : Json(r.recommendation);
    j["link"] = r.link;
    j["stance"] = r.stance.empty() ? Json(nullptr) : Json(r.stance);
    j["matched_concepts"] = r.matched;
    j["provenance"] = provenance(r);
    refs.push_back(j);
  }
  Json passages = Json::array();
  for (const RankedPassage& p : a.passages)
    passages.push_back({{"topic", p.hit.topic},
                        {"text", p.hit.text},
                        {"citations", p.hit.citations},
                        {"section", p.hit.section},
                        {"score", p.score},
                        {"matched_concepts", p.matched}});
  return {{"question", a.question.text},
          {"intent", to_string(a.question.intent)},
          {"answer", to_string(a.kind)},
          {"statement", a.statement},
          {"topic", a.topic ? Json(a.topic->slug) : Json(nullptr)},
          {"topic_title", a.topic ? Json(a.topic->title) : Json(nullptr)},
          {"subject", a.question.subject()},
          {"concepts", concepts},
          {"recommendations", recs},
          {"references", refs},
          {"passages", passages},
          {"logic", logic_json(a.logic)}};
}

void print_reference_line(const Output& out, const RankedReference& r, int width) {
  std::string line = "[" + std::to_string(r.reference.number) + "] " + short_citation(r.reference.ref) + ", " +
                     to_string(r.reference.ref.design) + ". " + sentence(r.reference.ref.title) + " (" + provenance(r) +
                     ")";
  out.text() << wrap(line, width, "      ", "  ") << "\n";
}

void print_passages(const Output& out, const Answer& a, int width, const char* heading) {
  if (a.passages.empty()) return;
  out.text() << "\n" << heading << "\n";
  for (const RankedPassage& p : a.passages) {
    std::string cites;
    for (int n : p.hit.citations) cites += (cites.empty() ? " (cites " : ", ") + std::to_string(n);
    if (!cites.empty()) cites += ")";
    out.text() << render_emphasis(wrap(p.hit.snippet + cites + " [" + p.hit.topic + ", section " +
                                          std::to_string(p.hit.section) + "]",
                                      width, "    ", "  "),
                                 out.styled())
              << "\n";
  }
}

// The studies of the answer that are not a shown recommendation's own evidence.
void print_other_studies(const Output& out, const Answer& a, int width, const char* heading, std::size_t at_most) {
  std::vector<const RankedReference*> others;
  for (const RankedReference& r : a.references)
    if (r.link == "question" || r.link == "cited_by_passage") others.push_back(&r);
  if (others.empty()) return;
  out.text() << "\n" << heading << "\n";
  for (std::size_t i = 0; i < others.size() && i < at_most; ++i) print_reference_line(out, *others[i], width);
}

void print_recommendations(const Output& out, const Answer& a, int width) {
  bool first = true;
  for (const RankedRecommendation& r : a.recommendations) {
    const StoredRecommendation& rec = r.rec;
    std::string tag = "[" + rec.label + ", " + to_string(rec.direction) + (rec.grade.empty() ? "" : ", " + describe_grade(rec.grade)) + "] ";
    if (!rec.parent.empty()) {
      out.text() << wrap("Exception to " + rec.parent + " " + tag + bottom_line(rec), width, "      ", "    ") << "\n";
      for (const std::string& c : rec.considerations) out.text() << wrap("consider: " + c, width, "        ", "      ") << "\n";
      for (const std::string& s : rec.evidence_statements) out.text() << wrap("the text says: " + s, width, "        ", "      ") << "\n";
      continue;
    }
    if (!first) out.text() << "\n";
    out.text() << (first ? "BOTTOM LINE " : "ALSO ") << tag << rec.topic << ", section " << rec.section << "\n";
    first = false;
    out.text() << wrap(bottom_line(rec), width, "  ") << "\n";
    out.text() << wrap("As printed: \"" + rec.text + "\"", width, "    ", "  ") << "\n";
    for (const std::string& s : rec.restatements) out.text() << wrap("Restated: \"" + s + "\"", width, "    ", "  ") << "\n";
    if (!rec.rationale.empty()) out.text() << wrap("Why: " + rec.rationale, width, "    ", "  ") << "\n";
    for (const std::string& s : rec.evidence_statements) out.text() << wrap("The text on the evidence: " + s, width, "    ", "  ") << "\n";
    for (const std::string& e : rec.exceptions) {
      bool spelled_out = false;
      for (const RankedRecommendation& other : a.recommendations)
        if (other.rec.parent == rec.label && !other.rec.conditions.empty() && other.rec.conditions.front() == e)
          spelled_out = true;
      if (!spelled_out) out.text() << wrap("Unless: " + e, width, "    ", "  ") << "\n";
    }
  }
  for (const RankedRecommendation& r : a.recommendations) {
    if (!r.rec.parent.empty()) continue;
    out.text() << "\n";
    print_evidence(out, r.rec, width);
  }
}

void print_answer(const Output& out, const Answer& a) {
  const int width = out.width();
  std::string understood;
  for (const QuestionConcept& c : a.question.concepts) {
    std::string terms;
    for (std::size_t i = 0; i < c.terms.size() && i < 6; ++i) terms += (i ? ", " : "") + c.terms[i];
    if (c.terms.size() > 6) terms += ", ...";
    understood += (understood.empty() ? "" : "; ") + c.key + (c.terms.size() > 1 ? " (" + terms + ")" : "") +
                  (!c.known ? " [not in the KB]" : c.focus ? " [focus]" : "");
  }
  out.text() << wrap("Understood as: " + understood + "; asking " + to_string(a.question.intent), width, "  ") << "\n";
  if (a.topic) out.text() << wrap("Topic: " + a.topic->title + " (" + a.topic->slug + ")", width, "  ") << "\n";
  out.text() << "\n";
  switch (a.kind) {
    case AnswerKind::Recommendations:
      print_recommendations(out, a, width);
      print_other_studies(out, a, width, "Other studies on the question (ranked by the indexer; linked to no recommendation above)", 5);
      print_passages(out, a, width, "Passages");
      break;
    case AnswerKind::Fact:
      out.text() << wrap(a.statement, width, "") << "\n";
      print_passages(out, a, width, "ANSWER FROM THE TEXT");
      print_other_studies(out, a, width, "References", 8);
      if (!a.recommendations.empty()) {
        out.text() << "\nRecommendations on it\n";
        print_recommendations(out, a, width);
      }
      break;
    case AnswerKind::None:
      out.text() << wrap(a.statement, width, "") << "\n";
      print_other_studies(out, a, width, "Studies on the question (ranked by relevance and design; the indexer's ranking, not a link)", 10);
      print_passages(out, a, width, "Passages that mention it");
      break;
  }
  if (!a.logic.empty()) out.text() << "\nThe guideline logic around it\n" << logic_text(a.logic, width);
}

Status run_ask(const AskOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  std::string question;
  for (const std::string& w : options.words) question += (question.empty() ? "" : " ") + w;
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  AskRequest request{question, std::nullopt, options.limit};
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    request.topic_id = topic->id;
  }
  auto answer = answer_question(**kb, request);
  if (!answer.ok()) return answer.status();
  if (global.json) out.document(answer_json(*answer));
  else print_answer(out, *answer);
  return Status::Ok();
}

}  // namespace

void add_ask_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<AskOptions>();
  CLI::App* cmd = app.add_subcommand("ask", "Answer an evidence question: the recommendation, its evidence, the logic");
  cmd->add_option("question", options->words, "The question, in plain English")->required();
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->add_option("--limit", options->limit, "At most this many references and passages")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->footer("Example: kbquery ask \"What supports surgery here?\"");
  cmd->callback([options, &global, &outcome] { outcome.status = run_ask(*options, global); });
}

}  // namespace kb
