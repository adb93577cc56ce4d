#include <catch2/catch.hpp>

#include "kb/status.h"

TEST_CASE("Status maps usage errors to exit 2 and others to exit 1", "[status]") {
  CHECK(kb::Status::Ok().exit_code() == 0);
  CHECK(kb::Status::Usage("bad flag").exit_code() == 2);
  CHECK(kb::Status::Parse("x:1: bad").exit_code() == 1);
  CHECK(kb::Status::IO("disk").exit_code() == 1);
}

TEST_CASE("Result holds either a value or the status explaining its absence", "[status]") {
  kb::Result<int> good = 42;
  REQUIRE(good.ok());
  CHECK(*good == 42);
  kb::Result<int> bad = kb::Status::NotFound("reference 99 not found");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().message() == "reference 99 not found");
}
