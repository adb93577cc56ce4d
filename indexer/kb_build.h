// `kbindex build`: brings a KB up to date with its topic files, keeping what imports brought;
// writes beside the old KB and renames into place only when whole.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <optional>

#include "indexer/imports/import_carry_forward.h"
#include "indexer/kb_migrate.h"
#include "indexer/kb_writer.h"
#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

struct TopicSummary {
  std::string slug;
  std::string title;
  std::string path;
  bool truncated = false;
  TopicCounts counts;
  std::vector<Diagnostic> notes;
  std::string change;  // "added" or "changed": only the topics the build wrote are listed
};

// What `--fresh` dropped of a KB that was there: what only `kbindex add` had brought.
struct FreshDrops {
  int imports = 0;           // import files recorded
  int imported_studies = 0;  // studies no topic cites, brought by imports
  int enrichments = 0;       // fields imports filled in
  int imported_links = 0;    // inferred links from imported studies
};

struct BuildChanges {
  bool updated = false;      // an existing KB brought up to date (false: written whole from the topics)
  bool up_to_date = false;   // nothing had changed: the KB file was not touched
  int added = 0, changed = 0, removed = 0, unchanged = 0, moved = 0;  // moved: same content, new path
  std::vector<std::string> removed_topics;  // slugs
  std::string reanalysed_because;  // set when unchanged topics were analysed again, and why
  std::optional<MigrationReport> migration;
  CarriedForward imports;
  std::optional<FreshDrops> dropped;  // --fresh over an existing KB
};

struct BuildSummary {
  std::string db_path;
  std::vector<TopicSummary> topics;  // those written, in the order read
  TopicCounts totals;                // the whole KB after the build
  int total_topics = 0;
  BuildChanges changes;
  double seconds = 0;
  std::int64_t kb_bytes = 0;
};

struct BuildMode {
  bool fresh = false;  // from the topics alone: what imports brought is dropped (and said)
};

// Brings DB_PATH up to date with the topic files in PATHS (files or folders): topics added,
// changed (by content hash) or removed are written or dropped, unchanged ones kept without
// being parsed, and what `kbindex add` brought carried forward. An older schema is migrated
// first. Everything happens on a copy renamed over the KB only when whole: a failed or
// interrupted build leaves the old KB as it was, and readers see the old KB or the new one.
Result<BuildSummary> build_kb(const std::vector<std::string>& paths, const std::string& db_path, BuildMode mode = {});

// Reads and parses one topic file of any supported topic format.
Result<Topic> load_topic(const std::string& path);

}  // namespace kb
