// The packed inference profiles: what the build writes is what `kbindex add` reads, to the bit;
// a damaged row is an error naming the recommendation, not a wrong score.
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "kb/db.h"
#include "kb/relevance/profile_store.h"
#include "kb/schema.h"

namespace {

std::unique_ptr<kb::Database> kb_with_recommendations() {
  auto db = kb::Database::open(":memory:", kb::Database::Mode::ReadWriteCreate);
  REQUIRE(db.ok());
  REQUIRE((*db)->exec(kb::kSchemaSql).ok());
  REQUIRE((*db)->exec("INSERT INTO topics(id, slug, title, source_path, source_format, content_hash) VALUES (1, 't', 'T', 't.txt', 'text', 'h');"
                      "INSERT INTO sections(id, topic_id, position, heading) VALUES (1, 1, 1, 'S');"
                      "INSERT INTO paragraphs(id, topic_id, section_id, position, source_line, text) VALUES (1, 1, 1, 1, 1, 'p');"
                      "INSERT INTO sentences(id, paragraph_id, position, start_char, end_char, text) VALUES (1, 1, 1, 0, 1, 'p');")
              .ok());
  for (int id : {10, 11, 12}) {
    auto st = (*db)->prepare(
        "INSERT INTO recommendations(id, topic_id, label, sentence_id, text, action, direction, cue, inference_best)"
        " VALUES (?, 1, ?, 1, 'x', 'x', 'for', 'we suggest', ?)");
    REQUIRE(st.ok());
    st->bind(1, id).bind(2, "R" + std::to_string(id));
    if (id == 12) st->bind_null(3);  // an exception: no profile of its own
    else st->bind(3, 0.5 * id);
    REQUIRE(st->run().ok());
  }
  return std::move(db.value());
}

}  // namespace

TEST_CASE("Profiles: packed and read back to the bit, flags and best score included", "[profiles]") {
  auto db = kb_with_recommendations();
  kb::InferenceProfile a;
  a.weights = {{"surgery", 3.0 * 1.0986122886681098}, {"primari", 0.1}, {"tumor", 1e-300},
               {"x", std::numeric_limits<double>::max()}, {"stage iv", 2.25}};
  a.core = {"surgery", "primari"};
  a.discriminating = {"stage iv"};
  kb::InferenceProfile b;
  b.weights = {{"surgery", 0.25}, {"liver", 7.5}};  // "surgery" shares a vocabulary id with a's
  b.core = {"liver"};
  auto writer = kb::ProfileWriter::prepare(*db);
  REQUIRE(writer.ok());
  REQUIRE(writer->write(10, a).ok());
  REQUIRE(writer->write(11, b).ok());
  auto read = kb::read_profiles(*db);
  REQUIRE(read.ok());
  REQUIRE(read->size() == 2);  // R12 has no best score: no profile
  const kb::InferenceProfile& ra = read->at(10);
  CHECK(ra.scored);
  CHECK(ra.best == 5.0);
  CHECK(ra.weights == a.weights);  // exact: every double the same bits
  CHECK(ra.core == a.core);
  CHECK(ra.discriminating == a.discriminating);
  CHECK(read->at(11).weights == b.weights);
  CHECK(read->at(11).core == b.core);
  auto st = db->prepare("SELECT count(*) FROM inference_vocabulary");
  REQUIRE(st.ok());
  REQUIRE(st->step());
  CHECK(st->column_int(0) == 6);
}

TEST_CASE("Profiles: a damaged packed row is an error naming the recommendation", "[profiles]") {
  auto db = kb_with_recommendations();
  auto writer = kb::ProfileWriter::prepare(*db);
  REQUIRE(writer.ok());
  kb::InferenceProfile a;
  a.weights = {{"surgery", 1.5}};
  REQUIRE(writer->write(10, a).ok());
  REQUIRE(db->exec("UPDATE inference_profiles SET concepts = substr(concepts, 1, 5) WHERE recommendation_id = 10").ok());
  auto cut = kb::read_profiles(*db);
  REQUIRE_FALSE(cut.ok());
  CHECK(cut.status().code() == kb::Code::Corrupt);
  CHECK(cut.status().message().find("recommendation 10") != std::string::npos);
  REQUIRE(db->exec("UPDATE inference_profiles SET concepts = X'630100000000000000F83F' WHERE recommendation_id = 10").ok());
  auto unknown_term = kb::read_profiles(*db);  // term id 99 is in no vocabulary row
  CHECK_FALSE(unknown_term.ok());
}
