# Writes schema.sql into a C++ source as a raw string, so the binaries carry the one schema.
file(READ ${INPUT} KB_SCHEMA_TEXT)
string(FIND "${KB_SCHEMA_TEXT}" ")kbschema\"" KB_DELIM_CLASH)
if(NOT KB_DELIM_CLASH EQUAL -1)
  message(FATAL_ERROR "schema.sql contains the raw-string delimiter )kbschema\"")
endif()
file(WRITE ${OUTPUT}.tmp "// Generated from schema.sql by cmake/embed_schema.cmake; do not edit.\n#include \"kb/schema.h\"\nnamespace kb {\nconst char* const kSchemaSql = R\"kbschema(${KB_SCHEMA_TEXT})kbschema\";\n}\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
