#include "indexer/kb_writer.h"

#include <ctime>
#include <map>
#include <optional>
#include <tuple>

#include "kb/design.h"
#include "kb/schema.h"
#include "kb/identifiers.h"
#include "kb/relevance/profile_store.h"
#include "kb/study_key.h"
#include "kb/text.h"

namespace kb {

TopicCounts& TopicCounts::operator+=(const TopicCounts& o) {
  paragraphs += o.paragraphs;
  sentences += o.sentences;
  references += o.references;
  markers += o.markers;
  citations += o.citations;
  cross_references += o.cross_references;
  recommendations += o.recommendations;
  evidence_links += o.evidence_links;
  notes += o.notes;
  return *this;
}

struct KbWriter::Statements {
  Statement topic, contributor, section, paragraph, sentence, reference, citation, cross_reference, note;
  Statement journal_find, journal_add, author_find, author_add, reference_author;
  Statement study_by_pmid, study_by_doi, study_by_key, study_add, study_fill;
  Statement recommendation, topic_concept, recommendation_part, recommendation_sentence, evidence_link, synonym;
  Statement abbreviation, topic_remove, source_path;
  std::optional<ProfileWriter> profiles;
};

namespace {

// Binds TEXT, or NULL when it is empty (an absent fact, not an empty one).
void bind_optional(Statement& st, int index, const std::string& text) {
  if (text.empty()) st.bind_null(index);
  else st.bind(index, text);
}

}  // namespace

KbWriter::KbWriter(std::unique_ptr<Database> db, std::unique_ptr<Statements> statements)
    : db_(std::move(db)), st_(std::move(statements)) {}

KbWriter::~KbWriter() = default;

Result<std::unique_ptr<KbWriter>> KbWriter::create(const std::string& path) {
  auto db = Database::open(path, Database::Mode::ReadWriteCreate);
  if (!db.ok()) return db.status();
  return start(std::move(db.value()), true);
}

Result<std::unique_ptr<KbWriter>> KbWriter::update(const std::string& path) {
  auto db = Database::open(path, Database::Mode::ReadWriteCreate);
  if (!db.ok()) return db.status();
  return start(std::move(db.value()), false);
}

Result<std::unique_ptr<KbWriter>> KbWriter::start(std::unique_ptr<Database> database, bool fresh) {
  Database& d = *database;
  // The file is temporary until renamed into place, so a rollback journal buys nothing:
  // a failed build deletes the file instead. The page cache is capped (16 MiB) so that
  // memory stays flat however large the corpus; FTS5 flushes its own buffers.
  for (const char* pragma : {"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF", "PRAGMA cache_size = -16384"}) {
    if (Status s = d.exec(pragma); !s.ok()) return s;
  }
  if (fresh) {
    if (Status s = d.exec("PRAGMA page_size = 8192"); !s.ok()) return s;
    // A new KB is checked whole before its commit (finish), which costs a fraction of a
    // lookup of every parent key per inserted row.
    if (Status s = d.exec("PRAGMA foreign_keys = OFF"); !s.ok()) return s;
  }
  if (Status s = d.exec("BEGIN"); !s.ok()) return s;
  std::vector<std::string> fts_insert_triggers;
  if (fresh) {
    if (Status s = d.exec(kSchemaSql); !s.ok()) return s;
    // A KB written whole fills its full-text indexes once at the end ('rebuild'), cheaper in
    // time and memory than row by row; the insert triggers come back before the commit.
    auto triggers = set_triggers_aside(d, "%\\_fts\\_insert");
    if (!triggers.ok()) return triggers.status();
    fts_insert_triggers = std::move(triggers.value());
    auto meta = d.prepare("INSERT INTO kb_meta(key, value) VALUES (?, ?)");
    if (!meta.ok()) return meta.status();
    const std::map<std::string, std::string> facts = {
        {"schema_version", std::to_string(kSchemaVersion)},
        {"tool_version", KB_VERSION},
        {"sqlite_version", sqlite3_libversion()},
        {"built_at", utc_now("%Y-%m-%dT%H:%M:%SZ")},
    };
    for (const auto& [key, value] : facts)
      if (Status s = meta->bind(1, key).bind(2, value).run(); !s.ok()) return s;
  }

  auto st = std::make_unique<Statements>();
  struct Prep {
    Statement* target;
    const char* sql;
  };
  const Prep preps[] = {
      {&st->topic,
       "INSERT INTO topics(slug, title, source_path, source_format, publisher, copyright,"
       " review_current_through, last_updated, truncated, content_hash, links_hash)"
       " VALUES (?,?,?,?,?,?,?,?,?,?,?)"},
      {&st->abbreviation,
       "INSERT INTO topic_abbreviations(topic_id, position, short_form, long_form) VALUES (?,?,?,?)"},
      // Every row of the topic goes with it (ON DELETE CASCADE), the full-text entries too (triggers).
      {&st->topic_remove, "DELETE FROM topics WHERE id = ?"},
      {&st->source_path, "UPDATE topics SET source_path = ? WHERE id = ?"},
      {&st->contributor,
       "INSERT INTO contributors(topic_id, position, name, credentials, role) VALUES (?,?,?,?,?)"},
      {&st->section, "INSERT INTO sections(topic_id, position, heading) VALUES (?,?,?)"},
      {&st->paragraph,
       "INSERT INTO paragraphs(topic_id, section_id, position, source_line, text) VALUES (?,?,?,?,?)"},
      {&st->sentence,
       "INSERT INTO sentences(paragraph_id, position, start_char, end_char, text) VALUES (?,?,?,?,?)"},
      {&st->reference,
       "INSERT INTO refs(topic_id, number, source_line, raw, authors, et_al, title, translated_from, language,"
       " journal_id, journal, year, month, volume, issue, supplement, pages, conference, doi, pmid,"
       " uncertain_fields, design, design_reason, level, grade_start, study_id)"
       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
      {&st->journal_find, "SELECT id FROM journals WHERE abbreviation = ?"},
      {&st->journal_add, "INSERT INTO journals(abbreviation, search_key) VALUES (?, ?)"},
      {&st->author_find, "SELECT id FROM authors WHERE name = ?"},
      {&st->author_add, "INSERT INTO authors(name, search_key) VALUES (?, ?)"},
      {&st->study_by_pmid, "SELECT id FROM studies WHERE pmid = ?"},
      {&st->study_by_doi, "SELECT id FROM studies WHERE doi = ?"},
      {&st->study_by_key, "SELECT id FROM studies WHERE citation_key = ?"},
      {&st->study_add,
       "INSERT INTO studies(citation_key, pmid, doi, title, first_author, journal, year, design, authors, volume,"
       " issue, pages, language, design_reason, level, first_author_key, journal_key, first_page, month)"
       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"},
      // A study found by one identifier learns the others it lacked.
      {&st->study_fill,
       "UPDATE OR IGNORE studies SET pmid = coalesce(pmid, ?2), doi = coalesce(doi, ?3),"
       " citation_key = coalesce(citation_key, ?4) WHERE id = ?1"},
      {&st->reference_author,
       "INSERT INTO reference_authors(reference_id, author_id, position, is_last) VALUES (?,?,?,?)"},
      {&st->recommendation,
       "INSERT INTO recommendations(topic_id, label, sentence_id, text, action, direction, cue, grade, rationale,"
       " parent_id, inference_best) VALUES (?,?,?,?,?,?,?,?,?,?,?)"},
      {&st->topic_concept, "INSERT INTO topic_concepts(topic_id, term, share) VALUES (?,?,?)"},
      {&st->recommendation_part,
       "INSERT INTO recommendation_parts(recommendation_id, kind, position, text) VALUES (?,?,?,?)"},
      {&st->recommendation_sentence,
       "INSERT OR IGNORE INTO recommendation_sentences(recommendation_id, sentence_id, role) VALUES (?,?,?)"},
      {&st->evidence_link,
       "INSERT OR IGNORE INTO evidence_links(recommendation_id, reference_id, link, stance, score, basis)"
       " VALUES (?,?,?,?,?,?)"},
      {&st->synonym, "INSERT INTO synonyms(group_id, position, term) VALUES (?, ?, ?)"},
      {&st->citation,
       "INSERT OR IGNORE INTO citations(sentence_id, reference_id, marker, start_char, end_char)"
       " VALUES (?,?,?,?,?)"},
      {&st->cross_reference,
       "INSERT INTO cross_references(sentence_id, target_title, target_section) VALUES (?,?,?)"},
      {&st->note, "INSERT INTO parse_notes(topic_id, source_line, message) VALUES (?,?,?)"},
  };
  for (const Prep& p : preps) {
    auto prepared = d.prepare(p.sql);
    if (!prepared.ok()) return prepared.status();
    *p.target = std::move(prepared.value());
  }
  auto profiles = ProfileWriter::prepare(d);
  if (!profiles.ok()) return profiles.status();
  st->profiles.emplace(std::move(profiles.value()));
  auto writer = std::unique_ptr<KbWriter>(new KbWriter(std::move(database), std::move(st)));
  writer->fts_insert_triggers_ = std::move(fts_insert_triggers);
  writer->foreign_keys_unchecked_ = fresh;
  return writer;
}

Status KbWriter::write_synonyms(const SynonymGroups& groups) {
  if (Status s = db_->exec("DELETE FROM synonyms"); !s.ok()) return s;
  for (std::size_t g = 0; g < groups.size(); ++g)
    for (std::size_t t = 0; t < groups[g].size(); ++t) {
      st_->synonym.bind(1, static_cast<std::int64_t>(g + 1)).bind(2, static_cast<std::int64_t>(t + 1)).bind(3, groups[g][t]);
      if (Status s = st_->synonym.run(); !s.ok()) return s;
    }
  return Status::Ok();
}

// The id of the row whose unique NAME FIND looks up, adding it with ADD (NAME, KEY) if new.
Result<std::int64_t> KbWriter::find_or_add(Statement& find, Statement& add, const std::string& name) {
  find.bind(1, name);
  if (find.step()) {
    std::int64_t id = find.column_int(0);
    find.reset();
    return id;
  }
  Status s = find.status();
  find.reset();
  if (!s.ok()) return s;
  add.bind(1, name).bind(2, ascii_lower(fold_diacritics(name)));
  if (Status added = add.run(); !added.ok()) return added;
  return db_->last_insert_id();
}

namespace {

// The row id FIND returns for KEY, if any.
Result<std::optional<std::int64_t>> lookup(Statement& find, const std::string& key) {
  if (key.empty()) return std::optional<std::int64_t>{};
  find.bind(1, key);
  std::optional<std::int64_t> id;
  if (find.step()) id = find.column_int(0);
  Status s = find.status();
  find.reset();
  if (!s.ok()) return s;
  return id;
}

}  // namespace

Result<std::int64_t> KbWriter::resolve_study(const Reference& ref) {
  Statements& st = *st_;
  const std::string doi = normalized_doi(ref.doi);
  const std::string key = citation_key(ref);
  std::optional<std::int64_t> id;
  for (auto [find, value] : {std::pair{&st.study_by_pmid, &ref.pmid}, std::pair{&st.study_by_doi, &doi},
                             std::pair{&st.study_by_key, &key}}) {
    auto found = lookup(*find, *value);
    if (!found.ok()) return found.status();
    if (*found) {
      id = *found;
      break;
    }
  }
  auto bind_or_null = [](Statement& s, int i, const std::string& v) {
    if (v.empty()) s.bind_null(i);
    else s.bind(i, v);
  };
  if (id) {
    st.study_fill.bind(1, *id);
    bind_or_null(st.study_fill, 2, ref.pmid);
    bind_or_null(st.study_fill, 3, doi);
    bind_or_null(st.study_fill, 4, key);
    if (Status s = st.study_fill.run(); !s.ok()) return s;
    return *id;
  }
  Statement& add = st.study_add;
  bind_or_null(add, 1, key);
  bind_or_null(add, 2, ref.pmid);
  bind_or_null(add, 3, doi);
  add.bind(4, ref.title).bind(5, ref.authors.empty() ? std::string() : ref.authors.front()).bind(6, ref.journal);
  if (ref.year > 0) add.bind(7, ref.year);
  else add.bind_null(7);
  add.bind(8, std::string_view(to_string(ref.design))).bind(9, join(ref.authors, ", ")).bind(10, ref.volume)
      .bind(11, ref.issue).bind(12, ref.pages).bind(13, ref.language).bind(14, ref.design_reason).bind(15, ref.level)
      .bind(16, ref.authors.empty() ? std::string() : author_key(ref.authors.front()))
      .bind(17, journal_key(ref.journal)).bind(18, first_page(ref.pages)).bind(19, ref.month);
  if (Status s = add.run(); !s.ok()) return s;
  return db_->last_insert_id();
}

Result<std::int64_t> KbWriter::write_reference(std::int64_t topic_id, const ReferenceEntry& entry, const Reference& ref) {
  Statements& st = *st_;
  std::optional<std::int64_t> journal_id;
  if (!ref.journal.empty()) {
    auto id = find_or_add(st.journal_find, st.journal_add, ref.journal);
    if (!id.ok()) return id.status();
    journal_id = *id;
  }
  auto study_id = resolve_study(ref);
  if (!study_id.ok()) return study_id.status();
  std::string authors, uncertain;
  for (const std::string& a : ref.authors) authors += (authors.empty() ? "" : ", ") + a;
  for (const std::string& f : ref.uncertain_fields) uncertain += (uncertain.empty() ? "" : ",") + f;
  Statement& r = st.reference;
  r.bind(1, topic_id).bind(2, entry.number).bind(3, entry.line).bind(4, entry.raw).bind(5, authors)
      .bind(6, ref.et_al ? 1 : 0).bind(7, ref.title).bind(8, ref.translated_from).bind(9, ref.language);
  if (journal_id) r.bind(10, *journal_id);
  else r.bind_null(10);
  r.bind(11, ref.journal);
  if (ref.year > 0) r.bind(12, ref.year);
  else r.bind_null(12);
  r.bind(13, ref.month).bind(14, ref.volume).bind(15, ref.issue).bind(16, ref.supplement).bind(17, ref.pages)
      .bind(18, ref.conference).bind(19, ref.doi).bind(20, ref.pmid).bind(21, uncertain)
      .bind(22, std::string_view(to_string(ref.design))).bind(23, ref.design_reason).bind(24, ref.level)
      .bind(25, ref.grade_start).bind(26, *study_id);
  if (Status s = r.run(); !s.ok()) return s;
  const std::int64_t reference_id = db_->last_insert_id();
  for (std::size_t i = 0; i < ref.authors.size(); ++i) {
    auto author_id = find_or_add(st.author_find, st.author_add, ref.authors[i]);
    if (!author_id.ok()) return author_id.status();
    bool is_last = i + 1 == ref.authors.size() && !ref.et_al;
    st.reference_author.bind(1, reference_id).bind(2, *author_id).bind(3, static_cast<int>(i) + 1).bind(4, is_last ? 1 : 0);
    if (Status s = st.reference_author.run(); !s.ok()) return s;
  }
  return reference_id;
}

Status KbWriter::remove_topic(std::int64_t topic_id) { return st_->topic_remove.bind(1, topic_id).run(); }

Status KbWriter::remove_unused_names() {
  if (Status s = db_->exec("DELETE FROM authors WHERE NOT EXISTS"
                           " (SELECT 1 FROM reference_authors ra WHERE ra.author_id = authors.id)");
      !s.ok())
    return s;
  return db_->exec("DELETE FROM journals WHERE title IS NULL AND NOT EXISTS"
                   " (SELECT 1 FROM refs WHERE refs.journal_id = journals.id)");
}

Status KbWriter::set_source_path(std::int64_t topic_id, const std::string& path) {
  return st_->source_path.bind(1, path).bind(2, topic_id).run();
}

Result<TopicCounts> KbWriter::write_topic(const AnalysedTopic& analysed, const std::vector<Abbreviation>& abbreviations) {
  const Topic& topic = analysed.topic;
  TopicCounts counts;
  Statements& st = *st_;
  st.topic.bind(1, topic.slug).bind(2, topic.title).bind(3, topic.source_path).bind(4, topic.source_format);
  bind_optional(st.topic, 5, topic.publisher);
  bind_optional(st.topic, 6, topic.copyright);
  bind_optional(st.topic, 7, topic.review_current_through);
  bind_optional(st.topic, 8, topic.last_updated);
  st.topic.bind(9, topic.truncated ? 1 : 0).bind(10, topic.content_hash).bind(11, topic.links_hash);
  if (Status s = st.topic.run(); !s.ok()) return s;
  const std::int64_t topic_id = db_->last_insert_id();
  last_topic_id_ = topic_id;
  for (std::size_t i = 0; i < abbreviations.size(); ++i) {
    st.abbreviation.bind(1, topic_id).bind(2, static_cast<int>(i) + 1).bind(3, abbreviations[i].short_form)
        .bind(4, abbreviations[i].long_form);
    if (Status s = st.abbreviation.run(); !s.ok()) return s;
  }

  int position = 0;
  for (const Contributor& c : topic.contributors) {
    st.contributor.bind(1, topic_id).bind(2, ++position).bind(3, c.name).bind(4, c.credentials)
        .bind(5, std::string_view(to_string(c.role)));
    if (Status s = st.contributor.run(); !s.ok()) return s;
  }

  std::map<int, std::int64_t> reference_ids;
  for (std::size_t i = 0; i < topic.references.size(); ++i) {
    auto reference_id = write_reference(topic_id, topic.references[i], analysed.references[i]);
    if (!reference_id.ok()) return reference_id.status();
    reference_ids[topic.references[i].number] = *reference_id;
    ++counts.references;
  }
  std::map<std::tuple<int, int, int>, std::int64_t> sentence_ids;

  int section_position = 0;
  int paragraph_position = 0;
  int section_index = -1;
  for (const Section& section : topic.sections) {
    ++section_index;
    int paragraph_index = -1;
    st.section.bind(1, topic_id).bind(2, ++section_position).bind(3, section.heading);
    if (Status s = st.section.run(); !s.ok()) return s;
    const std::int64_t section_id = db_->last_insert_id();
    for (const Paragraph& paragraph : section.paragraphs) {
      ++paragraph_index;
      st.paragraph.bind(1, topic_id).bind(2, section_id).bind(3, ++paragraph_position)
          .bind(4, paragraph.line).bind(5, paragraph.text);
      if (Status s = st.paragraph.run(); !s.ok()) return s;
      const std::int64_t paragraph_id = db_->last_insert_id();
      ++counts.paragraphs;
      int sentence_position = 0;
      // Character offsets counted on from the previous sentence, not from the paragraph's
      // start each time: a paragraph of 100,000 sentences stays linear.
      std::size_t counted_bytes = 0, counted_chars = 0;
      for (const Sentence& sentence : paragraph.sentences) {
        if (sentence.begin < counted_bytes) counted_bytes = counted_chars = 0;
        counted_chars +=
            utf8_chars(std::string_view(paragraph.text).substr(counted_bytes), sentence.begin - counted_bytes);
        counted_bytes = sentence.begin;
        const auto start = static_cast<std::int64_t>(counted_chars);
        const auto end = start + static_cast<std::int64_t>(utf8_chars(sentence.text));
        st.sentence.bind(1, paragraph_id).bind(2, ++sentence_position).bind(3, start).bind(4, end)
            .bind(5, sentence.text);
        if (Status s = st.sentence.run(); !s.ok()) return s;
        const std::int64_t sentence_id = db_->last_insert_id();
        sentence_ids[{section_index, paragraph_index, sentence_position - 1}] = sentence_id;
        ++counts.sentences;
        for (const CitationMarker& marker : sentence.citations) {
          ++counts.markers;
          const auto m_start = static_cast<std::int64_t>(utf8_chars(sentence.text, marker.begin));
          const auto m_end = m_start + static_cast<std::int64_t>(utf8_chars(marker.text));
          for (int number : marker.numbers) {
            auto it = reference_ids.find(number);
            if (it == reference_ids.end()) continue;  // check_citations refused these earlier
            st.citation.bind(1, sentence_id).bind(2, it->second).bind(3, marker.text).bind(4, m_start)
                .bind(5, m_end);
            if (Status s = st.citation.run(); !s.ok()) return s;
            ++counts.citations;
          }
        }
        for (const CrossReference& xref : sentence.cross_references) {
          st.cross_reference.bind(1, sentence_id).bind(2, xref.title).bind(3, xref.section);
          if (Status s = st.cross_reference.run(); !s.ok()) return s;
          ++counts.cross_references;
        }
      }
    }
  }

  for (const auto& [term, share] : analysed.about) {
    st.topic_concept.bind(1, topic_id).bind(2, term).bind(3, share);
    if (Status s = st.topic_concept.run(); !s.ok()) return s;
  }

  // Recommendations, in reading order, so that a parent is written before its exceptions.
  std::map<std::string, std::int64_t> recommendation_ids;
  std::vector<std::int64_t> ids_by_index;
  auto sentence_id_of = [&](const SentencePlace& p) { return sentence_ids.at({p.section, p.paragraph, p.sentence}); };
  for (std::size_t index = 0; index < analysed.recommendations.size(); ++index) {
    const Recommendation& rec = analysed.recommendations[index];
    const InferenceProfile* profile =
        index < analysed.profiles.size() && analysed.profiles[index].scored ? &analysed.profiles[index] : nullptr;
    Statement& r = st.recommendation;
    r.bind(1, topic_id).bind(2, rec.label).bind(3, sentence_id_of(rec.place)).bind(4, rec.text).bind(5, rec.action)
        .bind(6, std::string_view(to_string(rec.direction))).bind(7, rec.cue).bind(8, rec.grade).bind(9, rec.rationale);
    if (auto parent = recommendation_ids.find(rec.parent); parent != recommendation_ids.end()) r.bind(10, parent->second);
    else r.bind_null(10);
    if (profile) r.bind(11, profile->best);
    else r.bind_null(11);
    if (Status s = r.run(); !s.ok()) return s;
    const std::int64_t rec_id = db_->last_insert_id();
    if (profile)
      if (Status s = st.profiles->write(rec_id, *profile); !s.ok()) return s;
    recommendation_ids[rec.label] = rec_id;
    ids_by_index.push_back(rec_id);
    ++counts.recommendations;
    const std::pair<const char*, const std::vector<std::string>*> parts[] = {
        {"condition", &rec.conditions}, {"exception", &rec.exceptions},
        {"consideration", &rec.considerations}, {"evidence_statement", &rec.evidence_statements}};
    for (const auto& [kind, items] : parts)
      for (std::size_t i = 0; i < items->size(); ++i) {
        st.recommendation_part.bind(1, rec_id).bind(2, std::string_view(kind)).bind(3, static_cast<int>(i) + 1)
            .bind(4, (*items)[i]);
        if (Status s = st.recommendation_part.run(); !s.ok()) return s;
      }
    for (const auto& [places, role] : {std::pair{&rec.restatements, "restatement"}, std::pair{&rec.related, "related"}})
      for (const SentencePlace& p : *places) {
        st.recommendation_sentence.bind(1, rec_id).bind(2, sentence_id_of(p)).bind(3, std::string_view(role));
        if (Status s = st.recommendation_sentence.run(); !s.ok()) return s;
      }
  }
  for (const EvidenceLink& link : analysed.links) {
    Statement& l = st.evidence_link;
    l.bind(1, ids_by_index.at(link.recommendation)).bind(2, reference_ids.at(link.number))
        .bind(3, std::string_view(to_string(link.source))).bind(4, std::string_view(to_string(link.stance)));
    if (link.score) l.bind(5, *link.score);
    else l.bind_null(5);
    l.bind(6, link.basis);
    if (Status s = l.run(); !s.ok()) return s;
    ++counts.evidence_links;
  }

  for (const Diagnostic& d : topic.diagnostics) {
    st.note.bind(1, topic_id).bind(2, d.line).bind(3, d.message);
    if (Status s = st.note.run(); !s.ok()) return s;
    ++counts.notes;
  }
  return counts;
}

Status KbWriter::finish(bool optimize) {
  st_.reset();  // finalize statements before the commit
  {
    auto meta = db_->prepare("INSERT OR REPLACE INTO kb_meta(key, value) VALUES (?, ?)");
    if (!meta.ok()) return meta.status();
    for (const auto& [key, value] : {std::pair<std::string, std::string>{"tool_version", KB_VERSION},
                                     {"sqlite_version", sqlite3_libversion()},
                                     {"built_at", utc_now("%Y-%m-%dT%H:%M:%SZ")}})
      if (Status s = meta->bind(1, key).bind(2, value).run(); !s.ok()) return s;
  }
  // A cross-reference to a topic that is in this KB becomes a link to it. Links to removed
  // topics were unset by their deletion (ON DELETE SET NULL), so only unset ones are looked up,
  // through a keyed table of titles rather than a scan of the topics per cross-reference.
  for (const char* sql :
       {"CREATE TEMP TABLE topic_titles(title TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID",
        "INSERT OR IGNORE INTO topic_titles SELECT lower(title), id FROM topics ORDER BY id",
        "UPDATE cross_references SET target_topic_id ="
        " (SELECT id FROM topic_titles WHERE topic_titles.title = lower(cross_references.target_title))"
        " WHERE target_topic_id IS NULL",
        "DROP TABLE topic_titles"})
    if (Status s = db_->exec(sql); !s.ok()) return s;
  if (!fts_insert_triggers_.empty()) {
    for (const char* sql : {"INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')",
                            "INSERT INTO refs_fts(refs_fts) VALUES ('rebuild')",
                            "INSERT INTO recommendations_fts(recommendations_fts) VALUES ('rebuild')",
                            "INSERT INTO studies_fts(studies_fts) VALUES ('rebuild')"})
      if (Status s = db_->exec(sql); !s.ok()) return s;
    for (const std::string& sql : fts_insert_triggers_)
      if (Status s = db_->exec(sql); !s.ok()) return s;
  }
  if (foreign_keys_unchecked_) {
    auto check = db_->prepare("PRAGMA foreign_key_check");
    if (!check.ok()) return check.status();
    if (check->step())
      return Status::Corrupt("the new KB breaks a foreign key: a row of " + check->column_text(0) +
                              " refers to a missing row of " + check->column_text(2));
    if (!check->status().ok()) return check->status();
  }
  if (optimize)
    for (const char* sql : {"INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')",
                            "INSERT INTO refs_fts(refs_fts) VALUES ('optimize')"})
      if (Status s = db_->exec(sql); !s.ok()) return s;
  if (Status s = db_->exec("COMMIT"); !s.ok()) return s;
  // The planner's statistics: a KB written whole has every table measured (deterministic, and
  // a fraction of a second), an updated one only the tables its changes outdated.
  if (Status s = db_->exec(optimize ? "ANALYZE" : "PRAGMA optimize"); !s.ok()) return s;
  db_.reset();
  return Status::Ok();
}

}  // namespace kb
