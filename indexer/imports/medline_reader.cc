#include "indexer/imports/medline_reader.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <utility>
#include <vector>

#include "indexer/imports/author_names.h"
#include "indexer/imports/text_line_check.h"
#include "kb/identifiers.h"
#include "kb/text.h"

namespace kb {

namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_blank(std::string_view s) { return trim(s).empty(); }

// A tag line: up to four capitals or digits, padded with spaces, '-', an optional space, the
// value: "TI  - text", "PMID- 1", and the tolerated "PMID-22664220", "TI-", "PMC -22664230".
bool parse_tag(std::string_view line, std::string& tag, std::string_view& value) {
  if (line.empty() || !is_upper(line[0])) return false;
  std::size_t end = 0;
  while (end < line.size() && end < 4 && (is_upper(line[end]) || is_digit(line[end]))) ++end;
  if (end < 2) return false;
  std::size_t dash = end;
  while (dash < line.size() && dash < 4 && line[dash] == ' ') ++dash;
  if (dash >= line.size() || line[dash] != '-') return false;
  tag = std::string(line.substr(0, end));
  value = trim(line.substr(dash + 1));
  return true;
}

// The tags this reader maps; the others (AD, PHST, SO, ...) are skipped with their continuations.
bool is_mapped(std::string_view tag) {
  static const char* const kTags[] = {"PMID", "TI", "AB", "FAU", "AU", "CN", "TA", "JT", "DP",
                                      "VI",   "IP", "PG", "LA", "PT",  "MH", "AID", "LID", "OT"};
  for (const char* t : kTags)
    if (tag == t) return true;
  return false;
}

struct Field {
  std::string tag;
  std::string value;  // continuation lines joined with one space
};

// --- Structured abstracts ---------------------------------------------------------------

// A label at POS: capitals (digits, '&', '/', '-', ',', '\'', '(', ')' and single spaces
// allowed inside), then ':' and a space or the end: "BACKGROUND: ", "MATERIALS AND METHODS: ",
// "DESIGN, SETTING, AND PARTICIPANTS: ". Returns the label's length, 0 when there is none.
std::size_t label_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size() || !is_upper(text[pos])) return 0;
  std::size_t i = pos;
  int letters = 0;
  while (i < text.size() && i - pos <= 60) {
    char c = text[i];
    if (is_upper(c)) {
      ++letters;
    } else if (c == ' ') {
      if (text[i - 1] == ' ') return 0;
    } else if (c == ':') {
      break;
    } else if (!(is_digit(c) || c == '&' || c == '/' || c == '-' || c == ',' || c == '\'' || c == '(' || c == ')')) {
      return 0;
    }
    ++i;
  }
  if (i >= text.size() || text[i] != ':' || text[i - 1] == ' ' || letters < 3) return 0;
  if (i + 1 < text.size() && text[i + 1] != ' ') return 0;
  return i - pos;
}

// PubMed writes a structured abstract's parts inline: "BACKGROUND: ... METHODS: ...". It is
// split where a label starts a sentence (the text's start, or after '.', '?' or '!'), and only
// when there are at least two such labels; otherwise the abstract is one part with no label.
std::vector<AbstractSection> split_abstract(std::string_view text) {
  text = trim(text);
  std::vector<AbstractSection> sections;
  if (text.empty()) return sections;
  struct Hit {
    std::size_t start, length;
  };
  std::vector<Hit> hits;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (pos > 0) {
      if (text[pos - 1] != ' ') continue;
      std::size_t k = pos;
      while (k > 0 && text[k - 1] == ' ') --k;
      if (k == 0 || !(text[k - 1] == '.' || text[k - 1] == '?' || text[k - 1] == '!')) continue;
    }
    if (std::size_t length = label_at(text, pos)) {
      hits.push_back({pos, length});
      pos += length;
    }
  }
  if (hits.size() < 2) {
    sections.push_back({"", std::string(text)});
    return sections;
  }
  std::string_view before = trim(text.substr(0, hits[0].start));
  if (!before.empty()) sections.push_back({"", std::string(before)});
  for (std::size_t h = 0; h < hits.size(); ++h) {
    std::size_t body = hits[h].start + hits[h].length + 1;  // past the ':'
    std::size_t end = h + 1 < hits.size() ? hits[h + 1].start : text.size();
    sections.push_back({std::string(text.substr(hits[h].start, hits[h].length)),
                        std::string(trim(text.substr(std::min(body, end), end - std::min(body, end))))});
  }
  return sections;
}

