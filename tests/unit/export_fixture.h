// A stored reference made from a printed string, as the export tests feed the writers.
#pragma once

#include <string>

#include "indexer/reference_parser.h"
#include "query/reference_store.h"

namespace export_fixture {

inline kb::StoredReference stored(int number, const std::string& raw) {
  kb::StoredReference s;
  s.topic = "seed";
  s.number = number;
  s.ref = kb::parse_reference(raw);
  return s;
}

}  // namespace export_fixture
