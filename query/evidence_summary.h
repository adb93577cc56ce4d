// What a recommendation rests on, in brief: its strongest study, the span of years, whether
// any evidence is randomised, and the references by kind of link (cited, curated,
// inferred: never blurred). Shared by `kbquery audit` and `kbquery impact`, which asks
// the same with one reference taken away.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/recommendation.h"
#include "kb/status.h"
#include "kb/output.h"

namespace kb {

struct EvidenceSummary {
  int studies = 0;                      // distinct references linked
  std::optional<int> strongest_level;   // nothing when no study is linked
  std::string strongest_design;
  int strongest_reference = 0;
  bool strongest_assumed = false;       // its design or level is the classifier's default, not read
  bool has_rct = false;
  bool has_pooled_trials = false;       // a meta-analysis or systematic review of trials (level 1)
  std::optional<std::int64_t> oldest_year, newest_year;
  std::map<LinkSource, std::vector<int>> by_link;  // the reference numbers of each kind of link

  // strongest_design, strongest_level, strongest_reference, strongest_assumed, has_rct, has_pooled_trials,
  // oldest_year, newest_year, evidence {cited, curated, inferred}.
  Json to_json() const;
};

class EvidenceSummarizer {
 public:
  static Result<std::unique_ptr<EvidenceSummarizer>> prepare(Database& db);
  // The evidence of recommendation REC_ID, leaving out reference WITHOUT_REFERENCE (refs.id; 0: none).
  Result<EvidenceSummary> summarize(std::int64_t rec_id, std::int64_t without_reference = 0);

 private:
  EvidenceSummarizer() = default;
  Statement evidence_;
};

}  // namespace kb
