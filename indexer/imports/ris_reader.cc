#include "indexer/imports/ris_reader.h"

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

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

// A tag line: "XX  - value", tolerating "XX - value" and "XX  -" with no trailing space.
// XX is a capital then a capital or digit ("TY", "A1", "N2").
bool parse_tag(std::string_view line, std::string& tag, std::string_view& value) {
  if (line.size() < 4 || !is_upper(line[0]) || !(is_upper(line[1]) || is_digit(line[1])) || line[2] != ' ')
    return false;
  std::size_t dash = line[3] == ' ' ? 4 : 3;
  if (dash >= line.size() || line[dash] != '-') return false;
  if (dash + 1 < line.size() && line[dash + 1] != ' ') return false;
  tag = std::string(line.substr(0, 2));
  value = dash + 1 < line.size() ? trim(line.substr(dash + 1)) : std::string_view();
  return true;
}

// What follows a quote of LINE in an error message.
std::string quoted(std::string_view line) {
  std::string_view shown = line.substr(0, 60);
  std::string out(1, '\'');  // appended, not "'" + ...: GCC 12 warns falsely (-Wrestrict) on that
  out.append(shown).append(shown.size() < line.size() ? "...'" : "'");
  return out;
}

// The tags this reader maps; the others (AD, N1, SN, UR of non-PubMed sites...) are skipped.
bool is_mapped(std::string_view tag) {
  static const char* const kTags[] = {"TI", "T1", "AU", "A1", "T2", "JO", "JF", "J2", "JA", "J1", "PY",
                                      "Y1", "DA", "VL", "IS", "SP", "EP", "AB", "N2", "DO", "AN", "DB",
                                      "DP", "C2", "C5", "UR", "L2", "L3", "M3", "LA", "KW"};
  for (const char* t : kTags)
    if (tag == t) return true;
  return false;
}

// Tags whose untagged continuation lines are further items, one a line, rather than more text
// of the same value: EndNote's multi-line KW, and author lists written the same way.
bool is_list_tag(std::string_view tag) { return tag == "KW" || tag == "AU" || tag == "A1"; }

// Tags searched for a PMID marker, "23690738[pmid]" or "PMID: 23690738" (pmid_from_text;
// PMC and PubMed exports write it in U1; other tools in M1, C1...).
bool may_hold_pmid_marker(std::string_view tag) {
  return tag == "AN" || tag[0] == 'U' || tag[0] == 'M' || tag[0] == 'C';
}

// --- Dates ------------------------------------------------------------------------------

// "10", "Oct", "October", "Jan-Feb", "Winter": a month or season as RIS writers print one.
bool is_month(std::string_view s) {
  s = trim(s);
  if (s.empty()) return false;
  if (all_digits(s)) {
    int m = std::stoi(std::string(s.substr(0, 2)));
    return s.size() <= 2 && m >= 1 && m <= 12;
  }
  std::string word = ascii_lower(s.substr(0, s.find('-')));
  static const char* const kNames[] = {"january", "february", "march",     "april",   "may",      "june",
                                       "july",    "august",   "september", "october", "november", "december",
                                       "spring",  "summer",   "fall",      "autumn",  "winter"};
  for (const char* name : kNames) {
    std::string_view full(name);
    if (word.size() >= 3 && word.size() <= full.size() && full.substr(0, word.size()) == word) return true;
  }
  return false;
}

struct RisDate {
  int year = 0;
  std::string month;
};

// "2016/01/" -> 2016, "01"; "2019/10//undefined" -> 2019, "10"; "2012///" -> 2012;
// "2019" -> 2019; EndNote's DA "Jun" and "Mar 1" -> 0, "Jun" / "Mar".
RisDate parse_date(std::string_view value) {
  RisDate date;
  value = trim(value);
  std::string_view first, second;
  if (std::size_t slash = value.find('/'); slash != std::string_view::npos) {
    first = trim(value.substr(0, slash));
    std::string_view rest = value.substr(slash + 1);
    second = trim(rest.substr(0, rest.find('/')));
  } else {
    std::size_t space = value.find(' ');
    first = value.substr(0, space);
    if (space != std::string_view::npos) {
      std::string_view rest = trim(value.substr(space));
      second = rest.substr(0, rest.find(' '));
    }
  }
  if (first.size() >= 4 && all_digits(first.substr(0, 4)) && (first.size() == 4 || !is_digit(first[4]))) {
    date.year = std::stoi(std::string(first.substr(0, 4)));
    if (is_month(second)) date.month = std::string(second);
  } else if (value.find('/') == std::string_view::npos && is_month(first)) {
    date.month = std::string(first);
  }
  return date;
}

