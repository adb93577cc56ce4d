#include "query/export_medline.h"

#include "kb/text.h"
#include "query/export_fields.h"

namespace kb {
namespace {

constexpr std::size_t kColumns = 80;
constexpr std::size_t kIndent = 6;  // "TI  - " and the continuation lines' six spaces

std::string source_line(const Reference& ref, std::string_view date, std::string_view issue, std::string_view pages) {
  std::string so = ref.journal;
  so += ". ";
  so += date;
  if (!ref.volume.empty() || !issue.empty()) {
    so += ';';
    so += ref.volume;
    if (!issue.empty()) {
      so += '(';
      so += issue;
      so += ')';
    }
  }
  if (!pages.empty()) {
    so += ':';
    so += pages;
  }
  so += '.';
  if (!ref.doi.empty()) {
    so += " doi: ";
    so += ref.doi;
    so += '.';
  }
  return so;
}

}  // namespace

std::string medline_field(std::string_view tag, std::string_view value) {
  std::string out(tag);
  out.resize(4, ' ');
  out += "- ";
  std::size_t column = kIndent;
  bool line_empty = true;
  for (std::string_view word : split(value, ' ')) {
    if (word.empty()) continue;
    const std::size_t width = utf8_chars(word);
    if (!line_empty && column + 1 + width > kColumns) {
      out += '\n';
      out.append(kIndent, ' ');
      column = kIndent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += width;
    line_empty = false;
  }
  out += '\n';
  return out;
}

namespace {

void record(std::string& out, const StoredReference& stored) {
  const Reference& ref = stored.ref;
  auto field = [&out](std::string_view tag, std::string_view value) {
    std::string flat(value);
    for (char& c : flat)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (!trim(flat).empty()) out += medline_field(tag, trim(flat));
  };
  std::string date = ref.year ? std::to_string(ref.year) : std::string();
  if (ref.year && !ref.month.empty()) {
    date += ' ';
    date += ref.month;
  }
  const std::string issue = issue_with_supplement(ref);
  const std::string pages = expanded_pages(ref.pages);
  field("PMID", ref.pmid);
  field("VI", ref.volume);
  field("IP", issue);
  field("DP", date);
  field("TI", ref.title);
  field("PG", pages);
  if (!ref.doi.empty()) field("LID", std::string(ref.doi).append(" [doi]"));
  for (const std::string& author : ref.authors) {
    const AuthorName name = split_author(author);
    field(name.collective ? "CN" : "AU", author);
  }
  if (ref.language != "und") field("LA", ref.language);
  field("PT", "Journal Article");
  field("TA", ref.journal);
  field("GN", provenance_note(stored));
  field("SO", source_line(ref, date, issue, pages));
}

}  // namespace

std::string export_medline(const std::vector<StoredReference>& refs) {
  std::string out;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (i) out += '\n';
    record(out, refs[i]);
  }
  return out;
}

}  // namespace kb
