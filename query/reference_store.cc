#include "query/reference_store.h"

#include "kb/design.h"
#include "kb/reference_json.h"
#include "kb/text.h"

namespace kb {

const char* const kReferenceColumns =
    "r.id, t.slug, r.number, r.raw, r.et_al, r.title, r.translated_from, r.language, r.journal, r.year,"
    " r.month, r.volume, r.issue, r.supplement, r.pages, r.conference,"
    // Identifiers as printed, else as an import brought them to the study it cites.
    " coalesce(nullif(r.doi, ''), (SELECT s.doi FROM studies s WHERE s.id = r.study_id), ''),"
    " coalesce(nullif(r.pmid, ''), (SELECT s.pmid FROM studies s WHERE s.id = r.study_id), ''), r.uncertain_fields,"
    " r.design, r.design_reason, r.level, r.grade_start";

Result<std::vector<StoredReference>> read_references(
    Database& db, Statement& st, const std::function<void(const Statement&, StoredReference&)>& on_row) {
  auto authors = db.prepare("SELECT a.name FROM reference_authors ra JOIN authors a ON a.id = ra.author_id"
                            " WHERE ra.reference_id = ? ORDER BY ra.position");
  if (!authors.ok()) return authors.status();
  std::vector<StoredReference> out;
  Status read = st.each([&](const Statement& row) -> Status {
    StoredReference s;
    s.id = row.column_int(0);
    s.topic = row.column_text(1);
    s.number = static_cast<int>(row.column_int(2));
    Reference& r = s.ref;
    r.raw = row.column_text(3);
    r.et_al = row.column_int(4) != 0;
    r.title = row.column_text(5);
    r.translated_from = row.column_text(6);
    r.language = row.column_text(7);
    r.journal = row.column_text(8);
    r.year = row.column_is_null(9) ? 0 : static_cast<int>(row.column_int(9));
    r.month = row.column_text(10);
    r.volume = row.column_text(11);
    r.issue = row.column_text(12);
    r.supplement = row.column_text(13);
    r.pages = row.column_text(14);
    r.conference = row.column_text(15);
    r.doi = row.column_text(16);
    r.pmid = row.column_text(17);
    for (const std::string& f : split(row.column_text(18), ','))
      if (!f.empty()) r.uncertain_fields.push_back(f);
    r.design = design_from_string(row.column_text(19)).value_or(Design::Other);
    r.design_reason = row.column_text(20);
    r.level = static_cast<int>(row.column_int(21));
    r.grade_start = row.column_text(22);
    authors->bind(1, s.id);
    Status authors_read = authors->each([&](const Statement& author) { r.authors.push_back(author.column_text(0)); });
    if (!authors_read.ok()) return authors_read;
    if (on_row) on_row(row, s);
    out.push_back(std::move(s));
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

Json reference_json(const StoredReference& stored) {
  Json j = {{"topic", stored.topic}, {"number", stored.number}};
  j.update(reference_to_json(stored.ref));
  return j;
}

Result<Json> citing_sentences(Database& db, std::int64_t reference_id) {
  auto st = db.prepare(
      "SELECT c.marker, sc.section, sc.paragraph, sc.sentence, sc.source_line, sc.text FROM citations c"
      " JOIN sentence_context sc ON sc.sentence_id = c.sentence_id"
      " WHERE c.reference_id = ? ORDER BY sc.section, sc.paragraph, sc.sentence");
  if (!st.ok()) return st.status();
  st->bind(1, reference_id);
  Json out = Json::array();
  Status read = st->each([&](const Statement& row) {
    out.push_back({{"marker", row.column_text(0)},
                   {"section", row.column_int(1)},
                   {"paragraph", row.column_int(2)},
                   {"sentence", row.column_int(3)},
                   {"source_line", row.column_int(4)},
                   {"text", row.column_text(5)}});
  });
  if (!read.ok()) return read;
  return out;
}

std::string short_citation(const Reference& ref) {
  std::string name = ref.authors.empty() ? std::string("Anonymous") : ref.authors.front();
  if (ref.authors.size() > 1 || ref.et_al) name.append(" et al.");
  if (ref.year > 0) name.append(" ").append(std::to_string(ref.year));
  return name;
}

Result<StoredReference> find_numbered_reference(KbReader& kb, int number, const std::string& topic,
                                                std::string* source) {
  Database& db = kb.db();
  std::optional<std::int64_t> topic_id;
  if (!topic.empty()) {
    auto resolved = kb.resolve_topic(topic);
    if (!resolved.ok()) return resolved.status();
    topic_id = resolved->id;
  }
  auto st = db.prepare(std::string("SELECT ") + kReferenceColumns +
                       ", r.source_line, t.source_path FROM refs r JOIN topics t ON t.id = r.topic_id"
                       " WHERE r.number = ?1 AND (?2 IS NULL OR t.id = ?2) ORDER BY t.slug");
  if (!st.ok()) return st.status();
  st->bind(1, number);
  if (topic_id) st->bind(2, *topic_id);
  else st->bind_null(2);
  std::string where;
  auto found = read_references(db, *st, [&](const Statement& row, StoredReference&) {
    where = row.column_text(kReferenceColumnCount + 1) + ":" + std::to_string(row.column_int(kReferenceColumnCount));
  });
  if (!found.ok()) return found.status();
  if (found->empty())
    return Status::NotFound("reference " + std::to_string(number) + " is not in " +
                            (topic.empty() ? std::string("any topic of the KB") : "topic " + topic) +
                            "; `kbquery refs` lists them");
  if (found->size() > 1) {
    std::string names;
    for (const StoredReference& f : *found) names += "\n  " + f.topic;
    return Status::Usage("reference " + std::to_string(number) + " exists in several topics; choose one with --topic:" +
                         names);
  }
  if (source) *source = where;
  return found->front();
}

}  // namespace kb
