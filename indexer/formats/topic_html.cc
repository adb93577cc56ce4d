#include "indexer/formats/topic_html.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstddef>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "indexer/citation_markers.h"
#include "indexer/formats/safe_xml.h"
#include "indexer/paragraph_analysis.h"
#include "kb/text.h"

namespace kb {
namespace {

// No network, libxml2 kept off stderr. No HTML_PARSE_HUGE: libxml2's depth and size limits
// stay, and a page past them is refused. The HTML parser knows no entities but HTML's own
// and never reads a DTD; the refusing loader of SafeXmlScope backs that up.
constexpr int kHtmlOptions = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING;
static_assert((kHtmlOptions & XML_PARSE_HUGE) == 0, "HTML topics are read within libxml2's limits");

// Deeper than libxml2 ever builds a tree without XML_PARSE_HUGE: the walks below stop there.
constexpr int kMaxWalkDepth = kMaxElementDepth + 16;

struct ParserCtxtFree {
  void operator()(htmlParserCtxt* ctxt) const { htmlFreeParserCtxt(ctxt); }
};
struct DocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

std::string where(const std::string& path, long line) {
  return path + ":" + std::to_string(line > 0 ? line : 1) + ": ";
}

int line_of(const xmlNode* node) {
  const long line = node != nullptr ? xmlGetLineNo(node) : 0;
  return line > 0 ? static_cast<int>(std::min<long>(line, INT_MAX)) : 1;
}

// ---------------------------------------------------------------------------------------------
// Element vocabulary. libxml2's HTML parser gives element names in lower case.

std::string_view name_of(const xmlNode* node) {
  return node->name != nullptr ? reinterpret_cast<const char*>(node->name) : "";
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Elements whose content is never text of the topic.
bool is_skipped(std::string_view name) {
  return is_one_of(name, {"script", "style", "template", "noscript", "head", "title", "svg", "iframe", "object",
                          "embed", "applet", "canvas", "video", "audio", "select", "button", "textarea", "input",
                          "map", "img", "picture", "source", "meta", "link", "base"});
}

// Site furniture: searched for the title, left out after it.
bool is_boilerplate(std::string_view name) { return is_one_of(name, {"nav", "header", "footer", "form"}); }

bool is_block(std::string_view name) {
  return is_one_of(name, {"html", "body", "address", "article", "aside", "blockquote", "caption", "center", "dd",
                          "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
                          "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "legend",
                          "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody",
                          "td", "tfoot", "th", "thead", "tr", "ul", "noscript"});
}

int heading_level(std::string_view name) {
  if (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6') return name[1] - '0';
  return 0;
}

bool is_list(std::string_view name) { return name == "ul" || name == "ol"; }

// What makes a table a layout table when its cells hold it.
bool is_layout_content(std::string_view name) {
  return name == "p" || heading_level(name) > 0 || is_list(name) || name == "table";
}

std::string attribute(const xmlNode* node, std::string_view name) {
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (attr->name == nullptr || ascii_lower(reinterpret_cast<const char*>(attr->name)) != name) continue;
    std::string value;
    for (const xmlNode* text = attr->children; text != nullptr; text = text->next)
      if (text->content != nullptr) value += reinterpret_cast<const char*>(text->content);
    return std::string(trim(value));
  }
  return {};
}

// ---------------------------------------------------------------------------------------------
// Inline text: the pieces of a paragraph before they are joined into its text.

enum class PieceKind {
  Text,         // words of a text node, spaces collapsed, none at either end
  Space,        // white space between words, or between a tag and a word
  Break,        // <br> or the edge of a block inside an inline run: always a space
  Superscript,  // a <sup>'s whole text
  Subscript,    // a <sub>'s whole text
  Link,         // <a href="#...">N</a> whose text is a citation list
};

struct Piece {
  PieceKind kind = PieceKind::Text;
  std::string text;
  int line = 0;
  bool bold = false;                  // Text inside <b> or <strong>
  std::optional<std::vector<int>> numbers;  // Superscript, Link: the citation list it prints
  std::string marker;                 // that list as printed, spaces removed
  std::string target;                 // Link: the fragment after '#'
};

bool is_html_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void push_space(std::vector<Piece>& out, PieceKind kind = PieceKind::Space) {
  if (!out.empty() && out.back().kind == PieceKind::Break) return;
  if (!out.empty() && out.back().kind == PieceKind::Space) {
    out.back().kind = kind;
    return;
  }
  out.push_back({kind, {}, 0, false, std::nullopt, {}, {}});
}

// Appends RAW, a text node's content, as Text and Space pieces. Control characters (a page
// decoded in the wrong charset leaves C1 controls where its daggers were), soft hyphens and
// zero-width spaces go; a no-break space is a space.
void append_text(std::string_view raw, int line, bool bold, std::vector<Piece>& out) {
  std::string words;
  auto flush_words = [&] {
    if (words.empty()) return;
    if (!out.empty() && out.back().kind == PieceKind::Text && out.back().bold == bold) {
      out.back().text += words;  // the same words split over two text nodes
    } else {
      out.push_back({PieceKind::Text, std::move(words), line, bold, std::nullopt, {}, {}});
    }
    words.clear();
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const auto c = static_cast<unsigned char>(raw[i]);
    const auto next = i + 1 < raw.size() ? static_cast<unsigned char>(raw[i + 1]) : 0;
    if (is_html_space(static_cast<char>(c)) || (c == 0xC2 && next == 0xA0)) {
      if (c == 0xC2) ++i;
      flush_words();
      push_space(out);
      continue;
    }
    if (c < 0x20 || c == 0x7F) continue;
    if (c == 0xC2 && ((next >= 0x80 && next <= 0x9F) || next == 0xAD)) {
      ++i;
      continue;
    }
    if (raw.substr(i, 3) == "\xE2\x80\x8B" || raw.substr(i, 3) == "\xEF\xBB\xBF") {
      i += 2;
      continue;
    }
    words += static_cast<char>(c);
  }
  flush_words();
}

bool opens_bracket(char c) { return c == '(' || c == '[' || c == '{' || c == '<'; }

// A space between pieces that the page's layout put there, not its words: "( 1 )" and
// "anthracis ," read "(1)" and "anthracis,".
bool space_dropped_before(std::string_view text) {
  const char c = text.front();
  if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' || c == '}' || c == '>')
    return true;
  return c == '.' && (text.size() == 1 || !std::isalnum(static_cast<unsigned char>(text[1])));
}

// True when OUT ends inside a printed bracket that holds only a citation list so far: "[" or
// "(1, ". A link or superscript there is part of a marker the page prints itself.
bool inside_printed_marker(const std::string& out) {
  for (std::size_t k = 0; k < out.size() && k < 48; ++k) {
    const auto c = static_cast<unsigned char>(out[out.size() - 1 - k]);
    if (c == '(' || c == '[') return true;
    const bool list_char = std::isdigit(c) || c == ',' || c == '-' || c == ' ' || c == 0xE2 || c == 0x80 ||
                           c == 0x88 || c == 0x90 || c == 0x91 || c == 0x92 || c == 0x93 || c == 0x94;
    if (!list_char) return false;
  }
  return false;
}

// A superscript printed onto a number or a unit is an exponent, never a citation:
// "10<sup>6</sup>", "mm<sup>3</sup>", "I<sup>2</sup>".
bool ends_with_exponent_base(const std::string& out) {
  if (out.empty()) return false;
  if (std::isdigit(static_cast<unsigned char>(out.back()))) return true;
  for (std::string_view unit : {"\xC2\xB5m", "\xCE\xBCm", "\xCF\x87"})
    if (out.size() >= unit.size() && std::string_view(out).substr(out.size() - unit.size()) == unit) return true;
  std::size_t start = out.size();
  while (start > 0 && std::isalpha(static_cast<unsigned char>(out[start - 1]))) --start;
  if (start > 0 && static_cast<unsigned char>(out[start - 1]) >= 0x80) return false;  // a longer word
  const std::string_view word = std::string_view(out).substr(start);
  return word.size() == 1 || is_one_of(word, {"m", "cm", "mm", "km", "dm", "nm", "ft", "yd"});
}

// The numbers a superscript or link prints when its whole text is a citation list ("2,3",
// "1-3", "[4]"), with the list as printed, spaces removed.
void read_marker(Piece& piece) {
  std::string_view inside = piece.text;
  if (inside.size() >= 2 && ((inside.front() == '[' && inside.back() == ']') || (inside.front() == '(' && inside.back() == ')')))
    inside = inside.substr(1, inside.size() - 2);
  piece.numbers = parse_marker_list(inside);
  if (!piece.numbers) return;
  for (char c : inside)
    if (c != ' ') piece.marker += c;
}

// What the reference list offers a citation: its numbers and the anchors inside it.
struct ReferenceTargets {
  std::set<int> numbers;
  std::unordered_set<std::string> anchors;
  bool covers(const std::vector<int>& cited) const {
    return std::all_of(cited.begin(), cited.end(), [&](int n) { return numbers.count(n) > 0; });
  }
};

// Joins PIECES into one text. With TARGETS, a superscript or a link into the reference list
// whose numbers all lie in the list becomes "[2,3]", written onto the word before it; without,
// every piece gives its text as printed.
std::string render(const std::vector<Piece>& pieces, const ReferenceTargets* targets) {
  std::string out;
  bool space = false;
  bool hard_space = false;
  auto append = [&](std::string_view text, bool attach) {
    if (text.empty()) return;
    const bool wanted = (space && !attach) || hard_space;
    if (!out.empty() && wanted && out.back() != ' ' && !space_dropped_before(text) && !opens_bracket(out.back()))
      out += ' ';
    out += text;
    space = hard_space = false;
  };
  for (const Piece& piece : pieces) {
    switch (piece.kind) {
      case PieceKind::Space: space = true; break;
      case PieceKind::Break: hard_space = true; break;
      case PieceKind::Text: append(piece.text, false); break;
      case PieceKind::Subscript: append(piece.text, true); break;
      case PieceKind::Superscript:
        if (targets && piece.numbers && targets->covers(*piece.numbers) && !ends_with_exponent_base(out) &&
            !inside_printed_marker(out))
          append("[" + piece.marker + "]", true);
        else
          append(piece.text, true);
        break;
      case PieceKind::Link:
        if (targets && piece.numbers && targets->anchors.count(piece.target) > 0 && targets->covers(*piece.numbers) &&
            !inside_printed_marker(out))
          append("[" + piece.marker + "]", true);
        else
          append(piece.text, false);
        break;
    }
  }
  return out;
}

bool all_bold(const std::vector<Piece>& pieces) {
  bool any = false;
  for (const Piece& piece : pieces) {
    if (piece.kind != PieceKind::Text) continue;
    if (!piece.bold) return false;
    any = true;
  }
  return any;
}

int first_line(const std::vector<Piece>& pieces) {
  for (const Piece& piece : pieces)
    if (piece.line > 0) return piece.line;
  return 0;
}

// True when NODE's subtree is small enough to be one superscript or link: a few nodes and a
// short text. Larger ones are read as ordinary inline markup, so nesting costs nothing extra.
bool is_small(const xmlNode* node, int& budget_nodes, std::size_t& budget_bytes, int depth = 0) {
  for (const xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (--budget_nodes < 0 || depth > 8) return false;
    if (child->content != nullptr && child->type == XML_TEXT_NODE) {
      const std::size_t size = std::char_traits<char>::length(reinterpret_cast<const char*>(child->content));
      if (size > budget_bytes) return false;
      budget_bytes -= size;
    }
    if (child->type == XML_ELEMENT_NODE && !is_small(child, budget_nodes, budget_bytes, depth + 1)) return false;
  }
  return true;
}

bool is_small(const xmlNode* node) {
  int nodes = 24;
  std::size_t bytes = 160;
  return is_small(node, nodes, bytes);
}

// Collects the inline content of elements as pieces.
class InlineReader {
 public:
  // DEFERRED, when given, receives the lists, tables and headings met inside (a list item's
  // nested list): they are read after the text around them, as blocks of their own.
  void children(const xmlNode* parent, std::vector<Piece>& out, std::vector<const xmlNode*>* deferred, int depth,
                bool bold) const {
    if (depth > kMaxWalkDepth) return;
    for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (node->content != nullptr)
          append_text(reinterpret_cast<const char*>(node->content), line_of(node), bold, out);
      } else if (node->type == XML_ELEMENT_NODE) {
        element(node, out, deferred, depth + 1, bold);
      }
    }
  }

