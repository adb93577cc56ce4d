#include "query/term_statistics.h"

#include <algorithm>

#include "kb/stemmer.h"
#include "kb/tokenizer.h"

namespace kb {

Result<std::unique_ptr<KbTermStatistics>> KbTermStatistics::open(Database& db) {
  for (const char* sql : {"CREATE VIRTUAL TABLE IF NOT EXISTS temp.sentence_terms USING fts5vocab(main, sentences_fts, row)",
                          "CREATE VIRTUAL TABLE IF NOT EXISTS temp.reference_terms USING fts5vocab(main, refs_fts, row)"})
    if (Status s = db.exec(sql); !s.ok()) return s;
  // A stem and the stems of its word family (see kFamilyPrefix) in one range scan.
  auto sentences = db.prepare("SELECT doc FROM temp.sentence_terms WHERE term >= ?1 AND term < ?2");
  if (!sentences.ok()) return sentences.status();
  auto references = db.prepare("SELECT doc FROM temp.reference_terms WHERE term >= ?1 AND term < ?2");
  if (!references.ok()) return references.status();
  // max(id) rather than count(*): a B-tree's last key, not a scan; ids are dense after a build.
  auto count = db.prepare("SELECT coalesce((SELECT max(id) FROM sentences), 0) + coalesce((SELECT max(id) FROM refs), 0)");
  if (!count.ok()) return count.status();
  double documents = 0;
  if (count->step()) documents = static_cast<double>(count->column_int(0));
  if (!count->status().ok()) return count->status();
  return std::unique_ptr<KbTermStatistics>(
      new KbTermStatistics(std::move(sentences.value()), std::move(references.value()), std::max(documents, 1.0)));
}

namespace {

// Porter leaves a word family apart ("metastas", "metastasi", "metastat"); for how specific
// a word is, the family counts: stems of at least this many letters stand for every stem
// they begin.
constexpr std::size_t kFamilyPrefix = 7;

}  // namespace

double KbTermStatistics::documents_of(const std::string& stem) const {
  if (auto it = cache_.find(stem); it != cache_.end()) return it->second;
  const bool family = stem.size() >= kFamilyPrefix;
  const std::string low = family ? stem.substr(0, kFamilyPrefix) : stem;
  std::string high = low;
  if (family) ++high.back();
  else high.push_back('\0');
  double none = 1;  // the family's stems as if independent, as for a group's terms
  for (Statement* st : {&sentences_, &references_}) {
    st->bind(1, low).bind(2, std::string_view(high.data(), high.size()));
    while (st->step()) none *= 1 - std::min(static_cast<double>(st->column_int(0)), documents_) / documents_;
    st->reset();
  }
  const double docs = (1 - none) * documents_;
  cache_[stem] = docs;
  return docs;
}

double KbTermStatistics::document_share(const std::vector<std::string>& terms) const {
  // The terms of a group as if independent: 1 - the share holding none of them. Synonyms
  // meet in the same documents more often than that, so it overstates the union a little,
  // where a sum of the counts would overstate it many times for a group of twenty terms.
  double none = 1;
  for (const std::string& term : terms) {
    double rarest = -1;
    for (const Token& t : tokenize(term)) {
      const double d = documents_of(porter_stem(t.word));
      rarest = rarest < 0 ? d : std::min(rarest, d);
    }
    if (rarest > 0) none *= 1 - std::min(rarest, documents_) / documents_;
  }
  return 1 - none;
}

}  // namespace kb
