#include "indexer/imports/bibtex_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "indexer/imports/author_names.h"
#include "kb/file_io.h"
#include "kb/text.h"

namespace kb {
namespace {

constexpr std::size_t kMaxBytes = std::size_t{256} << 20;
constexpr int kMaxDepth = 64;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A character of an entry type, field name or macro name: BibTeX's, any printing character
// but " # % ' ( ) , = { } (and '@', which starts an entry).
bool is_ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u > 0x20 && u != 0x7F && std::strchr("\"#%'(),={}@", c) == nullptr;
}

// ---------------------------------------------------------------------------------------------
// Encoding

// Windows-1252 (a superset of Latin-1 for printable text) to UTF-8.
std::string from_windows_1252(std::string_view s) {
  static constexpr std::array<char32_t, 32> k80 = {
      0x20AC, 0x81,   0x201A, 0x192,  0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,  0x2030, 0x160,
      0x2039, 0x152,  0x8D,   0x17D,  0x8F,   0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x2DC,  0x2122, 0x161,  0x203A, 0x153,  0x9D,   0x17E,  0x178};
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80) out += c;
    else if (u < 0xA0) utf8_append(out, k80[u - 0x80]);
    else utf8_append(out, u);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// LaTeX to text

// Accented letters by accent command: pairs of an ASCII base letter and its UTF-8 letter.
struct AccentRow {
  char accent;
  const char* pairs;
};
constexpr AccentRow kAccents[] = {
    {'`', "AÀaàEÈeèIÌiìOÒoòUÙuùNǸnǹ"},
    {'\'', "AÁaáCĆcćEÉeéGǴgǵIÍiíLĹlĺNŃnńOÓoóRŔrŕSŚsśUÚuúYÝyýZŹzź"},
    {'^', "AÂaâCĈcĉEÊeêGĜgĝHĤhĥIÎiîJĴjĵOÔoôSŜsŝUÛuûWŴwŵYŶyŷ"},
    {'"', "AÄaäEËeëIÏiïOÖoöUÜuüYŸyÿ"},
    {'~', "AÃaãIĨiĩNÑnñOÕoõUŨuũ"},
    {'=', "AĀaāEĒeēIĪiīOŌoōUŪuū"},
    {'.', "CĊcċEĖeėGĠgġIİZŻzż"},
    {'u', "AĂaăEĔeĕGĞgğIĬiĭOŎoŏUŬuŭ"},
    {'v', "CČcčDĎdďEĚeěLĽlľNŇnňRŘrřSŠsšTŤtťZŽzž"},
    {'H', "OŐoőUŰuű"},
    {'c', "CÇcçGĢgģKĶkķLĻlļNŅnņRŖrŗSŞsşTŢtţ"},
    {'k', "AĄaąEĘeęIĮiįUŲuų"},
    {'r', "AÅaåUŮuů"},
};

// The combining mark of each accent, for letters the table above lacks.
char32_t combining_mark(char accent) {
  switch (accent) {
    case '`': return 0x300;
    case '\'': return 0x301;
    case '^': return 0x302;
    case '~': return 0x303;
    case '=': return 0x304;
    case 'u': return 0x306;
    case '.': return 0x307;
    case '"': return 0x308;
    case 'r': return 0x30A;
    case 'H': return 0x30B;
    case 'v': return 0x30C;
    case 'd': return 0x323;
    case 'c': return 0x327;
    case 'k': return 0x328;
    case 'b': return 0x331;
    case 't': return 0x361;
    default: return 0;
  }
}

// The accent on its own, for "\^{}" and the like.
const char* spacing_accent(char accent) {
  switch (accent) {
    case '`': return "`";
    case '\'': return "\u00B4";
    case '^': return "^";
    case '~': return "~";
    case '"': return "\u00A8";
    case '=': return "\u00AF";
    case '.': return "\u02D9";
    default: return "";
  }
}

void append_accented(std::string& out, char accent, char32_t base) {
  if (base < 0x80) {
    for (const AccentRow& row : kAccents) {
      if (row.accent != accent) continue;
      std::string_view pairs(row.pairs);
      for (std::size_t i = 0; i < pairs.size();) {
        const char letter = pairs[i++];
        const std::size_t start = i;
        utf8_next(pairs, i);
        if (static_cast<char32_t>(static_cast<unsigned char>(letter)) == base) {
          out.append(pairs.substr(start, i - start));
          return;
        }
      }
    }
  }
  utf8_append(out, base);
  if (char32_t mark = combining_mark(accent)) utf8_append(out, mark);
}

// The accent command of a combining mark, the inverse of combining_mark; 0 for others.
char accent_of_mark(char32_t mark) {
  for (char accent : std::string_view("`'^~=u.\"rHvdckbt"))
    if (combining_mark(accent) == mark) return accent;
  return 0;
}

// Letters written decomposed, a letter then a combining mark ("Lu\u0308scher", as some tools
// write them), composed where a precomposed letter exists ("Lüscher"), so that they compare
// equal to the same name from other sources.
std::string compose_marks(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8_next(s, i);
    if (cp >= 0x300 && cp <= 0x36F && !out.empty() && is_ascii_letter(out.back()) && start > 0 &&
        is_ascii_letter(s[start - 1])) {
      if (char accent = accent_of_mark(cp)) {
        std::string composed;
        append_accented(composed, accent, static_cast<char32_t>(out.back()));
        if (composed.size() > 1 && static_cast<unsigned char>(composed[0]) >= 0x80) {
          out.pop_back();
          out += composed;
          continue;
        }
      }
    }
    out.append(s.substr(start, i - start));
  }
  return out;
}

bool is_letter_accent(std::string_view name) {
  return name.size() == 1 && std::strchr("ckruvHdbt", name[0]) != nullptr;
}

