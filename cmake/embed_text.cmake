# Writes a text file into a C++ source as a raw string constant kb::SYMBOL, so that the
# binaries carry the one copy of the schema and of the default synonyms.
file(READ ${INPUT} KB_TEXT)
string(FIND "${KB_TEXT}" ")kbtext\"" KB_DELIM_CLASH)
if(NOT KB_DELIM_CLASH EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter )kbtext\"")
endif()
file(WRITE ${OUTPUT}.tmp "// Generated from ${INPUT} by cmake/embed_text.cmake; do not edit.\nnamespace kb {\nextern const char* const ${SYMBOL};\nconst char* const ${SYMBOL} = R\"kbtext(${KB_TEXT})kbtext\";\n}\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUTPUT}.tmp)