// --- Records ----------------------------------------------------------------------------

struct Field {
  std::string tag;
  std::string value;  // continuation lines joined with one space
};

// Types whose T2 ("secondary title") is the journal; for a chapter it is the book, for a
// conference paper the proceedings.
bool t2_is_journal(std::string_view type) {
  static const char* const kTypes[] = {"JOUR", "JFULL", "EJOUR", "ABST", "INPR", "MGZN", "NEWS", "SER"};
  for (const char* t : kTypes)
    if (type == t) return true;
  return false;
}

// An abbreviated journal name, for a name that comes with no other to compare it with:
//   - ISO style, a word ending in '.' ("Powder Technol.", "Int. J. Surg. Case Rep.");
//   - NLM style, two or more words that all start with a capital, a digit or '(', with none of
//     the words only a full name has ("of", "and", "&", "Journal"...), and either a one-letter
//     word ("Eur J Gastroenterol Hepatol") or no word with a full word's ending ("-al", "-ine",
//     "-ology", "-ics"...): "Clin Pharmacokinet", "Drug Res (Stuttg)" are abbreviations;
//     "Clinical Pharmacokinetics", "Nature Medicine", "Psychology & Health", "Medicine" are not.
// Title-case full names without such endings ("Cancer Research") are taken for abbreviations.
bool looks_abbreviated(std::string_view name) {
  std::vector<std::string> words;
  for (const std::string& w : split(name, ' '))
    if (!w.empty()) words.push_back(w);
  for (const std::string& w : words)
    if (w.size() > 1 && w.back() == '.') return true;
  if (words.size() < 2) return false;
  static const char* const kFullOnly[] = {"of", "the", "and", "in", "for", "on", "&", "journal", "de", "la", "und"};
  bool one_letter = false;
  bool full_ending = false;
  for (const std::string& w : words) {
    std::string lower = ascii_lower(w);
    for (const char* f : kFullOnly)
      if (lower == f) return false;
    if (!(is_upper(w[0]) || is_digit(w[0]) || w[0] == '(')) return false;
    if (w.size() == 1 && is_upper(w[0])) one_letter = true;
    static const char* const kEndings[] = {"al", "ine", "ology", "ogy", "ics", "ion", "ity", "ism", "ing", "ery", "ive"};
    for (const char* e : kEndings) {
      std::string_view ending(e);
      if (lower.size() > ending.size() + 2 && lower.compare(lower.size() - ending.size(), ending.size(), ending) == 0)
        full_ending = true;
    }
  }
  return one_letter || !full_ending;
}

