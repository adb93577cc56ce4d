#include "kb/relevance/everyday_words.h"

#include <string>
#include <unordered_set>

#include "kb/stemmer.h"
#include "kb/tokenizer.h"

namespace kb {

namespace {

// Written as words; compared as the stems the KB's index holds.
constexpr std::string_view kEveryday =
    "able about above according actually additional after again ago all almost alone along already also "
    "although always among amount another anyone anything anyway appropriate around available avoid away "
    "back bad basis because become been begin being believe besides best better between beyond big both "
    "bring but call came can cannot care case cases cause certain certainly change changes choose chosen "
    "clear clearly come comes common concern concerns consider continue could current currently day days "
    "decide despite different do does doing done down due during each early easy effect either else "
    "enough especially even ever every exactly example except expect fact far few fine first follow "
    "following form free from full further future general generally get gets getting give given gives go "
    "goes going good great had happen has have having help here high how however important include "
    "including increase instead into issue issues just keep kept kind know known large last late later "
    "least leave leaves leaving less let like likely little long look lot low made main make makes many "
    "may maybe mean means might more most much must near nearly need needed needs never new next no none "
    "nor not nothing now number often old once one only other others otherwise our out over own part "
    "particular past per perhaps place point possible prefer present probably put quite rather reason "
    "recent recently regarding remain right said same say see seem seen set several shall short should "
    "show shown side similar simply since situation small so some someone something sometimes soon still "
    "such sure take taken takes taking tell than that then there these thing things think third this "
    "those though three through thus time times today together too toward towards try trying two under "
    "unless until upon use used useful using usual usually very want was way ways week weeks well were "
    "what whatever when where whether which while who whole whom whose why will wish with within without "
    "work works worth would year years yet country countries world place places four five six ten "
    "improve improves improved improving prolong prolongs prolonged reduce reduces reduced lower higher "
    "raise raises increased decrease decreased direct directed develop develops spread spreads outlook "
    "associated association related benefit benefits matter matters affect affects worthwhile reasonable "
    "happen happens lead leads result results strong stronger strongest weak weaker weakest";

constexpr std::string_view kPopulation =
    "woman women man men person people child children kid kids boy boys girl girls adult adults individual "
    "individuals mother mothers father fathers family families parent parents someone";

constexpr std::string_view kOutcome =
    "survival mortality death deaths recurrence recurrences relapse relapses outcome outcomes prognosis progression "
    "remission efficacy effectiveness";

std::unordered_set<std::string> stems_of(std::string_view words) {
  std::unordered_set<std::string> out;
  for (const Token& t : tokenize(words)) out.insert(porter_stem(t.word));
  return out;
}

}  // namespace

WordRole word_role(std::string_view key) {
  static const std::unordered_set<std::string> everyday = stems_of(kEveryday);
  static const std::unordered_set<std::string> population = stems_of(kPopulation);
  static const std::unordered_set<std::string> outcome = stems_of(kOutcome);
  const std::string k(key);
  if (population.count(k)) return WordRole::Population;
  if (outcome.count(k) || outcome.count(porter_stem(k))) return WordRole::Outcome;
  if (everyday.count(k)) return WordRole::Everyday;
  return WordRole::Subject;
}

}  // namespace kb
