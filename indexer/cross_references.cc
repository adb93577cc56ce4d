#include "indexer/cross_references.h"

#include "indexer/quote_marks.h"

#include <optional>

namespace kb {
namespace {


constexpr std::string_view kOpeners[] = {"(See", "(see", "(Refer to", "(refer to"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool at(std::string_view s, std::size_t i, std::string_view what) {
  return i <= s.size() && s.substr(i).starts_with(what);
}

std::size_t skip_spaces(std::string_view s, std::size_t i) {
  while (i < s.size() && is_space(s[i])) ++i;
  return i;
}

// Byte length of a double quote (either kind) at i, or 0.
std::size_t double_quote_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '"') return 1;
  if (s[i] == '\xE2' && (at(s, i, kLeftDoubleQuote) || at(s, i, kRightDoubleQuote))) return 3;
  return 0;
}

// Byte length of a single quote (either kind) at i, or 0.
std::size_t single_quote_at(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == '\'') return 1;
  if (s[i] == '\xE2' && (at(s, i, kLeftSingleQuote) || at(s, i, kRightSingleQuote))) return 3;
  return 0;
}

// A quoted span: the text without quotes, and where scanning resumes after the closer.
struct Quoted {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;
};

// The double-quoted text opening at i (which must hold a double quote). Straight and curly
// quotes close each other, since sources mix them. nullopt if it never closes.
std::optional<Quoted> read_double_quoted(std::string_view s, std::size_t i) {
  const std::size_t begin = i + double_quote_at(s, i);
  for (std::size_t k = begin; k < s.size(); ++k) {
    if (const std::size_t len = double_quote_at(s, k); len > 0) return Quoted{begin, k, k + len};
  }
  return std::nullopt;
}

// True if a single quote ending at `after` closes a heading rather than being an apostrophe
// ("Women's health", "Patients' preferences"): what follows must end the phrase.
bool closes_heading(std::string_view s, std::size_t after) {
  if (after < s.size() && is_alnum(s[after])) return false;
  const std::size_t k = skip_spaces(s, after);
  if (k == s.size()) return true;
  const char c = s[k];
  if (c == '.' || c == ',' || c == ';' || c == ':' || c == ')' || c == '"') return true;
  if (at(s, k, kRightDoubleQuote)) return true;
  return (at(s, k, "and ") || at(s, k, "or ")) && k > after;
}

// The single-quoted heading opening at i (which must hold a single quote).
std::optional<Quoted> read_single_quoted(std::string_view s, std::size_t i) {
  const std::size_t begin = i + single_quote_at(s, i);
  for (std::size_t k = begin; k < s.size(); ++k) {
    const std::size_t len = single_quote_at(s, k);
    if (len > 0 && closes_heading(s, k + len)) return Quoted{begin, k, k + len};
  }
  return std::nullopt;
}

// Outcome of reading what follows a title.
struct Sections {
  bool ok = true;                  // false: a heading quote never closed
  std::vector<std::string> names;  // empty when no "section on" follows
  std::size_t next = 0;            // where scanning resumes
};

// Reads an optional ", section on 'A'" (or "sections on 'A' and 'B'") starting at i, just
// after a title's closing quote.
Sections read_sections(std::string_view s, std::size_t i) {
  Sections out;
  out.next = i;
  std::size_t k = skip_spaces(s, i);
  if (k >= s.size() || s[k] != ',') return out;
  k = skip_spaces(s, k + 1);
  if (at(s, k, "section on")) {
    k += 10;
  } else if (at(s, k, "sections on")) {
    k += 11;
  } else {
    return out;
  }
  k = skip_spaces(s, k);

  // The first heading may use double quotes; later ones only single quotes, since a double
  // quote after "and" opens the next title.
  std::optional<Quoted> q;
  if (double_quote_at(s, k) > 0) {
    q = read_double_quoted(s, k);
  } else if (single_quote_at(s, k) > 0) {
    q = read_single_quoted(s, k);
  } else {
    return out;  // "section on" without a quoted heading: no section
  }
  while (true) {
    if (!q) {
      out.ok = false;
      return out;
    }
    out.names.emplace_back(s.substr(q->begin, q->end - q->begin));
    out.next = q->next;
    // Another heading? Needs a separator: ",", "and", "or", or ", and".
    std::size_t m = skip_spaces(s, q->next);
    bool separated = false;
    if (m < s.size() && s[m] == ',') {
      m = skip_spaces(s, m + 1);
      separated = true;
    }
    for (std::string_view word : {std::string_view("and "), std::string_view("or ")}) {
      if (at(s, m, word)) {
        m = skip_spaces(s, m + word.size());
        separated = true;
        break;
      }
    }
    if (!separated || single_quote_at(s, m) == 0) return out;
    q = read_single_quoted(s, m);
  }
}

// Reads the parenthetical whose "(See " prefix ends at i. Appends its references and returns
// the index after its ')', or nullopt (appending nothing) if it is malformed.
std::optional<std::size_t> read_parenthetical(std::string_view s, std::size_t i,
                                              std::vector<CrossReference>& out) {
  std::vector<CrossReference> found;
  int depth = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (double_quote_at(s, i) > 0) {
      const std::optional<Quoted> title = read_double_quoted(s, i);
      if (!title) return std::nullopt;
      Sections sections = read_sections(s, title->next);
      if (!sections.ok) return std::nullopt;
      if (title->end > title->begin) {
        CrossReference ref;
        ref.title = std::string(s.substr(title->begin, title->end - title->begin));
        ref.begin = title->begin;
        ref.end = title->end;
        if (sections.names.empty()) {
          found.push_back(ref);
        } else {
          for (std::string& name : sections.names) {
            ref.section = std::move(name);
            found.push_back(ref);
          }
        }
      }
      i = sections.next;
    } else if (c == '(') {
      ++depth;
      ++i;
    } else if (c == ')') {
      if (depth == 0) {
        out.insert(out.end(), found.begin(), found.end());
        return i + 1;
      }
      --depth;
      ++i;
    } else {
      ++i;
    }
  }
  return std::nullopt;  // never closed
}

}  // namespace

std::vector<CrossReference> find_cross_references(std::string_view text) {
  std::vector<CrossReference> refs;
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t open = text.find('(', i);
    if (open == std::string_view::npos) break;
    i = open + 1;
    for (std::string_view opener : kOpeners) {
      const std::size_t body = open + opener.size();
      if (at(text, open, opener) && body < text.size() && is_space(text[body])) {
        // Read within a window: a prefix keeps offsets valid, and bounding it keeps text full
        // of unclosed "(See " openers from costing quadratic time.
        const std::string_view window = text.substr(0, open + kMaxCrossReferenceLength);
        if (const auto after = read_parenthetical(window, body, refs)) i = *after;
        break;
      }
    }
  }
  return refs;
}

}  // namespace kb
