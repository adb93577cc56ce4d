#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstddef>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "kb/stemmer.h"

TEST_CASE("Porter's published examples stem as in the paper", "[stemmer]") {
  auto [word, stem] = GENERATE(table<std::string, std::string>({
      // Step 1a
      {"caresses", "caress"}, {"ponies", "poni"}, {"ties", "ti"}, {"caress", "caress"}, {"cats", "cat"},
      // Step 1b
      {"feed", "feed"}, {"agreed", "agre"}, {"plastered", "plaster"}, {"bled", "bled"},
      {"motoring", "motor"}, {"sing", "sing"}, {"conflated", "conflat"}, {"troubled", "troubl"},
      {"sized", "size"}, {"hopping", "hop"}, {"tanned", "tan"}, {"falling", "fall"},
      {"hissing", "hiss"}, {"fizzed", "fizz"}, {"failing", "fail"}, {"filing", "file"},
      // Step 1c
      {"happy", "happi"}, {"sky", "sky"},
      // Step 2
      {"relational", "relat"}, {"conditional", "condit"}, {"rational", "ration"},
      {"valenci", "valenc"}, {"digitizer", "digit"}, {"conformabli", "conform"},
      {"radicalli", "radic"}, {"differentli", "differ"}, {"vileli", "vile"},
      {"analogousli", "analog"}, {"vietnamization", "vietnam"}, {"predication", "predic"},
      {"operator", "oper"}, {"feudalism", "feudal"}, {"decisiveness", "decis"},
      {"hopefulness", "hope"}, {"callousness", "callous"}, {"formaliti", "formal"},
      {"sensitiviti", "sensit"}, {"sensibiliti", "sensibl"},
      // Step 3
      {"triplicate", "triplic"}, {"formative", "form"}, {"formalize", "formal"},
      {"electriciti", "electr"}, {"electrical", "electr"}, {"hopeful", "hope"}, {"goodness", "good"},
      // Step 4
      {"revival", "reviv"}, {"allowance", "allow"}, {"inference", "infer"}, {"airliner", "airlin"},
      {"gyroscopic", "gyroscop"}, {"adjustable", "adjust"}, {"defensible", "defens"},
      {"irritant", "irrit"}, {"replacement", "replac"}, {"adjustment", "adjust"},
      {"dependent", "depend"}, {"adoption", "adopt"}, {"homologou", "homolog"},
      {"communism", "commun"}, {"activate", "activ"}, {"angulariti", "angular"},
      {"homologous", "homolog"}, {"effective", "effect"}, {"bowdlerize", "bowdler"},
      // Step 5
      {"probate", "probat"}, {"rate", "rate"}, {"cease", "ceas"}, {"controll", "control"},
      {"roll", "roll"},
  }));
  CAPTURE(word);
  CHECK(kb::porter_stem(word) == stem);
}

TEST_CASE("Medical words stem to the terms the KB index holds", "[stemmer]") {
  auto [word, stem] = GENERATE(table<std::string, std::string>({
      {"surgery", "surgeri"}, {"surgeries", "surgeri"}, {"surgical", "surgic"},
      {"resection", "resect"}, {"resections", "resect"}, {"metastatic", "metastat"},
      {"metastases", "metastas"}, {"tumours", "tumour"}, {"tumors", "tumor"},
      {"randomized", "random"}, {"randomised", "randomis"}, {"survival", "surviv"},
      {"radiotherapy", "radiotherapi"},
  }));
  CAPTURE(word);
  CHECK(kb::porter_stem(word) == stem);
}

