#include <catch2/catch.hpp>

#include "kb/sha256.h"
#include "kb/text.h"

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[sha256]") {
  auto [input, digest] = GENERATE(table<std::string, std::string>({
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  }));
  CHECK(kb::sha256_hex(input) == digest);
}

TEST_CASE("SHA-256 pads inputs that end near a block boundary", "[sha256]") {
  // 55, 56 and 64 bytes straddle the one-block/two-block padding cases.
  CHECK(kb::sha256_hex(std::string(55, 'a')) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(kb::sha256_hex(std::string(56, 'a')) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(kb::sha256_hex(std::string(64, 'a')) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST_CASE("SHA-256 fed in pieces equals SHA-256 of the whole", "[sha256]") {
  // Piece sizes that split blocks unevenly: the streaming hash of an import file.
  std::string data;
  for (int i = 0; i < 1000; ++i) data += static_cast<char>('a' + i % 26);
  const std::size_t piece = GENERATE(1, 7, 63, 64, 65, 200, 1000);
  kb::Sha256 hasher;
  for (std::size_t at = 0; at < data.size(); at += piece) hasher.update(std::string_view(data).substr(at, piece));
  const std::string digest = hasher.hex();
  CHECK(digest == kb::sha256_hex(data));
  CHECK(digest != kb::sha256_hex(data.substr(1)));
}

TEST_CASE("Slugs are ASCII lower case words joined by hyphens", "[text]") {
  CHECK(kb::slugify("The role of local therapies in metastatic breast cancer") ==
        "the-role-of-local-therapies-in-metastatic-breast-cancer");
  CHECK(kb::slugify("Tumor, Node, Metastasis (TNM) staging") == "tumor-node-metastasis-tnm-staging");
  CHECK(kb::slugify("Paget's disease of the breast") == "pagets-disease-of-the-breast");
  CHECK(kb::slugify("Güller's  résumé -- 2nd") == "gullers-resume-2nd");
}

TEST_CASE("Diacritics fold to ASCII letters and other text is kept", "[text]") {
  CHECK(kb::fold_diacritics("Güller U") == "Guller U");
  CHECK(kb::fold_diacritics("Rodríguez-Gómez A") == "Rodriguez-Gomez A");
  CHECK(kb::fold_diacritics("Łukasz Øster Straße") == "Lukasz Oster Strasse");
  CHECK(kb::fold_diacritics("αβ ©2017") == "αβ ©2017");
}

TEST_CASE("Printed dates become ISO dates", "[text]") {
  CHECK(kb::iso_month("Nov 2017") == "2017-11");
  CHECK(kb::iso_month("November 2017.") == "2017-11");
  CHECK(kb::iso_month("Smarch 2017").empty());
  CHECK(kb::iso_date("Mar 02, 2017") == "2017-03-02");
  CHECK(kb::iso_date("Mar 2, 2017.") == "2017-03-02");
  CHECK(kb::iso_date("Mar 32, 2017").empty());
}

TEST_CASE("Character offsets count code points, not bytes", "[text]") {
  std::string s = "Güller U";  // ü is two bytes
  CHECK(kb::utf8_chars(s) == 8);
  CHECK(kb::utf8_chars(s, 3) == 2);
  CHECK(kb::is_valid_utf8(s));
  CHECK_FALSE(kb::is_valid_utf8("G\xFCller"));  // Latin-1 ü
  CHECK_FALSE(kb::is_valid_utf8("\xC0\xAF"));    // overlong '/'
}