  void element(const xmlNode* node, std::vector<Piece>& out, std::vector<const xmlNode*>* deferred, int depth,
               bool bold) const {
    const std::string_view name = name_of(node);
    if (is_skipped(name) || depth > kMaxWalkDepth) return;
    if (name == "br") {
      push_space(out, PieceKind::Break);
      return;
    }
    if (deferred != nullptr && (is_list(name) || name == "table" || heading_level(name) > 0)) {
      deferred->push_back(node);
      push_space(out, PieceKind::Break);
      return;
    }
    if ((name == "sup" || name == "sub") && is_small(node)) {
      Piece piece{name == "sup" ? PieceKind::Superscript : PieceKind::Subscript, plain_text(node, depth), line_of(node),
                  bold, std::nullopt, {}, {}};
      if (piece.kind == PieceKind::Superscript) read_marker(piece);
      out.push_back(std::move(piece));
      return;
    }
    if (name == "a" && is_small(node)) {
      const std::string href = attribute(node, "href");
      if (href.size() > 1 && href.front() == '#') {
        Piece piece{PieceKind::Link, plain_text(node, depth), line_of(node), bold, std::nullopt, {}, href.substr(1)};
        read_marker(piece);
        if (piece.numbers) {
          out.push_back(std::move(piece));
          return;
        }
      }
    }
    if (is_block(name)) {
      push_space(out, PieceKind::Break);
      children(node, out, deferred, depth, bold);
      push_space(out, PieceKind::Break);
      return;
    }
    const std::size_t start = out.size();
    children(node, out, deferred, depth, bold || name == "b" || name == "strong");
    compact_marker(out, start);
  }

