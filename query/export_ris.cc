#include "query/export_ris.h"

#include "kb/text.h"
#include "query/export_fields.h"

namespace kb {
namespace {

// Appends "TAG  - VALUE" and CR LF; an empty value writes nothing (RIS has no empty field).
void tag(std::string& out, const char* name, std::string_view value) {
  if (value.empty()) return;
  out += name;
  out += "  - ";
  for (char c : value) out += (c == '\r' || c == '\n') ? ' ' : c;
  out += "\r\n";
}

std::string ris_author(const std::string& printed) {
  const AuthorName name = split_author(printed);
  if (name.collective || name.initials.empty()) return name.family;
  std::string out = name.family;
  out += ", ";
  out += dotted_initials(name, "");
  if (!name.suffix.empty()) {
    out += ", ";
    out += name.suffix;
    if (name.suffix == "Jr" || name.suffix == "Sr") out += '.';
  }
  return out;
}

// "ASCO #1006" -> "ASCO": the meeting's name, without the abstract's number.
std::string_view meeting_name(std::string_view conference) {
  return trim(conference.substr(0, conference.find('#')));
}

void record(std::string& out, const StoredReference& stored) {
  const Reference& ref = stored.ref;
  const bool abstract = !ref.conference.empty();
  tag(out, "TY", abstract ? "CONF" : "JOUR");
  for (const std::string& author : ref.authors) tag(out, "AU", ris_author(author));
  tag(out, "TI", ref.title);
  std::string date;
  if (ref.year) date = std::to_string(ref.year);
  if (const int month = month_number(ref); month) {
    date += month < 10 ? "/0" : "/";
    date += std::to_string(month);
  }
  if (abstract) {
    // The specification's conference record, as Zotero and citation-js read it: T2 the
    // meeting, C3 the proceedings (the journal supplement), DA the publication date
    // (PY there is the meeting's date). BT repeats the proceedings for readers of the
    // older specification (bibutils), which know no C3.
    tag(out, "T2", meeting_name(ref.conference));
    tag(out, "C3", ref.journal);
    tag(out, "BT", ref.journal);
    tag(out, "PY", ref.year ? std::to_string(ref.year) : std::string());
    tag(out, "DA", date);
  } else {
    // T2 is the journal for Zotero, EndNote and citation-js; JO, the specification's
    // "standard abbreviation", is what the KB holds (an NLM abbreviation), Zotero files it
    // as the journal abbreviation and bibutils takes it as the journal. Not J2, which
    // bibutils reads as a series title.
    tag(out, "T2", ref.journal);
    tag(out, "JO", ref.journal);
    tag(out, "PY", ref.year ? std::to_string(ref.year) : std::string());
    if (date.size() > 4) tag(out, "DA", date);
  }
  tag(out, "VL", ref.volume);
  tag(out, "IS", issue_with_supplement(ref));
  const PageRange pages = split_pages(ref.pages);
  tag(out, "SP", pages.first);
  tag(out, "EP", pages.last);
  tag(out, "DO", ref.doi);
  tag(out, "AN", ref.pmid);
  if (ref.language != "und") tag(out, "LA", ref.language);
  tag(out, "N1", provenance_note(stored));
  out += "ER  - \r\n";
}

}  // namespace

std::string export_ris(const std::vector<StoredReference>& refs) {
  std::string out;
  for (std::size_t i = 0; i < refs.size(); ++i) {
    if (i) out += "\r\n";
    record(out, refs[i]);
  }
  return out;
}

}  // namespace kb