// Control words that stand for a character or a word.
const std::unordered_map<std::string_view, std::string_view>& symbol_commands() {
  static const std::unordered_map<std::string_view, std::string_view> kSymbols = {
      {"ss", "ß"}, {"SS", "SS"}, {"o", "ø"}, {"O", "Ø"}, {"aa", "å"}, {"AA", "Å"}, {"ae", "æ"}, {"AE", "Æ"},
      {"oe", "œ"}, {"OE", "Œ"}, {"l", "ł"}, {"L", "Ł"}, {"i", "ı"}, {"j", "ȷ"}, {"dj", "đ"}, {"DJ", "Đ"},
      {"ng", "ŋ"}, {"NG", "Ŋ"}, {"th", "þ"}, {"TH", "Þ"}, {"dh", "ð"}, {"DH", "Ð"},
      {"textdegree", "°"}, {"degree", "°"}, {"textpm", "±"}, {"pm", "±"}, {"texttimes", "×"}, {"times", "×"},
      {"textdiv", "÷"}, {"div", "÷"}, {"textasciitilde", "~"}, {"textasciicircum", "^"},
      {"textbackslash", "\\"}, {"textunderscore", "_"}, {"textbar", "|"}, {"textless", "<"},
      {"textgreater", ">"}, {"textendash", "–"}, {"textemdash", "—"}, {"textquoteleft", "‘"},
      {"textquoteright", "’"}, {"textquotedblleft", "“"}, {"textquotedblright", "”"},
      {"textquotesingle", "'"}, {"textquotedbl", "\""}, {"guillemotleft", "«"}, {"guillemotright", "»"},
      {"ldots", "…"}, {"dots", "…"}, {"textellipsis", "…"}, {"textbullet", "•"}, {"textperiodcentered", "·"},
      {"textregistered", "®"}, {"textcopyright", "©"}, {"copyright", "©"}, {"texttrademark", "™"},
      {"S", "§"}, {"textsection", "§"}, {"P", "¶"}, {"textparagraph", "¶"}, {"dag", "†"}, {"ddag", "‡"},
      {"textdagger", "†"}, {"textdaggerdbl", "‡"}, {"textmu", "µ"}, {"textperthousand", "‰"},
      {"texteuro", "€"}, {"euro", "€"}, {"pounds", "£"}, {"textsterling", "£"}, {"textcent", "¢"},
      {"textyen", "¥"}, {"textdollar", "$"}, {"textexclamdown", "¡"}, {"textquestiondown", "¿"},
      {"le", "≤"}, {"leq", "≤"}, {"ge", "≥"}, {"geq", "≥"}, {"neq", "≠"}, {"ne", "≠"}, {"approx", "≈"},
      {"sim", "∼"}, {"infty", "∞"}, {"cdot", "·"}, {"rightarrow", "→"}, {"to", "→"}, {"leftarrow", "←"},
      {"uparrow", "↑"}, {"downarrow", "↓"}, {"prime", "′"}, {"circ", "°"}, {"%", "%"},
      {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"varepsilon", "ε"},
      {"zeta", "ζ"}, {"eta", "η"}, {"theta", "θ"}, {"vartheta", "ϑ"}, {"iota", "ι"}, {"kappa", "κ"},
      {"lambda", "λ"}, {"mu", "μ"}, {"nu", "ν"}, {"xi", "ξ"}, {"pi", "π"}, {"rho", "ρ"}, {"sigma", "σ"},
      {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "φ"}, {"varphi", "φ"}, {"chi", "χ"}, {"psi", "ψ"},
      {"omega", "ω"}, {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Theta", "Θ"}, {"Lambda", "Λ"}, {"Xi", "Ξ"},
      {"Pi", "Π"}, {"Sigma", "Σ"}, {"Upsilon", "Υ"}, {"Phi", "Φ"}, {"Psi", "Ψ"}, {"Omega", "Ω"},
      {"textalpha", "α"}, {"textbeta", "β"}, {"textgamma", "γ"}, {"textdelta", "δ"}, {"textkappa", "κ"},
      {"textmu", "µ"}, {"LaTeX", "LaTeX"}, {"TeX", "TeX"}, {"BibTeX", "BibTeX"},
      {"quad", " "}, {"qquad", " "}, {"newline", " "}, {"par", " "}, {"space", " "}, {"nobreakspace", " "},
      {"textvisiblespace", " "}, {"slash", "/"},
  };
  return kSymbols;
}

// After a command at S[I] (I past its name and spaces) comes the letter an accent goes on:
// "e", "{e}", "\i", "{\i}". Appends the accented letter and returns the index after the
// base; a brace opened for the base is left open for the main loop to drop with its '}'.
std::size_t apply_accent(std::string_view s, std::size_t i, char accent, std::string& out) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i < s.size() && s[i] == '{') {
    ++i;
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  }
  if (i >= s.size() || s[i] == '}') {  // "\^{}": the accent alone
    out += spacing_accent(accent);
    return i;
  }
  // The dotless i and j of "\'\i".
  if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == 'i' || s[i + 1] == 'j') &&
      (i + 2 >= s.size() || !is_ascii_letter(s[i + 2]))) {
    append_accented(out, accent, static_cast<char32_t>(s[i + 1]));
    i += 2;
    while (i < s.size() && s[i] == ' ') ++i;
    return i;
  }
  if (s[i] == '\\') {  // an accent on a command: leave the command to the main loop
    out += spacing_accent(accent);
    return i;
  }
  const char32_t base = utf8_next(s, i);
  append_accented(out, accent, base);
  return i;
}

