#include "indexer/formats/detect_format.h"

#include "kb/text.h"

namespace kb {

const char* to_string(Format format) {
  switch (format) {
    case Format::TopicText: return "topic text";
    case Format::TopicHtml: return "topic HTML";
    case Format::TopicJats: return "JATS XML";
    case Format::PubmedXml: return "PubMed XML";
    case Format::Medline: return "MEDLINE";
    case Format::Ris: return "RIS";
    case Format::Bibtex: return "BibTeX";
    case Format::Unknown: return "unknown";
  }
  return "unknown";
}

namespace {

bool contains_ci(std::string_view haystack, std::string_view needle) {
  return ascii_lower(haystack).find(needle) != std::string::npos;
}

// The first line that holds more than white space.
std::string_view first_content_line(std::string_view s) {
  while (!s.empty()) {
    std::size_t nl = s.find('\n');
    std::string_view line = trim(s.substr(0, nl));
    if (!line.empty()) return line;
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return {};
}

}  // namespace

Format detect_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // UTF-8 byte order mark
  std::string_view line = first_content_line(head);
  if (line.empty()) return Format::Unknown;
  if (line.front() == '<') {
    if (contains_ci(head, "<pubmedarticleset") || contains_ci(head, "<pubmedarticle>") ||
        contains_ci(head, "<pubmedbookarticle"))
      return Format::PubmedXml;
    if (contains_ci(head, "<article") && (contains_ci(head, "jats") || contains_ci(head, "<front>")))
      return Format::TopicJats;
    if (contains_ci(head, "<html") || contains_ci(head, "<!doctype html")) return Format::TopicHtml;
    return Format::Unknown;
  }
  if (line.size() >= 6 && line.substr(0, 2) == "TY" && trim(line.substr(2)).substr(0, 1) == "-")
    return Format::Ris;
  if (line.substr(0, 4) == "PMID" && trim(line.substr(4)).substr(0, 1) == "-") return Format::Medline;
  if (line.front() == '@' || line.front() == '%') {
    std::size_t brace = line.find_first_of("{(");
    if (brace != std::string_view::npos && brace > 1) return Format::Bibtex;
  }
  return Format::TopicText;
}

}  // namespace kb
