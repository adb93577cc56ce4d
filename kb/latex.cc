#include "kb/latex.h"

#include <algorithm>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "kb/text.h"

namespace kb {
namespace {

bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// ---------------------------------------------------------------------------------------------
// The table: every character with a LaTeX spelling, for both directions. Decoding reads every
// row; encoding writes the rows marked `written`, the spellings that both BibTeX readers the
// export is tested with (citation-js and bibutils) read back as their character: hence {\'i}
// rather than {\'\i}, {\r a} rather than {\aa}; characters without such a spelling (œ, ĭ,
// Greek letters, ≤, curly quotes) stay UTF-8 in the export.

// A letter written as an accent command on an ASCII letter: {\"a}, {\c c}.
struct AccentedLetter {
  char32_t code_point;
  char accent;  // the command: ` ' ^ " ~ = . (a symbol) or u v H c k r (a letter)
  char base;
  bool written;
};

// A control word that stands for a character or a word: {\o}, {\textdegree}, \alpha.
struct ControlWord {
  std::string_view name;
  std::string_view text;
  bool written;
};

// Letters written as an accent command on an ASCII letter, sorted by code point.
constexpr AccentedLetter kAccented[] = {
    {0xC0, '`', 'A', true},  // À
    {0xC1, '\'', 'A', true},  // Á
    {0xC2, '^', 'A', true},  // Â
    {0xC3, '~', 'A', true},  // Ã
    {0xC4, '"', 'A', true},  // Ä
    {0xC5, 'r', 'A', true},  // Å
    {0xC7, 'c', 'C', true},  // Ç
    {0xC8, '`', 'E', true},  // È
    {0xC9, '\'', 'E', true},  // É
    {0xCA, '^', 'E', true},  // Ê
    {0xCB, '"', 'E', true},  // Ë
    {0xCC, '`', 'I', true},  // Ì
    {0xCD, '\'', 'I', true},  // Í
    {0xCE, '^', 'I', true},  // Î
    {0xCF, '"', 'I', true},  // Ï
    {0xD1, '~', 'N', true},  // Ñ
    {0xD2, '`', 'O', true},  // Ò
    {0xD3, '\'', 'O', true},  // Ó
    {0xD4, '^', 'O', true},  // Ô
    {0xD5, '~', 'O', true},  // Õ
    {0xD6, '"', 'O', true},  // Ö
    {0xD9, '`', 'U', true},  // Ù
    {0xDA, '\'', 'U', true},  // Ú
    {0xDB, '^', 'U', true},  // Û
    {0xDC, '"', 'U', true},  // Ü
    {0xDD, '\'', 'Y', true},  // Ý
    {0xE0, '`', 'a', true},  // à
    {0xE1, '\'', 'a', true},  // á
    {0xE2, '^', 'a', true},  // â
    {0xE3, '~', 'a', true},  // ã
    {0xE4, '"', 'a', true},  // ä
    {0xE5, 'r', 'a', true},  // å
    {0xE7, 'c', 'c', true},  // ç
    {0xE8, '`', 'e', true},  // è
    {0xE9, '\'', 'e', true},  // é
    {0xEA, '^', 'e', true},  // ê
    {0xEB, '"', 'e', true},  // ë
    {0xEC, '`', 'i', true},  // ì
    {0xED, '\'', 'i', true},  // í
    {0xEE, '^', 'i', true},  // î
    {0xEF, '"', 'i', true},  // ï
    {0xF1, '~', 'n', true},  // ñ
    {0xF2, '`', 'o', true},  // ò
    {0xF3, '\'', 'o', true},  // ó
    {0xF4, '^', 'o', true},  // ô
    {0xF5, '~', 'o', true},  // õ
    {0xF6, '"', 'o', true},  // ö
    {0xF9, '`', 'u', true},  // ù
    {0xFA, '\'', 'u', true},  // ú
    {0xFB, '^', 'u', true},  // û
    {0xFC, '"', 'u', true},  // ü
    {0xFD, '\'', 'y', true},  // ý
    {0xFF, '"', 'y', true},  // ÿ
    {0x100, '=', 'A', true},  // Ā
    {0x101, '=', 'a', true},  // ā
    {0x102, 'u', 'A', true},  // Ă
    {0x103, 'u', 'a', true},  // ă
    {0x104, 'k', 'A', true},  // Ą
    {0x105, 'k', 'a', true},  // ą
    {0x106, '\'', 'C', true},  // Ć
    {0x107, '\'', 'c', true},  // ć
    {0x108, '^', 'C', true},  // Ĉ
    {0x109, '^', 'c', true},  // ĉ
    {0x10A, '.', 'C', true},  // Ċ
    {0x10B, '.', 'c', true},  // ċ
    {0x10C, 'v', 'C', true},  // Č
    {0x10D, 'v', 'c', true},  // č
    {0x10E, 'v', 'D', true},  // Ď
    {0x10F, 'v', 'd', true},  // ď
    {0x112, '=', 'E', true},  // Ē
    {0x113, '=', 'e', true},  // ē
    {0x114, 'u', 'E', true},  // Ĕ
    {0x115, 'u', 'e', true},  // ĕ
    {0x116, '.', 'E', true},  // Ė
    {0x117, '.', 'e', true},  // ė
    {0x118, 'k', 'E', true},  // Ę
    {0x119, 'k', 'e', true},  // ę
    {0x11A, 'v', 'E', true},  // Ě
    {0x11B, 'v', 'e', true},  // ě
    {0x11C, '^', 'G', true},  // Ĝ
    {0x11D, '^', 'g', true},  // ĝ
    {0x11E, 'u', 'G', true},  // Ğ
    {0x11F, 'u', 'g', true},  // ğ
    {0x120, '.', 'G', true},  // Ġ
    {0x121, '.', 'g', true},  // ġ
    {0x122, 'c', 'G', true},  // Ģ
    {0x123, 'c', 'g', true},  // ģ
    {0x124, '^', 'H', true},  // Ĥ
    {0x125, '^', 'h', true},  // ĥ
    {0x128, '~', 'I', true},  // Ĩ
    {0x129, '~', 'i', true},  // ĩ
    {0x12A, '=', 'I', true},  // Ī
    {0x12B, '=', 'i', true},  // ī
    {0x12C, 'u', 'I', false},  // Ĭ
    {0x12D, 'u', 'i', false},  // ĭ
    {0x12E, 'k', 'I', true},  // Į
    {0x12F, 'k', 'i', true},  // į
    {0x130, '.', 'I', true},  // İ
    {0x134, '^', 'J', true},  // Ĵ
    {0x135, '^', 'j', true},  // ĵ
    {0x136, 'c', 'K', true},  // Ķ
    {0x137, 'c', 'k', true},  // ķ
    {0x139, '\'', 'L', true},  // Ĺ
    {0x13A, '\'', 'l', true},  // ĺ
    {0x13B, 'c', 'L', true},  // Ļ
    {0x13C, 'c', 'l', true},  // ļ
    {0x13D, 'v', 'L', true},  // Ľ
    {0x13E, 'v', 'l', true},  // ľ
    {0x143, '\'', 'N', true},  // Ń
    {0x144, '\'', 'n', true},  // ń
    {0x145, 'c', 'N', true},  // Ņ
    {0x146, 'c', 'n', true},  // ņ
    {0x147, 'v', 'N', true},  // Ň
    {0x148, 'v', 'n', true},  // ň
    {0x14C, '=', 'O', true},  // Ō
    {0x14D, '=', 'o', true},  // ō
    {0x14E, 'u', 'O', true},  // Ŏ
    {0x14F, 'u', 'o', true},  // ŏ
    {0x150, 'H', 'O', true},  // Ő
    {0x151, 'H', 'o', true},  // ő
    {0x154, '\'', 'R', true},  // Ŕ
    {0x155, '\'', 'r', true},  // ŕ
    {0x156, 'c', 'R', true},  // Ŗ
    {0x157, 'c', 'r', true},  // ŗ
    {0x158, 'v', 'R', true},  // Ř
    {0x159, 'v', 'r', true},  // ř
    {0x15A, '\'', 'S', true},  // Ś
    {0x15B, '\'', 's', true},  // ś
    {0x15C, '^', 'S', true},  // Ŝ
    {0x15D, '^', 's', true},  // ŝ
    {0x15E, 'c', 'S', true},  // Ş
    {0x15F, 'c', 's', true},  // ş
    {0x160, 'v', 'S', true},  // Š
    {0x161, 'v', 's', true},  // š
    {0x162, 'c', 'T', true},  // Ţ
    {0x163, 'c', 't', true},  // ţ
    {0x164, 'v', 'T', true},  // Ť
    {0x165, 'v', 't', true},  // ť
    {0x168, '~', 'U', true},  // Ũ
    {0x169, '~', 'u', true},  // ũ
    {0x16A, '=', 'U', true},  // Ū
    {0x16B, '=', 'u', true},  // ū
    {0x16C, 'u', 'U', true},  // Ŭ
    {0x16D, 'u', 'u', true},  // ŭ
    {0x16E, 'r', 'U', true},  // Ů
    {0x16F, 'r', 'u', true},  // ů
    {0x170, 'H', 'U', true},  // Ű
    {0x171, 'H', 'u', true},  // ű
    {0x172, 'k', 'U', true},  // Ų
    {0x173, 'k', 'u', true},  // ų
    {0x174, '^', 'W', true},  // Ŵ
    {0x175, '^', 'w', true},  // ŵ
    {0x176, '^', 'Y', true},  // Ŷ
    {0x177, '^', 'y', true},  // ŷ
    {0x178, '"', 'Y', true},  // Ÿ
    {0x179, '\'', 'Z', true},  // Ź
    {0x17A, '\'', 'z', true},  // ź
    {0x17B, '.', 'Z', true},  // Ż
    {0x17C, '.', 'z', true},  // ż
    {0x17D, 'v', 'Z', true},  // Ž
    {0x17E, 'v', 'z', true},  // ž
    {0x1F4, '\'', 'G', false},  // Ǵ
    {0x1F5, '\'', 'g', false},  // ǵ
    {0x1F8, '`', 'N', false},  // Ǹ
    {0x1F9, '`', 'n', false},  // ǹ
};

// Control words that stand for a character or a word.
constexpr ControlWord kControlWords[] = {
    {"ss", "ß", true},
    {"SS", "SS", false},
    {"o", "ø", true},
    {"O", "Ø", true},
    {"aa", "å", false},
    {"AA", "Å", false},
    {"ae", "æ", true},
    {"AE", "Æ", true},
    {"oe", "œ", false},
    {"OE", "Œ", false},
    {"l", "ł", true},
    {"L", "Ł", true},
    {"i", "ı", true},
    {"j", "ȷ", false},
    {"dj", "đ", true},
    {"DJ", "Đ", true},
    {"ng", "ŋ", false},
    {"NG", "Ŋ", false},
    {"th", "þ", false},
    {"TH", "Þ", false},
    {"dh", "ð", false},
    {"DH", "Ð", false},
    {"textdegree", "°", true},
    {"degree", "°", false},
    {"textpm", "±", true},
    {"pm", "±", false},
    {"texttimes", "×", true},
    {"times", "×", false},
    {"textdiv", "÷", false},
    {"div", "÷", false},
    {"textasciitilde", "~", false},
    {"textasciicircum", "^", false},
    {"textbackslash", "\\", false},
    {"textunderscore", "_", false},
    {"textbar", "|", false},
    {"textless", "<", false},
    {"textgreater", ">", false},
    {"textendash", "–", false},
    {"textemdash", "—", false},
    {"textquoteleft", "‘", false},
    {"textquoteright", "’", false},
    {"textquotedblleft", "“", false},
    {"textquotedblright", "”", false},
    {"textquotesingle", "'", false},
    {"textquotedbl", "\"", false},
    {"guillemotleft", "«", false},
    {"guillemotright", "»", false},
    {"ldots", "…", false},
    {"dots", "…", false},
    {"textellipsis", "…", false},
    {"textbullet", "•", false},
    {"textperiodcentered", "·", false},
    {"textregistered", "®", false},
    {"textcopyright", "©", false},
    {"copyright", "©", false},
    {"texttrademark", "™", false},
    {"S", "§", false},
    {"textsection", "§", false},
    {"P", "¶", false},
    {"textparagraph", "¶", false},
    {"dag", "†", false},
    {"ddag", "‡", false},
    {"textdagger", "†", false},
    {"textdaggerdbl", "‡", false},
    {"textmu", "µ", false},
    {"textperthousand", "‰", false},
    {"texteuro", "€", false},
    {"euro", "€", false},
    {"pounds", "£", false},
    {"textsterling", "£", false},
    {"textcent", "¢", false},
    {"textyen", "¥", false},
    {"textdollar", "$", false},
    {"textexclamdown", "¡", false},
    {"textquestiondown", "¿", false},
    {"le", "≤", false},
    {"leq", "≤", false},
    {"ge", "≥", false},
    {"geq", "≥", false},
    {"neq", "≠", false},
    {"ne", "≠", false},
    {"approx", "≈", false},
    {"sim", "∼", false},
    {"infty", "∞", false},
    {"cdot", "·", false},
    {"rightarrow", "→", false},
    {"to", "→", false},
    {"leftarrow", "←", false},
    {"uparrow", "↑", false},
    {"downarrow", "↓", false},
    {"prime", "′", false},
    {"circ", "°", false},
    {"alpha", "α", false},
    {"beta", "β", false},
    {"gamma", "γ", false},
    {"delta", "δ", false},
    {"epsilon", "ε", false},
    {"varepsilon", "ε", false},
    {"zeta", "ζ", false},
    {"eta", "η", false},
    {"theta", "θ", false},
    {"vartheta", "ϑ", false},
    {"iota", "ι", false},
    {"kappa", "κ", false},
    {"lambda", "λ", false},
    {"mu", "μ", false},
    {"nu", "ν", false},
    {"xi", "ξ", false},
    {"pi", "π", false},
    {"rho", "ρ", false},
    {"sigma", "σ", false},
    {"tau", "τ", false},
    {"upsilon", "υ", false},
    {"phi", "φ", false},
    {"varphi", "φ", false},
    {"chi", "χ", false},
    {"psi", "ψ", false},
    {"omega", "ω", false},
    {"Gamma", "Γ", false},
    {"Delta", "Δ", false},
    {"Theta", "Θ", false},
    {"Lambda", "Λ", false},
    {"Xi", "Ξ", false},
    {"Pi", "Π", false},
    {"Sigma", "Σ", false},
    {"Upsilon", "Υ", false},
    {"Phi", "Φ", false},
    {"Psi", "Ψ", false},
    {"Omega", "Ω", false},
    {"textalpha", "α", false},
    {"textbeta", "β", false},
    {"textgamma", "γ", false},
    {"textdelta", "δ", false},
    {"textkappa", "κ", false},
    {"LaTeX", "LaTeX", false},
    {"TeX", "TeX", false},
    {"BibTeX", "BibTeX", false},
    {"quad", " ", false},
    {"qquad", " ", false},
    {"newline", " ", false},
    {"par", " ", false},
    {"space", " ", false},
    {"nobreakspace", " ", false},
    {"textvisiblespace", " ", false},
    {"slash", "/", false},
};

// Characters the encoder writes as LaTeX syntax rather than a command; the decoder reads them
// back in its main loop ('~' and runs of '-').
struct Ligature {
  char32_t code_point;
  const char* latex;
};
constexpr Ligature kLigatures[] = {
    {0xA0, "~"},     // no-break space
    {0x2013, "--"},  // en dash
    {0x2014, "---"}, // em dash
};

// ---------------------------------------------------------------------------------------------
// LaTeX to text

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
  if (base < 0x80)
    for (const AccentedLetter& l : kAccented)
      if (l.accent == accent && static_cast<char32_t>(static_cast<unsigned char>(l.base)) == base) {
        utf8_append(out, l.code_point);
        return;
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

// The control words by name.
const std::unordered_map<std::string_view, std::string_view>& symbol_commands() {
  static const std::unordered_map<std::string_view, std::string_view> kSymbols = [] {
    std::unordered_map<std::string_view, std::string_view> m;
    for (const ControlWord& w : kControlWords) m.emplace(w.name, w.text);
    return m;
  }();
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

// ---------------------------------------------------------------------------------------------
// Text to LaTeX

// The spelling the encoder writes for CP: the written rows of the table, sorted by code point.
struct Spelling {
  char32_t code_point;
  std::string latex;
};

const std::vector<Spelling>& spellings() {
  static const std::vector<Spelling> kSpellings = [] {
    std::vector<Spelling> all;
    for (const AccentedLetter& l : kAccented) {
      if (!l.written) continue;
      // A letter accent needs a space before its base ({\c c}); a symbol accent does not.
      std::string latex = std::string("{\\") + l.accent + (is_ascii_letter(l.accent) ? " " : "") + l.base + "}";
      all.push_back({l.code_point, std::move(latex)});
    }
    for (const ControlWord& w : kControlWords) {
      if (!w.written) continue;
      std::size_t i = 0;
      all.push_back({utf8_next(w.text, i), "{\\" + std::string(w.name) + "}"});
    }
    for (const Ligature& g : kLigatures) all.push_back({g.code_point, g.latex});
    std::sort(all.begin(), all.end(), [](const Spelling& a, const Spelling& b) { return a.code_point < b.code_point; });
    return all;
  }();
  return kSpellings;
}

const std::string* latex_spelling(char32_t cp) {
  const std::vector<Spelling>& all = spellings();
  const auto it = std::lower_bound(all.begin(), all.end(), cp,
                                   [](const Spelling& s, char32_t c) { return s.code_point < c; });
  return it != all.end() && it->code_point == cp ? &it->latex : nullptr;
}

}  // namespace

std::string decode_latex(std::string_view s) {
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

std::string encode_latex(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  // Hyphens and dashes written next to each other are kept apart by "{}": "--" would read
  // back as an en dash, "-" then "--" as an em dash.
  auto dashes = [&out](std::string_view latex) {
    if (!out.empty() && out.back() == '-' && latex.front() == '-') out += "{}";
    out += latex;
  };
  for (std::size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (static_cast<unsigned char>(c) < 0x80) {
      ++i;
      switch (c) {
        case '&': case '%': case '$': case '#': case '_': case '{': case '}':
          out += '\\';
          out += c;
          break;
        case '~': out += "\\textasciitilde{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        case '\\': out += "\\textbackslash{}"; break;
        case '-': dashes("-"); break;
        default: out += c;
      }
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = utf8_next(s, i);
    if (const std::string* latex = latex_spelling(cp)) dashes(*latex);
    else out.append(s, start, i - start);
  }
  return out;
}

}  // namespace kb