// Decodes the command at S[I] ('\\'), appending its text; returns the index after it.
std::size_t decode_command(std::string_view s, std::size_t i, std::string& out) {
  if (i + 1 >= s.size()) return i + 1;
  const char next = s[i + 1];
  if (is_ascii_letter(next)) {
    std::size_t j = i + 1;
    while (j < s.size() && is_ascii_letter(s[j])) ++j;
    const std::string_view name = s.substr(i + 1, j - i - 1);
    while (j < s.size() && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) ++j;  // as TeX does
    if (is_letter_accent(name)) return apply_accent(s, j, name[0], out);
    const auto& symbols = symbol_commands();
    if (auto it = symbols.find(name); it != symbols.end()) out.append(it->second);
    // Any other command (\emph, \textit, \textbf, \url ...) is dropped; its argument's braces
    // are then dropped by the main loop and its text kept.
    return j;
  }
  switch (next) {
    case '`': case '\'': case '^': case '"': case '~': case '=': case '.':
      return apply_accent(s, i + 2, next, out);
    case '&': case '%': case '$': case '#': case '_': case '{': case '}':
      out += next;
      return i + 2;
    case ' ': case '\t': case '\n': case '\r': case ',': case ';': case ':': case '\\':
      out += ' ';
      return i + 2;
    case '-': case '/': case '@': case '!':  // hyphenation hint, italic correction, spacing
      return i + 2;
    default: {
      std::size_t j = i + 1;
      utf8_next(s, j);
      out.append(s.substr(i + 1, j - i - 1));
      return j;
    }
  }
}

// Whitespace runs (including no-break spaces) become one space; the ends are trimmed.
std::string collapse_whitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (std::size_t i = 0; i < s.size();) {
    if (is_space(s[i])) {
      pending = true;
      ++i;
      continue;
    }
    if (s[i] == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      pending = true;
      i += 2;
      continue;
    }
    if (pending && !out.empty()) out += ' ';
    pending = false;
    out += s[i++];
  }
  return out;
}

// For identifiers (doi, pmid, url): braces dropped and escaped characters unescaped, but no
// dash, tilde or accent rules.
std::string verbatim_text(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '{' || s[i] == '}') continue;
    if (s[i] == '\\' && i + 1 < s.size() && std::strchr("&%$#_{}~", s[i + 1]) != nullptr) {
      out += s[++i];
      continue;
    }
    out += s[i];
  }
  return collapse_whitespace(out);
}

// ---------------------------------------------------------------------------------------------
// Names

// Splits S at top-level (brace depth 0) positions where AT(s, i) returns the separator's
// length (0 where there is none).
template <class SeparatorAt>
std::vector<std::string_view> split_top_level(std::string_view s, SeparatorAt at) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '{') ++depth;
    else if (c == '}' && depth > 0) --depth;
    if (depth == 0) {
      if (std::size_t len = at(s, i)) {
        parts.push_back(s.substr(start, i - start));
        i += len;
        start = i;
        continue;
      }
    }
    ++i;
  }
  parts.push_back(s.substr(start));
  return parts;
}

// " and " between names: "and" (any case) with whitespace on both sides.
std::vector<std::string_view> split_names(std::string_view s) {
  return split_top_level(s, [](std::string_view t, std::size_t i) -> std::size_t {
    if (!is_space(t[i])) return 0;
    std::size_t j = i;
    while (j < t.size() && is_space(t[j])) ++j;
    if (j + 3 >= t.size() || ascii_lower(t.substr(j, 3)) != "and" || !is_space(t[j + 3])) return 0;
    j += 3;
    while (j < t.size() && is_space(t[j])) ++j;
    return j - i;
  });
}

std::vector<std::string_view> split_commas(std::string_view s) {
  std::vector<std::string_view> parts = split_top_level(
      s, [](std::string_view t, std::size_t i) -> std::size_t { return t[i] == ',' ? 1 : 0; });
  for (std::string_view& p : parts) p = trim(p);
  return parts;
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> words;
  for (std::string_view w : split_top_level(s, [](std::string_view t, std::size_t i) -> std::size_t {
         return is_space(t[i]) || t[i] == '~' ? 1 : 0;
       }))
    if (!w.empty()) words.push_back(w);
  return words;
}

// The case of a name token as BibTeX judges it for the von part: its first letter at brace
// depth 0, or in a special character "{\'e}" the letter (or letter command) inside; other
// brace groups are passed over. -1 lower, 1 upper, 0 none.
int token_case(std::string_view tok) {
  auto letter_case = [](char c) { return (c >= 'a' && c <= 'z') ? -1 : 1; };
  for (std::size_t i = 0; i < tok.size();) {
    const char c = tok[i];
    if (c == '{') {
      std::size_t end = i + 1;
      for (int depth = 1; end < tok.size() && depth > 0; ++end) {
        if (tok[end] == '{') ++depth;
        else if (tok[end] == '}') --depth;
      }
      if (i + 1 < tok.size() && tok[i + 1] == '\\') {  // a special character
        std::size_t j = i + 2;
        std::size_t name_start = j;
        while (j < end && is_ascii_letter(tok[j])) ++j;
        const std::string_view name = tok.substr(name_start, j - name_start);
        static const std::unordered_set<std::string_view> kUpper = {"OE", "AE", "AA", "O", "L"};
        static const std::unordered_set<std::string_view> kLower = {"oe", "ae", "aa", "o", "l", "i", "j", "ss"};
        if (kUpper.count(name)) return 1;
        if (kLower.count(name)) return -1;
        for (; j < end; ++j)
          if (is_ascii_letter(tok[j])) return letter_case(tok[j]);
        return 0;
      }
      i = end;
      continue;
    }
    if (c == '\\') {  // an accent at depth 0: the letter after it decides
      ++i;
      if (i < tok.size() && !is_ascii_letter(tok[i])) ++i;
      continue;
    }
    if (is_ascii_letter(c)) return letter_case(c);
    if (static_cast<unsigned char>(c) >= 0x80) {
      const std::size_t start = i;
      utf8_next(tok, i);
      const std::string folded = fold_diacritics(tok.substr(start, i - start));
      if (!folded.empty() && is_ascii_letter(folded[0])) return letter_case(folded[0]);
      continue;
    }
    ++i;
  }
  return 0;
}

std::string join_words(const std::vector<std::string_view>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t k = from; k < to; ++k) {
    if (!out.empty()) out += ' ';
    out.append(words[k]);
  }
  return out;
}