TEST_CASE("SQLite's porter departs from the 1980 paper in a few places", "[stemmer]") {
  auto [word, stem] = GENERATE(table<std::string, std::string>({
      // Porter's later step 2 rules: bli -> ble (not abli -> able) and logi -> log.
      {"possibly", "possibl"},    // paper: possibli
      {"oncology", "oncolog"},    // paper: oncologi
      {"radiology", "radiolog"},  // paper: radiologi
      {"biology", "biologi"},     // 'bio' has m = 0, so logi stays
      // A suffix must leave something in front of it.
      {"ies", "ie"},              // paper: i
      {"sses", "sse"},            // paper: ss
      {"eed", "e"},               // paper: eed
      // Step 1b takes a final 'yy' for a double consonant.
      {"sayyed", "sai"},          // paper: sayi
      // Digits are consonants: words with digits are stemmed too.
      {"covid19s", "covid19"}, {"il6s", "il6"}, {"brca1", "brca1"}, {"2019s", "2019"},
      // Fewer than 3 bytes: left alone (the paper would make 'is' into 'i').
      {"is", "is"}, {"as", "as"}, {"a", "a"}, {"", ""},
  }));
  CAPTURE(word);
  CHECK(kb::porter_stem(word) == stem);
}

TEST_CASE("Only words of 3 to 64 bytes are stemmed", "[stemmer]") {
  const std::string stem64 = "a" + std::string(60, 'b');  // + "ing" = 64 bytes
  CHECK(kb::porter_stem(stem64 + "ing") == stem64.substr(0, 60));  // -ing, then bb -> b
  const std::string word65 = "a" + std::string(61, 'b') + "ing";
  CHECK(kb::porter_stem(word65) == word65);
  const std::string huge = std::string(100000, 'x') + "ations";
  CHECK(kb::porter_stem(huge) == huge);
}

TEST_CASE("Any bytes are safe and treated as consonants", "[stemmer]") {
  CHECK(kb::porter_stem("caf\xc3\xa9s") == "caf\xc3\xa9");
  CHECK(kb::porter_stem("\xff\xfe\x80s") == "\xff\xfe\x80");
  CHECK(kb::porter_stem(std::string("ab\0cs", 5)) == std::string("ab\0c", 4));
  CHECK(kb::porter_stem("12345") == "12345");

  // Random bytes: short and long words come back unchanged, the rest never grow by more
  // than the one 'e' step 1b may add.
  std::mt19937 rng(20240601);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<std::size_t> length(0, 80);
  const std::string alphabet = "aeiouysltbdgmnrzcwx";
  for (int i = 0; i < 20000; ++i) {
    std::string word(length(rng), '\0');
    const bool letters = i % 2 == 0;
    for (char& c : word) {
      c = letters ? alphabet[static_cast<std::size_t>(byte(rng)) % alphabet.size()]
                  : static_cast<char>(byte(rng));
    }
    const std::string stem = kb::porter_stem(word);
    CAPTURE(word);
    if (word.size() < 3 || word.size() > 64) {
      REQUIRE(stem == word);
    } else {
      REQUIRE(!stem.empty());
      REQUIRE(stem.size() <= word.size() + 1);
    }
  }
}

namespace {

using DbPtr = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

DbPtr open_memory_db() {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open(":memory:", &db);
  DbPtr owned(db, &sqlite3_close);
  REQUIRE(rc == SQLITE_OK);
  return owned;
}

void exec(sqlite3* db, const std::string& sql) {
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  const std::string message = err ? err : "";
  sqlite3_free(err);
  INFO(sql << ": " << message);
  REQUIRE(rc == SQLITE_OK);
}

StmtPtr prepare(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr);
  StmtPtr owned(stmt, &sqlite3_finalize);
  INFO(sql << ": " << sqlite3_errmsg(db));
  REQUIRE(rc == SQLITE_OK);
  return owned;
}

std::string column_text(sqlite3_stmt* stmt, int col) {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
  return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(stmt, col)));
}

