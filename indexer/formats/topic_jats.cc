#include "indexer/formats/topic_jats.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <algorithm>
#include <cstddef>
#include <cctype>
#include <cstring>
#include <initializer_list>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "indexer/formats/safe_xml.h"
#include "indexer/imports/author_names.h"
#include "indexer/paragraph_analysis.h"
#include "kb/identifiers.h"
#include "kb/text.h"

namespace kb {
namespace {

// ---------------------------------------------------------------------------------------------
// The tree, as libxml2 gives it.

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool is_element(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

// The first child element of PARENT called NAME; null when PARENT is null or has none.
const xmlNode* child(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next)
    if (is_element(node, name)) return node;
  return nullptr;
}

template <class F>
void for_each_child(const xmlNode* parent, std::string_view name, F&& visit) {
  if (parent == nullptr) return;
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next)
    if (is_element(node, name)) visit(node);
}

// The attribute by its local name ("lang" finds xml:lang), white space collapsed.
std::string attribute(const xmlNode* node, std::string_view name) {
  if (node == nullptr) return {};
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (reinterpret_cast<const char*>(attr->name) != name) continue;
    std::string value;
    for (const xmlNode* text = attr->children; text != nullptr; text = text->next)
      if (text->type == XML_TEXT_NODE && text->content != nullptr)
        value += reinterpret_cast<const char*>(text->content);
    return collapse_xml_space(value);
  }
  return {};
}

int line_of(const xmlNode* node) { return node != nullptr ? static_cast<int>(element_line(node)) : 0; }

std::string_view content_of(const xmlNode* node) {
  return node->content != nullptr ? reinterpret_cast<const char*>(node->content) : "";
}

// Soft hyphens (U+00AD) and zero-width spaces (U+200B) are layout, not text: "immuno&#173;
// suppressants" is searched for as one word.
std::string without_invisible_characters(std::string s) {
  for (std::string_view invisible : {std::string_view("\xC2\xAD"), std::string_view("\xE2\x80\x8B")})
    for (std::size_t at = s.find(invisible); at != std::string::npos; at = s.find(invisible, at))
      s.erase(at, invisible.size());
  return s;
}

void gather_text(const xmlNode* parent, int depth, std::string& out) {
  if (depth > kMaxElementDepth) return;  // libxml2 refuses such documents before this
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) out += content_of(node);
    else if (node->type == XML_ELEMENT_NODE) gather_text(node, depth + 1, out);
  }
}

// Every text below NODE, as printed: markup removed, white space collapsed. For metadata
// (names, journal, dates, citation fields); paragraphs go through InlineText.
std::string plain_text(const xmlNode* node) {
  if (node == nullptr) return {};
  std::string raw;
  gather_text(node, 0, raw);
  return collapse_xml_space(without_invisible_characters(std::move(raw)));
}

bool is_space_byte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::size_t first_non_space(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && is_space_byte(s[i])) ++i;
  return i;
}

// The first run of exactly four digits ("2021", "2021a"); 0 when none.
int year_in(std::string_view s) {
  auto digit = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '9'; };
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    const bool four = digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3);
    const bool alone = (i == 0 || !digit(i - 1)) && (i + 4 == s.size() || !digit(i + 4));
    if (four && alone) return std::stoi(std::string(s.substr(i, 4)));
  }
  return 0;
}

// A number printed as a label: "1", "1.", "[1]", "(1)", "1)"; nullopt for anything else.
std::optional<int> label_number(std::string_view label) {
  std::string_view s = trim(label);
  while (!s.empty() && (s.front() == '[' || s.front() == '(')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ']' || s.back() == ')' || s.back() == '.')) s.remove_suffix(1);
  if (s.empty() || s.size() > 6) return std::nullopt;
  int value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A small number as printed ("9", "12"), short enough to compare with a reference number.
std::optional<int> small_number(std::string_view s) {
  if (!is_digits(s) || s.size() > 6) return std::nullopt;
  return std::stoi(std::string(s));
}

// "45", not "45(" or "(2)": the edges of a tagged volume or issue that are not part of it.
std::string tidy_field(std::string_view s) {
  auto keep = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; };
  while (!s.empty() && !keep(s.front())) s.remove_prefix(1);
  while (!s.empty() && !keep(s.back())) s.remove_suffix(1);
  return std::string(s);
}

// ---------------------------------------------------------------------------------------------
// Inline text: what a paragraph's markup holds, with its citations resolved to numbers.

// One number of a citation marker, and what joins it to the number before it.
struct Cited {
  int number = 0;
  char joiner = ',';  // ',' or '-' (a range)
};

// Text between two xrefs that joins them into one marker: white space, commas, semicolons
// and dashes. A dash makes the pair a range ("1-3").
std::optional<char> joiner_of(std::string_view between) {
  bool dash = false;
  bool comma = false;
  for (std::size_t i = 0; i < between.size();) {
    const char c = between[i];
    if (is_space_byte(c)) {
      ++i;
    } else if (c == ',' || c == ';') {
      comma = true;
      ++i;
    } else if (c == '-') {
      dash = true;
      ++i;
    } else if (between.substr(i, 2) == "\xC2\xA0") {  // no-break space
      i += 2;
    } else if (between.substr(i, 3) == "\xE2\x80\x90" || between.substr(i, 3) == "\xE2\x80\x91" ||
               between.substr(i, 3) == "\xE2\x80\x93" || between.substr(i, 3) == "\xE2\x80\x94" ||
               between.substr(i, 3) == "\xE2\x88\x92") {
      dash = true;
      i += 3;
    } else {
      return std::nullopt;
    }
  }
  return dash && !comma ? '-' : ',';
}

std::string marker_text(const std::vector<Cited>& numbers) {
  std::string marker = "[";
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    if (i > 0) marker += numbers[i].joiner;
    marker += std::to_string(numbers[i].number);
  }
  return marker + "]";
}

class InlineText {
 public:
  void add_text(std::string_view text) {
    if (pieces_.empty() || pieces_.back().citation) pieces_.push_back({});
    pieces_.back().text += without_invisible_characters(std::string(text));
  }
  // A citation whose rids named no reference comes with no numbers: it becomes no marker,
  // but the brackets around it go all the same.
  void add_citation(std::vector<Cited> numbers) { pieces_.push_back({{}, true, std::move(numbers)}); }
  bool blank() const {
    return std::all_of(pieces_.begin(), pieces_.end(), [](const Piece& p) {
      return !p.citation && first_non_space(p.text) == p.text.size();
    });
  }
  void clear() { pieces_.clear(); }

