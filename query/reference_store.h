// Reads references back from the KB as kb::Reference values, and writes them as the
// contract's JSON reference objects.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/reference.h"
#include "query/kb_reader.h"
#include "kb/output.h"

namespace kb {

struct StoredReference {
  std::int64_t id = 0;
  std::string topic;  // slug
  int number = 0;
  Reference ref;
};

// The columns load_references() expects, for queries that select references: use as
// "SELECT " + kReferenceColumns + " FROM refs r JOIN topics t ON t.id = r.topic_id ...".
extern const char* const kReferenceColumns;

// The number of columns in kReferenceColumns; a query's own columns follow them.
inline constexpr int kReferenceColumnCount = 23;

// Reads the rows of STATEMENT (selected with kReferenceColumns first) into references, then
// resets it. ON_ROW, when given, reads the query's further columns of the same row. An error
// reading any row (or its authors) is returned, never a shorter list.
Result<std::vector<StoredReference>> read_references(
    Database& db, Statement& statement,
    const std::function<void(const Statement&, StoredReference&)>& on_row = {});

// The contract's reference object: topic, number, raw, authors, et_al, title, journal,
// year, volume, issue, pages, language, design, level, pmid, doi, and more.
Json reference_json(const StoredReference& stored);

// Reference NUMBER of topic TOPIC (a slug or a unique part of one; empty: the one topic
// that has such a number). SOURCE, when given, receives "path:line" of the entry.
// NotFound when no topic has it; Usage listing the topics when several do.
Result<StoredReference> find_numbered_reference(KbReader& kb, int number, const std::string& topic,
                                                std::string* source = nullptr);

// The sentences citing reference REFERENCE_ID (refs.id) in reading order, as JSON:
// [{marker, section, paragraph, sentence, source_line, text}] (`kbquery ref` and `impact`).
Result<Json> citing_sentences(Database& db, std::int64_t reference_id);

// "Badwe R 2015" or "Badwe R et al. 2015": how a study is named in a list.
std::string short_citation(const Reference& ref);

}  // namespace kb
