#include "kb/relevance/profile_store.h"

#include <cstring>
#include <vector>

namespace kb {

namespace {

constexpr unsigned char kCore = 1;
constexpr unsigned char kDiscriminating = 2;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}

// Little-endian whatever the machine, so that a KB file reads alike on every query node.
void put_double(std::string& out, double d) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &d, sizeof bits);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((bits >> (8 * i)) & 0xFF);
}

// One concept of a packed profile, in the order put_varint/put_double wrote it.
struct PackedConcept {
  std::uint64_t term_id = 0;
  unsigned char flags = 0;
  double weight = 0;
};

// Reads the next concept at POS of BLOB; false at the end, or when the blob is cut short.
bool next_concept(const std::string& blob, std::size_t& pos, PackedConcept& out, bool& damaged) {
  if (pos >= blob.size()) return false;
  std::uint64_t v = 0;
  for (int shift = 0;; shift += 7) {
    if (pos >= blob.size() || shift > 63) return damaged = true, false;
    const auto byte = static_cast<unsigned char>(blob[pos++]);
    v |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
    if (!(byte & 0x80)) break;
  }
  if (pos + 9 > blob.size()) return damaged = true, false;
  out.term_id = v;
  out.flags = static_cast<unsigned char>(blob[pos++]);
  std::uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) bits |= static_cast<std::uint64_t>(static_cast<unsigned char>(blob[pos++])) << (8 * i);
  std::memcpy(&out.weight, &bits, sizeof bits);
  return true;
}

}  // namespace

Result<ProfileWriter> ProfileWriter::prepare(Database& db) {
  auto insert = db.prepare("INSERT INTO inference_profiles(recommendation_id, concepts) VALUES (?,?)");
  if (!insert.ok()) return insert.status();
  auto add_term = db.prepare("INSERT INTO inference_vocabulary(term) VALUES (?)");
  if (!add_term.ok()) return add_term.status();
  auto terms = db.prepare("SELECT id, term FROM inference_vocabulary");
  if (!terms.ok()) return terms.status();
  std::map<std::string, std::int64_t> vocabulary;
  Status read = terms->each([&](const Statement& row) { vocabulary[row.column_text(1)] = row.column_int(0); });
  if (!read.ok()) return read;
  return ProfileWriter(db, std::move(insert.value()), std::move(add_term.value()), std::move(vocabulary));
}

Result<std::int64_t> ProfileWriter::term_id(const std::string& term) {
  if (auto it = vocabulary_.find(term); it != vocabulary_.end()) return it->second;
  if (Status s = add_term_.bind(1, term).run(); !s.ok()) return s;
  const std::int64_t id = db_->last_insert_id();
  vocabulary_[term] = id;
  return id;
}

Status ProfileWriter::write(std::int64_t rec_id, const InferenceProfile& profile) {
  if (profile.weights.empty()) return Status::Ok();
  std::string packed;
  packed.reserve(profile.weights.size() * 11);
  for (const auto& [term, weight] : profile.weights) {
    auto id = term_id(term);
    if (!id.ok()) return id.status();
    put_varint(packed, static_cast<std::uint64_t>(*id));
    packed += static_cast<char>((profile.core.count(term) ? kCore : 0) |
                                (profile.discriminating.count(term) ? kDiscriminating : 0));
    put_double(packed, weight);
  }
  return insert_.bind(1, rec_id).bind_blob(2, packed).run();
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
  std::map<std::int64_t, std::string> vocabulary;
  auto terms = db.prepare("SELECT id, term FROM inference_vocabulary");
  if (!terms.ok()) return terms.status();
  read = terms->each([&](const Statement& row) { vocabulary[row.column_int(0)] = row.column_text(1); });
  if (!read.ok()) return read;
  auto packed = db.prepare("SELECT recommendation_id, concepts FROM inference_profiles");
  if (!packed.ok()) return packed.status();
  read = packed->each([&](const Statement& row) -> Status {
    auto it = profiles.find(row.column_int(0));
    if (it == profiles.end()) return Status::Ok();
    const std::string blob = row.column_blob(1);
    std::size_t pos = 0;
    PackedConcept c;
    bool damaged = false;
    while (next_concept(blob, pos, c, damaged)) {
      auto term = vocabulary.find(static_cast<std::int64_t>(c.term_id));
      if (term == vocabulary.end()) { damaged = true; break; }
      it->second.weights[term->second] = c.weight;
      if (c.flags & kCore) it->second.core.insert(term->second);
      if (c.flags & kDiscriminating) it->second.discriminating.insert(term->second);
    }
    if (damaged)
      return Status::Corrupt(db.path() + ": the inference profile of recommendation " + std::to_string(it->first) +
                             " is damaged; rebuild the KB with `kbindex build --fresh`");
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return profiles;
}

Status pack_inference_terms(Database& db) {
  // The rows of one recommendation together, each written as the build writes a profile.
  auto rows = db.prepare(
      "SELECT recommendation_id, term, weight, core, discriminating FROM inference_terms ORDER BY recommendation_id, term");
  if (!rows.ok()) return rows.status();
  auto writer = ProfileWriter::prepare(db);
  if (!writer.ok()) return writer.status();
  std::int64_t current = 0;
  InferenceProfile profile;
  auto flush = [&]() -> Status {
    if (profile.weights.empty()) return Status::Ok();
    Status s = writer->write(current, profile);
    profile = InferenceProfile{};
    return s;
  };
  Status read = rows->each([&](const Statement& row) -> Status {
    if (row.column_int(0) != current)
      if (Status s = flush(); !s.ok()) return s;
    current = row.column_int(0);
    const std::string term = row.column_text(1);
    profile.weights[term] = row.column_double(2);
    if (row.column_int(3)) profile.core.insert(term);
    if (row.column_int(4)) profile.discriminating.insert(term);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  if (Status s = flush(); !s.ok()) return s;
  return db.exec("DROP TABLE inference_terms");
}

}  // namespace kb
