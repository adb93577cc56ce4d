// Writes parsed topics into a new KB file in one transaction with prepared statements.
#pragma once

#include <memory>
#include <string>

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
  ~KbWriter();

  // Records the synonym groups the build used, for kbquery to expand questions alike.
  Status write_synonyms(const SynonymGroups& groups);
  // Adds TOPIC; its slug must be new to this KB.
  Result<TopicCounts> write_topic(const AnalysedTopic& topic);
  // Resolves cross-references, fills the full-text indexes, commits and closes.
  Status finish();

 private:
  struct Statements;
  KbWriter(std::unique_ptr<Database> db, std::unique_ptr<Statements> statements);
  Result<std::int64_t> find_or_add(Statement& find, Statement& add, const std::string& name);
  // The study REF cites: found by PMID, DOI or citation key, or added.
  Result<std::int64_t> resolve_study(const Reference& ref);
  Result<std::int64_t> write_reference(std::int64_t topic_id, const ReferenceEntry& entry, const Reference& ref);
  std::unique_ptr<Database> db_;
  std::unique_ptr<Statements> st_;
};

}  // namespace kb