  // The rendered text and where its markers are.
  struct Rendered {
    std::string text;
    std::vector<std::size_t> marker_offsets;  // byte offsets of the markers written in TEXT
    std::vector<std::string> markers;         // every run's marker, written or not
  };

  // The text with white space collapsed and each run of citations written as one marker
  // (when WITH_MARKERS), with no space before it: the brackets or parentheses printed around
  // the run, and the layout space between it and the punctuation after it, go.
  Rendered render(bool with_markers) const {
    Rendered out;
    std::string& text = out.text;
    bool pending_space = false;
    auto put = [&](std::string_view t) {
      for (char c : t) {
        if (is_space_byte(c)) {
          pending_space = !text.empty();
          continue;
        }
        if (pending_space) text += ' ';
        pending_space = false;
        text += c;
      }
    };
    const std::size_t n = pieces_.size();
    for (std::size_t i = 0; i < n;) {
      if (!pieces_[i].citation) {
        put(pieces_[i].text);
        ++i;
        continue;
      }
      std::vector<Cited> run;
      std::size_t last = i;
      for (std::size_t j = i; j < n; ++j) {
        const Piece& piece = pieces_[j];
        if (piece.citation) {
          const char joiner = j == i ? ',' : joiner_of(pieces_[j - 1].text).value_or(',');
          for (std::size_t k = 0; k < piece.numbers.size(); ++k) {
            Cited cited = piece.numbers[k];
            if (k == 0) cited.joiner = joiner;
            run.push_back(cited);
          }
          last = j;
          continue;
        }
        if (j + 1 < n && pieces_[j + 1].citation && joiner_of(piece.text)) continue;
        break;
      }
      std::string_view after = last + 1 < n ? std::string_view(pieces_[last + 1].text) : std::string_view();
      pending_space = false;
      if (!text.empty() && (text.back() == '(' || text.back() == '[')) {
        const char close = text.back() == '(' ? ')' : ']';
        const std::size_t k = first_non_space(after);
        if (k < after.size() && after[k] == close) {
          text.pop_back();
          after.remove_prefix(k + 1);
        }
      }
      while (!text.empty() && text.back() == ' ') text.pop_back();
      if (text.size() >= 2 && text.compare(text.size() - 2, 2, "\xC2\xA0") == 0) text.resize(text.size() - 2);
      if (!run.empty()) {
        std::string marker = marker_text(run);
        if (with_markers) {
          out.marker_offsets.push_back(text.size());
          text += marker;
        }
        out.markers.push_back(std::move(marker));
      }
      // "[2,3]." and not "[2,3] .": the space was the layout inside the superscript.
      if (const std::size_t k = first_non_space(after); k < after.size() && std::strchr(".,;:)]!?", after[k]) != nullptr)
        after.remove_prefix(k);
      put(after);
      i = last + 2;
    }
    return out;
  }

 private:
  struct Piece {
    std::string text;
    bool citation = false;
    std::vector<Cited> numbers;
  };
  std::vector<Piece> pieces_;
};

// ---------------------------------------------------------------------------------------------
// Reading the article element.

bool is_author(const xmlNode* contrib) { return ascii_lower(attribute(contrib, "contrib-type")) == "author"; }

// Elements that stand between paragraphs, never inside a sentence.
bool is_block(std::string_view name) {
  return name == "list" || name == "def-list" || name == "table-wrap" || name == "table-wrap-group" ||
         name == "fig" || name == "fig-group" || name == "supplementary-material" || name == "disp-formula" ||
         name == "disp-formula-group" || name == "graphic" || name == "media" || name == "boxed-text" ||
         name == "disp-quote" || name == "preformat" || name == "code" || name == "array" ||
         name == "chem-struct-wrap" || name == "speech" || name == "statement" || name == "verse-group" ||
         name == "alternatives" || name == "ref-list" || name == "sec";
}

// Blocks whose content is not prose the analysis can read: left out, each with a diagnostic.
bool is_left_out(std::string_view name) {
  return name == "table-wrap" || name == "table-wrap-group" || name == "fig" || name == "fig-group" ||
         name == "supplementary-material" || name == "disp-formula" || name == "disp-formula-group" ||
         name == "graphic" || name == "media" || name == "preformat" || name == "code" || name == "array" ||
         name == "chem-struct-wrap" || name == "alternatives" || name == "ref-list";
}

// Blocks that hold paragraphs of their own: read as part of the section around them.
bool holds_paragraphs(std::string_view name) {
  return name == "boxed-text" || name == "disp-quote" || name == "speech" || name == "statement" ||
         name == "verse-group";
}

// A section title that can introduce the list right under it: short, not a sentence.
bool heading_like(std::string_view heading) {
  heading = trim(heading);
  if (heading.empty() || heading.size() > 200) return false;
  const char last = heading.back();
  return last != '.' && last != ';' && last != ',' && last != '!' && last != '?';
}

// What the citation elements of one <ref> tag, and what a Vancouver string is made of.
struct CitationFields {
  Reference tagged;
  std::string publisher_loc;
  std::string publisher_name;
  bool journal = true;  // an article in a journal, not a book, a report or a web page
};

std::string name_of_person(const xmlNode* name) {
  std::string surname = plain_text(child(name, "surname"));
  std::string given = plain_text(child(name, "given-names"));
  if (surname.empty()) return author_from_written(plain_text(name));
  std::string written = author_name(surname, given);
  std::string suffix = plain_text(child(name, "suffix"));
  if (!suffix.empty()) written += " " + suffix;
  return written;
}

void read_person(const xmlNode* node, Reference& ref) {
  const std::string_view name = name_of(node);
  if (name == "name" || name == "string-name") {
    std::string written = name_of_person(node);
    if (!written.empty()) ref.authors.push_back(std::move(written));
  } else if (name == "collab") {
    std::string group = plain_text(node);
    if (!group.empty()) ref.authors.push_back(std::move(group));
  } else if (name == "etal") {
    ref.et_al = true;
  }
}

