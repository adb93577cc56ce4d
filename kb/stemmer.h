// The Porter stemmer of the KB's full-text index, for use outside SQL.
//
// The KB's FTS5 tables are built with tokenize='porter unicode61 remove_diacritics 2':
// SQLite stems every word before it stores it, so the index holds 'resect', not
// 'resections'. Whenever the query side matches words itself (concepts, synonyms,
// highlighting, deciding which index terms a question touches) it must reduce words to
// the same stems, or a concept found outside SQL would disagree with what the index
// finds. porter_stem() is that reduction: the original Porter (1980) algorithm exactly as
// SQLite's FTS5 'porter' tokenizer applies it (ext/fts5/fts5_tokenize.c), quirks
// included, and tests/unit/stemmer_test.cc checks it against SQLite itself.
//
// What SQLite does, and so what this does, beyond the textbook algorithm:
//  - words shorter than 3 bytes or longer than 64 bytes are returned unchanged;
//  - every other word is stemmed, digits and non-ASCII bytes included: they count as
//    consonants ('covid19s' -> 'covid19', 'il6s' -> 'il6');
//  - step 2 has Porter's later rules 'bli' -> 'ble' (instead of 'abli' -> 'able') and
//    'logi' -> 'log' ('possibly' -> 'possibl', 'oncology' -> 'oncolog', where the 1980
//    paper gives 'possibli' and 'oncologi');
//  - a suffix only matches when something is left in front of it, which changes a few
//    degenerate words: 'ies' -> 'ie', 'sses' -> 'sse', 'eed' -> 'e';
//  - in step 1b a final 'yy' counts as a double consonant.
#pragma once

#include <string>
#include <string_view>

namespace kb {

// WORD is one token as kb::tokenize() produces it (lower case, folded to ASCII where it
// is Latin). Returns its stem as the KB's FTS5 index stores it. Safe on any bytes; it
// allocates nothing but the result.
std::string porter_stem(std::string_view word);

}  // namespace kb