  std::string plain_text(const xmlNode* node, int depth = 0) const {
    std::vector<Piece> pieces;
    children(node, pieces, nullptr, depth, false);
    return render(pieces, nullptr);
  }

 private:
  // A citation list printed in an element of its own, "<i>1 -- 3</i>", reads "1--3": the
  // spaces are the page's layout. Only short runs of text are looked at.
  static void compact_marker(std::vector<Piece>& out, std::size_t start) {
    std::size_t first = start;
    while (first < out.size() && out[first].kind == PieceKind::Space) ++first;
    std::size_t last = out.size();
    while (last > first && out[last - 1].kind == PieceKind::Space) --last;
    if (last - first < 2 || last - first > 9) return;
    std::string joined;
    for (std::size_t i = first; i < last; ++i) {
      if (out[i].kind != PieceKind::Text && out[i].kind != PieceKind::Space) return;
      joined += out[i].text;
      if (joined.size() > 40) return;
    }
    if (!parse_marker_list(joined)) return;
    Piece compact = out[first];
    compact.text = joined;
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(first), out.begin() + static_cast<std::ptrdiff_t>(last));
    out.insert(out.begin() + static_cast<std::ptrdiff_t>(first), std::move(compact));
  }
};

// ---------------------------------------------------------------------------------------------
// What the page holds before it is walked: metadata, candidate titles, and which elements hold
// blocks (an <a> around the whole article, a <font> around tables) or are layout tables.

struct PageIndex {
  std::vector<const xmlNode*> h1s;            // outside skipped elements, in document order
  const xmlNode* title_element = nullptr;     // the first <title>
  std::map<std::string, std::string> metas;  // lower-case name -> content, the first of each
  std::unordered_set<const xmlNode*> holds_block;
  std::unordered_set<const xmlNode*> layout_tables;
};

class PageIndexer {
 public:
  explicit PageIndexer(PageIndex& index) : index_(index) {}

  // Returns whether NODE is or holds a block element.
  bool visit(const xmlNode* node, int depth, bool skipped, const xmlNode* table) {
    if (depth > kMaxWalkDepth) return false;
    bool block = false;
    if (node->type == XML_ELEMENT_NODE) {
      const std::string_view name = name_of(node);
      if (name == "meta") {
        const std::string key = ascii_lower(attribute(node, "name"));
        if (!key.empty()) index_.metas.emplace(key, attribute(node, "content"));
      }
      if (name == "title" && index_.title_element == nullptr) index_.title_element = node;
      skipped = skipped || is_skipped(name);
      if (name == "h1" && !skipped) index_.h1s.push_back(node);
      if (table != nullptr && is_layout_content(name)) index_.layout_tables.insert(table);
      if (name == "table") table = node;
      block = is_block(name);
    }
    bool holds = false;
    for (const xmlNode* child = node->children; child != nullptr; child = child->next)
      if (visit(child, depth + 1, skipped, table)) holds = true;
    if (holds) index_.holds_block.insert(node);
    return block || holds;
  }