// "et al Pediatric patients with ..." (a title tagged with the end of the author list): the
// words belong to the authors, not to the title.
std::string without_et_al(std::string title) {
  for (std::string_view lead : {"et al.", "et al,", "et al"})
    if (starts_with_ci(title, lead) && (title.size() == lead.size() || title[lead.size()] == ' '))
      return std::string(trim(std::string_view(title).substr(lead.size())));
  return title;
}

CitationFields read_citation_fields(const xmlNode* citation) {
  CitationFields fields;
  Reference& ref = fields.tagged;
  const xmlNode* authors = nullptr;
  for_each_child(citation, "person-group", [&](const xmlNode* group) {
    const std::string type = attribute(group, "person-group-type");
    if (authors == nullptr && (type.empty() || type == "author")) authors = group;
  });
  for (const xmlNode* node = (authors != nullptr ? authors : citation)->children; node != nullptr; node = node->next)
    if (node->type == XML_ELEMENT_NODE) read_person(node, ref);

  const std::string type = ascii_lower(attribute(citation, "publication-type"));
  const std::string source = plain_text(child(citation, "source"));
  ref.title = without_et_al(plain_text(child(citation, "article-title")));
  const std::string chapter = plain_text(child(citation, "chapter-title"));
  fields.journal = type.empty() || type == "journal";
  if (!ref.title.empty()) {
    ref.journal = source;
  } else if (!chapter.empty()) {
    ref.title = chapter;  // the book's title stands where a journal's would
    ref.journal = source;
    fields.journal = false;
  } else if (fields.journal) {
    ref.journal = source;
  } else {
    ref.title = source;  // a book, report or web page is cited by its own title
  }
  ref.year = year_in(plain_text(child(citation, "year")));
  ref.volume = tidy_field(plain_text(child(citation, "volume")));
  ref.issue = tidy_field(plain_text(child(citation, "issue")));
  const std::string first = tidy_field(plain_text(child(citation, "fpage")));
  const std::string last = tidy_field(plain_text(child(citation, "lpage")));
  if (!first.empty()) ref.pages = last.empty() || last == first ? first : first + "-" + last;
  if (ref.pages.empty()) ref.pages = plain_text(child(citation, "page-range"));
  if (ref.pages.empty()) ref.pages = plain_text(child(citation, "elocation-id"));
  for_each_child(citation, "pub-id", [&](const xmlNode* id) {
    const std::string id_type = attribute(id, "pub-id-type");
    if (id_type == "pmid" && ref.pmid.empty() && is_digits(plain_text(id))) ref.pmid = plain_text(id);
    if (id_type == "doi" && ref.doi.empty()) ref.doi = clean_doi(plain_text(id));
  });
  fields.publisher_loc = plain_text(child(citation, "publisher-loc"));
  fields.publisher_name = plain_text(child(citation, "publisher-name"));
  return fields;
}

// A tagged citation printed as Vancouver prints one: "Chu VT, Yousaf AR, et al. Household
// transmission ... N Engl J Med. 2021;385(10):954-6. doi:10.1056/NEJMc2031915."
std::string vancouver(const CitationFields& fields) {
  const Reference& ref = fields.tagged;
  std::vector<std::string> parts;
  auto sentence = [](std::string s) {
    if (!s.empty() && s.back() != '.' && s.back() != '?' && s.back() != '!') s += '.';
    return s;
  };
  if (!ref.authors.empty()) parts.push_back(sentence(join(ref.authors, ", ") + (ref.et_al ? ", et al" : "")));
  if (!ref.title.empty()) parts.push_back(sentence(ref.title));
  std::string year = ref.year != 0 ? std::to_string(ref.year) : "";
  if (fields.journal || !ref.journal.empty()) {
    if (!ref.journal.empty()) parts.push_back(sentence(ref.journal));
    std::string issue_part = year;
    if (!ref.volume.empty()) issue_part += (issue_part.empty() ? "" : ";") + ref.volume;
    if (!ref.issue.empty()) issue_part += "(" + ref.issue + ")";
    if (!ref.pages.empty()) issue_part += (issue_part.empty() ? "" : ":") + ref.pages;
    if (!issue_part.empty()) parts.push_back(sentence(issue_part));
  } else {
    std::string imprint = fields.publisher_loc;
    if (!fields.publisher_name.empty()) imprint += (imprint.empty() ? "" : ": ") + fields.publisher_name;
    if (!year.empty()) imprint += (imprint.empty() ? "" : "; ") + year;
    if (!imprint.empty()) parts.push_back(sentence(imprint));
  }
  if (!ref.doi.empty()) parts.push_back(sentence("doi:" + ref.doi));
  if (!ref.pmid.empty()) parts.push_back(sentence("PMID: " + ref.pmid));
  return join(parts, " ");
}

// RAW without the number printed before it: "4. Prata-Barbosa A ..." -> "Prata-Barbosa A ...";
// "1 32. Centers ..." (label "1", 32nd in the list) -> "Centers ...".
std::string without_leading_number(std::string raw, const std::string& label, int number) {
  std::string_view s = raw;
  auto drop_punctuation = [&] {
    while (!s.empty() && (s.front() == '.' || s.front() == ')' || s.front() == ' ')) s.remove_prefix(1);
  };
  if (!label.empty() && s.substr(0, label.size()) == label) {
    std::string_view rest = s.substr(label.size());
    if (rest.empty() || rest.front() == ' ' || rest.front() == '.' || rest.front() == ')') {
      s = rest;
      drop_punctuation();
    }
  }
  const std::string digits = std::to_string(number);
  if (s.substr(0, digits.size()) == digits && s.size() > digits.size() + 1 &&
      (s[digits.size()] == '.' || s[digits.size()] == ')') && s[digits.size() + 1] == ' ') {
    s.remove_prefix(digits.size());
    drop_punctuation();
  }
  return std::string(s);
}

// 'text', as messages quote what the document holds.
std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

class ArticleReader {
 public:
  // WRITTEN_MARKERS gets, for every paragraph in order, the byte offsets of the markers the
  // reader wrote into its text.
  ArticleReader(const std::string& path, Topic& topic, std::vector<std::vector<std::size_t>>& written_markers)
      : path_(path), topic_(topic), written_markers_(written_markers) {}

