// In-process latency of search, refs and ask: the KB opened once, each query run REPS times
// through the library calls the kbquery commands make, minus printing. Prints one JSON object
// with per-kind p50/p99 (nearest rank) in microseconds.
//
//   bench_query --db KB [--queries FILE] [--reps N]   (default bench/bench_queries.tsv, 20 reps)
//
// FILE is bench/bench_queries.tsv's format, the query set run_bench.py times cold too: a
// "question" line gives ask its QUESTION and search its WORDS, a "refs" line gives refs its
// QUERY. What each kind times, mirroring its command:
//   search  parse_fts_query + search_kb, limit 10 (search_command.cc)
//   refs    search_references of the first 10, and their count when there may be more (refs_command.cc
//           counts every match before cutting to --limit)
//   ask     answer_question, limit 10: the Answer structure; the command's JSON rendering
//           (answer_json) is private to ask_command.cc and not included
#include <iostream>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "query/ask.h"
#include "kb/output.h"
#include "query/reference_search.h"
#include "query/search.h"

namespace {

struct Query {
  std::string kind, text;
};

double pct(std::vector<double> v, double p) {  // nearest rank
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * static_cast<double>(v.size()))));
  return v[rank - 1];
}

double round1(double x) { return std::round(x * 10.0) / 10.0; }

// One query through the same calls as its command. False (and a message) when it fails.
bool run(kb::KbReader& kb, const Query& q) {
  kb::Status status = kb::Status::Ok();
  if (q.kind == "search") {
    auto parsed = kb::parse_fts_query(q.text);
    if (!parsed.ok()) {
      status = parsed.status();
    } else {
      kb::SearchRequest request;
      request.query = *parsed;
      request.limit = 10;
      status = kb::search_kb(kb, request).status();
    }
  } else if (q.kind == "refs") {
    // As `kbquery refs --limit 10`: the ten shown, and the count of all when there may be more.
    kb::ReferenceFilter filter;
    filter.query = q.text;
    filter.limit = 10;
    auto found = kb::search_references(kb, filter);
    status = found.status();
    if (found.ok() && found->size() == 10) status = kb::count_references(kb, filter).status();
  } else {
    status = kb::answer_question(kb, kb::AskRequest{q.text, std::nullopt, 10}).status();
  }
  if (!status.ok()) std::fprintf(stderr, "bench_query: %s %s: %s\n", q.kind.c_str(), q.text.c_str(), status.message().c_str());
  return status.ok();
}

int usage() {
  std::fprintf(stderr, "usage: bench_query --db KB [--queries FILE] [--reps N]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, queries_file = KB_SOURCE_DIR "/bench/bench_queries.tsv";
  int reps = 20;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--db") == 0) db = argv[i + 1];
    else if (std::strcmp(argv[i], "--queries") == 0) queries_file = argv[i + 1];
    else if (std::strcmp(argv[i], "--reps") == 0) reps = std::atoi(argv[i + 1]);
    else return usage();
  }
  if (argc % 2 == 0 || db.empty() || reps < 1) return usage();

  std::vector<Query> queries;
  std::ifstream in(queries_file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab1 = line.find('\t'), tab2 = line.find('\t', tab1 + 1);
    const std::string kind = line.substr(0, tab1);
    if (tab2 == std::string::npos || (kind != "question" && kind != "refs")) {
      std::fprintf(stderr, "bench_query: %s: not question|refs<TAB>QUERY<TAB>FLOOR: %s\n", queries_file.c_str(), line.c_str());
      return 2;
    }
    const std::string query = line.substr(tab1 + 1, tab2 - tab1 - 1);
    if (kind == "question") {
      queries.push_back({"ask", query});
      queries.push_back({"search", line.substr(tab2 + 1)});
    } else {
      queries.push_back({"refs", query});
    }
  }
  if (queries.empty()) {
    std::fprintf(stderr, "bench_query: no query in %s\n", queries_file.c_str());
    return 2;
  }

  auto kb = kb::KbReader::open(db);
  if (!kb.ok()) {
    std::fprintf(stderr, "bench_query: %s\n", kb.status().message().c_str());
    return 1;
  }
  for (const Query& q : queries)  // warm-up, untimed: page cache, statement caches; every query must work
    if (!run(**kb, q)) return 1;
  std::map<std::string, std::vector<double>> us;
  for (int r = 0; r < reps; ++r)
    for (const Query& q : queries) {
      const auto start = std::chrono::steady_clock::now();
      if (!run(**kb, q)) return 1;
      us[q.kind].push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    }

  kb::Json doc = {{"reps", reps}};
  for (const auto& [kind, v] : us)
    doc[kind] = {{"queries", v.size() / static_cast<std::size_t>(reps)}, {"p50_us", round1(pct(v, 50))}, {"p99_us", round1(pct(v, 99))}};
  std::cout << kb::json_text(doc) << "\n";
  return 0;
}