 private:
  PageIndex& index_;
};

// ---------------------------------------------------------------------------------------------
// Metadata.

std::string digits_without_leading_zeros(std::string value) {
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
    return value;
  const std::size_t nonzero = value.find_first_not_of('0');
  return nonzero == std::string::npos ? "0" : value.substr(nonzero);
}

// "1999-07-16" -> "July 16, 1999"; empty when not such a date.
std::string long_date(std::string_view iso) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  iso = trim(iso);
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return {};
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!std::isdigit(static_cast<unsigned char>(iso[i]))) return {};
  const int month = (iso[5] - '0') * 10 + (iso[6] - '0');
  const int day = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return {};
  return std::string(kMonths[month - 1]) + " " + std::to_string(day) + ", " + std::string(iso.substr(0, 4));
}

std::string first_year(std::string_view s) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    auto digit = [&](std::size_t k) { return std::isdigit(static_cast<unsigned char>(s[k])) != 0; };
    if (digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3) && (i == 0 || !digit(i - 1)) &&
        (i + 4 == s.size() || !digit(i + 4)))
      return std::string(s.substr(i, 4));
  }
  return {};
}

// The MMWR pages' Volume, Issue, Page and Date metas, printed the way the weekly prints them.
std::string mmwr_source_line(const std::map<std::string, std::string>& metas) {
  auto get = [&](const char* key) {
    auto it = metas.find(key);
    return it == metas.end() ? std::string() : it->second;
  };
  const std::string volume = digits_without_leading_zeros(get("volume"));
  std::string issue = get("issue");
  if (issue.empty()) issue = get("issue_num");
  issue = digits_without_leading_zeros(issue);
  const std::string page = get("page");
  const std::string date = long_date(get("date"));
  if (volume.empty() || issue.empty() || page.empty() || date.empty()) return {};
  const std::string type = ascii_lower(get("mmwr_type"));
  const char* series = type == "rr"   ? "MMWR Recommendations and Reports"
                       : type == "ss" ? "MMWR Surveillance Summaries"
                                      : "Morbidity and Mortality Weekly Report (MMWR)";
  return std::string(series) + ", Volume " + volume + ", Number " + issue + ", page " + page + ", " + date + ".";
}

// Highwire Press citation_* metadata (Google Scholar's), as "Journal, 2023, volume 45, issue 2,
// pages 244-251. doi:10...".
std::string citation_source_line(const std::map<std::string, std::string>& metas) {
  auto get = [&](const char* key) {
    auto it = metas.find(key);
    return it == metas.end() ? std::string() : it->second;
  };
  const std::string journal = get("citation_journal_title");
  if (journal.empty()) return {};
  std::vector<std::string> parts{journal};
  std::string year = first_year(get("citation_publication_date"));
  if (year.empty()) year = first_year(get("citation_date"));
  if (year.empty()) year = first_year(get("citation_year"));
  if (!year.empty()) parts.push_back(year);
  if (const std::string v = get("citation_volume"); !v.empty()) parts.push_back("volume " + v);
  if (const std::string i = get("citation_issue"); !i.empty()) parts.push_back("issue " + i);
  const std::string first = get("citation_firstpage");
  const std::string last = get("citation_lastpage");
  if (!first.empty()) parts.push_back(last.empty() || last == first ? "page " + first : "pages " + first + "-" + last);
  std::string line = join(parts, ", ") + ".";
  if (const std::string doi = get("citation_doi"); !doi.empty()) line += " doi:" + doi;
  return line;
}

// ---------------------------------------------------------------------------------------------
// Block structure.

// "References", "REFERENCES", "Bibliography", "Literature Cited" (a colon after them allowed).
bool is_reference_heading(std::string_view text) {
  std::string lower = ascii_lower(trim(text));
  while (!lower.empty() && (lower.back() == ':' || lower.back() == ' ')) lower.pop_back();
  return lower == "references" || lower == "reference list" || lower == "bibliography" ||
         lower == "literature cited" || lower == "works cited" || lower == "cited references";
}

// A short line of its own with no closing punctuation: a heading, when the page marks it so.
bool looks_like_heading(std::string_view text) {
  if (text.empty() || text.size() > 120) return false;
  const char last = text.back();
  if (last == '.' || last == '?' || last == '!' || last == ':' || last == ';' || last == ',') return false;
  const auto first = static_cast<unsigned char>(text.front());
  return std::isupper(first) || std::isdigit(first) || first >= 0x80;
}

// An entry that prints its own number: "1. CDC. ...", "2) ...", "[3] ...".
struct NumberedEntry {
  int number;
  std::string text;
};

std::optional<NumberedEntry> numbered_entry(std::string_view text) {
  std::size_t i = 0;
  const bool bracket = !text.empty() && text.front() == '[';
  if (bracket) ++i;
  int number = 0;
  const std::size_t digits_start = i;
  while (i < text.size() && i - digits_start < 5 && std::isdigit(static_cast<unsigned char>(text[i])))
    number = number * 10 + (text[i++] - '0');
  if (i == digits_start || i >= text.size() || number < 1) return std::nullopt;
  const char close = text[i];
  if (bracket ? close != ']' : (close != '.' && close != ')')) return std::nullopt;
  ++i;
  if (i >= text.size() || text[i] != ' ') return std::nullopt;
  std::string_view rest = trim(text.substr(i));
  if (rest.empty()) return std::nullopt;
  return NumberedEntry{number, std::string(rest)};
}