  Status read(const xmlNode* article) {
    const xmlNode* front = child(article, "front");
    const xmlNode* meta = child(front, "article-meta");
    // References first: the citations of the abstract and the body resolve through them.
    if (const xmlNode* back = child(article, "back")) {
      for_each_child(back, "ref-list", [&](const xmlNode* list) { read_ref_list(list, 0); });
    }
    if (Status s = read_title(article, meta); !s.ok()) return s;
    read_contributors(meta);
    read_source_line(child(front, "journal-meta"), meta);
    read_abstracts(meta);
    if (const xmlNode* body = child(article, "body")) {
      open_section("", 0);
      read_blocks(body, 0);
    }
    for (const xmlNode* node = article->children; node != nullptr; node = node->next) {
      if (is_element(node, "sub-article") || is_element(node, "response")) leave_out_sub_article(node);
      if (is_element(node, "floats-group"))
        for (const xmlNode* f = node->children; f != nullptr; f = f->next)
          if (f->type == XML_ELEMENT_NODE) leave_out(f);
    }
    if (topic_.sections.empty())
      return Status::Parse(where(line_of(article)) +
                           "the article has no text to index: no <p> in its <abstract> or <body>; is it a "
                           "metadata-only record? (fetch the full text)");
    return Status::Ok();
  }

 private:
  std::string where(int line) const { return path_ + ":" + std::to_string(line > 0 ? line : 1) + ": "; }
  void note(int line, std::string message) { topic_.diagnostics.push_back({line, std::move(message)}); }

  // --- front

  Status read_title(const xmlNode* article, const xmlNode* meta) {
    const xmlNode* group = child(meta, "title-group");
    const xmlNode* title = child(group, "article-title");
    if (title == nullptr)
      return Status::Parse(where(line_of(meta != nullptr ? meta : article)) +
                           "the article has no <article-title> in <front>/<article-meta>/<title-group>; "
                           "add one: the topic is named by it");
    topic_.title = heading_text(title);
    if (std::string subtitle = heading_text(child(group, "subtitle")); !subtitle.empty())
      topic_.title += ": " + subtitle;
    topic_.slug = slugify(topic_.title);
    if (topic_.slug.empty())
      return Status::Parse(where(line_of(title)) + "the title '" + topic_.title +
                           "' has no letters or digits to name the topic by; give <article-title> its text");
    return Status::Ok();
  }

  // "Emília Maria Dantas Soeiro": given names, then surname, as the by-line prints them.
  void read_contributors(const xmlNode* meta) {
    for_each_child(meta, "contrib-group", [&](const xmlNode* group) {
      for_each_child(group, "contrib", [&](const xmlNode* contrib) {
        if (!is_author(contrib)) return;
        Contributor person;
        person.role = ContributorRole::Author;
        person.line = line_of(contrib);
        const xmlNode* name = child(contrib, "name");
        if (name == nullptr) name = child(child(contrib, "name-alternatives"), "name");
        if (name != nullptr) {
          const std::string surname = plain_text(child(name, "surname"));
          const std::string given = plain_text(child(name, "given-names"));
          const bool eastern = attribute(name, "name-style") == "eastern";
          person.name = given.empty() ? surname : eastern ? surname + " " + given : given + " " + surname;
          if (std::string suffix = plain_text(child(name, "suffix")); !suffix.empty()) person.name += ", " + suffix;
        } else if (const xmlNode* written = child(contrib, "string-name")) {
          person.name = plain_text(written);
        } else {
          person.name = plain_text(child(contrib, "collab"));
        }
        person.credentials = plain_text(child(contrib, "degrees"));
        if (person.name.empty()) {
          note(person.line, "an author <contrib> with no name; left out");
          return;
        }
        topic_.contributors.push_back(std::move(person));
      });
    });
  }

  // The issue's date: the collection or print date before the electronic one.
  static int issue_year(const xmlNode* meta) {
    int best_rank = 99;
    int year = 0;
    for_each_child(meta, "pub-date", [&](const xmlNode* date) {
      std::string type = attribute(date, "date-type");
      if (type.empty()) type = attribute(date, "pub-type");
      const int rank = type == "collection" || type == "ppub" ? 0 : type == "epub-ppub" ? 1 : 2;
      const int printed = year_in(plain_text(child(date, "year")));
      if (printed != 0 && rank < best_rank) {
        best_rank = rank;
        year = printed;
      }
    });
    return year;
  }

  // "Brazilian Journal of Nephrology, 2023, volume 45, issue 2, pages 244-251. doi:10.1590/..."
  void read_source_line(const xmlNode* journal_meta, const xmlNode* meta) {
    std::string journal = plain_text(child(child(journal_meta, "journal-title-group"), "journal-title"));
    if (journal.empty()) journal = plain_text(child(journal_meta, "journal-title"));
    if (journal.empty()) journal = plain_text(child(child(journal_meta, "journal-title-group"), "abbrev-journal-title"));
    std::vector<std::string> parts;
    if (!journal.empty()) parts.push_back(journal);
    if (const int year = issue_year(meta); year != 0) parts.push_back(std::to_string(year));
    if (std::string volume = plain_text(child(meta, "volume")); !volume.empty()) parts.push_back("volume " + volume);
    if (std::string issue = plain_text(child(meta, "issue")); !issue.empty()) parts.push_back("issue " + issue);
    const std::string first = plain_text(child(meta, "fpage"));
    const std::string last = plain_text(child(meta, "lpage"));
    if (!first.empty() && !last.empty() && last != first) parts.push_back("pages " + first + "-" + last);
    else if (!first.empty()) parts.push_back("page " + first);
    else if (std::string article = plain_text(child(meta, "elocation-id")); !article.empty())
      parts.push_back("article " + article);
    std::string doi;
    for_each_child(meta, "article-id", [&](const xmlNode* id) {
      if (doi.empty() && attribute(id, "pub-id-type") == "doi") doi = clean_doi(plain_text(id));
    });
    topic_.source_line = join(parts, ", ");
    if (!doi.empty()) topic_.source_line += (topic_.source_line.empty() ? "doi:" : ". doi:") + doi;
    topic_.publisher = plain_text(child(child(journal_meta, "publisher"), "publisher-name"));
    topic_.copyright = plain_text(child(child(meta, "permissions"), "copyright-statement"));
  }