// Words that make a name a group's, when the file did not brace it.
bool is_group_name(std::string_view decoded) {
  static const std::unordered_set<std::string_view> kGroupWords = {
      "Group", "Groups", "Team", "Initiative", "Consortium", "Collaboration", "Collaborative",
      "Collaborators", "Committee", "Investigators", "Investigator", "Organization", "Organisation",
      "Association", "Society", "Network", "Trialists", "Council", "Panel", "Foundation", "Institute",
      "Agency", "Alliance", "Federation", "Programme", "Program", "Project", "Registry", "Taskforce",
      "Ministry", "Department", "University", "Working", "Board", "Academy",
      "College", "Centre", "Center"};
  for (std::string_view w : split_words(decoded)) {
    while (!w.empty() && std::strchr(",.;:()", w.back()) != nullptr) w.remove_suffix(1);
    if (kGroupWords.count(w)) return true;
  }
  return false;
}

bool is_name_suffix(std::string_view s) {
  std::string lower = ascii_lower(trim(s));
  if (!lower.empty() && lower.back() == '.') lower.pop_back();
  return lower == "jr" || lower == "sr" || lower == "ii" || lower == "iii" || lower == "iv";
}

// One BibTeX name as "Surname Initials", a group whole; empty for "others".
std::string author_of(std::string_view raw) {
  raw = trim(raw);
  if (raw.empty() || raw == "others") return {};
  if (raw.front() == '{') {  // "{World Health Organization}": a group when one brace group
    int depth = 0;
    std::size_t end = 0;
    for (; end < raw.size(); ++end) {
      if (raw[end] == '{') ++depth;
      else if (raw[end] == '}' && --depth == 0) break;
    }
    if (end == raw.size() - 1) return bibtex_text(raw);
  }
  const std::vector<std::string_view> parts = split_commas(raw);
  std::string first, surname, jr;
  if (parts.size() == 1) {  // First von Last
    const std::vector<std::string_view> words = split_words(parts[0]);
    if (words.empty()) return {};
    std::size_t von = words.size() - 1;
    for (std::size_t k = 0; k + 1 < words.size(); ++k)
      if (token_case(words[k]) < 0) {
        von = k;
        break;
      }
    first = join_words(words, 0, von);
    surname = join_words(words, von, words.size());
  } else {  // von Last, First / von Last, Jr, First
    surname = std::string(parts[0]);
    if (parts.size() == 2) {
      first = std::string(parts[1]);
    } else {
      jr = std::string(parts[1]);
      for (std::size_t k = 2; k < parts.size(); ++k) {
        if (!first.empty()) first += ", ";
        first.append(parts[k]);
      }
      // "Fulton, James E., Jr." (JabRef writes it so): the suffix came last, not second.
      if (is_name_suffix(first) && !is_name_suffix(jr)) std::swap(first, jr);
    }
  }
  surname = bibtex_text(surname);
  first = bibtex_text(first);
  jr = bibtex_text(jr);
  if (surname.empty()) return {};
  if (is_group_name(surname) || is_group_name(first)) {
    std::string whole = first;
    if (!whole.empty()) whole += ' ';
    whole += surname;
    return whole;
  }
  std::string name = author_name(surname, first);
  while (!jr.empty() && jr.back() == '.') jr.pop_back();
  if (!jr.empty()) name += ' ' + jr;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Other fields

constexpr std::array<const char*, 12> kMonthAbbrev = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 12> kMonthNames = {"january", "february", "march",     "april",
                                                     "may",     "june",     "july",      "august",
                                                     "september", "october", "november", "december"};

// "may", "May", "September", "Sept.", "5", "05" -> "May"/"Sep"; other text as given.
std::string month_text(const std::string& decoded) {
  if (decoded.empty()) return {};
  if (all_digits(decoded) && decoded.size() <= 2) {
    const int n = std::stoi(decoded);
    return n >= 1 && n <= 12 ? kMonthAbbrev[static_cast<std::size_t>(n - 1)] : decoded;
  }
  std::string word = ascii_lower(decoded);
  if (!word.empty() && word.back() == '.') word.pop_back();
  if (word.size() >= 3 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; }))
    for (std::size_t m = 0; m < kMonthNames.size(); ++m)
      if (std::string_view(kMonthNames[m]).substr(0, word.size()) == word) return kMonthAbbrev[m];
  return decoded;
}

