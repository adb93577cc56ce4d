#include "query/reference_store.h"

#include "kb/design.h"
#include "kb/reference_json.h"
#include "kb/text.h"

namespace kb {

const char* const kReferenceColumns =
    "r.id, t.slug, r.number, r.raw, r.et_al, r.title, r.translated_from, r.language, r.journal, r.year,"
    " r.month, r.volume, r.issue, r.supplement, r.pages, r.conference, r.doi, r.pmid, r.uncertain_fields,"
    " r.design, r.design_reason, r.level, r.grade_start";

Result<std::vector<StoredReference>> read_references(
    Database& db, Statement& st, const std::function<void(const Statement&, StoredReference&)>& on_row) {
  auto authors = db.prepare("SELECT a.name FROM reference_authors ra JOIN authors a ON a.id = ra.author_id"
                            " WHERE ra.reference_id = ? ORDER BY ra.position");
  if (!authors.ok()) return authors.status();
  std::vector<StoredReference> out;
  while (st.step()) {
    StoredReference s;
    s.id = st.column_int(0);
    s.topic = st.column_text(1);
    s.number = static_cast<int>(st.column_int(2));
    Reference& r = s.ref;
    r.raw = st.column_text(3);
    r.et_al = st.column_int(4) != 0;
    r.title = st.column_text(5);
    r.translated_from = st.column_text(6);
    r.language = st.column_text(7);
    r.journal = st.column_text(8);
    r.year = st.column_is_null(9) ? 0 : static_cast<int>(st.column_int(9));
    r.month = st.column_text(10);
    r.volume = st.column_text(11);
    r.issue = st.column_text(12);
    r.supplement = st.column_text(13);
    r.pages = st.column_text(14);
    r.conference = st.column_text(15);
    r.doi = st.column_text(16);
    r.pmid = st.column_text(17);
    for (const std::string& f : split(st.column_text(18), ','))
      if (!f.empty()) r.uncertain_fields.push_back(f);
    r.design = design_from_string(st.column_text(19)).value_or(Design::Other);
    r.design_reason = st.column_text(20);
    r.level = static_cast<int>(st.column_int(21));
    r.grade_start = st.column_text(22);
    authors->bind(1, s.id);
    while (authors->step()) r.authors.push_back(authors->column_text(0));
    authors->reset();
    if (on_row) on_row(st, s);
    out.push_back(std::move(s));
  }
  if (!st.status().ok()) return st.status();
  return out;
}

Json reference_json(const StoredReference& stored) {
  Json j = {{"topic", stored.topic}, {"number", stored.number}};
  j.update(reference_to_json(stored.ref));
  return j;
}

std::string short_citation(const Reference& ref) {
  std::string name = ref.authors.empty() ? std::string("Anonymous") : ref.authors.front();
  if (ref.authors.size() > 1 || ref.et_al) name.append(" et al.");
  if (ref.year > 0) name.append(" ").append(std::to_string(ref.year));
  return name;
}

}  // namespace kb
