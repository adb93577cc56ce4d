// What `kbindex add` brought, carried over a build that rewrote some topics: studies an import
// matched or created stay (a study no topic cites any more stays when an import brought it),
// the design labels an import sharpened are given again to the rewritten references, and the
// inferred links from imported studies to the rewritten recommendations are scored again,
// each link compared with what it was before, so that the build can say what changed.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/status.h"

namespace kb {

// A link from a study an import brought to a recommendation, by names that outlive row ids.
struct ImportedLink {
  std::int64_t study_id = 0;
  std::string study;      // "PMID 26363985" or its title
  std::string topic;      // slug
  std::string label;      // "R2"
  std::string stance;
  double score = 0;
};

struct CarriedForward {
  int imported_studies = 0;       // studies imports brought or matched, in the KB after the build
  int enriched_studies = 0;       // studies with fields an import filled in
  int released_studies = 0;       // no topic cites them any more; kept because an import brought them
  int now_cited = 0;              // imported studies a rewritten topic now cites: their inferred links give way
  int dropped_studies = 0;        // studies only removed or rewritten references cited, no import brought
  int redesigned_references = 0;  // rewritten references given the design label an import sharpened
  int links_kept = 0, links_rescored = 0, links_added = 0, links_dropped = 0;
  std::vector<std::string> details;  // one line per link re-scored or dropped, per study released
};

// The links from imported studies to the recommendations of TOPIC_IDS, read before those
// topics are rewritten or removed.
Result<std::vector<ImportedLink>> read_imported_links(Database& db, const std::vector<std::int64_t>& topic_ids);

// Runs after the topics REWRITTEN (their new ids) were written, in the build's transaction.
// BEFORE is read_imported_links of the topics rewritten and removed, before they were.
Result<CarriedForward> carry_forward_imports(Database& db, const std::set<std::int64_t>& rewritten,
                                             const std::vector<ImportedLink>& before);

}  // namespace kb
