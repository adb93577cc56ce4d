// The KB schema, compiled in from schema.sql (the one source of it).
#pragma once

namespace kb {

extern const char* const kSchemaSql;
// Bumped whenever schema.sql changes shape, with a step in migrations/ from the one before.
inline constexpr int kSchemaVersion = 7;

}  // namespace kb