// A long text cut for a message, on a character boundary.
std::string shortened(const std::string& text, std::size_t limit = 80) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

class HtmlTopicReader {
 public:
  HtmlTopicReader(const PageIndex& index, const std::string& path, Topic& topic)
      : index_(index), path_(path), topic_(topic) {}

  // Walks the document from ROOT; fills the topic's sections and references.
  Status read(const xmlNode* root, const xmlNode* title_heading) {
    title_heading_ = title_heading;
    stage_ = title_heading != nullptr ? Stage::BeforeTitle : Stage::Body;
    walk_children(root, false, 0);
    if (!failure_.ok()) return failure_;
    finish();
    return Status::Ok();
  }

 private:
  enum class Stage { BeforeTitle, Body, References, Done };

  struct PendingParagraph {
    std::vector<Piece> pieces;  // joined once the reference list is known
    std::string plain;          // the pieces as printed
    int line = 0;
    bool list_item = false;
    int lead_in = -1;  // index of the paragraph that introduces its list
  };
  struct PendingSection {
    std::string heading;
    int line = 0;
    int level = 0;
    std::vector<std::size_t> paragraphs;
  };

  void note(int line, std::string message) { topic_.diagnostics.push_back({line, std::move(message)}); }

  bool stopped() const { return stage_ == Stage::Done || !failure_.ok(); }

