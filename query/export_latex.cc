#include "query/export_latex.h"

#include <algorithm>
#include <iterator>

#include "kb/text.h"

namespace kb {
namespace {

struct LatexSpelling {
  char32_t code_point;
  const char* latex;
};

// Sorted by code point, for binary search. Each spelling is read back as its character by
// both BibTeX readers the export is tested with (citation-js and bibutils): hence {\'i}
// rather than {\'\i}, {\r a} rather than {\aa}; characters without such a spelling (œ,
// ĭ, Greek letters, ≤, curly quotes) are left out and stay UTF-8.
constexpr LatexSpelling kSpellings[] = {
    {0xA0, "~"},  // no-break space
    {0xB0, "{\\textdegree}"},  // °
    {0xB1, "{\\textpm}"},  // ±
    {0xC0, "{\\`A}"},  // À
    {0xC1, "{\\'A}"},  // Á
    {0xC2, "{\\^A}"},  // Â
    {0xC3, "{\\~A}"},  // Ã
    {0xC4, "{\\\"A}"},  // Ä
    {0xC5, "{\\r A}"},  // Å
    {0xC6, "{\\AE}"},  // Æ
    {0xC7, "{\\c C}"},  // Ç
    {0xC8, "{\\`E}"},  // È
    {0xC9, "{\\'E}"},  // É
    {0xCA, "{\\^E}"},  // Ê
    {0xCB, "{\\\"E}"},  // Ë
    {0xCC, "{\\`I}"},  // Ì
    {0xCD, "{\\'I}"},  // Í
    {0xCE, "{\\^I}"},  // Î
    {0xCF, "{\\\"I}"},  // Ï
    {0xD1, "{\\~N}"},  // Ñ
    {0xD2, "{\\`O}"},  // Ò
    {0xD3, "{\\'O}"},  // Ó
    {0xD4, "{\\^O}"},  // Ô
    {0xD5, "{\\~O}"},  // Õ
    {0xD6, "{\\\"O}"},  // Ö
    {0xD7, "{\\texttimes}"},  // ×
    {0xD8, "{\\O}"},  // Ø
    {0xD9, "{\\`U}"},  // Ù
    {0xDA, "{\\'U}"},  // Ú
    {0xDB, "{\\^U}"},  // Û
    {0xDC, "{\\\"U}"},  // Ü
    {0xDD, "{\\'Y}"},  // Ý
    {0xDF, "{\\ss}"},  // ß
    {0xE0, "{\\`a}"},  // à
    {0xE1, "{\\'a}"},  // á
    {0xE2, "{\\^a}"},  // â
    {0xE3, "{\\~a}"},  // ã
    {0xE4, "{\\\"a}"},  // ä
    {0xE5, "{\\r a}"},  // å
    {0xE6, "{\\ae}"},  // æ
    {0xE7, "{\\c c}"},  // ç
    {0xE8, "{\\`e}"},  // è
    {0xE9, "{\\'e}"},  // é
    {0xEA, "{\\^e}"},  // ê
    {0xEB, "{\\\"e}"},  // ë
    {0xEC, "{\\`i}"},  // ì
    {0xED, "{\\'i}"},  // í
    {0xEE, "{\\^i}"},  // î
    {0xEF, "{\\\"i}"},  // ï
    {0xF1, "{\\~n}"},  // ñ
    {0xF2, "{\\`o}"},  // ò
    {0xF3, "{\\'o}"},  // ó
    {0xF4, "{\\^o}"},  // ô
    {0xF5, "{\\~o}"},  // õ
    {0xF6, "{\\\"o}"},  // ö
    {0xF8, "{\\o}"},  // ø
    {0xF9, "{\\`u}"},  // ù
    {0xFA, "{\\'u}"},  // ú
    {0xFB, "{\\^u}"},  // û
    {0xFC, "{\\\"u}"},  // ü
    {0xFD, "{\\'y}"},  // ý
    {0xFF, "{\\\"y}"},  // ÿ
    {0x100, "{\\=A}"},  // Ā
    {0x101, "{\\=a}"},  // ā
    {0x102, "{\\u A}"},  // Ă
    {0x103, "{\\u a}"},  // ă
    {0x104, "{\\k A}"},  // Ą
    {0x105, "{\\k a}"},  // ą
    {0x106, "{\\'C}"},  // Ć
    {0x107, "{\\'c}"},  // ć
    {0x108, "{\\^C}"},  // Ĉ
    {0x109, "{\\^c}"},  // ĉ
    {0x10A, "{\\.C}"},  // Ċ
    {0x10B, "{\\.c}"},  // ċ
    {0x10C, "{\\v C}"},  // Č
    {0x10D, "{\\v c}"},  // č
    {0x10E, "{\\v D}"},  // Ď
    {0x10F, "{\\v d}"},  // ď
    {0x110, "{\\DJ}"},  // Đ
    {0x111, "{\\dj}"},  // đ
    {0x112, "{\\=E}"},  // Ē
    {0x113, "{\\=e}"},  // ē
    {0x114, "{\\u E}"},  // Ĕ
    {0x115, "{\\u e}"},  // ĕ
    {0x116, "{\\.E}"},  // Ė
    {0x117, "{\\.e}"},  // ė
    {0x118, "{\\k E}"},  // Ę
    {0x119, "{\\k e}"},  // ę
    {0x11A, "{\\v E}"},  // Ě
    {0x11B, "{\\v e}"},  // ě
    {0x11C, "{\\^G}"},  // Ĝ
    {0x11D, "{\\^g}"},  // ĝ
    {0x11E, "{\\u G}"},  // Ğ
    {0x11F, "{\\u g}"},  // ğ
    {0x120, "{\\.G}"},  // Ġ
    {0x121, "{\\.g}"},  // ġ
    {0x122, "{\\c G}"},  // Ģ
    {0x123, "{\\c g}"},  // ģ
    {0x124, "{\\^H}"},  // Ĥ
    {0x125, "{\\^h}"},  // ĥ
    {0x128, "{\\~I}"},  // Ĩ
    {0x129, "{\\~i}"},  // ĩ
    {0x12A, "{\\=I}"},  // Ī
    {0x12B, "{\\=i}"},  // ī
    {0x12E, "{\\k I}"},  // Į
    {0x12F, "{\\k i}"},  // į
    {0x130, "{\\.I}"},  // İ
    {0x131, "{\\i}"},  // ı
    {0x134, "{\\^J}"},  // Ĵ
    {0x135, "{\\^j}"},  // ĵ
    {0x136, "{\\c K}"},  // Ķ
    {0x137, "{\\c k}"},  // ķ
    {0x139, "{\\'L}"},  // Ĺ
    {0x13A, "{\\'l}"},  // ĺ
    {0x13B, "{\\c L}"},  // Ļ
    {0x13C, "{\\c l}"},  // ļ
    {0x13D, "{\\v L}"},  // Ľ
    {0x13E, "{\\v l}"},  // ľ
    {0x141, "{\\L}"},  // Ł
    {0x142, "{\\l}"},  // ł
    {0x143, "{\\'N}"},  // Ń
    {0x144, "{\\'n}"},  // ń
    {0x145, "{\\c N}"},  // Ņ
    {0x146, "{\\c n}"},  // ņ
    {0x147, "{\\v N}"},  // Ň
    {0x148, "{\\v n}"},  // ň
    {0x14C, "{\\=O}"},  // Ō
    {0x14D, "{\\=o}"},  // ō
    {0x14E, "{\\u O}"},  // Ŏ
    {0x14F, "{\\u o}"},  // ŏ
    {0x150, "{\\H O}"},  // Ő
    {0x151, "{\\H o}"},  // ő
    {0x154, "{\\'R}"},  // Ŕ
    {0x155, "{\\'r}"},  // ŕ
    {0x156, "{\\c R}"},  // Ŗ
    {0x157, "{\\c r}"},  // ŗ
    {0x158, "{\\v R}"},  // Ř
    {0x159, "{\\v r}"},  // ř
    {0x15A, "{\\'S}"},  // Ś
    {0x15B, "{\\'s}"},  // ś
    {0x15C, "{\\^S}"},  // Ŝ
    {0x15D, "{\\^s}"},  // ŝ
    {0x15E, "{\\c S}"},  // Ş
    {0x15F, "{\\c s}"},  // ş
    {0x160, "{\\v S}"},  // Š
    {0x161, "{\\v s}"},  // š
    {0x162, "{\\c T}"},  // Ţ
    {0x163, "{\\c t}"},  // ţ
    {0x164, "{\\v T}"},  // Ť
    {0x165, "{\\v t}"},  // ť
    {0x168, "{\\~U}"},  // Ũ
    {0x169, "{\\~u}"},  // ũ
    {0x16A, "{\\=U}"},  // Ū
    {0x16B, "{\\=u}"},  // ū
    {0x16C, "{\\u U}"},  // Ŭ
    {0x16D, "{\\u u}"},  // ŭ
    {0x16E, "{\\r U}"},  // Ů
    {0x16F, "{\\r u}"},  // ů
    {0x170, "{\\H U}"},  // Ű
    {0x171, "{\\H u}"},  // ű
    {0x172, "{\\k U}"},  // Ų
    {0x173, "{\\k u}"},  // ų
    {0x174, "{\\^W}"},  // Ŵ
    {0x175, "{\\^w}"},  // ŵ
    {0x176, "{\\^Y}"},  // Ŷ
    {0x177, "{\\^y}"},  // ŷ
    {0x178, "{\\\"Y}"},  // Ÿ
    {0x179, "{\\'Z}"},  // Ź
    {0x17A, "{\\'z}"},  // ź
    {0x17B, "{\\.Z}"},  // Ż
    {0x17C, "{\\.z}"},  // ż
    {0x17D, "{\\v Z}"},  // Ž
    {0x17E, "{\\v z}"},  // ž
    {0x2013, "--"},  // –
    {0x2014, "---"},  // —
};

const char* latex_spelling(char32_t cp) {
  const auto* it = std::lower_bound(std::begin(kSpellings), std::end(kSpellings), cp,
                                    [](const LatexSpelling& s, char32_t c) { return s.code_point < c; });
  return it != std::end(kSpellings) && it->code_point == cp ? it->latex : nullptr;
}

}  // namespace

std::string latex_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
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
        case '-':
          out += '-';
          if (i < s.size() && s[i] == '-') out += "{}";
          break;
        default: out += c;
      }
      continue;
    }
    const std::size_t start = i;
    const char32_t cp = utf8_next(s, i);
    if (const char* latex = latex_spelling(cp)) out += latex;
    else out.append(s, start, i - start);
  }
  return out;
}

}  // namespace kb
