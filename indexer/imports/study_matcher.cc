#include "indexer/imports/study_matcher.h"

#include <cstdlib>

#include "kb/identifiers.h"
#include "kb/study_key.h"
#include "kb/title_similarity.h"

namespace kb {

Result<StudyMatcher> StudyMatcher::prepare(Database& db) {
  StudyMatcher m;
  const std::pair<Statement*, const char*> preps[] = {
      {&m.by_pmid_, "SELECT id FROM studies WHERE pmid = ?"},
      {&m.by_doi_, "SELECT id FROM studies WHERE doi = ?"},
      {&m.by_page_, "SELECT id, journal_key, year FROM studies WHERE first_page = ? AND volume = ?"},
      // Years one apart still match (print and electronic dates); an unknown year matches any.
      {&m.by_author_,
       "SELECT id, title, year FROM studies WHERE first_author_key = ?1"
       " AND (?2 = 0 OR year IS NULL OR year BETWEEN ?2 - 1 AND ?2 + 1)"},
  };
  for (auto [target, sql] : preps) {
    auto st = db.prepare(sql);
    if (!st.ok()) return st.status();
    *target = std::move(st.value());
  }
  return m;
}

namespace {

// The id ST finds for KEY, if any.
Result<std::optional<std::int64_t>> find_id(Statement& st, const std::string& key) {
  std::optional<std::int64_t> id;
  if (key.empty()) return id;
  st.bind(1, key);
  if (st.step()) id = st.column_int(0);
  Status s = st.status();
  st.reset();
  if (!s.ok()) return s;
  return id;
}

bool years_agree(std::int64_t a, int b) { return a == 0 || b == 0 || std::llabs(a - b) <= 1; }

}  // namespace

Result<std::optional<StudyMatch>> StudyMatcher::match(const ImportRecord& record) {
  using Found = std::optional<StudyMatch>;
  auto pmid = find_id(by_pmid_, record.pmid);
  if (!pmid.ok()) return pmid.status();
  if (*pmid) return Found(StudyMatch{**pmid, "pmid", 1.0, "PMID " + record.pmid});
  const std::string doi = normalized_doi(record.doi);
  auto by_doi = find_id(by_doi_, doi);
  if (!by_doi.ok()) return by_doi.status();
  if (*by_doi) return Found(StudyMatch{**by_doi, "doi", 1.0, "DOI " + doi});

  // Journal, year, volume and first page: a citation, as printed in a reference list.
  const std::string page = first_page(record.pages);
  if (!page.empty() && !record.volume.empty()) {
    const std::string abbreviation_key = journal_key(record.journal_abbreviation);
    const std::string title_key = journal_key(record.journal_title);
    by_page_.bind(1, page).bind(2, record.volume);
    Found found;
    while (!found && by_page_.step()) {
      const std::string key = by_page_.column_text(1);
      const std::int64_t year = by_page_.column_is_null(2) ? 0 : by_page_.column_int(2);
      bool same_journal = !key.empty() && (key == abbreviation_key || key == title_key);
      if (same_journal && years_agree(year, record.year)) {
        const std::string journal = record.journal_abbreviation.empty() ? record.journal_title : record.journal_abbreviation;
        found = StudyMatch{by_page_.column_int(0), "journal_volume_page", 1.0,
                           journal + " " + std::to_string(record.year) + ";" + record.volume + ":" + page};
      }
    }
    Status s = by_page_.status();
    by_page_.reset();
    if (!s.ok()) return s;
    if (found) return found;
  }

  // First author and title words.
  if (!record.authors.empty() && !record.title.empty()) {
    by_author_.bind(1, author_key(record.authors.front())).bind(2, record.year);
    Found best;
    const std::set<std::string> words = title_words(record.title);
    while (by_author_.step()) {
      const std::int64_t year = by_author_.column_is_null(2) ? 0 : by_author_.column_int(2);
      if (!years_agree(year, record.year)) continue;
      double similarity = title_similarity(words, by_author_.column_text(1));
      if (similarity >= kTitleMatchThreshold && (!best || similarity > best->confidence))
        best = StudyMatch{by_author_.column_int(0), "author_title", similarity,
                          "first author " + record.authors.front() + ", title words " +
                              std::to_string(static_cast<int>(similarity * 100 + 0.5)) + "% alike"};
    }
    Status s = by_author_.status();
    by_author_.reset();
    if (!s.ok()) return s;
    if (best) return best;
  }
  return Found();
}

}  // namespace kb
