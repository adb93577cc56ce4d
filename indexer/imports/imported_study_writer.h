// Writes what an imported record brings into the KB's studies: a new study for a record
// no topic cites, or the fields a known study lacked (identifiers, abstract, MeSH,
// publication types), each enrichment recorded with the record it came from. Publication
// types and abstracts sharpen design labels: the study's and those of the references that
// cite it are recomputed, and the references whose design changed are returned so that
// their inferred links can be scored again.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/imports/import_record.h"
#include "kb/db.h"
#include "kb/status.h"

namespace kb {

struct Enrichment {
  std::vector<std::string> fields;             // the fields filled or changed: "pmid", "abstract", "design"
  std::vector<std::int64_t> redesigned_refs;   // refs.id whose design or level changed
};

class ImportedStudyWriter {
 public:
  static Result<ImportedStudyWriter> prepare(Database& db);
  // From now on a new study reaches studies_fts by the writer's own single-row insert, which
  // FTS5 buffers, not by the KB's insert trigger, which the caller has set aside for its
  // transaction (a statement writing through a trigger makes FTS5 flush).
  Status index_new_studies();

  // Adds RECORD as a study of origin 'import' with its abstract, MeSH and publication types;
  // REF receives the record as a reference with its design label.
  Result<std::int64_t> create_study(const ImportRecord& record, Reference& ref);
  // Records that line LINE of import IMPORT_ID matched or became STUDY_ID, and how.
  Result<std::int64_t> record_provenance(std::int64_t import_id, const ImportRecord& record, std::int64_t study_id,
                                         const std::string& rule, double confidence, const std::string& detail);
  // Fills what STUDY_ID lacks from RECORD (row RECORD_ID of import_records).
  Result<Enrichment> enrich(std::int64_t study_id, std::int64_t record_id, const ImportRecord& record);
  // Labels again the design of each reference citing STUDY_ID, with the ABSTRACT and
  // PUBLICATION_TYPES an import brought; returns the refs.id whose label changed.
  Result<std::vector<std::int64_t>> redesign_references(std::int64_t study_id, const std::string& abstract,
                                                        const std::vector<std::string>& publication_types);

 private:
  explicit ImportedStudyWriter(Database& db) : db_(&db) {}
  Status write_lists(std::int64_t study_id, const ImportRecord& record, bool abstract, bool types, bool mesh);
  Status note(std::int64_t study_id, std::int64_t record_id, const std::string& field, const std::string& value);
  Database* db_;
  Statement study_add_, record_add_, section_add_, type_add_, mesh_add_, enrichment_add_;
  Statement study_index_;  // prepared by index_new_studies()
  Statement study_read_, refs_of_study_, ref_update_, id_in_use_;
};

}  // namespace kb