// --- Other fields -----------------------------------------------------------------------

// "Breast Neoplasms/*surgery/mortality", "*Breast Neoplasms": major when any part has '*'.
MeshHeading parse_mesh(std::string_view value) {
  MeshHeading heading;
  std::vector<std::string> parts = split(value, '/');
  for (std::size_t i = 0; i < parts.size(); ++i) {
    std::string part;
    for (char c : parts[i]) {
      if (c == '*') heading.major = true;
      else part += c;
    }
    part = std::string(trim(part));
    if (i == 0) heading.descriptor = part;
    else if (!part.empty()) heading.qualifiers.push_back(part);
  }
  return heading;
}

// "2015 Dec 12" -> 2015, "Dec"; "2006" -> 2006, ""; "2013 06 10" -> 2013, "06";
// "2000 Dec-2001 Jan" -> 2000, "Dec"; "1998-1999" -> 1998.
void parse_date(std::string_view value, ImportRecord& record) {
  value = trim(value);
  if (value.size() >= 4 && is_digit(value[0]) && is_digit(value[1]) && is_digit(value[2]) && is_digit(value[3]) &&
      (value.size() == 4 || !is_digit(value[4])))
    record.year = std::stoi(std::string(value.substr(0, 4)));
  else
    return;
  std::size_t space = value.find(' ');
  if (space == std::string_view::npos) return;
  std::string_view rest = trim(value.substr(space));
  std::size_t end = 0;
  while (end < rest.size() && rest[end] != ' ') ++end;
  std::string_view month = rest.substr(0, end);
  for (std::size_t i = 0; i + 1 < month.size(); ++i)
    if (month[i] == '-' && is_digit(month[i + 1])) {
      month = month.substr(0, i);
      break;
    }
  record.month = std::string(month);
}

// "10.1016/S1470-2045(15)00135-7 [doi]" -> the DOI; anything else -> empty.
std::string tagged_doi(std::string_view value) {
  value = trim(value);
  constexpr std::string_view kSuffix = "[doi]";
  if (value.size() <= kSuffix.size() || value.substr(value.size() - kSuffix.size()) != kSuffix) return {};
  return clean_doi(value.substr(0, value.size() - kSuffix.size()));
}

// "doi:10.1016/j.cpr.2005.02.002" or "https://doi.org/10.1016/j.cpr.2005.02.002" (a
// hand-written AID: a DOI with a label or resolver prefix, see clean_doi) -> the DOI;
// anything else, a bare "[pii]" id among them, -> empty.
std::string prefixed_doi(std::string_view value) {
  value = trim(value);
  const std::string doi = clean_doi(value);
  if (doi.size() == value.size()) return {};  // nothing written around it
  return starts_with_ci(doi, "10.") ? doi : std::string();
}

ImportRecord build_record(const std::string& path, int line, const std::vector<Field>& fields) {
  ImportRecord record;
  record.source_path = path;
  record.source_line = line;
  record.format = "medline";

  // Authors: each FAU is paired with the AU right after it. AU is used as written ("Saqi MA");
  // an FAU with no AU gives the name through author_from_written ("Selvamani"); CN (a group)
  // is an author of its own, in file order.
  struct Slot {
    std::string fau, au;
    bool group = false;
  };
  std::vector<Slot> slots;
  std::string title, abstract, doi_aid, doi_lid, doi_prefixed;
  bool have_date = false;
  for (const Field& f : fields) {
    const std::string& t = f.tag;
    const std::string& v = f.value;
    if (t == "PMID") {
      if (record.pmid.empty())
        for (char c : v) {
          if (!is_digit(c)) break;
          record.pmid += c;
        }
    } else if (t == "TI") {
      if (!v.empty()) title += (title.empty() ? "" : " ") + v;
    } else if (t == "AB") {
      if (!v.empty()) abstract += (abstract.empty() ? "" : " ") + v;
    } else if (t == "FAU") {
      if (!v.empty()) slots.push_back({v, "", false});
    } else if (t == "AU") {
      if (v.empty()) continue;
      if (!slots.empty() && !slots.back().group && !slots.back().fau.empty() && slots.back().au.empty())
        slots.back().au = v;
      else
        slots.push_back({"", v, false});
    } else if (t == "CN") {
      if (!v.empty()) slots.push_back({"", v, true});
    } else if (t == "TA") {
      if (record.journal_abbreviation.empty()) record.journal_abbreviation = v;
    } else if (t == "JT") {
      if (record.journal_title.empty()) record.journal_title = v;
    } else if (t == "DP") {
      if (!have_date && !v.empty()) {
        parse_date(v, record);
        have_date = true;
      }
    } else if (t == "VI") {
      if (record.volume.empty()) record.volume = v;
    } else if (t == "IP") {
      if (record.issue.empty()) record.issue = v;
    } else if (t == "PG") {
      if (record.pages.empty()) record.pages = v;
    } else if (t == "LA") {
      if (record.language.empty()) record.language = v;
    } else if (t == "PT") {
      if (!v.empty()) record.publication_types.push_back(v);
    } else if (t == "MH") {
      if (!v.empty()) {
        MeshHeading heading = parse_mesh(v);
        if (!heading.descriptor.empty()) record.mesh.push_back(std::move(heading));
      }
    } else if (t == "AID" || t == "LID") {
      std::string& slot = t == "AID" ? doi_aid : doi_lid;
      if (slot.empty()) slot = tagged_doi(v);
      if (doi_prefixed.empty()) doi_prefixed = prefixed_doi(v);
    } else if (t == "OT") {
      if (!v.empty()) record.keywords.push_back(v);
    }
  }
  record.title = title;
  record.abstract = split_abstract(abstract);
  for (const Slot& s : slots) {
    std::string name = !s.au.empty() ? s.au : author_from_written(s.fau);
    if (!name.empty()) record.authors.push_back(std::move(name));
  }
  record.doi = !doi_aid.empty() ? doi_aid : !doi_lid.empty() ? doi_lid : doi_prefixed;
  return record;
}

}  // namespace