  // Every <abstract> a section of its own: the first "Abstract", a typed one ("key points")
  // under its own title. A translated abstract is left out like a translated article.
  void read_abstracts(const xmlNode* meta) {
    bool first = true;
    for (const xmlNode* node = meta != nullptr ? meta->children : nullptr; node != nullptr; node = node->next) {
      if (is_element(node, "trans-abstract")) {
        note(line_of(node), "trans-abstract " + quoted(attribute(node, "lang")) + " (translation) left out");
        continue;
      }
      if (!is_element(node, "abstract")) continue;
      std::string heading = first ? "Abstract" : heading_text(child(node, "title"));
      if (heading.empty()) heading = "Abstract";
      first = false;
      open_section(heading, line_of(node));
      read_abstract_part(node, 0);
    }
  }

  // A structured abstract's parts ("<sec><title>Background</title><p>...</p></sec>") are
  // paragraphs opening with their title: "Background: ...".
  void read_abstract_part(const xmlNode* part, int depth) {
    if (depth > kMaxElementDepth) return;
    std::string prefix;
    if (depth > 0) {
      prefix = heading_text(child(part, "title"));
      if (!prefix.empty() && prefix.back() != ':' && prefix.back() != '.') prefix += ':';
    }
    for (const xmlNode* node = part->children; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = name_of(node);
      if (name == "p") {
        read_paragraph(node, {}, prefix);
        prefix.clear();
      } else if (name == "sec") {
        read_abstract_part(node, depth + 1);
      } else if (name == "list" || name == "def-list") {
        read_list(node);
      } else if (is_left_out(name)) {
        leave_out(node);
      }
    }
  }

  // --- body

  // A new section starts at the next paragraph: a heading without paragraphs under it (a
  // <sec> holding only <sec>s) makes none.
  void open_section(std::string heading, int line) {
    heading_ = std::move(heading);
    heading_line_ = line;
    section_open_ = false;
    before_ = heading_like(heading_) ? heading_ : "";
  }

  void read_blocks(const xmlNode* container, int depth) {
    if (depth > kMaxElementDepth) return;
    for (const xmlNode* node = container->children; node != nullptr; node = node->next) {
      if (node->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = name_of(node);
      if (name == "sec") read_section(node, depth + 1);
      else if (name == "p") read_paragraph(node, {}, "");
      else if (name == "list" || name == "def-list") read_list(node);
      else if (holds_paragraphs(name)) read_blocks(node, depth + 1);
      else if (name == "title" || name == "label" || name == "sec-meta" || name == "fn-group" ||
               name == "object-id" || name == "kwd-group")
        continue;
      else leave_out(node);
    }
  }

  void read_section(const xmlNode* sec, int depth) {
    const std::string outer_heading = heading_;
    const xmlNode* title = child(sec, "title");
    const std::size_t paragraphs_before = paragraphs_read_;
    // A <sec> without a title goes on under the heading around it.
    open_section(title != nullptr ? heading_text(title) : outer_heading, line_of(sec));
    read_blocks(sec, depth);
    if (paragraphs_read_ == paragraphs_before)
      note(line_of(sec), "section " + quoted(heading_) + " has no text under it");
    // What follows in the outer section is a section of its own, under the outer heading.
    open_section(outer_heading, 0);
    before_.clear();
  }

  struct ItemContext {
    bool list_item = false;
    std::string lead_in;
  };

  void read_paragraph(const xmlNode* p, const ItemContext& item, const std::string& prefix) {
    InlineText text;
    if (!prefix.empty()) text.add_text(prefix + " ");
    int line = line_of(p);
    read_mixed(p, item, text, line, 0);
    emit(text, line, item);
  }

  // The mixed content of NODE (a <p>, a <list-item>): inline content gathers into TEXT; a
  // block inside it (a list, a table) ends the paragraph so far and is read in its turn.
  void read_mixed(const xmlNode* node, const ItemContext& item, InlineText& text, int& line, int depth) {
    if (depth > kMaxElementDepth) return;
    for (const xmlNode* n = node->children; n != nullptr; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (text.blank() && first_non_space(content_of(n)) < content_of(n).size() && line == 0)
          line = static_cast<int>(n->line);
        text.add_text(content_of(n));
        continue;
      }
      if (n->type == XML_ENTITY_REF_NODE) {
        undeclared_entity(n);
        continue;
      }
      if (n->type != XML_ELEMENT_NODE) continue;
      const std::string_view name = name_of(n);
      if (name == "label" || name == "title") continue;  // a list item's bullet; a list's title
      if (name == "p") {
        // The paragraphs of one list item make one item.
        if (line == 0) line = line_of(n);
        if (!text.blank()) text.add_text(" ");
        read_mixed(n, item, text, line, depth + 1);
        continue;
      }
      if (!is_block(name)) {
        if (line == 0) line = line_of(n);
        append_inline(n, text, depth + 1);
        continue;
      }
      emit(text, line, item);
      text.clear();
      line = 0;
      if (name == "list" || name == "def-list") read_list(n);
      else if (holds_paragraphs(name)) read_blocks(n, depth + 1);
      else leave_out(n);
    }
  }

  void emit(const InlineText& text, int line, const ItemContext& item) {
    InlineText::Rendered rendered = text.render(true);
    if (rendered.text.empty()) return;
    Paragraph paragraph;
    paragraph.text = std::move(rendered.text);
    written_markers_.push_back(std::move(rendered.marker_offsets));
    paragraph.line = line;
    paragraph.list_item = item.list_item;
    paragraph.lead_in = item.lead_in;
    if (!section_open_) {
      topic_.sections.push_back({heading_, heading_line_ > 0 ? heading_line_ : line, {}});
      section_open_ = true;
    }
    before_ = paragraph.text;
    ++paragraphs_read_;
    topic_.sections.back().paragraphs.push_back(std::move(paragraph));
  }

  // A list's items are paragraphs introduced by the list's <title>, or else by the text just
  // before the list when it ends with ':' or is a section title right above it.
  void read_list(const xmlNode* list) {
    ItemContext item;
    item.list_item = true;
    if (const xmlNode* title = child(list, "title")) {
      item.lead_in = heading_text(title);
    } else if (!before_.empty() && (before_.back() == ':' || before_ == heading_)) {
      item.lead_in = before_;
    }
    const bool definitions = name_of(list) == "def-list";
    for (const xmlNode* node = list->children; node != nullptr; node = node->next) {
      if (is_element(node, "list-item")) {
        InlineText text;
        int line = line_of(node);
        read_mixed(node, item, text, line, 0);
        emit(text, line, item);
      } else if (definitions && is_element(node, "def-item")) {
        // "Term: definition"
        InlineText text;
        const std::string term = heading_text(child(node, "term"));
        if (!term.empty()) text.add_text(term + (term.back() == ':' ? " " : ": "));
        int line = line_of(node);
        for_each_child(node, "def", [&](const xmlNode* def) { read_mixed(def, item, text, line, 0); });
        emit(text, line, item);
      }
    }
    before_.clear();  // a paragraph after the list introduces nothing by the list's lead-in
  }

