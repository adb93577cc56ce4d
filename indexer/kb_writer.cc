#include "indexer/kb_writer.h"

#include <ctime>
#include <map>

#include "kb/schema.h"
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
};

namespace {

std::string utc_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

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
  Database& d = **db;
  // The file is temporary until renamed into place, so a rollback journal buys nothing:
  // a failed build deletes the file instead. The page cache is capped (16 MiB) so that
  // memory stays flat however large the corpus; FTS5 flushes its own buffers.
  for (const char* pragma : {"PRAGMA journal_mode = OFF", "PRAGMA synchronous = OFF",
                             "PRAGMA page_size = 8192", "PRAGMA cache_size = -16384"}) {
    if (Status s = d.exec(pragma); !s.ok()) return s;
  }
  if (Status s = d.exec("BEGIN"); !s.ok()) return s;
  if (Status s = d.exec(kSchemaSql); !s.ok()) return s;

  auto meta = d.prepare("INSERT INTO kb_meta(key, value) VALUES (?, ?)");
  if (!meta.ok()) return meta.status();
  const std::map<std::string, std::string> facts = {
      {"schema_version", std::to_string(kSchemaVersion)},
      {"tool_version", KB_VERSION},
      {"sqlite_version", sqlite3_libversion()},
      {"built_at", utc_now_iso()},
  };
  for (const auto& [key, value] : facts)
    if (Status s = meta->bind(1, key).bind(2, value).run(); !s.ok()) return s;

  auto st = std::make_unique<Statements>();
  struct Prep {
    Statement* target;
    const char* sql;
  };
  const Prep preps[] = {
      {&st->topic,
       "INSERT INTO topics(slug, title, source_path, source_format, publisher, copyright,"
       " review_current_through, last_updated, truncated, content_hash)"
       " VALUES (?,?,?,?,?,?,?,?,?,?)"},
      {&st->contributor,
       "INSERT INTO contributors(topic_id, position, name, credentials, role) VALUES (?,?,?,?,?)"},
      {&st->section, "INSERT INTO sections(topic_id, position, heading) VALUES (?,?,?)"},
      {&st->paragraph,
       "INSERT INTO paragraphs(topic_id, section_id, position, source_line, text) VALUES (?,?,?,?,?)"},
      {&st->sentence,
       "INSERT INTO sentences(paragraph_id, position, start_char, end_char, text) VALUES (?,?,?,?,?)"},
      {&st->reference, "INSERT INTO refs(topic_id, number, source_line, raw) VALUES (?,?,?,?)"},
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
  return std::unique_ptr<KbWriter>(new KbWriter(std::move(db.value()), std::move(st)));
}

Result<TopicCounts> KbWriter::write_topic(const Topic& topic) {
  TopicCounts counts;
  Statements& st = *st_;
  st.topic.bind(1, topic.slug).bind(2, topic.title).bind(3, topic.source_path).bind(4, topic.source_format);
  bind_optional(st.topic, 5, topic.publisher);
  bind_optional(st.topic, 6, topic.copyright);
  bind_optional(st.topic, 7, topic.review_current_through);
  bind_optional(st.topic, 8, topic.last_updated);
  st.topic.bind(9, topic.truncated ? 1 : 0).bind(10, topic.content_hash);
  if (Status s = st.topic.run(); !s.ok()) return s;
  const std::int64_t topic_id = db_->last_insert_id();

  int position = 0;
  for (const Contributor& c : topic.contributors) {
    st.contributor.bind(1, topic_id).bind(2, ++position).bind(3, c.name).bind(4, c.credentials)
        .bind(5, std::string_view(to_string(c.role)));
    if (Status s = st.contributor.run(); !s.ok()) return s;
  }

  std::map<int, std::int64_t> reference_ids;
  for (const ReferenceEntry& ref : topic.references) {
    st.reference.bind(1, topic_id).bind(2, ref.number).bind(3, ref.line).bind(4, ref.raw);
    if (Status s = st.reference.run(); !s.ok()) return s;
    reference_ids[ref.number] = db_->last_insert_id();
    ++counts.references;
  }

  int section_position = 0;
  int paragraph_position = 0;
  for (const Section& section : topic.sections) {
    st.section.bind(1, topic_id).bind(2, ++section_position).bind(3, section.heading);
    if (Status s = st.section.run(); !s.ok()) return s;
    const std::int64_t section_id = db_->last_insert_id();
    for (const Paragraph& paragraph : section.paragraphs) {
      st.paragraph.bind(1, topic_id).bind(2, section_id).bind(3, ++paragraph_position)
          .bind(4, paragraph.line).bind(5, paragraph.text);
      if (Status s = st.paragraph.run(); !s.ok()) return s;
      const std::int64_t paragraph_id = db_->last_insert_id();
      ++counts.paragraphs;
      int sentence_position = 0;
      for (const Sentence& sentence : paragraph.sentences) {
        const auto start = static_cast<std::int64_t>(utf8_chars(paragraph.text, sentence.begin));
        const auto end = start + static_cast<std::int64_t>(utf8_chars(sentence.text));
        st.sentence.bind(1, paragraph_id).bind(2, ++sentence_position).bind(3, start).bind(4, end)
            .bind(5, sentence.text);
        if (Status s = st.sentence.run(); !s.ok()) return s;
        const std::int64_t sentence_id = db_->last_insert_id();
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

  for (const Diagnostic& d : topic.diagnostics) {
    st.note.bind(1, topic_id).bind(2, d.line).bind(3, d.message);
    if (Status s = st.note.run(); !s.ok()) return s;
    ++counts.notes;
  }
  return counts;
}

Status KbWriter::finish() {
  st_.reset();  // finalize statements before the commit
  const char* steps[] = {
      // A cross-reference to a topic that is in this KB becomes a link to it.
      "UPDATE cross_references SET target_topic_id ="
      " (SELECT id FROM topics WHERE lower(topics.title) = lower(cross_references.target_title))",
      "INSERT INTO sentences_fts(sentences_fts) VALUES ('rebuild')",
      "INSERT INTO refs_fts(refs_fts) VALUES ('rebuild')",
      "INSERT INTO sentences_fts(sentences_fts) VALUES ('optimize')",
      "INSERT INTO refs_fts(refs_fts) VALUES ('optimize')",
      "COMMIT",
      "PRAGMA optimize",
  };
  for (const char* sql : steps)
    if (Status s = db_->exec(sql); !s.ok()) return s;
  db_.reset();
  return Status::Ok();
}

}  // namespace kb
