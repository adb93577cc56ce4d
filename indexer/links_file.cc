#include "indexer/links_file.h"

#include <cctype>

#include "indexer/citation_markers.h"
#include "kb/text.h"

namespace kb {

Result<std::vector<CuratedLink>> parse_links_file(std::string_view content, const std::string& path) {
  std::vector<CuratedLink> links;
  int number = 0;
  for (const std::string& raw_line : split(content, '\n')) {
    ++number;
    std::string_view line = raw_line;
    if (std::size_t hash = line.find('#'); hash != std::string_view::npos && line.substr(0, hash).find('"') == std::string_view::npos)
      line = line.substr(0, hash);
    line = trim(line);
    if (line.empty()) continue;
    const std::string where = path + ":" + std::to_string(number) + ": ";
    CuratedLink link;
    link.line = number;

    // The recommendation: a label or a quoted piece of its text.
    std::size_t i = 0;
    if (line.front() == '"') {
      std::size_t close = line.find('"', 1);
      if (close == std::string_view::npos) return Status::Parse(where + "unclosed quote; close the recommendation's text with '\"'");
      link.text = std::string(trim(line.substr(1, close - 1)));
      if (link.text.empty()) return Status::Parse(where + "empty quoted text; quote a piece of the recommendation");
      i = close + 1;
    } else {
      while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
      link.label = std::string(line.substr(0, i));
      bool is_label = link.label.size() >= 2 && (link.label[0] == 'R' || link.label[0] == 'r');
      for (std::size_t k = 1; is_label && k < link.label.size(); ++k)
        is_label = std::isdigit(static_cast<unsigned char>(link.label[k])) != 0;
      if (!is_label)
        return Status::Parse(where + "'" + link.label +
                             "' is not a recommendation; write its label (R1, R2, ...) or a quoted piece of its text");
      link.label[0] = 'R';
    }

    // The stance.
    std::string_view rest = trim(line.substr(i));
    std::size_t word_end = 0;
    while (word_end < rest.size() && !std::isspace(static_cast<unsigned char>(rest[word_end]))) ++word_end;
    std::string stance_word = ascii_lower(rest.substr(0, word_end));
    auto stance = stance_from_string(stance_word);
    if (!stance)
      return Status::Parse(where + (stance_word.empty() ? std::string("no stance") : "unknown stance '" + stance_word + "'") +
                           "; write supports, against or context");
    link.stance = *stance;

    // The references: the citation-marker grammar without the brackets.
    std::string numbers(trim(rest.substr(word_end)));
    for (char& c : numbers)
      if (c == ' ' || c == '\t') c = ',';
    std::string compact;
    for (char c : numbers)
      if (!(c == ',' && (compact.empty() || compact.back() == ','))) compact += c;
    while (!compact.empty() && compact.back() == ',') compact.pop_back();
    if (compact.empty()) return Status::Parse(where + "no reference numbers; list them after the stance (5, 7-9)");
    auto parsed = parse_marker_list(compact);
    if (!parsed) return Status::Parse(where + "cannot read the reference numbers '" + std::string(trim(rest.substr(word_end))) +
                                      "'; write numbers and ranges such as 5, 7-9");
    link.numbers = *parsed;
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace kb