  // --- inline content

  // Appends the inline content of NODE to TEXT: markup flattened, citations resolved.
  void append_inline(const xmlNode* node, InlineText& text, int depth) {
    if (depth > kMaxElementDepth) return;
    const std::string_view name = name_of(node);
    if (name == "xref") {
      const std::string type = attribute(node, "ref-type");
      // Some publishers leave ref-type out; a rid naming a <ref> says enough.
      if (type == "bibr" || (type.empty() && reference_ids_.count(attribute(node, "rid")) > 0)) {
        text.add_citation(resolve_citation(node));
        return;
      }
      // A footnote or affiliation mark is no word of the sentence; "Chart 1" is.
      if (type == "fn" || type == "table-fn" || type == "aff" || type == "corresp" || type == "author-notes") return;
    }
    if (name == "fn") {
      note(line_of(node), "footnote inside a paragraph left out");
      return;
    }
    if (name == "inline-graphic" || name == "private-char" || name == "tex-math" || name == "label") return;
    if (name == "break") {
      text.add_text(" ");
      return;
    }
    if (name == "math") {
      std::string math;
      gather_math(node, depth, math);
      text.add_text(math);
      return;
    }
    for (const xmlNode* n = node->children; n != nullptr; n = n->next) {
      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) text.add_text(content_of(n));
      else if (n->type == XML_ENTITY_REF_NODE) undeclared_entity(n);
      else if (n->type == XML_ELEMENT_NODE) append_inline(n, text, depth + 1);
    }
  }

  // MathML is written with layout white space between its tokens: each token's text trimmed,
  // so that <mi>V</mi> <mi>O</mi> <mn>2</mn> reads "VO2"; an <mtext> of spaces gives one space.
  static void gather_math(const xmlNode* parent, int depth, std::string& out) {
    if (depth > kMaxElementDepth) return;
    for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
      if (node->type == XML_TEXT_NODE) {
        const std::string_view text = content_of(node);
        if (std::string_view token = trim(text); !token.empty()) out += token;
        else if (!text.empty() && name_of(parent) == "mtext") out += ' ';
      } else if (node->type == XML_ELEMENT_NODE && name_of(node) != "annotation") {
        gather_math(node, depth + 1, out);
      }
    }
  }

  // Without a DTD an entity other than XML's five stays a reference: its text is unknown.
  void undeclared_entity(const xmlNode* node) {
    note(static_cast<int>(node->line),
         "entity '&" + std::string(name_of(node)) + ";' is not defined (no DTD is read); left out of the text");
  }

  // The reference numbers an <xref ref-type="bibr"> points at, through its rid (one id or
  // several). A range printed on one xref ("1-3", rid naming the first) is read as printed.
  std::vector<Cited> resolve_citation(const xmlNode* xref) {
    const std::string printed = plain_text(xref);
    const std::vector<std::string> ids = split(attribute(xref, "rid"), ' ');
    std::vector<Cited> numbers;
    for (const std::string& id : ids) {
      if (id.empty()) continue;
      auto found = reference_ids_.find(id);
      if (found == reference_ids_.end()) {
        note(line_of(xref), "citation " + quoted(printed) + " points at rid " + quoted(id) +
                                ", which names no <ref> of the reference list; not read as a citation");
        continue;
      }
      numbers.push_back({found->second, ','});
    }
    if (ids.empty() || (ids.size() == 1 && ids.front().empty()))
      note(line_of(xref), "citation " + quoted(printed) + " has no rid; not read as a citation");
    if (numbers.size() == 1) {
      const int number = numbers.front().number;
      if (auto shown = small_number(printed); shown && *shown != number) {
        note(line_of(xref), "citation printed " + quoted(printed) + " points at <ref id=\"" + ids.front() +
                                "\">, reference " + std::to_string(number) + "; read as " + std::to_string(number));
      } else if (auto range = printed_range(printed); range && range->first == number &&
                                                       range->second <= static_cast<int>(topic_.references.size())) {
        numbers.push_back({range->second, '-'});
      }
    }
    return numbers;
  }

  // "1-3" or "1–3": the two ends of a range printed on one xref.
  static std::optional<std::pair<int, int>> printed_range(std::string_view printed) {
    std::size_t i = 0;
    while (i < printed.size() && printed[i] >= '0' && printed[i] <= '9') ++i;
    std::size_t j = printed.size();
    while (j > i && printed[j - 1] >= '0' && printed[j - 1] <= '9') --j;
    if (i == 0 || j == printed.size() || j <= i) return std::nullopt;
    if (joiner_of(printed.substr(i, j - i)).value_or(',') != '-') return std::nullopt;
    const std::string_view from = printed.substr(0, i);
    const std::string_view to = printed.substr(j);
    const auto first = small_number(from);
    const auto last = small_number(to);
    if (!first || !last || *last <= *first) return std::nullopt;
    return std::make_pair(*first, *last);
  }

  // The text of a title: markup flattened, citations left out (a heading is not indexed for
  // its citations, so they are reported instead of dropped silently).
  std::string heading_text(const xmlNode* title) {
    if (title == nullptr) return {};
    InlineText text;
    append_inline(title, text, 0);
    InlineText::Rendered heading = text.render(false);
    if (!heading.markers.empty())
      note(line_of(title), "the heading " + quoted(heading.text) + " cites " + join(heading.markers, " ") +
                               "; a heading's citations are not indexed");
    return std::move(heading.text);
  }

  // --- left out

  void leave_out(const xmlNode* node) {
    std::string label = plain_text(child(node, "label"));
    if (label.empty()) label = attribute(node, "id");
    note(line_of(node), std::string(name_of(node)) + (label.empty() ? "" : " " + quoted(label)) + " left out");
  }

  // "sub-article 'pt' (translation) left out"
  void leave_out_sub_article(const xmlNode* node) {
    std::string which = attribute(node, "lang");
    if (which.empty()) which = attribute(node, "id");
    const std::string type = attribute(node, "article-type");
    note(line_of(node), std::string(name_of(node)) + (which.empty() ? "" : " " + quoted(which)) +
                            (type.empty() ? "" : " (" + type + ")") + " left out");
  }

  // --- back

  void read_ref_list(const xmlNode* list, int depth) {
    if (depth > kMaxElementDepth) return;
    for (const xmlNode* node = list->children; node != nullptr; node = node->next) {
      if (is_element(node, "ref")) read_ref(node);
      else if (is_element(node, "ref-list")) read_ref_list(node, depth + 1);
    }
  }

  // The citation elements of REF, also inside <citation-alternatives>.
  static const xmlNode* citation_element(const xmlNode* ref, std::initializer_list<std::string_view> names) {
    for (const xmlNode* container : {ref, child(ref, "citation-alternatives")})
      for (std::string_view name : names)
        if (const xmlNode* found = child(container, name)) return found;
    return nullptr;
  }

  void read_ref(const xmlNode* ref) {
    ReferenceEntry entry;
    entry.number = static_cast<int>(topic_.references.size()) + 1;
    entry.line = line_of(ref);
    const std::string id = attribute(ref, "id");
    const std::string label = plain_text(child(ref, "label"));
    if (auto labelled = label_number(label); labelled && *labelled != entry.number)
      note(entry.line, "reference " + std::to_string(entry.number) +
                           (id.empty() ? "" : " (<ref id=\"" + id + "\">)") + " is labelled " + quoted(label) +
                           "; numbered " + std::to_string(entry.number) + " by its place in the list");
    if (!id.empty()) {
      if (!reference_ids_.emplace(id, entry.number).second)
        note(entry.line, "a second <ref id=\"" + id + "\">; citations of it go to reference " +
                             std::to_string(reference_ids_[id]));
    }
    const xmlNode* printed = citation_element(ref, {"mixed-citation", "citation"});
    const xmlNode* tagged = citation_element(ref, {"element-citation", "nlm-citation"});
    if (tagged == nullptr) tagged = printed;
    if (tagged != nullptr) {
      CitationFields fields = read_citation_fields(tagged);
      entry.raw = printed != nullptr ? plain_text(printed) : vancouver(fields);
      entry.tagged = std::move(fields.tagged);
    } else {
      // No citation element: the reference's own text, its label aside.
      InlineText text;
      for (const xmlNode* node = ref->children; node != nullptr; node = node->next) {
        if (node->type == XML_TEXT_NODE) text.add_text(content_of(node));
        else if (node->type == XML_ELEMENT_NODE && name_of(node) != "label") text.add_text(" " + plain_text(node) + " ");
      }
      entry.raw = text.render(false).text;
    }
    entry.raw = without_leading_number(std::move(entry.raw), label, entry.number);
    if (entry.raw.empty()) note(entry.line, "reference " + std::to_string(entry.number) + " has no citation text");
    topic_.references.push_back(std::move(entry));
  }

  const std::string& path_;
  Topic& topic_;
  std::vector<std::vector<std::size_t>>& written_markers_;
  std::map<std::string, int> reference_ids_;  // <ref id> -> number
  std::string heading_;                       // of the section being read
  int heading_line_ = 0;                      // 0: the line of its first paragraph
  bool section_open_ = false;                 // topic_.sections.back() is that section
  std::string before_;                        // the text just before the next block
  std::size_t paragraphs_read_ = 0;
};

