// libFuzzer target: kb::read_bibtex (indexer/imports/bibtex_reader.h) on any bytes, written to a
// per-process temporary file, with a sink that reads every field of every record.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_common.h"
#include "indexer/imports/bibtex_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static kb_fuzz::InputFile file("_bibtex.bib");
  const std::string& path = file.write(data, size);
  const kb::Status status = kb::read_bibtex(path, kb_fuzz::touching_sink);
  kb_fuzz::check_import_status(status, path);
  return 0;
}