// Fills fts5 table T (one word a row, rowid = index + 1) with TOKENIZE and adds the
// fts5vocab tables T_row and T_instance over it.
void index_words(sqlite3* db, const std::string& t, const std::string& tokenize,
                 const std::vector<std::string>& words) {
  exec(db, "CREATE VIRTUAL TABLE " + t + " USING fts5(x, tokenize='" + tokenize + "')");
  exec(db, "CREATE VIRTUAL TABLE " + t + "_row USING fts5vocab(" + t + ", 'row')");
  exec(db, "CREATE VIRTUAL TABLE " + t + "_instance USING fts5vocab(" + t + ", 'instance')");
  exec(db, "BEGIN");
  StmtPtr insert = prepare(db, "INSERT INTO " + t + "(rowid, x) VALUES (?, ?)");
  for (std::size_t i = 0; i < words.size(); ++i) {
    sqlite3_reset(insert.get());
    sqlite3_bind_int64(insert.get(), 1, static_cast<sqlite3_int64>(i + 1));
    sqlite3_bind_text(insert.get(), 2, words[i].data(), static_cast<int>(words[i].size()), SQLITE_TRANSIENT);
    INFO(words[i]);
    REQUIRE(sqlite3_step(insert.get()) == SQLITE_DONE);
  }
  exec(db, "COMMIT");
}

std::set<std::string> vocab_terms(sqlite3* db, const std::string& t) {
  std::set<std::string> terms;
  StmtPtr select = prepare(db, "SELECT term FROM " + t + "_row");
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) terms.insert(column_text(select.get(), 0));
  REQUIRE(rc == SQLITE_DONE);
  return terms;
}

// The term SQLite stored for each row, by rowid.
std::map<sqlite3_int64, std::vector<std::string>> terms_by_row(sqlite3* db, const std::string& t) {
  std::map<sqlite3_int64, std::vector<std::string>> terms;
  StmtPtr select = prepare(db, "SELECT doc, term FROM " + t + "_instance ORDER BY doc, offset");
  int rc;
  while ((rc = sqlite3_step(select.get())) == SQLITE_ROW) {
    terms[sqlite3_column_int64(select.get(), 0)].push_back(column_text(select.get(), 1));
  }
  REQUIRE(rc == SQLITE_DONE);
  return terms;
}

// English and medical words, the paper's examples, and the edge cases above. Each is a
// single token to the ascii tokenizer.
std::vector<std::string> cross_check_words() {
  std::vector<std::string> words = {
      // Porter's examples
      "caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "plastered", "bled",
      "motoring", "sing", "conflated", "troubled", "sized", "hopping", "tanned", "falling",
      "hissing", "fizzed", "failing", "filing", "happy", "sky", "relational", "conditional",
      "rational", "valenci", "digitizer", "conformabli", "radicalli", "differentli", "vileli",
      "analogousli", "vietnamization", "predication", "operator", "feudalism", "decisiveness",
      "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "triplicate",
      "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness", "revival",
      "allowance", "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant",
      "replacement", "adjustment", "dependent", "adoption", "homologou", "communism", "activate",
      "angulariti", "homologous", "effective", "bowdlerize", "probate", "rate", "cease",
      "controll", "roll",
      // Medical
      "surgery", "surgeries", "surgical", "surgically", "resection", "resections", "resected",
      "resectable", "unresectable", "metastatic", "metastases", "metastasis", "metastasized",
      "tumours", "tumour", "tumors", "tumor", "randomized", "randomised", "randomization",
      "randomisation", "survival", "survived", "surviving", "survivors", "radiotherapy",
      "chemotherapy", "chemotherapies", "immunotherapy", "irradiation", "adjuvant",
      "neoadjuvant", "mastectomy", "lumpectomy", "lymphadenectomy", "lymphatic", "nodes", "nodal",
      "recurrence", "recurrences", "recurrent", "relapsed", "relapsing", "progression",
      "progressive", "prognosis", "prognostic", "diagnosis", "diagnoses", "diagnostic",
      "diagnosed", "treatment", "treatments", "treated", "therapeutic", "efficacy",
      "effectiveness", "toxicity", "toxicities", "adverse", "patients", "cohort", "cohorts",
      "retrospective", "prospective", "observational", "analysis", "analyses", "analyzed",
      "multivariate", "hazard", "hazards", "ratios", "confidence", "intervals", "significantly",
      "significance", "mortality", "morbidity", "complications", "postoperative",
      "perioperative", "preoperative", "laparoscopic", "minimally", "invasive", "invasiveness",
      "hepatectomy", "pancreatectomy", "oesophagectomy", "esophagectomy", "colorectal",
      "gastric", "hepatic", "pulmonary", "oncology", "oncological", "radiology", "biology", "biological",
      "inhibitors", "inhibition", "expression", "overexpressed", "mutations", "mutated",
      "staging", "staged", "guidelines", "recommended", "recommendations", "evidence",
      "systematic", "reviews", "controlled", "placebo", "outcomes", "benefit", "beneficial",
      "carcinoma", "carcinomas", "cancers", "excision", "excisional", "margins", "dissection",
      "anastomosis", "anastomotic", "hospitalization", "hospitalisation", "generalizations",
      "operational", "sensational", "allowances", "conditionally", "predictably", "hopefully",
      "possibly", "sizing", "yelled", "syzygy", "yoyos", "crying", "enjoyed", "played",
      "employment", "annoyance", "enjoyable", "payment", "conveyance", "pavement", "agreement",
      "communion", "opinion", "infusion",
      // Degenerate and non-letter words
      "ies", "sses", "eed", "aed", "eing", "ying", "ycled", "sayyed", "covid19", "covid19s", "il6s", "p53", "cd4",
      "brca1", "her2", "2019s", "is", "as", "a",
  };
  words.push_back("a" + std::string(60, 'b') + "ing");  // 64 bytes: stemmed
  words.push_back("a" + std::string(61, 'b') + "ing");  // 65 bytes: passed through
  return words;
}