// ---------------------------------------------------------------------------------------------
// The document, read through libxml2.

// CONTENT as libxml2 reads it, every read watched for entity declarations.
struct MemoryInput {
  std::string_view content;
  std::size_t offset = 0;
  EntityDeclarationGuard guard;
};

int read_memory(void* context, char* buffer, int size) {
  auto* input = static_cast<MemoryInput*>(context);
  const std::size_t count = std::min(static_cast<std::size_t>(size), input->content.size() - input->offset);
  if (count == 0) return 0;
  const std::string_view chunk = input->content.substr(input->offset, count);
  if (!input->guard.admit(chunk)) return -1;
  std::memcpy(buffer, chunk.data(), count);
  input->offset += count;
  return static_cast<int>(count);
}

class JatsDocument {
 public:
  JatsDocument(std::string_view content, const std::string& path) : path_(path) {
    input_.content = content;
    topic_.source_path = path;
    topic_.source_format = "jats";
  }

  Result<Topic> parse() {
    if (trim(input_.content).empty()) return Status::Parse(path_ + ":1: the file is empty; expected a JATS article (<article>)");
    {
      SafeXmlScope scope(&error_, &refused_);
      XmlReaderPtr reader(xmlReaderForIO(read_memory, nullptr, &input_, path_.c_str(), nullptr, kSafeXmlOptions));
      if (reader == nullptr) return Status::Parse(path_ + ":1: cannot start the XML reader");
      xmlTextReaderSetStructuredErrorHandler(reader.get(), capture_first_error, &error_);
      if (Status s = read_all(reader.get()); !s.ok()) return s;
    }
    std::size_t index = 0;
    for (Section& section : topic_.sections)
      for (Paragraph& paragraph : section.paragraphs) {
        analyse_paragraph(paragraph, &topic_.diagnostics);
        keep_written_markers(paragraph, written_markers_[index++]);
      }
    if (Status s = check_citations(topic_); !s.ok()) return s;
    return std::move(topic_);
  }