ImportRecord build_record(const std::string& path, int line, const std::string& type, const std::vector<Field>& fields,
                          const std::string& marker_pmid) {
  ImportRecord record;
  record.source_path = path;
  record.source_line = line;
  record.format = "ris";

  auto first = [&](std::string_view tag) -> std::string {
    for (const Field& f : fields)
      if (f.tag == tag && !f.value.empty()) return f.value;
    return {};
  };
  auto any_value = [&](std::string_view tag, auto&& predicate) {
    for (const Field& f : fields)
      if (f.tag == tag && predicate(f.value)) return true;
    return false;
  };

  record.title = first("TI");
  if (record.title.empty()) record.title = first("T1");

  for (const Field& f : fields) {
    if ((f.tag == "AU" || f.tag == "A1") && !f.value.empty()) {
      std::string name = author_from_written(f.value);
      if (!name.empty()) record.authors.push_back(std::move(name));
    } else if (f.tag == "KW" && !f.value.empty()) {
      record.keywords.push_back(f.value);
    }
  }

  // Journal. Writers disagree on where the journal goes:
  //   J2, JA, J1  an abbreviation (Zotero J2 "Prz Gastroenterol", SciFinder JA "Powder Technol.");
  //   JF          the full name; T2 the "secondary title", the journal for journal-like types,
  //               usually full (Zotero, Scopus) but EndNote writes PubMed's abbreviation there
  //               (T2 "Clin Pharmacokinet");
  //   JO          "full or abbreviated" (Embase: JF "World Journal of Gastroenterology",
  //               JO "World J. Gastroenterol."; also JF "Cancer", JO "Cancer").
  // Rule: the abbreviation is the first of J2, JA, J1 and the title the first of JF, T2. JO fills
  // what is missing: with an abbreviation known, the title; with a title known, the shorter of
  // the title and JO is the abbreviation and the longer the title (Embase; equal names: both);
  // alone, the abbreviation if it looks abbreviated (see looks_abbreviated), else the title.
  // A T2 that is the only name and looks abbreviated is the abbreviation, not the title.
  // Names from J2/JA/J1 and JF/T2 are never swapped by length: NLM's abbreviation can be the
  // longer ("Medicine (Baltimore)" for the journal "Medicine", Zotero's J2 and T2).
  std::string abbreviation = first("J2");
  if (abbreviation.empty()) abbreviation = first("JA");
  if (abbreviation.empty()) abbreviation = first("J1");
  std::string title = first("JF");
  bool title_from_t2 = false;
  if (title.empty() && t2_is_journal(type)) {
    title = first("T2");
    title_from_t2 = !title.empty();
  }
  if (std::string jo = first("JO"); !jo.empty()) {
    if (!abbreviation.empty()) {
      if (title.empty()) title = jo;
    } else if (!title.empty()) {
      if (jo.size() <= title.size()) {
        abbreviation = jo;
      } else {
        abbreviation = title;
        title = jo;
      }
    } else if (looks_abbreviated(jo)) {
      abbreviation = jo;
    } else {
      title = jo;
    }
    title_from_t2 = false;
  }
  if (abbreviation.empty() && title_from_t2 && looks_abbreviated(title)) {
    abbreviation = title;
    title.clear();
  }
  record.journal_abbreviation = abbreviation;
  record.journal_title = title;

  // Year and month: the first PY, Y1 and DA lines, in that order (PMC writes more PY lines,
  // "2013/02/15/received"; only the first is the publication). The year is the first found;
  // the month comes with it, else from another of these dates of the same year or with no year
  // (EndNote: PY "2011", DA "Jun").
  std::vector<RisDate> dates;
  for (std::string_view tag : {"PY", "Y1", "DA"})
    if (std::string v = first(tag); !v.empty()) dates.push_back(parse_date(v));
  for (const RisDate& d : dates)
    if (d.year != 0) {
      record.year = d.year;
      record.month = d.month;
      break;
    }
  if (record.month.empty())
    for (const RisDate& d : dates)
      if (!d.month.empty() && (d.year == 0 || record.year == 0 || d.year == record.year)) {
        record.month = d.month;
        if (record.year == 0) record.year = d.year;
        break;
      }

  record.volume = first("VL");
  record.issue = first("IS");

  // Pages: SP alone may already be a range ("349-69") or an article number ("e16881"); Ovid's
  // "No pages specified" arrives split as SP "No", EP "Specified" and means none.
  std::string sp = first("SP"), ep = first("EP");
  std::string sp_lower = ascii_lower(sp), ep_lower = ascii_lower(ep);
  bool unspecified = (sp_lower == "no" && (ep_lower == "specified" || ep.empty())) ||
                     sp_lower.rfind("no pages", 0) == 0 || ep_lower == "specified";
  if (!unspecified && !sp.empty()) {
    record.pages = sp;
    if (!ep.empty() && ep != sp && sp.find('-') == std::string::npos) record.pages += "-" + ep;
  }

  std::string abstract = first("AB");
  if (abstract.empty()) abstract = first("N2");
  if (!abstract.empty()) record.abstract.push_back({"", abstract});

  // DOI: DO; failing that a DOI address in UR, L2, L3 or M3 (SciFinder puts the DOI in M3).
  record.doi = clean_doi(first("DO"));
  if (record.doi.empty())
    for (std::string_view tag : {"UR", "L2", "L3", "M3"}) {
      for (const Field& f : fields)
        if (f.tag == tag && looks_like_doi(clean_doi(f.value))) {
          record.doi = clean_doi(f.value);
          break;
        }
      if (!record.doi.empty()) break;
    }

  // PMID, most explicit first:
  //   1. a "23690738[pmid]" or "PMID: 23690738" marker in AN, U?, M? or C? (PMC and PubMed
  //      exports: U1);
  //   2. AN when it is all digits and the record came from PubMed or MEDLINE: a DB line saying
  //      so ("PubMed", "Ovid MEDLINE(R)", "NLM") or EndNote's "DP - NLM". AN alone is not
  //      enough: CINAHL and others write their own all-digit accession numbers there;
  //   3. the database's own PubMed field: C2 in a Scopus record, C5 in an Embase record
  //      (all digits);
  //   4. a PubMed address in UR or L2.
  auto db_says = [&](std::string_view word) {
    return any_value("DB", [&](const std::string& v) { return ascii_lower(v).find(word) != std::string::npos; });
  };
  auto is_nlm = [](const std::string& v) { return ascii_lower(trim(v)) == "nlm"; };
  bool from_pubmed = db_says("pubmed") || db_says("medline") || any_value("DB", is_nlm) || any_value("DP", is_nlm);
  std::string an = first("AN");
  if (!marker_pmid.empty()) record.pmid = marker_pmid;
  else if (all_digits(an) && from_pubmed) record.pmid = an;
  else if (std::string c2 = first("C2"); all_digits(c2) && db_says("scopus")) record.pmid = c2;
  else if (std::string c5 = first("C5"); all_digits(c5) && db_says("embase")) record.pmid = c5;
  else
    for (const Field& f : fields)
      if ((f.tag == "UR" || f.tag == "L2") && record.pmid.empty()) record.pmid = pmid_from_url(f.value);

  record.language = first("LA");
  // RIS has no PubMed publication types (M3 and the like are the database's own words), so
  // publication_types stays empty, as do mesh (KW mixes MeSH and author keywords).
  return record;
}

}  // namespace

