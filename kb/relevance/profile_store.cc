#include "kb/relevance/profile_store.h"

namespace kb {

Result<ProfileWriter> ProfileWriter::prepare(Database& db) {
  auto insert =
      db.prepare("INSERT INTO inference_terms(recommendation_id, term, weight, core, discriminating) VALUES (?,?,?,?,?)");
  if (!insert.ok()) return insert.status();
  return ProfileWriter(std::move(insert.value()));
}

Status ProfileWriter::write(std::int64_t rec_id, const InferenceProfile& profile) {
  for (const auto& [term, weight] : profile.weights) {
    insert_.bind(1, rec_id).bind(2, term).bind(3, weight).bind(4, profile.core.count(term) ? 1 : 0)
        .bind(5, profile.discriminating.count(term) ? 1 : 0);
    if (Status s = insert_.run(); !s.ok()) return s;
  }
  return Status::Ok();
}

Result<std::map<std::int64_t, InferenceProfile>> read_profiles(Database& db) {
  std::map<std::int64_t, InferenceProfile> profiles;
  auto best = db.prepare("SELECT id, inference_best FROM recommendations WHERE inference_best IS NOT NULL");
  if (!best.ok()) return best.status();
  Status read = best->each([&](const Statement& row) {
    InferenceProfile& p = profiles[row.column_int(0)];
    p.scored = true;
    p.best = row.column_double(1);
  });
  if (!read.ok()) return read;
  auto terms = db.prepare("SELECT recommendation_id, term, weight, core, discriminating FROM inference_terms");
  if (!terms.ok()) return terms.status();
  read = terms->each([&](const Statement& row) {
    auto it = profiles.find(row.column_int(0));
    if (it == profiles.end()) return;
    const std::string term = row.column_text(1);
    it->second.weights[term] = row.column_double(2);
    if (row.column_int(3)) it->second.core.insert(term);
    if (row.column_int(4)) it->second.discriminating.insert(term);
  });
  if (!read.ok()) return read;
  return profiles;
}

}  // namespace kb