// The first run of exactly four digits, 0 when there is none.
int year_of(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (!is_digit(s[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < s.size() && is_digit(s[j])) ++j;
    if (j - i == 4) return std::stoi(std::string(s.substr(i, 4)));
    i = j;
  }
  return 0;
}

// BibLaTeX's date "2009", "2009-03", "2009-03-15", "2009-03/2010-01", "2009-21" (season).
void parse_date(std::string_view date, int& year, std::string& month) {
  date = trim(date);
  if (date.size() < 4 || !all_digits(date.substr(0, 4))) return;
  year = std::stoi(std::string(date.substr(0, 4)));
  if (date.size() >= 7 && date[4] == '-' && all_digits(date.substr(5, 2))) {
    const int m = std::stoi(std::string(date.substr(5, 2)));
    static constexpr std::array<const char*, 4> kSeasons = {"Spring", "Summer", "Autumn", "Winter"};
    if (m >= 1 && m <= 12) month = kMonthAbbrev[static_cast<std::size_t>(m - 1)];
    else if (m >= 21 && m <= 24) month = kSeasons[static_cast<std::size_t>(m - 21)];
  }
}

// Page ranges with a hyphen: "454--81", "454 – 81" -> "454-81".
std::string pages_text(const std::string& decoded) {
  std::string dashed;
  for (std::size_t i = 0; i < decoded.size();) {
    const std::size_t start = i;
    const char32_t cp = utf8_next(decoded, i);
    if (cp == 0x2013 || cp == 0x2014 || cp == 0x2212) dashed += '-';
    else dashed.append(decoded, start, i - start);
  }
  std::string out;
  for (std::size_t i = 0; i < dashed.size(); ++i) {
    if (dashed[i] == ' ' && ((i + 1 < dashed.size() && dashed[i + 1] == '-') || (!out.empty() && out.back() == '-')))
      continue;
    if (dashed[i] == '-' && !out.empty() && out.back() == '-') continue;
    out += dashed[i];
  }
  return out;
}

std::string strip_doi_prefix(std::string doi) {
  static constexpr std::array<const char*, 8> kPrefixes = {"https://doi.org/", "http://doi.org/",
                                                           "https://dx.doi.org/", "http://dx.doi.org/",
                                                           "doi.org/", "dx.doi.org/", "doi:", "doi "};
  for (bool again = true; again;) {
    again = false;
    for (const char* p : kPrefixes)
      if (starts_with_ci(doi, p)) {
        doi = std::string(trim(std::string_view(doi).substr(std::strlen(p))));
        again = true;
      }
  }
  return doi;
}

// "PMID: 123", "PMID 123" or "123[pmid]" in free text; empty when absent.
std::string pmid_in_note(const std::string& text) {
  const std::string lower = ascii_lower(text);
  for (std::size_t at = lower.find("pmid"); at != std::string::npos; at = lower.find("pmid", at + 4)) {
    std::size_t j = at + 4;
    while (j < lower.size() && (lower[j] == ':' || lower[j] == ' ')) ++j;
    std::size_t k = j;
    while (k < lower.size() && is_digit(lower[k])) ++k;
    if (k > j && (at == 0 || !is_ascii_letter(lower[at - 1]))) return text.substr(j, k - j);
    if (at >= 1 && lower[at - 1] == '[' && at + 4 < lower.size() && lower[at + 4] == ']') {
      std::size_t e = at - 1;
      while (e > 0 && lower[e - 1] == ' ') --e;
      std::size_t b = e;
      while (b > 0 && is_digit(lower[b - 1])) --b;
      if (b < e) return text.substr(b, e - b);
    }
  }
  return {};
}

// A PubMed article URL's PMID: ".../pubmed.ncbi.nlm.nih.gov/123/", ".../pubmed/123".
std::string pmid_in_url(const std::string& url) {
  for (const char* marker : {"pubmed.ncbi.nlm.nih.gov/", "ncbi.nlm.nih.gov/pubmed/"}) {
    const std::size_t at = url.find(marker);
    if (at == std::string::npos) continue;
    std::size_t j = at + std::strlen(marker), k = j;
    while (k < url.size() && is_digit(url[k])) ++k;
    if (k > j && (k == url.size() || url[k] == '/' || url[k] == '?' || url[k] == '#')) return url.substr(j, k - j);
  }
  return {};
}

// English names of languages (and babel's names) to ISO 639-2/B, as MEDLINE writes them.
std::string language_code(const std::string& decoded) {
  static const std::unordered_map<std::string_view, std::string_view> kCodes = {
      {"english", "eng"}, {"american", "eng"}, {"british", "eng"}, {"usenglish", "eng"}, {"ukenglish", "eng"},
      {"canadian", "eng"}, {"australian", "eng"}, {"newzealand", "eng"}, {"en", "eng"},
      {"german", "ger"}, {"ngerman", "ger"}, {"austrian", "ger"}, {"naustrian", "ger"}, {"swissgerman", "ger"},
      {"nswissgerman", "ger"}, {"deutsch", "ger"}, {"de", "ger"},
      {"french", "fre"}, {"francais", "fre"}, {"français", "fre"}, {"acadian", "fre"}, {"canadien", "fre"},
      {"fr", "fre"}, {"spanish", "spa"}, {"castilian", "spa"}, {"es", "spa"}, {"italian", "ita"}, {"it", "ita"},
      {"portuguese", "por"}, {"portuges", "por"}, {"brazil", "por"}, {"brazilian", "por"}, {"pt", "por"},
      {"dutch", "dut"}, {"nl", "dut"}, {"russian", "rus"}, {"ru", "rus"}, {"chinese", "chi"}, {"zh", "chi"},
      {"japanese", "jpn"}, {"ja", "jpn"}, {"korean", "kor"}, {"polish", "pol"}, {"swedish", "swe"},
      {"danish", "dan"}, {"norwegian", "nor"}, {"norsk", "nor"}, {"nynorsk", "nno"}, {"finnish", "fin"},
      {"czech", "cze"}, {"slovak", "slo"}, {"hungarian", "hun"}, {"magyar", "hun"}, {"turkish", "tur"},
      {"greek", "gre"}, {"hebrew", "heb"}, {"arabic", "ara"}, {"latin", "lat"}, {"catalan", "cat"},
      {"croatian", "hrv"}, {"serbian", "srp"}, {"slovenian", "slv"}, {"slovene", "slv"}, {"romanian", "rum"},
      {"bulgarian", "bul"}, {"ukrainian", "ukr"}, {"icelandic", "ice"}, {"estonian", "est"},
      {"latvian", "lav"}, {"lithuanian", "lit"}, {"persian", "per"}, {"farsi", "per"}, {"hindi", "hin"},
      {"thai", "tha"}, {"vietnamese", "vie"}, {"indonesian", "ind"}, {"malay", "may"}, {"afrikaans", "afr"},
      {"welsh", "wel"}, {"irish", "gle"}, {"basque", "baq"}, {"galician", "glg"},
  };
  const std::string lower = ascii_lower(decoded);
  if (auto it = kCodes.find(lower); it != kCodes.end()) return std::string(it->second);
  return decoded;
}

}  // namespace

