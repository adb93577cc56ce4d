// Ranked full-text search over the KB's passages and references (bm25).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "query/fts_query.h"
#include "query/kb_reader.h"

namespace kb {

enum class HitKind { Passage, Recommendation, Reference };
const char* to_string(HitKind kind);

struct SearchRequest {
  FtsQuery query;
  std::vector<HitKind> kinds = {HitKind::Passage, HitKind::Recommendation, HitKind::Reference};
  std::optional<std::int64_t> topic_id;
  int limit = 10;
  // FTS5 expressions to try in order, the first with hits winning; empty: every term of
  // QUERY, then any term.
  std::vector<std::string> expressions;
};

struct SearchHit {
  HitKind kind = HitKind::Passage;
  std::string topic;
  std::string text;
  std::string snippet;       // matched terms between \x01 and \x02
  double score = 0;          // -bm25: higher is better
  int number = 0;            // references: the number in the topic's list
  std::string label;         // recommendations: "R2"
  int section = 0, paragraph = 0, sentence = 0;  // passages: where the sentence stands
  std::vector<int> citations;                    // passages: reference numbers it cites
  std::int64_t sentence_id = 0;                  // passages: the sentence's row
};

struct SearchResult {
  std::vector<SearchHit> hits;
  bool matched_all_terms = true;  // false when no row held every term and any term was used
};

// The passages with these SENTENCE_IDS, in that order, those of another topic than TOPIC_ID
// (when given) left out; the snippet is the whole text.
Result<std::vector<SearchHit>> read_passages(KbReader& kb, const std::vector<std::int64_t>& sentence_ids,
                                             std::optional<std::int64_t> topic_id);

// Every term first; if nothing matches, any term, and the result says so.
Result<SearchResult> search_kb(KbReader& kb, const SearchRequest& request);

}  // namespace kb