  // Text nodes and inline elements between blocks form a paragraph of their own.
  void walk_children(const xmlNode* parent, bool boilerplate, int depth) {
    if (depth > kMaxWalkDepth) return;
    std::vector<Piece> run;
    for (const xmlNode* node = parent->children; node != nullptr && !stopped(); node = node->next) {
      const bool collecting = stage_ != Stage::BeforeTitle && !boilerplate;
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
        if (collecting && node->content != nullptr)
          append_text(reinterpret_cast<const char*>(node->content), line_of(node), false, run);
        continue;
      }
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = name_of(node);
      if (is_skipped(name)) continue;
      if (!is_block(name) && index_.holds_block.count(node) == 0) {
        if (collecting) {
          inline_.element(node, run, nullptr, depth + 1, false);
          if (stage_ == Stage::References) collect_anchors(node, depth);
        }
        continue;
      }
      paragraph_unit(std::move(run), nullptr);
      run.clear();
      walk_element(node, boilerplate, depth + 1);
    }
    if (!stopped()) paragraph_unit(std::move(run), nullptr);
  }

  void walk_element(const xmlNode* node, bool boilerplate, int depth) {
    if (stopped() || depth > kMaxWalkDepth) return;
    const std::string_view name = name_of(node);
    boilerplate = boilerplate || is_boilerplate(name);
    if (stage_ == Stage::BeforeTitle) {
      if (node == title_heading_) stage_ = Stage::Body;
      else walk_children(node, boilerplate, depth);
      return;
    }
    if (boilerplate || name == "hr") return;
    if (const int level = heading_level(name); level > 0) {
      heading(node, level, depth);
    } else if ((name == "p" || name == "pre") && index_.holds_block.count(node) == 0) {
      std::vector<Piece> pieces;
      inline_.children(node, pieces, nullptr, depth, false);
      paragraph_unit(std::move(pieces), node);
    } else if (is_list(name)) {
      if (stage_ == Stage::References) reference_list(node, depth);
      else body_list(node, false, depth);
    } else if (name == "li") {
      if (stage_ == Stage::References) reference_item(node, std::nullopt, false, depth);
      else list_item(node, lead_for_list(false), depth);
    } else if (name == "table") {
      table(node, depth);
    } else {
      walk_children(node, boilerplate, depth);
    }
  }

  void heading(const xmlNode* node, int level, int depth) {
    const std::string text = inline_.plain_text(node, depth);
    if (text.empty()) return;
    if (stage_ == Stage::References) {
      if (!topic_.references.empty()) stage_ = Stage::Done;
      return;
    }
    if (is_reference_heading(text)) {
      start_references(node, depth);
      return;
    }
    sections_.push_back({text, line_of(node), level, {}});
  }

  // A <p>, or a run of inline content between blocks (NODE null).
  void paragraph_unit(std::vector<Piece> pieces, const xmlNode* node) {
    if (pieces.empty() || stopped()) return;
    std::string plain = render(pieces, nullptr);
    if (plain.empty()) return;
    const int line = node != nullptr ? line_of(node) : std::max(1, first_line(pieces));
    if (stage_ == Stage::References) {
      if (auto entry = numbered_entry(plain)) {
        if (node != nullptr) collect_anchors(node, 0);
        add_reference(entry->number, std::move(entry->text), line);
        return;
      }
      if (!topic_.references.empty()) {
        stage_ = Stage::Done;  // disclaimers, footnotes, "Page converted"
      } else if (++skipped_in_references_ <= kMaxNotesInReferences) {
        note(line, "text under the reference heading that is not a numbered entry, left out: '" + shortened(plain) + "'");
      }
      return;
    }
    if (is_reference_heading(plain)) {
      start_references(node, 0);
      return;
    }
    const bool marked = all_bold(pieces) || (node != nullptr && after_empty_bold(node));
    if (marked && looks_like_heading(plain)) {
      sections_.push_back({std::move(plain), line, 4, {}});
      return;
    }
    add_paragraph(std::move(pieces), std::move(plain), line, false, -1);
  }

  // MMWR's Word conversion left its headings as "<b></b><p>Influenza Vaccine</p>": the bold
  // emptied, the heading text in the paragraph after it.
  bool after_empty_bold(const xmlNode* node) const {
    const xmlNode* prev = node->prev;
    for (int steps = 0; prev != nullptr && steps < 16; ++steps, prev = prev->prev) {
      if (prev->type == XML_COMMENT_NODE) continue;
      if (prev->type == XML_TEXT_NODE && (prev->content == nullptr || trim(reinterpret_cast<const char*>(prev->content)).empty()))
        continue;
      break;
    }
    if (prev == nullptr || prev->type != XML_ELEMENT_NODE || (name_of(prev) != "b" && name_of(prev) != "strong"))
      return false;
    return inline_.plain_text(prev).empty();
  }

  std::size_t add_paragraph(std::vector<Piece> pieces, std::string plain, int line, bool list_item, int lead_in) {
    if (sections_.empty()) sections_.push_back({"", line, 0, {}});
    pending_.push_back({std::move(pieces), std::move(plain), line, list_item, lead_in});
    sections_.back().paragraphs.push_back(pending_.size() - 1);
    return pending_.size() - 1;
  }

  // The paragraph just before a list introduces it when it ends with ':'. A nested list is
  // introduced by its item, or else by what introduced that item.
  int lead_for_list(bool nested) const {
    if (sections_.empty() || sections_.back().paragraphs.empty()) return -1;
    const std::size_t last = sections_.back().paragraphs.back();
    const PendingParagraph& before = pending_[last];
    if (!before.plain.empty() && before.plain.back() == ':') return static_cast<int>(last);
    return nested && before.list_item ? before.lead_in : -1;
  }

  void body_list(const xmlNode* list, bool nested, int depth) {
    const int lead = lead_for_list(nested);
    std::vector<Piece> loose;  // text directly in the list, outside any <li>
    for (const xmlNode* node = list->children; node != nullptr && !stopped(); node = node->next) {
      if (node->type == XML_TEXT_NODE && node->content != nullptr) {
        append_text(reinterpret_cast<const char*>(node->content), line_of(node), false, loose);
        continue;
      }
      if (node->type != XML_ELEMENT_NODE || is_skipped(name_of(node))) continue;
      if (is_list(name_of(node))) {
        body_list(node, true, depth + 1);  // a list straight inside a list: a nested one
        continue;
      }
      list_item(node, lead, depth + 1);
    }
    std::string plain = render(loose, nullptr);
    if (!plain.empty()) add_paragraph(std::move(loose), std::move(plain), line_of(list), true, lead);
  }

  // A <li>: its text, and the text of paragraphs inside it, is one paragraph; its nested
  // lists, tables and headings are read after it.
  void list_item(const xmlNode* item, int lead, int depth) {
    std::vector<Piece> pieces;
    std::vector<const xmlNode*> deferred;
    inline_.children(item, pieces, &deferred, depth, false);
    std::string plain = render(pieces, nullptr);
    if (!plain.empty()) add_paragraph(std::move(pieces), std::move(plain), line_of(item), true, lead);
    for (const xmlNode* block : deferred) {
      if (stopped()) return;
      if (stage_ == Stage::Body && is_list(name_of(block))) body_list(block, true, depth + 1);
      else walk_element(block, false, depth + 1);
    }
  }

  void table(const xmlNode* node, int depth) {
    if (index_.layout_tables.count(node) > 0) {
      walk_children(node, false, depth);
      return;
    }
    if (stage_ == Stage::References) {
      if (!topic_.references.empty()) stage_ = Stage::Done;
      return;
    }
    if (const std::string label = table_label(node, depth); !label.empty()) note(line_of(node), "table skipped: " + shortened(label));
  }

  // A data table's caption, else the text of its first cell that has any.
  std::string table_label(const xmlNode* table_node, int depth) const {
    std::string first_cell;
    std::vector<const xmlNode*> stack{table_node};
    int budget = 4096;
    while (!stack.empty() && --budget > 0) {
      const xmlNode* node = stack.back();
      stack.pop_back();
      const std::string_view name = name_of(node);
      if (node != table_node && (name == "caption" || ((name == "td" || name == "th") && first_cell.empty()))) {
        std::string text = inline_.plain_text(node, depth);
        if (name == "caption" && !text.empty()) return text;
        if (name != "caption") first_cell = std::move(text);
        continue;
      }
      std::vector<const xmlNode*> children;
      for (const xmlNode* child = node->children; child != nullptr; child = child->next)
        if (child->type == XML_ELEMENT_NODE) children.push_back(child);
      stack.insert(stack.end(), children.rbegin(), children.rend());
    }
    return first_cell;
  }

  // ------------------------------------------------------------------------------------------
  // The reference list.

  void start_references(const xmlNode* node, int depth) {
    stage_ = Stage::References;
    if (node != nullptr) collect_anchors(node, depth);
  }

  // Anchors inside the reference list: the targets of links that cite.
  void collect_anchors(const xmlNode* node, int depth) {
    if (depth > kMaxWalkDepth || node->type != XML_ELEMENT_NODE) return;
    for (const char* attr : {"id", "name"})
      if (std::string value = attribute(node, attr); !value.empty()) targets_.anchors.insert(std::move(value));
    for (const xmlNode* child = node->children; child != nullptr; child = child->next) collect_anchors(child, depth + 1);
  }

  void reference_list(const xmlNode* list, int depth) {
    collect_anchors_of(list);
    const bool ordered = name_of(list) == "ol";
    std::optional<int> next;
    if (ordered) {
      next = 1;
      if (const std::string start = attribute(list, "start"); !start.empty()) next = to_number(start).value_or(1);
    }
    for (const xmlNode* node = list->children; node != nullptr && !stopped(); node = node->next) {
      if (node->type != XML_ELEMENT_NODE || is_skipped(name_of(node))) continue;
      next = reference_item(node, next, ordered, depth + 1);
    }
  }

  // One entry: numbered by its list (NEXT, or its value attribute) or by the number it prints.
  // Returns the number the list gives the entry after it.
  std::optional<int> reference_item(const xmlNode* item, std::optional<int> next, bool ordered, int depth) {
    if (const std::string value = attribute(item, "value"); !value.empty() && ordered) next = to_number(value).value_or(*next);
    std::vector<Piece> pieces;
    inline_.children(item, pieces, nullptr, depth, false);
    std::string text = render(pieces, nullptr);
    collect_anchors(item, depth);
    const int line = line_of(item);
    std::optional<int> number = next;
    if (auto printed = numbered_entry(text); printed && (!number || printed->number == *number)) {
      number = printed->number;
      text = std::move(printed->text);
    }
    if (!number) number = topic_.references.empty() ? 1 : topic_.references.back().number + 1;
    if (text.empty()) {
      note(line, "reference " + std::to_string(*number) + " has no text; left out");
    } else {
      add_reference(*number, std::move(text), line);
    }
    return ordered ? std::optional<int>(*number + 1) : std::nullopt;
  }

  void collect_anchors_of(const xmlNode* node) {
    for (const char* attr : {"id", "name"})
      if (std::string value = attribute(node, attr); !value.empty()) targets_.anchors.insert(std::move(value));
  }

  static std::optional<int> to_number(std::string_view s) {
    if (s.empty() || s.size() > 5 || !std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); }))
      return std::nullopt;
    const int n = std::stoi(std::string(s));
    return n >= 1 ? std::optional<int>(n) : std::nullopt;
  }

  // Numbering rules of the text reader: a number twice or out of order is refused, a gap is
  // indexed as printed with a note.
  void add_reference(int number, std::string raw, int line) {
    const int expected = topic_.references.empty() ? 1 : topic_.references.back().number + 1;
    if (auto it = seen_.find(number); it != seen_.end()) {
      failure_ = Status::Parse(where(path_, line) + "reference " + std::to_string(number) + " appears twice (first at line " +
                               std::to_string(it->second) + "); number each reference once");
      return;
    }
    if (number < expected) {
      failure_ = Status::Parse(where(path_, line) + "reference " + std::to_string(number) + " follows reference " +
                               std::to_string(expected - 1) + "; number the reference list in order");
      return;
    }
    if (number > expected) {
      const bool one = number - 1 == expected;
      note(line, "the reference list skips from " + (expected == 1 ? std::string("its start") : std::to_string(expected - 1)) +
                     " to " + std::to_string(number) + (one ? "; reference " : "; references ") + std::to_string(expected) +
                     (one ? "" : "-" + std::to_string(number - 1)) + (one ? " is" : " are") +
                     " not in the text (indexed as printed)");
    }
    seen_[number] = line;
    targets_.numbers.insert(number);
    topic_.references.push_back({number, std::move(raw), line, {}});
  }

  // ------------------------------------------------------------------------------------------

  // Joins every paragraph now that the reference list is known; drops headings with nothing
  // under them (saying so, unless a deeper heading follows: a heading over headings).
  void finish() {
    std::vector<std::string> texts(pending_.size());
    for (std::size_t i = 0; i < pending_.size(); ++i) texts[i] = render(pending_[i].pieces, &targets_);
    std::vector<std::string> lead_ins(pending_.size());
    for (std::size_t i = 0; i < pending_.size(); ++i)
      if (pending_[i].lead_in >= 0) lead_ins[i] = texts[static_cast<std::size_t>(pending_[i].lead_in)];
    for (std::size_t s = 0; s < sections_.size(); ++s) {
      const PendingSection& pending = sections_[s];
      if (pending.paragraphs.empty()) {
        const bool parent = s + 1 < sections_.size() && sections_[s + 1].level > pending.level;
        if (!parent) note(pending.line, "heading '" + pending.heading + "' has no text under it");
        continue;
      }
      Section section{pending.heading, pending.line, {}};
      for (std::size_t index : pending.paragraphs) {
        const PendingParagraph& p = pending_[index];
        Paragraph paragraph;
        paragraph.text = std::move(texts[index]);
        paragraph.line = p.line;
        paragraph.list_item = p.list_item;
        paragraph.lead_in = std::move(lead_ins[index]);
        section.paragraphs.push_back(std::move(paragraph));
      }
      topic_.sections.push_back(std::move(section));
    }
  }

  static constexpr int kMaxNotesInReferences = 10;

  const PageIndex& index_;
  const std::string& path_;
  Topic& topic_;
  InlineReader inline_;
  const xmlNode* title_heading_ = nullptr;
  Stage stage_ = Stage::Body;
  Status failure_;
  std::vector<PendingParagraph> pending_;
  std::vector<PendingSection> sections_;
  ReferenceTargets targets_;
  std::map<int, int> seen_;  // reference number -> line
  int skipped_in_references_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Before libxml2 sees the bytes.

