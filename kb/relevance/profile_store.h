// Where recommendation profiles live in the KB: inference_profiles (one packed row per
// recommendation, its concepts named by inference_vocabulary) and recommendations.inference_best.
// The build writes them; `kbindex add` reads them back. This file is the one home of the format.
#pragma once

#include <cstdint>
#include <map>
#include <string>

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
  ProfileWriter(Database& db, Statement insert, Statement add_term, std::map<std::string, std::int64_t> vocabulary)
      : db_(&db), insert_(std::move(insert)), add_term_(std::move(add_term)), vocabulary_(std::move(vocabulary)) {}
  Result<std::int64_t> term_id(const std::string& term);

  Database* db_;
  Statement insert_, add_term_;
  std::map<std::string, std::int64_t> vocabulary_;  // every term of inference_vocabulary
};

// Every stored profile by recommendation id, best scores included; a recommendation whose
// inference_best is NULL (an exception) has none.
Result<std::map<std::int64_t, InferenceProfile>> read_profiles(Database& db);

// Schema 6 -> 7: packs the rows of inference_terms (a row per concept) into inference_profiles,
// then drops inference_terms. Runs in the migration's transaction.
Status pack_inference_terms(Database& db);

}  // namespace kb
