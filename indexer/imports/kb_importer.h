// `kbindex add`: brings the records of import files into a built KB in one transaction.
// Each record is matched to a study the KB knows (and enriches it) or becomes a new study
// linked to the recommendations it bears on. A failure anywhere rolls everything back: the
// KB on disk is as it was. A file whose content was added before is skipped.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "kb/db.h"
#include "kb/status.h"

namespace kb {

struct ImportSummary {
  std::string path;
  std::string format;                 // "pubmed_xml", ...
  bool already_added = false;         // the same content was added before: nothing changed
  std::string added_at;               // when it was, if so
  int records = 0;
  int matched = 0;
  std::map<std::string, int> matched_by;  // rule -> records
  int new_studies = 0;
  int enriched_studies = 0;           // matched studies that gained at least one field
  int merged_studies = 0;             // studies found to be one with the study a record matched
  int redesigned_references = 0;      // topic references whose design label changed
  int new_evidence_links = 0;         // links from new studies to recommendations
  int relinked_references = 0;        // redesigned references whose inferred links were scored again
};

class KbImporter {
 public:
  // Opens the KB at DB_PATH for writing and starts the transaction.
  static Result<std::unique_ptr<KbImporter>> open(const std::string& db_path);
  ~KbImporter();  // rolls back what was not committed

  Result<ImportSummary> add_file(const std::string& path);
  // Commits; the studies' full-text index follows its table by triggers.
  Status commit();

 private:
  struct State;
  explicit KbImporter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace kb
