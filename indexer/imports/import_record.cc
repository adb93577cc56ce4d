#include "indexer/imports/import_record.h"

namespace kb {

Reference reference_from_record(const ImportRecord& record) {
  Reference ref;
  ref.authors = record.authors;
  ref.title = record.title;
  ref.journal = !record.journal_abbreviation.empty() ? record.journal_abbreviation : record.journal_title;
  ref.year = record.year;
  ref.month = record.month;
  ref.volume = record.volume;
  ref.issue = record.issue;
  ref.pages = record.pages;
  ref.doi = record.doi;
  ref.pmid = record.pmid;
  if (!record.language.empty()) ref.language = record.language;
  // A printed citation, so that a record reads like a reference wherever raw is shown.
  std::string raw;
  for (std::size_t i = 0; i < record.authors.size() && i < 3; ++i) raw.append(i ? ", " : "").append(record.authors[i]);
  if (record.authors.size() > 3) raw += ", et al";
  if (!raw.empty()) raw += ". ";
  raw += record.title;
  if (!raw.empty() && raw.back() != '.') raw += '.';
  if (!ref.journal.empty()) raw.append(" ").append(ref.journal);
  if (record.year > 0) raw.append(" ").append(std::to_string(record.year));
  if (!record.volume.empty()) raw.append("; ").append(record.volume);
  if (!record.issue.empty()) raw.append("(").append(record.issue).append(")");
  if (!record.pages.empty()) raw.append(":").append(record.pages);
  if (!raw.empty() && raw.back() != '.') raw += '.';
  ref.raw = raw;
  return ref;
}

std::string abstract_text(const ImportRecord& record) {
  std::string out;
  for (const AbstractSection& s : record.abstract) {
    if (!out.empty()) out += ' ';
    if (!s.label.empty()) out += s.label + ": ";
    out += s.text;
  }
  return out;
}

}  // namespace kb
