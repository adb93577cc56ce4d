// Shared helpers of the libFuzzer targets: a per-process temporary file for the readers that
// take a path, a sink that reads every field of an import record, and a check that aborts
// (a crash libFuzzer reports) when a documented invariant does not hold.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <unistd.h>

#include "indexer/imports/import_record.h"
#include "kb/reference.h"
#include "kb/status.h"

namespace kb_fuzz {

// Aborts with the failed condition: libFuzzer saves the input as a crash.
#define KB_FUZZ_CHECK(cond)                                                          \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

// Sums the bytes of S so that every byte is read (ASan checks each read) and the compiler
// cannot drop the reads.
inline std::uint64_t touch(std::string_view s) {
  std::uint64_t h = s.size();
  for (unsigned char c : s) h = h * 131 + c;
  return h;
}

inline volatile std::uint64_t g_sink_hash = 0;  // written, never read: keeps the reads alive

inline void touch_reference(const kb::Reference& ref) {
  std::uint64_t h = touch(ref.raw) + touch(ref.title) + touch(ref.translated_from) + touch(ref.language) +
                    touch(ref.journal) + touch(ref.month) + touch(ref.volume) + touch(ref.issue) +
                    touch(ref.supplement) + touch(ref.pages) + touch(ref.conference) + touch(ref.doi) +
                    touch(ref.pmid) + touch(ref.design_reason) + touch(ref.grade_start);
  for (const auto& a : ref.authors) h += touch(a);
  for (const auto& f : ref.uncertain_fields) h += touch(f);
  h += static_cast<std::uint64_t>(ref.year) + static_cast<std::uint64_t>(ref.level) + ref.et_al +
       static_cast<std::uint64_t>(ref.design);
  g_sink_hash = g_sink_hash + h;
}

inline void touch_record(const kb::ImportRecord& r) {
  std::uint64_t h = touch(r.source_path) + touch(r.format) + touch(r.pmid) + touch(r.doi) + touch(r.title) +
                    touch(r.journal_abbreviation) + touch(r.journal_title) + touch(r.month) + touch(r.volume) +
                    touch(r.issue) + touch(r.pages) + touch(r.language);
  h += static_cast<std::uint64_t>(r.source_line) + static_cast<std::uint64_t>(r.year);
  for (const auto& s : r.abstract) h += touch(s.label) + touch(s.text);
  for (const auto& a : r.authors) h += touch(a);
  for (const auto& p : r.publication_types) h += touch(p);
  for (const auto& m : r.mesh) {
    h += touch(m.descriptor) + m.major;
    for (const auto& q : m.qualifiers) h += touch(q);
  }
  for (const auto& k : r.keywords) h += touch(k);
  g_sink_hash = g_sink_hash + h;
}

// The sink every import fuzzer hands to its reader: reads every field, then takes the record
// the way `kbindex add` does (as a Reference, its abstract as one text).
inline kb::Status touching_sink(kb::ImportRecord&& record) {
  touch_record(record);
  KB_FUZZ_CHECK(record.source_line >= 1);
  touch_reference(kb::reference_from_record(record));
  g_sink_hash = g_sink_hash + touch(kb::abstract_text(record));
  return kb::Status::Ok();
}

// One file per process, in the temporary directory, rewritten with each input and removed
// when the process ends normally. Readers that take a path read it.
class InputFile {
 public:
  explicit InputFile(const std::string& suffix) {
    path_ = (std::filesystem::temp_directory_path() /
             ("kb_fuzz_" + std::to_string(::getpid()) + suffix))
                .string();
  }
  ~InputFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  const std::string& write(const std::uint8_t* data, std::size_t size) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    out.close();
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path_.c_str());
      std::abort();
    }
    return path_;
  }

 private:
  std::string path_;
};

// An import reader's outcome: OK, or an error that names the file (IO) or "path:line: what"
// (Parse). Anything else breaks the readers' contract.
inline void check_import_status(const kb::Status& status, const std::string& path) {
  if (status.ok()) return;
  KB_FUZZ_CHECK(status.code() == kb::Code::Parse || status.code() == kb::Code::IO);
  KB_FUZZ_CHECK(!status.message().empty());
  KB_FUZZ_CHECK(status.message().find(path) != std::string::npos);
}

}  // namespace kb_fuzz