bool is_ascii(const std::string& s) {
  for (const char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void check_against_sqlite(const std::string& tokenize, const std::vector<std::string>& words) {
  DbPtr db = open_memory_db();
  index_words(db.get(), "t", tokenize, words);

  std::set<std::string> expected;
  for (const auto& w : words) expected.insert(kb::porter_stem(w));
  REQUIRE(expected.size() >= 150);
  const std::set<std::string> actual = vocab_terms(db.get(), "t");

  std::vector<std::string> only_sqlite;
  std::vector<std::string> only_ours;
  for (const auto& s : actual) {
    if (!expected.count(s)) only_sqlite.push_back(s);
  }
  for (const auto& s : expected) {
    if (!actual.count(s)) only_ours.push_back(s);
  }
  CAPTURE(tokenize);
  CHECK(only_sqlite == std::vector<std::string>{});
  CHECK(only_ours == std::vector<std::string>{});

  // Word by word: each row holds one word, so its one term is SQLite's stem of it.
  const auto by_row = terms_by_row(db.get(), "t");
  CHECK(by_row.size() == words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto it = by_row.find(static_cast<sqlite3_int64>(i + 1));
    CAPTURE(words[i]);
    REQUIRE(it != by_row.end());
    CHECK(it->second == std::vector<std::string>{kb::porter_stem(words[i])});
  }
}

}  // namespace

TEST_CASE("porter_stem agrees with SQLite's FTS5 porter tokenizer", "[stemmer]") {
  std::vector<std::string> words = cross_check_words();
  // Bytes outside ASCII are part of a token to the ascii tokenizer, and stemmed with it.
  words.push_back("caf\xc3\xa9s");
  words.push_back("na\xc3\xafvet\xc3\xa9s");
  words.push_back("\xce\xb1\xce\xb2s");
  check_against_sqlite("porter ascii", words);
}

TEST_CASE("porter_stem agrees with the KB schema's tokenizer on ASCII words", "[stemmer]") {
  // unicode61 would fold non-ASCII words before stemming, so only ASCII words here.
  std::vector<std::string> words;
  for (const auto& w : cross_check_words()) {
    if (is_ascii(w)) words.push_back(w);
  }
  check_against_sqlite("porter unicode61 remove_diacritics 2", words);
}