// The bytes before the first element: DOCTYPE, comments, processing instructions.
std::string_view prolog(std::string_view content) {
  for (std::size_t i = 0; i + 1 < content.size(); ++i)
    if (content[i] == '<' && std::isalpha(static_cast<unsigned char>(content[i + 1]))) return content.substr(0, i);
  return content;
}

int line_at(std::string_view content, std::size_t offset) {
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

Status check_bytes(std::string_view content, const std::string& path) {
  if (content.substr(0, 2) == "\xFF\xFE" || content.substr(0, 2) == "\xFE\xFF")
    return Status::Parse(path + ":1: UTF-16 text; convert the file to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
  if (trim(content).empty()) return Status::Parse(path + ":1: the file is empty; expected an HTML topic");
  if (const std::size_t nul = content.find('\0'); nul != std::string_view::npos)
    return Status::Parse(where(path, line_at(content, nul)) + "binary data (a NUL byte); expected an HTML topic as text");
  if (content.size() > static_cast<std::size_t>(INT_MAX))
    return Status::Parse(path + ":1: the file is larger than 2 GiB; split it into one file per topic");
  // The HTML parser never reads a DOCTYPE's declarations, but a page that makes them is
  // built to be read by one that does: refused before anything parses it.
  EntityDeclarationGuard guard;
  if (!guard.admit(prolog(content)))
    return Status::Parse(where(path, guard.line()) +
                         "refused: the DOCTYPE declares entities (<!ENTITY ...>); an HTML topic needs none, and "
                         "entity declarations can expand without bound or read other files; remove them");
  return Status::Ok();
}

// A DOCTYPE naming a DTD outside the W3C's own is worth a word: it is not loaded.
void note_external_dtd(const xmlDoc* doc, std::string_view content, Topic& topic) {
  const xmlDtd* dtd = doc->intSubset;
  if (dtd == nullptr || dtd->SystemID == nullptr) return;
  const std::string system = reinterpret_cast<const char*>(dtd->SystemID);
  if (system.rfind("http://www.w3.org/", 0) == 0 || system.rfind("https://www.w3.org/", 0) == 0) return;
  const std::string head = ascii_lower(prolog(content));
  const std::size_t at = head.find("<!doctype");
  topic.diagnostics.push_back({at == std::string::npos ? 1 : line_at(content, at),
                               "the DOCTYPE names a DTD at '" + shortened(system) +
                                   "'; not loaded (HTML topics are read without any other file)"});
}

}  // namespace

Result<Topic> parse_html_topic(std::string_view content, const std::string& path) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  if (Status s = check_bytes(content, path); !s.ok()) return s;
  // UTF-8 is read as UTF-8 whatever the page declares (old pages declare ISO-8859-1 and hold
  // UTF-8); anything else in the charset its <meta> names, ISO-8859-1 when it names none.
  const bool utf8 = is_valid_utf8(content);

  FirstError first_error;
  RefusedLoad refused;
  SafeXmlScope scope(&first_error, &refused);
  std::unique_ptr<htmlParserCtxt, ParserCtxtFree> ctxt(htmlNewParserCtxt());
  if (ctxt == nullptr) return Status::Parse(path + ":1: libxml2 could not start its HTML parser (out of memory?)");
  std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(ctxt.get(), content.data(), static_cast<int>(content.size()),
                                                          path.c_str(), utf8 ? "UTF-8" : nullptr,
                                                          kHtmlOptions | (utf8 ? HTML_PARSE_IGNORE_ENC : 0)));
  if (refused.seen)
    return Status::Parse(path + ":1: refused: the page asks to load an external resource (" + shortened(refused.resource) +
                         "); HTML topics are read without any other file");
  // libxml2 stops where a page goes past its limits; what it read is only part of the page.
  if (ctxt->disableSAX != 0) {
    const xmlError* error = xmlCtxtGetLastError(ctxt.get());
    const std::string message = error != nullptr && error->message != nullptr ? collapse_xml_space(error->message) : "";
    const long line = error != nullptr ? error->line : 1;
    if (message.rfind("Excessive depth in document", 0) == 0)
      return Status::Parse(where(path, line) + "refused: elements nested more than " + std::to_string(kMaxElementDepth) +
                           " levels deep; libxml2 stops reading there and the rest of the page would be lost; "
                           "flatten the markup");
    return Status::Parse(where(path, line) + "cannot read the HTML: " + (message.empty() ? "libxml2 stopped" : message));
  }
  if (doc == nullptr) return Status::Parse(path + ":1: cannot read the HTML; is it an HTML page?");

  Topic topic;
  topic.source_path = path;
  topic.source_format = "html";
  if (!utf8)
    topic.diagnostics.push_back(
        {1, "not UTF-8: read in the charset the page declares (ISO-8859-1 where it declares none)"});
  note_external_dtd(doc.get(), content, topic);

  PageIndex index;
  PageIndexer(index).visit(reinterpret_cast<const xmlNode*>(doc.get()), 0, false, nullptr);
  const InlineReader text;
  const xmlNode* title_heading = nullptr;
  for (const xmlNode* h1 : index.h1s) {
    topic.title = text.plain_text(h1);
    if (!topic.title.empty()) {
      title_heading = h1;
      break;
    }
  }
  const xmlNode* title_node = title_heading;
  if (topic.title.empty() && index.title_element != nullptr) {
    topic.title = text.plain_text(index.title_element);
    title_node = index.title_element;
  }
  if (topic.title.empty())
    return Status::Parse(path + ":1: no title: the page has neither an <h1> nor a <title> with text; add one");
  topic.slug = slugify(topic.title);
  if (topic.slug.empty())
    return Status::Parse(where(path, line_of(title_node)) + "the title '" + shortened(topic.title) +
                         "' has no letters or digits to name the topic by");
  topic.source_line = mmwr_source_line(index.metas);
  if (topic.source_line.empty()) topic.source_line = citation_source_line(index.metas);

  HtmlTopicReader reader(index, path, topic);
  if (Status s = reader.read(reinterpret_cast<const xmlNode*>(doc.get()), title_heading); !s.ok()) return s;
  for (Section& section : topic.sections)
    for (Paragraph& paragraph : section.paragraphs) analyse_paragraph(paragraph, &topic.diagnostics);
  if (Status s = check_citations(topic); !s.ok()) return s;
  return topic;
}

}  // namespace kb
