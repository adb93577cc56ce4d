// Writes parsed topics into a new KB file in one transaction with prepared statements.
#pragma once

#include <memory>
#include <string>

#include "indexer/abbreviations.h"
#include "indexer/topic_analysis.h"
#include "kb/concepts.h"
#include "kb/db.h"
#include "kb/status.h"

namespace kb {

// What one topic added to the KB; the build prints it per topic and summed.
struct TopicCounts {
  int paragraphs = 0;
  int sentences = 0;
  int references = 0;
  int markers = 0;          // citation markers as printed: "[1-3]" is one
  int citations = 0;        // (sentence, reference) pairs: "[1-3]" is three
  int cross_references = 0;
  int recommendations = 0;
  int evidence_links = 0;
  int notes = 0;            // things the parser could not place

  TopicCounts& operator+=(const TopicCounts& o);
};

class KbWriter {
 public:
  // Creates the schema in the empty database at PATH and opens the transaction.
  // REQUIRES: PATH does not exist or is empty (a fresh temporary file).
  static Result<std::unique_ptr<KbWriter>> create(const std::string& path);
  // Opens the KB at PATH, a private copy of the KB being updated, and opens the transaction.
  // REQUIRES: PATH is a KB of this schema version that no one else reads or writes.
  static Result<std::unique_ptr<KbWriter>> update(const std::string& path);
  ~KbWriter();

  // Records the synonym groups the build used, for kbquery to expand questions alike,
  // replacing those stored before.
  Status write_synonyms(const SynonymGroups& groups);
  // Adds TOPIC, with the abbreviations its text defines; its slug must be new to this KB.
  Result<TopicCounts> write_topic(const AnalysedTopic& topic, const std::vector<Abbreviation>& abbreviations);
  // Removes topic TOPIC_ID and every row that belongs to it (its studies stay: see
  // kbindex build's carrying forward of what imports brought).
  Status remove_topic(std::int64_t topic_id);
  // The file topic TOPIC_ID is read from, when it moved without changing.
  Status set_source_path(std::int64_t topic_id, const std::string& path);
  // The id of the topic write_topic wrote last.
  std::int64_t last_topic_id() const { return last_topic_id_; }
  // Removes the authors and journals no reference names any more (a journal an import named
  // in full stays).
  Status remove_unused_names();
  // The connection, for the steps of a build that follow the topics' writing.
  Database& database() { return *db_; }
  // Resolves cross-references, records when and by what the KB was written, commits and
  // closes. OPTIMIZE merges the full-text indexes into one segment each: worth it once for a
  // KB written whole, too dear for a build that rewrote a few topics of thousands.
  Status finish(bool optimize);

 private:
  struct Statements;
  KbWriter(std::unique_ptr<Database> db, std::unique_ptr<Statements> statements);
  // The pragmas, the transaction and the statements of both create and update.
  static Result<std::unique_ptr<KbWriter>> start(std::unique_ptr<Database> db, bool fresh);
  Result<std::int64_t> find_or_add(Statement& find, Statement& add, const std::string& name);
  // The study REF cites: found by PMID, DOI or citation key, or added.
  Result<std::int64_t> resolve_study(const Reference& ref);
  Result<std::int64_t> write_reference(std::int64_t topic_id, const ReferenceEntry& entry, const Reference& ref);
  std::unique_ptr<Database> db_;
  std::unique_ptr<Statements> st_;
  std::int64_t last_topic_id_ = 0;
  std::vector<std::string> fts_insert_triggers_;  // dropped while a fresh KB is filled, restored by finish
  bool foreign_keys_unchecked_ = false;           // a fresh KB is filled so, and checked by finish
};

}  // namespace kb