bool looks_like_journal_abbreviation(std::string_view journal) {
  static const std::unordered_set<std::string_view> kFunctionWords = {
      "of", "and", "the", "for", "in", "on", "at", "to", "a", "an", "&", "und", "der", "die", "das", "für",
      "fur", "de", "des", "du", "la", "le", "les", "et", "y", "del", "della", "di", "van", "voor", "en", "och"};
  static const std::unordered_set<std::string_view> kNlmWords = {
      "Am", "Ann", "Arch", "Br", "Clin", "Med", "Surg", "Oncol", "Res", "Rev", "Int", "Eur", "Engl", "Natl",
      "Acad", "Sci", "Soc", "Assoc", "Dis", "Infect", "Microbiol", "Nutr", "Metab", "Cardiol", "Neurol",
      "Pediatr", "Gastroenterol", "Hepatol", "Endocrinol", "Immunol", "Biol", "Chem", "Pharmacol", "Ther",
      "Epidemiol", "Obstet", "Gynecol", "Radiol", "Dermatol", "Ophthalmol", "Urol", "Nephrol", "Rheumatol",
      "Hematol", "Physiol", "Pathol", "Biochem", "Genet", "Mol", "Exp", "Proc", "Lett", "Bull", "Rep", "Curr",
      "Opin", "Adv", "Syst", "Prev", "Anesth", "Anaesth", "Respir", "Crit", "Transl", "Psychol", "Behav",
      "Psychiatr", "Neurosci", "Cardiovasc", "Pulm", "Geriatr", "Orthop", "Dent", "Vet", "Toxicol",
      "Environ", "Intern", "Fam", "Pract", "Nurs", "Pharm", "Hosp", "Diagn", "Hist", "Jpn", "Chin"};
  const std::vector<std::string_view> words = split_words(trim(journal));
  if (words.size() < 2) return false;
  bool marked = false;
  for (std::string_view w : words) {
    if (kFunctionWords.count(w)) return false;
    const bool dotted = w.find('.') != std::string_view::npos;
    if (!dotted && w.size() > 3 && w[0] >= 'a' && w[0] <= 'z') return false;
    if (w.back() == '.' || (w.size() == 1 && w[0] >= 'A' && w[0] <= 'Z') || kNlmWords.count(w)) marked = true;
  }
  return marked;
}

std::string bibtex_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool math = false;
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    switch (c) {
      case '{':
      case '}':
        ++i;
        break;
      case '~':
        out += ' ';
        ++i;
        break;
      case '$':
        math = !math;
        ++i;
        break;
      case '^':
      case '_':
        if (!math) out += c;
        ++i;
        break;
      case '-': {
        std::size_t n = 0;
        while (i + n < s.size() && s[i + n] == '-') ++n;
        if (n == 2) out += "\u2013";
        else if (n == 3) out += "\u2014";
        else out.append(n, '-');
        i += n;
        break;
      }
      case '`':
        if (i + 1 < s.size() && s[i + 1] == '`') {
          out += "\u201C";
          i += 2;
        } else {
          out += "\u2018";
          ++i;
        }
        break;
      case '\'':
        if (i + 1 < s.size() && s[i + 1] == '\'') {
          out += "\u201D";
          i += 2;
        } else {
          out += '\'';
          ++i;
        }
        break;
      case '\\':
        i = decode_command(s, i, out);
        break;
      default:
        out += c;
        ++i;
    }
  }
  return compose_marks(collapse_whitespace(out));
}

