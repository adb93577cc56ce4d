// `kbindex build`: parse every topic, write a new KB beside the old one, and rename it into
// place only when it is whole. A failed or interrupted build leaves the old KB untouched.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/kb_writer.h"
#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

struct TopicSummary {
  std::string slug;
  std::string title;
  std::string path;
  bool truncated = false;
  TopicCounts counts;
  std::vector<Diagnostic> notes;
};

struct BuildSummary {
  std::string db_path;
  std::vector<TopicSummary> topics;
  TopicCounts totals;
  double seconds = 0;
  std::int64_t kb_bytes = 0;
};

// Builds DB_PATH from the topic files in PATHS (files or folders). Nothing is written
// until every topic has parsed; the old KB is replaced only by a complete new one.
Result<BuildSummary> build_kb(const std::vector<std::string>& paths, const std::string& db_path);

// Reads and parses one topic file of any supported topic format.
Result<Topic> load_topic(const std::string& path);

}  // namespace kb
