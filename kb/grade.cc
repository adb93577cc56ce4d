#include "kb/grade.h"

#include <array>
#include <cctype>

#include "kb/text.h"

namespace kb {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

// UpToDate: "(Grade 1B)" -> "1B".
std::string uptodate_grade(std::string_view lower) {
  for (std::size_t at = lower.find("(grade"); at != std::string_view::npos; at = lower.find("(grade", at + 1)) {
    std::size_t i = at + 6;
    while (i < lower.size() && lower[i] == ' ') ++i;
    if (i + 1 < lower.size() && (lower[i] == '1' || lower[i] == '2') && lower[i + 1] >= 'a' && lower[i + 1] <= 'c')
      return std::string{lower[i], static_cast<char>(std::toupper(static_cast<unsigned char>(lower[i + 1])))};
  }
  return {};
}

// IDSA: a parenthesised strength letter and quality numeral, "(AII)", "(B-III)", "(CI)".
// Only at the end of the sentence, where guidelines print it: "(CI)" mid-sentence is a
// confidence interval.
std::string idsa_grade(std::string_view sentence) {
  for (std::size_t at = sentence.find('('); at != std::string_view::npos; at = sentence.find('(', at + 1)) {
    std::size_t close = sentence.find(')', at);
    if (close == std::string_view::npos) break;
    if (!trim(sentence.substr(close + 1)).empty() && trim(sentence.substr(close + 1)) != "." &&
        trim(sentence.substr(close + 1)) != ";")
      continue;
    std::string_view inside = sentence.substr(at + 1, close - at - 1);
    if (inside.size() < 2 || inside.size() > 5 || inside[0] < 'A' || inside[0] > 'E') continue;
    std::string_view numeral = inside.substr(inside[1] == '-' ? 2 : 1);
    if (numeral == "I" || numeral == "II" || numeral == "III") {
      std::string grade(1, inside[0]);
      grade.append(numeral);
      return grade;
    }
  }
  return {};
}

constexpr std::array<std::string_view, 3> kGradeStrengths = {"strong recommendation", "conditional recommendation",
                                                              "weak recommendation"};

// GRADE: "strong recommendation, moderate-certainty evidence" as printed.
std::string grade_phrase(std::string_view sentence, std::string_view lower) {
  for (std::string_view strength : kGradeStrengths) {
    std::size_t at = lower.find(strength);
    if (at == std::string_view::npos || (at > 0 && is_word_char(lower[at - 1]))) continue;
    std::size_t end = at + strength.size();
    // An evidence clause right after it: ", moderate-certainty evidence", "; low quality of evidence".
    std::size_t evidence = lower.find("evidence", end);
    if (evidence != std::string_view::npos && evidence - end <= 40 &&
        lower.substr(end, evidence - end).find_first_of(".()") == std::string_view::npos)
      end = evidence + 8;
    return std::string(sentence.substr(at, end - at));
  }
  return {};
}

std::string certainty_in(std::string_view lower) {
  for (std::string_view level : {"very low", "high", "moderate", "low"})
    if (lower.find(level) != std::string_view::npos) return std::string(level);
  return {};
}

}  // namespace

std::string find_printed_grade(std::string_view sentence) {
  const std::string lower = ascii_lower(sentence);
  if (std::string g = uptodate_grade(lower); !g.empty()) return g;
  if (std::string g = idsa_grade(sentence); !g.empty()) return g;
  return grade_phrase(sentence, lower);
}

std::optional<GradeStrength> normalise_grade(std::string_view printed) {
  if (printed.size() == 2 && (printed[0] == '1' || printed[0] == '2') && printed[1] >= 'A' && printed[1] <= 'C') {
    static constexpr std::string_view kCertainty[] = {"high", "moderate", "low"};
    return GradeStrength{"UpToDate", printed[0] == '1' ? "strong" : "weak",
                         std::string(kCertainty[printed[1] - 'A'])};
  }
  if (printed.size() >= 2 && printed[0] >= 'A' && printed[0] <= 'E') {
    std::string_view numeral = printed.substr(1);
    if (numeral == "I" || numeral == "II" || numeral == "III") {
      // IDSA: A and B for use, C optional, D and E against; I randomised evidence, II other
      // clinical studies, III expert opinion.
      static constexpr std::string_view kStrength[] = {"strong", "moderate", "weak", "against", "against"};
      return GradeStrength{"IDSA", std::string(kStrength[printed[0] - 'A']),
                           numeral == "I" ? "high" : numeral == "II" ? "moderate" : "low"};
    }
  }
  const std::string lower = ascii_lower(printed);
  for (std::string_view strength : kGradeStrengths) {
    if (lower.rfind(strength, 0) != 0) continue;
    std::string_view word = strength.substr(0, strength.find(' '));
    return GradeStrength{"GRADE", word == "strong" ? "strong" : "weak", certainty_in(lower.substr(strength.size()))};
  }
  return std::nullopt;
}

}  // namespace kb

namespace kb {

std::string describe_grade(std::string_view printed) {
  if (printed.empty()) return {};
  auto normal = normalise_grade(printed);
  std::string label = normal && normal->system == "GRADE" ? "" : "Grade ";
  label.append(printed);
  if (!normal) return label;
  label += " (" + normal->system + ": " + normal->strength;
  if (!normal->certainty.empty()) label += ", " + normal->certainty + " certainty";
  return label + ")";
}

}  // namespace kb
