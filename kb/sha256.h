// SHA-256, for the content hash that tells whether a topic's source changed and whether an
// import file was added before.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace kb {

// Incremental SHA-256 (FIPS 180-4), so that a large file is hashed in bounded memory.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view data);
  // Lower-case hex digest. Call once, after the last update.
  std::string hex();

 private:
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> buffer_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

// Lower-case hex digest of DATA.
std::string sha256_hex(std::string_view data);

}  // namespace kb
