#include "indexer/formats/format_registry.h"

#include "indexer/formats/topic_html.h"
#include "indexer/formats/topic_jats.h"

#include <array>

#include "indexer/formats/topic_text.h"
#include "indexer/imports/bibtex_reader.h"
#include "indexer/imports/medline_reader.h"
#include "indexer/imports/pubmed_xml_reader.h"
#include "indexer/imports/ris_reader.h"
#include "kb/text.h"

namespace kb {
namespace {

bool has(const FileHead& h, std::string_view lower_name) { return h.lower.find(lower_name) != std::string::npos; }

// A tag line "XX  - " of the tagged formats: TAG, then (after any spaces) '-'.
bool starts_with_tag(std::string_view line, std::string_view tag) {
  return line.substr(0, tag.size()) == tag && trim(line.substr(tag.size())).substr(0, 1) == "-";
}

bool looks_like_pubmed_xml(const FileHead& h) {
  return h.markup && (has(h, "<pubmedarticleset") || has(h, "<pubmedarticle>") || has(h, "<pubmedbookarticle"));
}
bool looks_like_jats(const FileHead& h) { return h.markup && has(h, "<article") && (has(h, "jats") || has(h, "<front>")); }
bool looks_like_html(const FileHead& h) { return h.markup && (has(h, "<html") || has(h, "<!doctype html")); }
bool looks_like_medline(const FileHead& h) { return starts_with_tag(h.first_line, "PMID"); }
bool looks_like_ris(const FileHead& h) { return h.first_line.size() >= 6 && starts_with_tag(h.first_line, "TY"); }
bool looks_like_bibtex(const FileHead& h) {
  const std::string_view line = h.first_line;
  if (line.front() != '@' && line.front() != '%') return false;
  const std::size_t brace = line.find_first_of("{(");
  return brace != std::string_view::npos && brace > 1;
}
bool looks_like_text(const FileHead& h) { return !h.markup; }

using K = FormatKind;

// In the order detection tries them; see all_formats().
constexpr std::array<FormatInfo, 7> kFormats = {{
    {Format::PubmedXml, K::Import, "PubMed XML", "pubmed_xml", "PubmedArticleSet", "", looks_like_pubmed_xml,
     nullptr, read_pubmed_xml},
    // Being written: until its reader is here, a JATS or HTML topic is refused (load_topic).
    {Format::TopicJats, K::Topic, "JATS XML", "jats", "<article> with <front>", "", looks_like_jats, parse_jats_topic, nullptr},
    {Format::TopicHtml, K::Topic, "topic HTML", "html", "<html>", "", looks_like_html, parse_html_topic, nullptr},
    {Format::Medline, K::Import, "MEDLINE", "medline", "PMID- ", ".nbib", looks_like_medline, nullptr, read_medline},
    {Format::Ris, K::Import, "RIS", "ris", "TY  - ", "", looks_like_ris, nullptr, read_ris},
    {Format::Bibtex, K::Import, "BibTeX", "bibtex", "@article{", "", looks_like_bibtex, nullptr, read_bibtex},
    {Format::TopicText, K::Topic, "topic text", "text", "", "", looks_like_text, parse_text_topic, nullptr},
}};

}  // namespace

std::span<const FormatInfo> all_formats() { return kFormats; }

const FormatInfo& format_info(Format format) {
  for (const FormatInfo& f : kFormats)
    if (f.format == format) return f;
  return kFormats.back();  // Format::Unknown: excluded by the contract
}

std::string format_list(FormatKind kind, FormatNotes notes) {
  std::vector<std::string> names;
  for (const FormatInfo& f : kFormats) {
    if (f.kind != kind) continue;
    std::string name = f.name;
    const std::string_view note = notes == FormatNotes::Signs ? f.sign : notes == FormatNotes::HelpNotes ? f.help_note : "";
    if (!note.empty()) name.append(" (").append(note).append(")");
    names.push_back(std::move(name));
  }
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace kb
