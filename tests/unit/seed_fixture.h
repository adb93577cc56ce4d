// The seed topic as the unit tests read it: its path, one of its lines, the parsed topic.
#pragma once

#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "indexer/formats/topic_text.h"
#include "kb/file_io.h"

namespace seed {

inline std::string path() { return std::string(KB_SOURCE_DIR) + "/corpus/local-therapies-metastatic-breast-cancer.txt"; }

// Line N (1-based) of the seed file, without its line break.
inline std::string line(int n) {
  std::ifstream in(path());
  std::string text;
  for (int i = 1; i <= n && std::getline(in, text); ++i) {
  }
  return text;
}

// The seed parsed by the text-topic parser; a failure stops the test with its message.
inline kb::Topic topic() {
  auto content = kb::read_file(path());
  REQUIRE(content.ok());
  auto parsed = kb::parse_text_topic(*content, path());
  INFO(parsed.status().message());
  REQUIRE(parsed.ok());
  return parsed.value();
}

}  // namespace seed