Status read_ris(const std::string& path, const RecordSink& sink) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return Status::IO(path + ": is a directory, not a RIS file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IO("cannot open " + path + "; check that the RIS file exists and is readable");

  int record_line = 0;  // the open record's TY line; 0 outside records
  std::string type;
  std::vector<Field> fields;  // the open record's mapped fields
  std::string last_tag;       // the open record's last tag; empty right after TY
  std::string marker_pmid;
  int records = 0;

  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::string_view text = line;
    if (number == 1 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    const std::string where = path + ":" + std::to_string(number) + ": ";
    if (std::string problem = text_line_problem(text, "RIS"); !problem.empty()) return Status::Parse(where + problem);
    if (trim(text).empty()) continue;

    std::string tag;
    std::string_view value;
    bool tagged = parse_tag(text, tag, value);

    if (record_line == 0) {
      if (tagged && tag == "TY") {
        record_line = number;
        type = std::string(value);
        continue;
      }
      if (records == 0 && (starts_with_ci(text, "Provider:") || starts_with_ci(text, "Database:") ||
                           starts_with_ci(text, "Content:")))
        continue;  // a publisher's header before the first record
      return Status::Parse(where + "expected 'TY  - ' to start a" + (records == 0 ? "" : " new") + " record, found " +
                           quoted(text) + (records == 0 ? "; is this a RIS file?" : ""));
    }

    if (!tagged) {
      if (last_tag.empty())
        return Status::Parse(where + "untagged line " + quoted(text) +
                             " right after 'TY  - '; each field of a record starts with a tag such as 'TI  - '");
      if (may_hold_pmid_marker(last_tag) && marker_pmid.empty()) marker_pmid = pmid_from_text(text);
      if (!is_mapped(last_tag)) continue;
      std::string_view more = trim(text);
      if (is_list_tag(last_tag) || fields.empty() || fields.back().tag != last_tag) {
        fields.push_back({last_tag, std::string(more)});
      } else {
        std::string& v = fields.back().value;
        if (!v.empty()) v += ' ';
        v += more;
      }
      continue;
    }
    if (tag == "TY")
      return Status::Parse(path + ":" + std::to_string(record_line) + ": record starting at line " +
                           std::to_string(record_line) + " has no ER line; another 'TY  - ' follows at line " +
                           std::to_string(number) + "; end each record with 'ER  - '");
    if (tag == "ER") {
      ImportRecord record = build_record(path, record_line, type, fields, marker_pmid);
      record_line = 0;
      fields.clear();
      last_tag.clear();
      marker_pmid.clear();
      ++records;
      if (Status s = sink(std::move(record)); !s.ok()) return s;
      continue;
    }
    last_tag = tag;
    if (may_hold_pmid_marker(tag) && marker_pmid.empty()) marker_pmid = pmid_from_text(value);
    if (is_mapped(tag)) fields.push_back({tag, std::string(value)});
  }
  if (in.bad()) return Status::IO("error while reading " + path);
  if (record_line != 0)
    return Status::Parse(path + ":" + std::to_string(record_line) + ": record starting at line " +
                         std::to_string(record_line) + " has no ER line; end each record with 'ER  - '");
  if (records == 0)
    return Status::Parse(path + ":" + std::to_string(std::max(number, 1)) +
                         ": no RIS record; a RIS file holds records that start with 'TY  - ' and end with 'ER  - '");
  return Status::Ok();
}

}  // namespace kb
