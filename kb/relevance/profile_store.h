// Where recommendation profiles live in the KB: inference_terms (a row per concept) and
// recommendations.inference_best. The build writes them; `kbindex add` reads them back.
#pragma once

#include <cstdint>
#include <map>

#include "kb/db.h"
#include "kb/relevance/recommendation_profile.h"
#include "kb/status.h"

namespace kb {

class ProfileWriter {
 public:
  static Result<ProfileWriter> prepare(Database& db);
  // The concepts of PROFILE for recommendation REC_ID (its best score is the
  // recommendation row's inference_best, written with the row).
  Status write(std::int64_t rec_id, const InferenceProfile& profile);

 private:
  explicit ProfileWriter(Statement insert) : insert_(std::move(insert)) {}
  Statement insert_;
};

// Every stored profile by recommendation id, best scores included; a recommendation whose
// inference_best is NULL (an exception) has none.
Result<std::map<std::int64_t, InferenceProfile>> read_profiles(Database& db);

}  // namespace kb
