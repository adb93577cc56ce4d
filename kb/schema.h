// The KB schema, compiled in from schema.sql (the one source of it).
#pragma once

namespace kb {

extern const char* const kSchemaSql;
// Bumped whenever schema.sql changes shape; a KB of another version must be rebuilt.
inline constexpr int kSchemaVersion = 4;

}  // namespace kb
