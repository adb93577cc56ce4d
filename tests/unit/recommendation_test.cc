// The words of kb/recommendation.h as the KB stores them: each enum reads back what
// to_string() wrote, and nothing else.
#include <catch2/catch.hpp>

#include "kb/recommendation.h"

TEST_CASE("Directions, link sources and stances read back their stored words, and only those", "[recommendation]") {
  for (kb::Direction d : {kb::Direction::For, kb::Direction::Against, kb::Direction::Conditional})
    CHECK(kb::direction_from_string(kb::to_string(d)) == d);
  for (kb::LinkSource l : {kb::LinkSource::Cited, kb::LinkSource::Curated, kb::LinkSource::Inferred})
    CHECK(kb::link_source_from_string(kb::to_string(l)) == l);
  for (kb::Stance s : {kb::Stance::Supports, kb::Stance::Against, kb::Stance::Context})
    CHECK(kb::stance_from_string(kb::to_string(s)) == s);
  CHECK_FALSE(kb::direction_from_string("For"));
  CHECK_FALSE(kb::link_source_from_string("question"));
  CHECK_FALSE(kb::link_source_from_string(""));
  CHECK_FALSE(kb::stance_from_string("support"));
}
