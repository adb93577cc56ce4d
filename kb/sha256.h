// SHA-256, for the content hash that tells whether a topic's source changed.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// Lower-case hex digest of DATA (FIPS 180-4).
std::string sha256_hex(std::string_view data);

}  // namespace kb
