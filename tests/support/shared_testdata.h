// Real third-party files live outside the project, in ../shared/testdata/ beside the checkout;
// they are never copied into it. A test that reads one asks for it here: where the folder is
// missing (a checkout on its own), the test says it was skipped instead of failing or passing
// silently.
#pragma once

#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace kb::testing {

// The shared test data folder, or nullopt when this checkout has none beside it.
inline std::optional<std::string> shared_testdata_dir() {
  const std::filesystem::path dir = std::filesystem::path(KB_SOURCE_DIR) / ".." / "shared" / "testdata";
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return std::nullopt;
  return std::filesystem::weakly_canonical(dir, ec).string();
}

// The path of RELATIVE (e.g. "guidelines/mmwr-2001-pcv7-shortage.html") under the shared test
// data, or nullopt after a WARN that names the file and says the test was skipped.
inline std::optional<std::string> shared_testdata(const std::string& relative) {
  auto dir = shared_testdata_dir();
  std::error_code ec;
  if (dir && std::filesystem::exists(std::filesystem::path(*dir) / relative, ec))
    return (std::filesystem::path(*dir) / relative).string();
  WARN("skipped: ../shared/testdata/" << relative << " is not beside this checkout");
  return std::nullopt;
}

}  // namespace kb::testing