Status read_medline(const std::string& path, const RecordSink& sink) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::IO(path + ": is a directory, not a MEDLINE file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IO("cannot open " + path + "; check that the MEDLINE file exists and is readable");

  std::vector<Field> fields;  // the open record's mapped fields
  int record_line = 0;        // line of the open record's first tag; 0 when no record is open
  bool has_pmid = false;      // the open record already has a PMID
  bool last_mapped = false;   // the last tag is mapped: its continuations are kept
  int records = 0;
  int first_stray = 0;  // first untagged line outside records, for the "no record" error

  auto flush = [&]() -> Status {
    if (record_line == 0) return Status::Ok();
    ImportRecord record = build_record(path, record_line, fields);
    fields.clear();
    record_line = 0;
    has_pmid = false;
    last_mapped = false;
    ++records;
    return sink(std::move(record));
  };

  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view text = line;
    if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (std::string problem = text_line_problem(text, "MEDLINE"); !problem.empty()) return Status::Parse(where + problem);

    if (is_blank(text)) {
      if (Status s = flush(); !s.ok()) return s;
      continue;
    }
    if (text[0] == ' ' || text[0] == '\t') {
      if (record_line == 0)
        return Status::Parse(where +
                             "continuation line before any tag; a MEDLINE record starts with a tag line such "
                             "as 'PMID- 12345678', and only lines inside a record may start with spaces");
      if (last_mapped) {
        std::string& value = fields.back().value;
        std::string_view more = trim(text);
        if (!value.empty()) value += ' ';
        value += more;
      }
      continue;
    }
    std::string tag;
    std::string_view value;
    if (!parse_tag(text, tag, value)) {
      if (record_line != 0)
        return Status::Parse(where + "neither a tag line ('TI  - ...') nor a continuation line starting with "
                                     "spaces; indent it if it continues the field above");
      if (first_stray == 0) first_stray = number;  // stray text between records: skipped
      continue;
    }
    // A new PMID without a blank line in between starts a new record.
    if (tag == "PMID" && has_pmid)
      if (Status s = flush(); !s.ok()) return s;
    if (record_line == 0) {
      // RIS lines have the same shape ("TY  - JOUR"); MEDLINE has no TY tag.
      if (tag == "TY")
        return Status::Parse(where + "'TY  - ' starts a RIS record, and MEDLINE has no TY tag; read the file as RIS");
      record_line = number;
    }
    if (tag == "PMID") has_pmid = true;
    last_mapped = is_mapped(tag);
    if (last_mapped) fields.push_back({tag, std::string(value)});
  }
  if (in.bad()) return Status::IO("error while reading " + path);
  if (Status s = flush(); !s.ok()) return s;
  if (records == 0)
    return Status::Parse(path + ":" + std::to_string(first_stray != 0 ? first_stray : std::max(number, 1)) +
                         ": no MEDLINE record; expected tag lines such as 'PMID- 12345678' and 'TI  - title'");
  return Status::Ok();
}

}  // namespace kb