 private:
  Status read_all(xmlTextReaderPtr reader) {
    int rc = xmlTextReaderRead(reader);
    while (rc == 1) {
      if (Status refused = check(reader); !refused.ok()) return refused;
      const int type = xmlTextReaderNodeType(reader);
      if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
        if (Status refused = check_doctype(xmlTextReaderCurrentNode(reader)); !refused.ok()) return refused;
      }
      if (type != XML_READER_TYPE_ELEMENT || xmlTextReaderDepth(reader) != 0) {
        rc = xmlTextReaderRead(reader);
        continue;
      }
      input_.guard.root_reached();
      const xmlNode* root = xmlTextReaderCurrentNode(reader);
      if (Status refused = check_doctype(reinterpret_cast<const xmlNode*>(root->doc->intSubset)); !refused.ok())
        return refused;
      const std::string_view name = name_of(root);
      if (name != "article" && name != "pmc-articleset")
        return Status::Parse(path_ + ":" + std::to_string(line_of(root)) + ": not a JATS article: the root element is <" +
                             std::string(name) + ">, expected <article>" +
                             (name == "PubmedArticleSet" ? " (PubMed XML is evidence: `kbindex add` reads it)" : ""));
      const xmlNode* document = xmlTextReaderExpand(reader);
      if (Status refused = check(reader); !refused.ok()) return refused;
      if (document == nullptr) return parse_error("cannot read the article");
      if (Status s = read_root(document); !s.ok()) return s;
      article_read_ = true;
      rc = xmlTextReaderNext(reader);
    }
    if (Status refused = check(reader); !refused.ok()) return refused;
    if (rc < 0) return parse_error("cannot read the XML");
    if (!article_read_) return Status::Parse(path_ + ":1: not a JATS article: no element found, expected <article>");
    return Status::Ok();
  }

  // The article itself, or the first of a PMC article set.
  Status read_root(const xmlNode* root) {
    const xmlNode* article = root;
    if (name_of(root) == "pmc-articleset") {
      article = child(root, "article");
      if (article == nullptr)
        return Status::Parse(path_ + ":" + std::to_string(line_of(root)) +
                             ": not a JATS article: <pmc-articleset> holds no <article>");
      int others = -1;
      for_each_child(root, "article", [&](const xmlNode*) { ++others; });
      if (others > 0)
        topic_.diagnostics.push_back({line_of(article), "the set holds " + std::to_string(others + 1) +
                                                            " articles; only the first is read (one topic a file)"});
    }
    return ArticleReader(path_, topic_, written_markers_).read(article);
  }

  // A refusal, or an error libxml2 reported, stops the reading.
  Status check(xmlTextReaderPtr reader) const {
    if (input_.guard.declared()) return entity_refusal();
    if (refused_.seen)
      return Status::Parse(path_ + ":" + std::to_string(std::max(1, xmlTextReaderGetParserLineNumber(reader))) +
                           ": refused: the document asks to load an external resource (" + refused_.resource +
                           "); JATS is read without its DTD or any other file");
    if (error_.seen) return parse_error("");
    return Status::Ok();
  }

  Status entity_refusal() const {
    return Status::Parse(path_ + ":" + std::to_string(input_.guard.line()) +
                         ": refused: the DOCTYPE declares entities (<!ENTITY ...>); JATS articles need none, and "
                         "entity declarations can expand without bound or read other files; remove them");
  }

  // The declarations are caught in the bytes already; this is the parsed view of the same rule.
  Status check_doctype(const xmlNode* node) const {
    if (node == nullptr || node->type != XML_DTD_NODE) return Status::Ok();
    return declares_entities(reinterpret_cast<const xmlDtd*>(node)) ? entity_refusal() : Status::Ok();
  }

  Status parse_error(const std::string& fallback) const {
    if (!error_.seen) return Status::Parse(path_ + ":1: " + fallback);
    const std::string where = path_ + ":" + std::to_string(error_.line > 0 ? error_.line : 1) + ": ";
    if (error_.code == XML_ERR_DOCUMENT_EMPTY)
      return Status::Parse(where + "not XML: no element found; expected a JATS article (<article>)");
    if (is_depth_error(error_))
      return Status::Parse(where + "refused: elements nested more than " + std::to_string(kMaxElementDepth) +
                           " levels deep; no article nests so deep");
    // libxml2's reader says "Extra content" when the input ends inside the root element.
    const bool cut_off = error_.code == XML_ERR_DOCUMENT_END && input_.offset >= input_.content.size() && !article_read_;
    if (cut_off || error_.code == XML_ERR_TAG_NOT_FINISHED || error_.code == XML_ERR_LTSLASH_REQUIRED)
      return Status::Parse(where + "not well-formed XML: " + (cut_off ? "" : error_.message + "; ") +
                           "the file ends before its elements are closed (truncated?)");
    if (error_.code == XML_ERR_TAG_NAME_MISMATCH)
      return Status::Parse(where + "not well-formed XML: " + error_.message +
                           "; close each element before the end tag of the one around it");
    if (error_.code == XML_ERR_UNDECLARED_ENTITY)
      return Status::Parse(where + "not well-formed XML: " + error_.message +
                           "; no DTD is read, so write the character itself or a character reference (&#160;)");
    return Status::Parse(where + "not well-formed XML: " + error_.message + "; correct the XML (xmllint --noout shows "
                                                                            "every error)");
  }

  // A citation in JATS is an <xref>: a bracket or parenthesis printed in the text ("[2010]",
  // "(1,2)") is text, whatever the analysis took it for. A marker the reader wrote and the
  // analysis did not find back is reported, never lost silently.
  void keep_written_markers(Paragraph& paragraph, const std::vector<std::size_t>& written) {
    std::vector<std::size_t> found;
    for (Sentence& sentence : paragraph.sentences) {
      std::vector<CitationMarker> kept;
      for (CitationMarker& marker : sentence.citations) {
        const std::size_t at = sentence.begin + marker.begin;
        if (std::binary_search(written.begin(), written.end(), at)) {
          found.push_back(at);
          kept.push_back(std::move(marker));
        } else {
          topic_.diagnostics.push_back(
              {paragraph.line, quoted(marker.text) + " is printed without an <xref>; read as text, not as a citation"});
        }
      }
      sentence.citations = std::move(kept);
    }
    for (std::size_t at : written)
      if (std::find(found.begin(), found.end(), at) == found.end())
        topic_.diagnostics.push_back(
            {paragraph.line, "the citation written as " +
                                 quoted(std::string_view(paragraph.text).substr(at, paragraph.text.find(']', at) - at + 1)) +
                                 " was not read back as a citation marker"});
  }

  const std::string& path_;
  std::vector<std::vector<std::size_t>> written_markers_;  // per paragraph, in order
  MemoryInput input_;
  FirstError error_;
  RefusedLoad refused_;
  Topic topic_;
  bool article_read_ = false;
};

}  // namespace

Result<Topic> parse_jats_topic(std::string_view content, const std::string& path) {
  return JatsDocument(content, path).parse();
}

}  // namespace kb
