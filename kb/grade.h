// Grades of recommendation as guidelines print them, and what each says in one vocabulary.
// Three systems are read: UpToDate's "(Grade 1B)", GRADE's words ("strong recommendation,
// moderate-certainty evidence") and IDSA's letter-numeral "(AII)". The printed grade is what
// the KB stores; the strength and certainty are derived from it where its system is known.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kb {

struct GradeStrength {
  std::string system;     // "UpToDate", "GRADE", "IDSA"
  std::string strength;   // "strong", "weak" (GRADE's conditional), "moderate" (IDSA B)
  std::string certainty;  // "high", "moderate", "low", "very low"; empty if not printed
};

// The grade printed in SENTENCE: "1B", "AII", or the GRADE phrase as printed ("strong
// recommendation, moderate-certainty evidence"); empty when none.
std::string find_printed_grade(std::string_view sentence);

// What a printed grade (as find_printed_grade returns it) says; nullopt for an unknown form.
std::optional<GradeStrength> normalise_grade(std::string_view printed);

// For people: "Grade 1B (UpToDate: strong, moderate certainty)"; the printed grade alone when
// its system is unknown; empty for no grade.
std::string describe_grade(std::string_view printed);

}  // namespace kb