namespace {

// ---------------------------------------------------------------------------------------------
// The lexer

struct ParseError {
  int line;
  std::string what;
};

struct Field {
  std::string name;   // lower case
  std::string value;  // raw LaTeX, macros expanded
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& path, const RecordSink& sink)
      : s_(text), path_(path), sink_(sink) {
    for (std::size_t m = 0; m < kMonthNames.size(); ++m) {
      std::string name(kMonthNames[m]);
      std::string value = name;
      value[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(value[0])));
      macros_[name.substr(0, 3)] = value;
    }
  }

  Status run() {
    try {
      int entries = 0;
      for (;;) {
        const std::size_t at = s_.find('@', i_);
        if (at == std::string_view::npos) break;
        line_ += static_cast<int>(std::count(s_.begin() + static_cast<std::ptrdiff_t>(i_),
                                             s_.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        i_ = at;
        const int start = line_;
        advance();
        skip_ws();
        const std::string type = ascii_lower(read_identifier());
        if (type.empty()) continue;  // a stray '@' in the text between entries
        skip_ws();
        const char open = peek();
        if (open != '{' && open != '(') continue;  // text such as an e-mail address
        const char close = open == '{' ? '}' : ')';
        advance();
        if (type == "comment") {
          skip_comment(close, start);
        } else if (type == "preamble") {
          Entry e{type, "", close, start};
          parse_value(e, "@preamble");
          skip_ws_and_comments();
          expect_close(e);
        } else if (type == "string") {
          parse_string(close, start);
        } else {
          ImportRecord record = parse_entry(type, close, start);
          if (type == "set" || type == "xdata") continue;  // BibLaTeX's helpers, not works
          ++entries;
          if (Status st = sink_(std::move(record)); !st.ok()) return st;
        }
      }
      if (entries == 0) return Status::Parse(path_ + ": no BibTeX entries");
      return Status::Ok();
    } catch (const ParseError& e) {
      return Status::Parse(path_ + ":" + std::to_string(e.line) + ": " + e.what);
    }
  }

 private:
  struct Entry {
    std::string type;
    std::string key;
    char close;
    int start;
    std::string name() const { return "@" + type + "{" + key; }
  };

  bool eof() const { return i_ >= s_.size(); }
  char peek() const { return eof() ? '\0' : s_[i_]; }
  void advance() {
    if (s_[i_] == '\n') ++line_;
    ++i_;
  }
  void skip_ws() {
    while (!eof() && is_space(s_[i_])) advance();
  }
  // Between fields a '%' line is a comment, as biber and JabRef take it.
  void skip_ws_and_comments() {
    for (;;) {
      skip_ws();
      if (peek() != '%') return;
      while (!eof() && peek() != '\n') advance();
    }
  }
  std::string read_identifier() {
    const std::size_t start = i_;
    while (!eof() && is_ident_char(s_[i_])) ++i_;
    return std::string(s_.substr(start, i_ - start));
  }

  [[noreturn]] void unterminated(const Entry& e) const {
    std::string what = "unterminated entry " + e.name() + ": no closing '" + std::string(1, e.close) + "' before ";
    what += eof() ? "the end of the file" : "the next entry at line " + std::to_string(line_);
    throw ParseError{e.start, what};
  }

  void expect_close(const Entry& e) {
    if (eof() || peek() == '@') unterminated(e);
    if (peek() != e.close)
      throw ParseError{line_,
                       std::string("expected '") + e.close + "' to end " + e.name() + ", found '" + peek() + "'"};
    advance();
  }

  // @comment{...}: skipped with its balanced braces.
  void skip_comment(char close, int start) {
    int depth = 0;
    while (!eof()) {
      const char c = peek();
      advance();
      if (c == '{') ++depth;
      else if (c == '}' && depth > 0) --depth;
      else if (c == close && depth == 0) return;
    }
    throw ParseError{start, "unterminated @comment: no closing '" + std::string(1, close) + "'"};
  }

  void parse_string(char close, int start) {
    Entry e{"string", "", close, start};
    skip_ws_and_comments();
    const int name_line = line_;
    const std::string name = read_identifier();
    if (name.empty()) {
      if (eof()) unterminated(e);
      throw ParseError{line_, "expected a macro name after @string, found '" + std::string(1, peek()) + "'"};
    }
    skip_ws_and_comments();
    if (peek() != '=') {
      if (eof()) unterminated(e);
      throw ParseError{name_line, "@string " + name + " without '='"};
    }
    advance();
    std::string value = parse_value(e, "@string " + name);
    skip_ws_and_comments();
    if (peek() == ',') {  // tolerated: "@string{x = {y},}"
      advance();
      skip_ws_and_comments();
    }
    expect_close(e);
    macros_[ascii_lower(name)] = std::move(value);
  }

  // A value: parts joined with '#', each braced, quoted, a number or a macro name.
  std::string parse_value(const Entry& e, const std::string& field) {
    std::string out;
    for (;;) {
      skip_ws();
      if (eof()) unterminated(e);
      const char c = peek();
      const int line = line_;
      if (c == '{') {
        read_braced(out, field);
      } else if (c == '"') {
        read_quoted(out, field);
      } else if (c == '@') {
        unterminated(e);
      } else if (is_ident_char(c)) {
        const std::string token = read_identifier();
        if (is_digit(token[0])) {
          out += token;
        } else {
          auto it = macros_.find(ascii_lower(token));
          if (it == macros_.end())
            throw ParseError{line, "undefined @string macro '" + token + "' in " + field + " of " + e.name()};
          out += it->second;
        }
      } else {
        throw ParseError{line,
                         "expected a value for " + field + " of " + e.name() + ", found '" + std::string(1, c) + "'"};
      }
      skip_ws();
      if (peek() != '#') return out;
      advance();
    }
  }

  void read_braced(std::string& out, const std::string& field) {
    const int open_line = line_;
    advance();
    int depth = 1;
    while (!eof()) {
      const char c = peek();
      if (c == '{' && ++depth > kMaxDepth)
        throw ParseError{line_, "braces nested deeper than " + std::to_string(kMaxDepth) + " levels in " + field};
      if (c == '}' && --depth == 0) {
        advance();
        return;
      }
      out += c;
      advance();
    }
    throw ParseError{open_line, "unbalanced braces: the '{' opening " + field + " is never closed"};
  }

  void read_quoted(std::string& out, const std::string& field) {
    const int open_line = line_;
    advance();
    int depth = 0;
    while (!eof()) {
      const char c = peek();
      if (c == '"' && depth == 0) {
        advance();
        return;
      }
      if (c == '{' && ++depth > kMaxDepth)
        throw ParseError{line_, "braces nested deeper than " + std::to_string(kMaxDepth) + " levels in " + field};
      if (c == '}' && --depth < 0) throw ParseError{line_, "unbalanced braces: '}' without '{' in " + field};
      out += c;
      advance();
    }
    if (depth > 0) throw ParseError{open_line, "unbalanced braces: a '{' in " + field + " is never closed"};
    throw ParseError{open_line, "unterminated quoted value of " + field};
  }

  ImportRecord parse_entry(const std::string& type, char close, int start) {
    Entry e{type, "", close, start};
    skip_ws_and_comments();
    // The key: up to ',' (BibTeX allows it empty, and JabRef writes "@article{,").
    const std::size_t key_start = i_;
    while (!eof() && !is_space(peek()) && peek() != ',' && peek() != close && peek() != '=' &&
           std::strchr("{}\"@", peek()) == nullptr)
      ++i_;
    std::string token(s_.substr(key_start, i_ - key_start));
    skip_ws_and_comments();
    std::string first_field;  // a keyless entry starts with a field
    if (peek() == '=') {
      first_field = ascii_lower(token);
    } else {
      e.key = token;
      if (peek() == ',') advance();
      else if (peek() != close) {
        if (eof() || peek() == '@') unterminated(e);
        throw ParseError{line_,
                         "expected ',' after the key of " + e.name() + ", found '" + std::string(1, peek()) + "'"};
      }
    }
    std::vector<Field> fields;
    for (;;) {
      std::string name;
      if (!first_field.empty()) {
        name = std::move(first_field);
        first_field.clear();
      } else {
        skip_ws_and_comments();
        if (eof() || peek() == '@') unterminated(e);
        if (peek() == close) {
          advance();
          break;
        }
        if (peek() == ',') {
          advance();
          continue;
        }
        const int field_line = line_;
        name = ascii_lower(read_identifier());
        if (name.empty())
          throw ParseError{line_, "expected a field name in " + e.name() + ", found '" + std::string(1, peek()) + "'"};
        skip_ws_and_comments();
        if (peek() != '=') {
          if (eof()) unterminated(e);
          throw ParseError{field_line, "field '" + name + "' without '=' in " + e.name()};
        }
      }
      advance();  // '='
      std::string value = parse_value(e, "field '" + name + "'");
      skip_ws_and_comments();
      if (peek() == ',') advance();
      else if (peek() != close) {
        if (eof() || peek() == '@') unterminated(e);
        throw ParseError{line_, "expected ',' or '" + std::string(1, close) + "' after field '" + name + "' of " +
                                    e.name() + ", found '" + std::string(1, peek()) + "'"};
      }
      const bool seen = std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return f.name == name; });
      if (!seen) fields.push_back({std::move(name), std::move(value)});
    }
    return to_record(fields, start);
  }

  ImportRecord to_record(const std::vector<Field>& fields, int start) const {
    auto raw = [&](std::string_view name) -> const std::string* {
      for (const Field& f : fields)
        if (f.name == name) return &f.value;
      return nullptr;
    };
    auto text = [&](std::initializer_list<std::string_view> names) -> std::string {
      for (std::string_view n : names)
        if (const std::string* v = raw(n)) {
          std::string t = bibtex_text(*v);
          if (!t.empty()) return t;
        }
      return {};
    };
    auto verbatim = [&](std::initializer_list<std::string_view> names) -> std::string {
      for (std::string_view n : names)
        if (const std::string* v = raw(n)) {
          std::string t = verbatim_text(*v);
          if (!t.empty()) return t;
        }
      return {};
    };

    ImportRecord r;
    r.source_path = path_;
    r.source_line = start;
    r.format = "bibtex";

    r.title = text({"title"});
    if (std::string sub = text({"subtitle"}); !sub.empty()) r.title += (r.title.empty() ? "" : ": ") + sub;

    if (const std::string* authors = raw("author"))
      for (std::string_view name : split_names(*authors))
        if (std::string a = author_of(name); !a.empty()) r.authors.push_back(std::move(a));

    r.journal_title = text({"journal", "journaltitle"});
    r.journal_abbreviation = text({"journal-abbreviation", "journal_abbreviation", "journalabbreviation",
                                   "journalabbrev", "journal-abbrev", "journal_abbrev", "shortjournal",
                                   "journal-iso", "iso-abbreviation", "title-abbreviation"});
    if (r.journal_abbreviation.empty() && looks_like_journal_abbreviation(r.journal_title)) {
      r.journal_abbreviation = r.journal_title;
      r.journal_title.clear();
    }

    std::string date_month;
    if (const std::string* date = raw("date")) parse_date(verbatim_text(*date), r.year, date_month);
    if (int y = year_of(text({"year"}))) r.year = y;
    r.month = month_text(text({"month"}));
    if (r.month.empty()) r.month = date_month;

    r.volume = text({"volume"});
    r.issue = pages_text(text({"number", "issue"}));  // "2--3" -> "2-3"
    if (r.issue.size() > 3 && r.issue.compare(0, 3, "PMC") == 0 && all_digits(std::string_view(r.issue).substr(3)))
      r.issue.clear();  // JabRef's RIS import puts the PMC id here
    r.pages = pages_text(text({"pages", "eid"}));

    r.doi = strip_doi_prefix(verbatim({"doi"}));
    if (r.doi.empty()) {
      const std::string url = verbatim({"url"});
      if (std::size_t at = url.find("doi.org/"); at != std::string::npos) r.doi = url.substr(at + 8);
    }

    // A PMID is digits; "PMID: 123" or "123[pmid]" in the field itself gives its digits.
    auto pmid_of = [](const std::string& v) { return all_digits(v) ? v : pmid_in_note(v); };
    r.pmid = pmid_of(verbatim({"pmid"}));
    if (r.pmid.empty() && ascii_lower(verbatim({"eprinttype", "archiveprefix"})) == "pubmed")
      r.pmid = pmid_of(verbatim({"eprint"}));
    for (std::string_view n : {"note", "comment", "annote", "extra"})
      if (r.pmid.empty()) r.pmid = pmid_in_note(verbatim({n}));
    if (r.pmid.empty()) r.pmid = pmid_in_url(verbatim({"url"}));

    if (std::string abstract = text({"abstract"}); !abstract.empty()) r.abstract.push_back({"", std::move(abstract)});

    if (std::string lang = text({"language", "langid"}); !lang.empty()) r.language = language_code(lang);

    if (const std::string* keywords = raw("keywords")) {
      for (std::string_view k : split_top_level(*keywords, [](std::string_view t, std::size_t i) -> std::size_t {
             return t[i] == ',' || t[i] == ';' ? 1 : 0;
           })) {
        std::string kw = bibtex_text(k);
        if (!kw.empty() && std::find(r.keywords.begin(), r.keywords.end(), kw) == r.keywords.end())
          r.keywords.push_back(std::move(kw));
      }
    }
    return r;
  }

  std::string_view s_;
  std::size_t i_ = 0;
  int line_ = 1;
  const std::string& path_;
  const RecordSink& sink_;
  std::unordered_map<std::string, std::string> macros_;
};

}  // namespace

Status read_bibtex(const std::string& path, const RecordSink& sink) {
  // Refused before reading, so that a huge file costs nothing.
  std::error_code ec;
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxBytes)
    return Status::IO(path + ": " + std::to_string(size) + " bytes, larger than the " +
                      std::to_string(kMaxBytes >> 20) + " MiB a BibTeX file may have; refusing to read it");
  Result<std::string> content = read_file(path, kMaxBytes);
  if (!content.ok()) {
    const Status& st = content.status();
    if (st.code() == Code::IO) return st;
    return Status::IO(st.message());  // a missing file: NotFound from read_file
  }
  std::string text = std::move(content.value());
  if (!is_valid_utf8(text)) text = from_windows_1252(text);
  std::string_view view(text);
  if (view.substr(0, 3) == "\xEF\xBB\xBF") view.remove_prefix(3);
  return Parser(view, path, sink).run();
}

}  // namespace kb
