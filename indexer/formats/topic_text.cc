#include "indexer/formats/topic_text.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <vector>

#include "indexer/boilerplate.h"
#include "indexer/paragraph_analysis.h"
#include "kb/text.h"

namespace kb {
namespace {

struct Line {
  int number;
  std::string_view text;  // without its line break
  bool blank() const { return trim(text).empty(); }
};

std::vector<Line> split_lines(std::string_view content) {
  std::vector<Line> lines;
  int number = 1;
  std::size_t start = 0;
  while (start < content.size()) {
    std::size_t nl = content.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? content.size() : nl;
    std::string_view text = content.substr(start, end - start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    lines.push_back({number++, text});
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string where(const std::string& path, int line) { return path + ":" + std::to_string(line) + ": "; }

// A reference list entry: optional indent, digits, '.', space, text.
struct NumberedLine {
  int number;
  std::string_view text;
};

std::optional<NumberedLine> numbered_reference(std::string_view line) {
  std::string_view s = line;
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  std::size_t digits = 0;
  int number = 0;
  while (digits < s.size() && digits < 6 && std::isdigit(static_cast<unsigned char>(s[digits])))
    number = number * 10 + (s[digits++] - '0');
  if (digits == 0 || digits >= s.size() || s[digits] != '.') return std::nullopt;
  std::string_view rest = s.substr(digits + 1);
  if (rest.empty() || (rest.front() != ' ' && rest.front() != '\t')) return std::nullopt;
  rest = trim(rest);
  if (rest.empty()) return std::nullopt;
  return NumberedLine{number, rest};
}

// A line that opens the reference list: "References", "REFERENCES", "Bibliography",
// "Literature Cited". Where a topic prints one, numbered lines above it are body lists.
bool is_reference_heading(std::string_view line) {
  std::string lower = ascii_lower(trim(line));
  while (!lower.empty() && (lower.back() == ':' || lower.back() == ' ')) lower.pop_back();
  return lower == "references" || lower == "reference list" || lower == "bibliography" ||
         lower == "literature cited" || lower == "works cited" || lower == "cited references";
}

// The line under the title that says where the document was published: "Morbidity and
// Mortality Weekly Report (MMWR), Volume 48, Number 27, page 590, July 16, 1999. ..." or
// "Brazilian Journal of Nephrology, 2023, volume 45, issue 2, pages 244-251. doi:...".
bool looks_like_source_line(std::string_view line) {
  line = trim(line);
  if (line.size() < 20 || line.size() > 400) return false;
  std::string lower = ascii_lower(line);
  bool has_year = false;
  for (std::size_t i = 0; i + 4 <= lower.size(); ++i) {
    bool four_digits = std::all_of(lower.begin() + static_cast<long>(i), lower.begin() + static_cast<long>(i + 4),
                                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    bool bounded = (i == 0 || !std::isdigit(static_cast<unsigned char>(lower[i - 1]))) &&
                   (i + 4 == lower.size() || !std::isdigit(static_cast<unsigned char>(lower[i + 4])));
    if (four_digits && bounded && (lower[i] == '1' || lower[i] == '2')) has_year = true;
  }
  bool names_issue = lower.find("volume") != std::string::npos || lower.find("vol.") != std::string::npos ||
                     lower.find("doi:") != std::string::npos || lower.find("issue") != std::string::npos;
  return has_year && names_issue;
}

// A body list item: "- Mass vaccination campaigns ...", "* ...", "• ...".
std::optional<std::string_view> bullet_item(std::string_view line) {
  std::string_view s = trim(line);
  for (std::string_view bullet : {"- ", "* ", "\xE2\x80\xA2 ", "\xE2\x80\x93 "}) {
    if (s.substr(0, bullet.size()) == bullet) return trim(s.substr(bullet.size()));
  }
  return std::nullopt;
}

// "Section Editors" and its kin switch the role of the names that follow.
std::optional<ContributorRole> role_heading(std::string_view line) {
  std::string lower = ascii_lower(trim(line));
  if (lower == "author" || lower == "authors") return ContributorRole::Author;
  if (lower == "section editor" || lower == "section editors") return ContributorRole::SectionEditor;
  if (lower == "deputy editor" || lower == "deputy editors") return ContributorRole::DeputyEditor;
  return std::nullopt;
}

bool is_name_suffix(std::string_view word) {
  return word == "Jr" || word == "Jr." || word == "Sr" || word == "Sr." || word == "II" ||
         word == "III" || word == "IV";
}

// "Anees B Chagpar, MD, MSc, FRCS(C)" -> name and credentials; "John Roe, Jr, MD" keeps "Jr".
Contributor parse_contributor(std::string_view line, ContributorRole role, int number) {
  Contributor c;
  c.role = role;
  c.line = number;
  std::vector<std::string> parts = split(trim(line), ',');
  std::size_t name_parts = 1;
  while (name_parts < parts.size() && is_name_suffix(trim(parts[name_parts]))) ++name_parts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = trim(parts[i]);
    std::string& target = i < name_parts ? c.name : c.credentials;
    if (!target.empty()) target += ", ";
    target += part;
  }
  return c;
}

// A line that plausibly names a person with credentials: "Julia White, MD".
bool looks_like_contributor(std::string_view line) {
  line = trim(line);
  std::size_t comma = line.find(',');
  if (comma == std::string_view::npos || comma == 0 || line.size() > 160) return false;
  std::string_view after = trim(line.substr(comma + 1));
  // A name's words are capitalised ("Julia White"); a sentence's opening clause is not.
  for (const std::string& word : split(trim(line.substr(0, comma)), ' ')) {
    const bool particle = word == "de" || word == "da" || word == "van" || word == "von" || word == "der" || word == "di";
    if (!word.empty() && !particle && std::islower(static_cast<unsigned char>(word.front()))) return false;
  }
  // Credentials open with a capital (MD, PhD, FRCS); a sentence's clause rarely does.
  return !after.empty() && std::isupper(static_cast<unsigned char>(after.front())) &&
         line.find(". ") == std::string_view::npos && line.back() != ':';
}

// "Surgery —" or "Surgery --": a heading printed with a trailing dash; the dash goes.
std::string_view without_heading_dash(std::string_view line) {
  line = trim(line);
  for (std::string_view dash : {" \xE2\x80\x94", " --", " \xE2\x80\x93"}) {
    if (line.size() > dash.size() && line.substr(line.size() - dash.size()) == dash)
      return trim(line.substr(0, line.size() - dash.size()));
  }
  return line;
}

// A one-line block that introduces a section: short, no closing punctuation.
bool looks_like_heading(std::string_view line) {
  line = without_heading_dash(line);
  if (line.empty() || line.size() > 100 || bullet_item(line)) return false;
  char last = line.back();
  if (last == '.' || last == '?' || last == '!' || last == ':' || last == ')' || last == '"' ||
      last == ']' || last == ',' || last == ';')
    return false;
  return std::isupper(static_cast<unsigned char>(line.front())) != 0;
}

// A wrapped paragraph's next line goes on mid-sentence; text under a heading opens one.
bool opens_sentence(std::string_view line) {
  line = trim(line);
  return !line.empty() && (std::isupper(static_cast<unsigned char>(line.front())) ||
                           std::isdigit(static_cast<unsigned char>(line.front())));
}

class TextTopicParser {
 public:
  TextTopicParser(std::string_view content, const std::string& path)
      : lines_(split_lines(content)), path_(path) {
    topic_.source_path = path;
    topic_.source_format = "text";
  }

  Result<Topic> parse() {
    if (Status s = read_header(); !s.ok()) return s;
    find_reference_heading();
    read_source_line();
    read_contributors();
    read_source_line();
    read_body();
    if (Status s = read_tail_and_references(); !s.ok()) return s;
    for (Section& section : topic_.sections)
      for (Paragraph& paragraph : section.paragraphs) analyse_paragraph(paragraph, &topic_.diagnostics);
    if (Status s = check_citations(topic_); !s.ok()) return s;
    return std::move(topic_);
  }

 private:
  bool at_end() const { return pos_ >= lines_.size(); }
  const Line& current() const { return lines_[pos_]; }
  void skip_blank_lines() {
    while (!at_end() && current().blank()) ++pos_;
  }
  void note(int line, std::string message) { topic_.diagnostics.push_back({line, std::move(message)}); }

  // Reprint notice and copyright, then the title.
  Status read_header() {
    skip_blank_lines();
    while (!at_end()) {
      auto kind = classify_boilerplate(current().text);
      if (kind == Boilerplate::ReprintHeader) {
        topic_.publisher = std::string(trim(current().text));
      } else if (kind == Boilerplate::Copyright) {
        topic_.copyright = std::string(trim(current().text));
      } else if (!current().blank()) {
        break;
      }
      ++pos_;
    }
    if (at_end())
      return Status::Parse(where(path_, lines_.empty() ? 1 : lines_.back().number) +
                           "no title: the file holds no topic text");
    if (numbered_reference(current().text))
      return Status::Parse(where(path_, current().number) +
                           "expected the topic's title but found a numbered reference; "
                           "is this a bare reference list? (use `kbindex parse-refs` for that)");
    topic_.title = std::string(trim(current().text));
    topic_.slug = slugify(topic_.title);
    if (topic_.slug.empty())
      return Status::Parse(where(path_, current().number) + "the title '" + topic_.title +
                           "' has no letters or digits to name the topic by");
    ++pos_;
    return Status::Ok();
  }

  // Where the reference list starts when a heading announces it: the last such heading
  // followed by a numbered entry, so a "References" line in the body changes nothing.
  void find_reference_heading() {
    for (std::size_t i = lines_.size(); i-- > pos_;) {
      if (!is_reference_heading(lines_[i].text)) continue;
      std::size_t next = i + 1;
      while (next < lines_.size() && lines_[next].blank()) ++next;
      if (next < lines_.size() && numbered_reference(lines_[next].text)) {
        reference_heading_ = i;
        return;
      }
    }
  }

  // A one-line block under the title naming where the document was published.
  void read_source_line() {
    skip_blank_lines();
    if (at_end() || !topic_.source_line.empty() || !looks_like_source_line(current().text)) return;
    if (pos_ + 1 < lines_.size() && !lines_[pos_ + 1].blank()) return;  // a paragraph, not a line
    topic_.source_line = std::string(trim(current().text));
    ++pos_;
  }

  // "Emília Maria Dantas Soeiro, Maria Goretti Moreira Guimarães Penido, ...": one line of
  // three or more names, each two to seven capitalised words, no credentials.
  static std::optional<std::vector<std::string>> name_list(std::string_view line) {
    std::vector<std::string> parts = split(trim(line), ',');
    if (parts.size() < 3 || line.find(". ") != std::string_view::npos) return std::nullopt;
    std::vector<std::string> names;
    for (const std::string& part : parts) {
      std::string_view name = trim(part);
      std::vector<std::string> words = split(name, ' ');
      if (words.size() < 2 || words.size() > 7) return std::nullopt;
      int capitalised = 0;
      for (const std::string& w : words) {
        if (w.empty()) return std::nullopt;
        if (std::isupper(static_cast<unsigned char>(w.front())) || static_cast<unsigned char>(w.front()) >= 0x80) ++capitalised;
        else if (w != "de" && w != "da" && w != "do" && w != "dos" && w != "das" && w != "van" && w != "von" &&
                 w != "der" && w != "del" && w != "la" && w != "le" && w != "di")
          return std::nullopt;
        // Credentials ("MD", "PhD") are not names.
        if (w == "MD" || w == "PhD" || w == "MPH" || w == "RN" || w == "MSc") return std::nullopt;
      }
      if (capitalised < 2) return std::nullopt;
      names.emplace_back(name);
    }
    return names;
  }

  // The block of names right after the title, if there is one.
  void read_contributors() {
    skip_blank_lines();
    std::size_t end = pos_;
    while (end < lines_.size() && !lines_[end].blank()) ++end;
    bool has_heading = false;
    bool all_names = true;
    for (std::size_t i = pos_; i < end; ++i) {
      if (role_heading(lines_[i].text)) has_heading = true;
      else if (!looks_like_contributor(lines_[i].text)) all_names = false;
    }
    if (end == pos_ + 1 && !has_heading) {
      if (auto names = name_list(current().text)) {
        for (const std::string& name : *names)
          topic_.contributors.push_back({name, "", ContributorRole::Author, current().number});
        ++pos_;
        return;
      }
    }
    if (end == pos_ || !all_names || (!has_heading && end - pos_ > 6)) return;  // body, not names
    ContributorRole role = ContributorRole::Author;
    for (; pos_ < end; ++pos_) {
      if (auto heading = role_heading(current().text)) {
        role = *heading;
        continue;
      }
      topic_.contributors.push_back(parse_contributor(current().text, role, current().number));
    }
  }

  bool is_tail_start(const Line& line) const {
    auto kind = classify_boilerplate(line.text);
    if (kind == Boilerplate::ReviewDates || kind == Boilerplate::Disclaimer) return true;
    // With a heading over the list, the list starts there; numbered lines above are body.
    if (reference_heading_) return line.number >= lines_[*reference_heading_].number;
    return numbered_reference(line.text).has_value();
  }

  // A list item of the body: its text without the bullet, introduced by the paragraph
  // before the list when that one ends with ':' (or by the item before, in the same list).
  void add_list_item(std::string_view text, int line) {
    Paragraph item;
    item.text = std::string(text);
    item.line = line;
    item.list_item = true;
    if (topic_.sections.empty()) topic_.sections.push_back({"", line, {}});
    const auto& paragraphs = topic_.sections.back().paragraphs;
    if (!paragraphs.empty()) {
      const Paragraph& before = paragraphs.back();
      if (!before.text.empty() && before.text.back() == ':') item.lead_in = before.text;
      else if (before.list_item) item.lead_in = before.lead_in;
    }
    topic_.sections.back().paragraphs.push_back(std::move(item));
  }

  // Paragraphs and sections until the review dates, disclaimer or reference list.
  void read_body() {
    int blank_run = 2;  // the first paragraph opens a section
    while (!at_end() && !is_tail_start(current())) {
      const Line& line = current();
      if (line.blank()) {
        ++blank_run;
        ++pos_;
        continue;
      }
      if (auto kind = classify_boilerplate(line.text)) {
        if (*kind == Boilerplate::Paywall) topic_.truncated = true;
        ++pos_;
        blank_run = 0;
        continue;
      }
      if (auto item = bullet_item(line.text)) {
        // One item a block: its wrapped lines go with it.
        std::string text(*item);
        int first = line.number;
        for (++pos_; !at_end() && !current().blank() && !bullet_item(current().text) &&
                     !classify_boilerplate(current().text) && !is_tail_start(current());
             ++pos_) {
          text += ' ';
          text += trim(current().text);
        }
        add_list_item(text, first);
        blank_run = 0;
        continue;
      }
      // A heading line directly above its text: "Surgery" then "Several studies ...".
      if (pos_ + 1 < lines_.size() && !lines_[pos_ + 1].blank() && looks_like_heading(line.text) &&
          !classify_boilerplate(lines_[pos_ + 1].text) && !is_tail_start(lines_[pos_ + 1]) &&
          opens_sentence(lines_[pos_ + 1].text)) {
        topic_.sections.push_back({std::string(without_heading_dash(line.text)), line.number, {}});
        ++pos_;
        blank_run = 0;
        continue;
      }
      // Consecutive non-blank lines form one paragraph.
      Paragraph paragraph;
      paragraph.line = line.number;
      while (!at_end() && !current().blank() && !classify_boilerplate(current().text) &&
             !is_tail_start(current()) && (paragraph.text.empty() || !bullet_item(current().text))) {
        if (!paragraph.text.empty()) paragraph.text += ' ';
        paragraph.text += trim(current().text);
        ++pos_;
      }
      bool next_is_text = false;
      for (std::size_t i = pos_; i < lines_.size(); ++i) {
        if (lines_[i].blank()) continue;
        next_is_text = !classify_boilerplate(lines_[i].text) && !is_tail_start(lines_[i]);
        break;
      }
      if (looks_like_heading(paragraph.text) && next_is_text) {
        topic_.sections.push_back({std::string(without_heading_dash(paragraph.text)), paragraph.line, {}});
      } else {
        if (blank_run >= 2 || topic_.sections.empty()) topic_.sections.push_back({"", paragraph.line, {}});
        topic_.sections.back().paragraphs.push_back(std::move(paragraph));
      }
      blank_run = 0;
    }
    // A heading with nothing under it is content the parser could not place.
    std::vector<Section> kept;
    for (Section& section : topic_.sections) {
      if (section.paragraphs.empty()) {
        note(section.line, "heading '" + section.heading + "' has no text under it");
        continue;
      }
      kept.push_back(std::move(section));
    }
    topic_.sections = std::move(kept);
  }

  void read_review_dates(const Line& line) {
    // "Literature review current through: Nov 2017. | This topic last updated: Mar 02, 2017."
    for (const std::string& part : split(line.text, '|')) {
      std::string_view p = trim(part);
      std::size_t colon = p.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view label = p.substr(0, colon);
      std::string_view value = trim(p.substr(colon + 1));
      if (starts_with_ci(label, "literature review current through")) {
        topic_.review_current_through = iso_month(value);
        if (topic_.review_current_through.empty())
          note(line.number, "cannot read the review date '" + std::string(value) + "'");
      } else if (starts_with_ci(label, "this topic last updated")) {
        topic_.last_updated = iso_date(value);
        if (topic_.last_updated.empty())
          note(line.number, "cannot read the update date '" + std::string(value) + "'");
      }
    }
  }

  Status read_tail_and_references() {
    std::map<int, int> seen;  // reference number -> line
    bool in_references = false;
    for (; !at_end(); ++pos_) {
      const Line& line = current();
      if (line.blank()) continue;
      auto kind = classify_boilerplate(line.text);
      if (kind == Boilerplate::ReviewDates) {
        read_review_dates(line);
        continue;
      }
      if (kind == Boilerplate::Paywall) topic_.truncated = true;
      if (kind) continue;
      if (reference_heading_ && pos_ == *reference_heading_) continue;
      if (auto entry = numbered_reference(line.text)) {
        int expected = topic_.references.empty() ? 1 : topic_.references.back().number + 1;
        if (auto it = seen.find(entry->number); it != seen.end())
          return Status::Parse(where(path_, line.number) + "reference " + std::to_string(entry->number) +
                               " appears twice (first at line " + std::to_string(it->second) +
                               "); number each reference once");
        if (entry->number > expected) {
          // An excerpt keeps only the entries it cites: index what is there, say what is not.
          const bool one = entry->number - 1 == expected;
          note(line.number, "the reference list skips from " +
                                (expected == 1 ? std::string("its start") : std::to_string(expected - 1)) + " to " +
                                std::to_string(entry->number) + (one ? "; reference " : "; references ") +
                                std::to_string(expected) + (one ? "" : "-" + std::to_string(entry->number - 1)) +
                                (one ? " is" : " are") + " not in the text (indexed as printed)");
        } else if (entry->number != expected)
          return Status::Parse(where(path_, line.number) + "reference " + std::to_string(entry->number) +
                               " follows " +
                               (topic_.references.empty() ? std::string("the start of the list")
                                                          : "reference " + std::to_string(expected - 1)) +
                               "; reference " + std::to_string(expected) + " is missing");
        seen[entry->number] = line.number;
        topic_.references.push_back({entry->number, std::string(entry->text), line.number, {}});
        in_references = true;
        continue;
      }
      // An indented line inside the list continues the reference above it.
      if (in_references && (line.text.front() == ' ' || line.text.front() == '\t')) {
        std::string_view t = trim(line.text);
        std::size_t digits = 0;
        while (digits < t.size() && std::isdigit(static_cast<unsigned char>(t[digits]))) ++digits;
        if (digits > 0 && digits < t.size() && t[digits] == '.')
          note(line.number, "'" + std::string(t.substr(0, std::min<std::size_t>(t.size(), 20))) +
                                "' looks like a numbered entry without a space after its number; kept as part of reference " +
                                std::to_string(topic_.references.back().number));
        topic_.references.back().raw += ' ';
        topic_.references.back().raw += trim(line.text);
        continue;
      }
      note(line.number, "text after the body that is neither boilerplate nor a numbered reference: '" +
                            std::string(trim(line.text).substr(0, 60)) + "'");
    }
    return Status::Ok();
  }

  std::vector<Line> lines_;
  const std::string& path_;
  std::size_t pos_ = 0;
  std::optional<std::size_t> reference_heading_;  // index into lines_ of "References"
  Topic topic_;
};

}  // namespace

Result<Topic> parse_text_topic(std::string_view content, const std::string& path) {
  if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);
  if (content.substr(0, 2) == "\xFF\xFE" || content.substr(0, 2) == "\xFE\xFF")
    return Status::Parse(path + ":1: UTF-16 text; convert the file to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)");
  // Classic Mac line ends, CR alone: lines all the same, not one line holding the whole file.
  std::string lf_lines;
  if (content.find('\n') == std::string_view::npos && content.find('\r') != std::string_view::npos) {
    lf_lines.assign(content);
    std::replace(lf_lines.begin(), lf_lines.end(), '\r', '\n');
    content = lf_lines;
  }
  if (trim(content).empty()) return Status::Parse(path + ":1: the file is empty; expected a topic");
  int line = 1;
  for (std::size_t i = 0; i < content.size(); ++i) {
    if (content[i] == '\n') ++line;
    if (content[i] == '\0')
      return Status::Parse(where(path, line) + "binary data (a NUL byte); expected a topic as UTF-8 text");
  }
  if (!is_valid_utf8(content)) {
    line = 1;
    for (std::size_t i = 0; i < content.size();) {
      std::size_t start = i;
      std::size_t end = content.find('\n', start);
      if (end == std::string_view::npos) end = content.size();
      if (!is_valid_utf8(content.substr(start, end - start)))
        return Status::Parse(where(path, line) +
                             "not valid UTF-8; convert the file (e.g. iconv -f WINDOWS-1252 -t UTF-8)");
      i = end + 1;
      ++line;
    }
  }
  return TextTopicParser(content, path).parse();
}

}  // namespace kb
