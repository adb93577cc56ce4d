#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "indexer/sentence_splitter.h"

namespace {

std::vector<std::string> sentences(std::string_view paragraph) {
  std::vector<std::string> out;
  for (const kb::SentenceSpan& s : kb::split_sentences(paragraph)) {
    out.emplace_back(paragraph.substr(s.begin, s.end - s.begin));
  }
  return out;
}

// Line `n` (1-based) of the seed topic.
std::string corpus_line(int n) {
  std::ifstream in(KB_SOURCE_DIR "/corpus/local-therapies-metastatic-breast-cancer.txt");
  std::string line;
  for (int i = 1; i <= n && std::getline(in, line); ++i) {
  }
  return line;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

TEST_CASE("Sentence splitter splits the seed topic's opening paragraph into 4 sentences",
          "[sentences]") {
  const std::string p = corpus_line(16);
  REQUIRE(p.starts_with("Patients with metastatic breast cancer"));
  CHECK(sentences(p) ==
        std::vector<std::string>{
            "Patients with metastatic breast cancer are unlikely to be cured of their disease by "
            "any means.",
            "Complete remissions from systemic chemotherapy are uncommon, and only a fraction of "
            "complete responders remain progression free for a prolonged period.",
            "The median survival for patients with stage IV breast cancer is 18 to 24 months, "
            "although the range extends from only a few months to many years [1-3].",
            "(See \"Systemic treatment for metastatic breast cancer: General principles\" and "
            "\"Tumor, Node, Metastasis (TNM) staging classification for breast cancer\".)",
        });
}

TEST_CASE("Sentence splitter keeps '(ie, ...)' and a trailing marker inside their sentences",
          "[sentences]") {
  const std::string p = corpus_line(18);
  REQUIRE(p.starts_with("Although systemic therapy"));
  CHECK(sentences(p) ==
        std::vector<std::string>{
            "Although systemic therapy is the mainstay of treatment for metastatic breast cancer, "
            "local management of the primary as well as metastasis-specific local treatment (ie, "
            "metastasectomy, radiofrequency ablation, cryotherapy, and radiation therapy) may "
            "palliate symptoms and prevent cancer-related complications.",
            "Some evidence suggests a potential for prolonging survival, although prospective "
            "data are lacking [4].",
            "These approaches and their rationale are discussed here.",
        });
}

TEST_CASE("Sentence splitter makes a closing (See ...) parenthetical its own sentence",
          "[sentences]") {
  const std::string p = corpus_line(20);
  REQUIRE(p.starts_with("Systemic medical therapy"));
  CHECK(sentences(p) ==
        std::vector<std::string>{
            "Systemic medical therapy for metastatic breast cancer, consisting of chemotherapy, "
            "endocrine therapy and/or biologic therapies, and supportive care is discussed "
            "elsewhere.",
            "(See \"Systemic treatment for metastatic breast cancer: General principles\".)",
        });
}

TEST_CASE("Sentence splitter splits the seed topic's palliation paragraph into 5 sentences",
          "[sentences]") {
  const std::string p = corpus_line(23);
  REQUIRE(p.starts_with("The primary role of local treatment"));
  CHECK(sentences(p) ==
        std::vector<std::string>{
            "The primary role of local treatment to the breast in metastatic breast cancer is "
            "palliation.",
            "Patients with metastatic disease should be evaluated for possible local management "
            "of the primary if it may control local complications from the cancer (eg, bleeding, "
            "infection, or wound management).",
            "However, in general, for patients who are asymptomatic at the site of their primary, "
            "we do not offer local treatment given lack of clear evidence that it improves "
            "survival.",
            "While retrospective evidence suggests a possible benefit, prospective data have "
            "shown no overall survival benefit or only minimal survival benefit, and are limited "
            "by methodologic issues.",
            "As such, we typically do not offer surgery in such cases.",
        });
}

TEST_CASE("Sentence splitter splits the seed topic's exceptions paragraph into 5 sentences",
          "[sentences]") {
  const std::string p = corpus_line(25);
  REQUIRE(p.starts_with("Deviations to this approach"));
  CHECK(sentences(p) ==
        std::vector<std::string>{
            "Deviations to this approach may be rarely made on a case-by-case basis in a "
            "multidisciplinary setting, although these instances are exceptional.",
            "For example, we have offered local management of the primary to patients with human "
            "epidermal growth factor receptor 2 (HER2)-positive disease who have a brisk and "
            "dramatic response to systemic therapy.",
            "However, data supporting such an approach are lacking, and the decision to proceed "
            "with local management in a similar situation should take into account the "
            "expertise and experience of the treating institution as well as patient "
            "preferences.",
            "If lumpectomy is pursued for local management of the primary, radiation therapy "
            "(RT) is not indicated, as it would be for primary curative treatment for "
            "non-metastatic disease.",
            "Similarly, if mastectomy is used, reconstruction should not be offered (unless "
            "necessary to close a large wound).",
        });
}

TEST_CASE("Sentence splitter does not split after abbreviations, initials or decimals",
          "[sentences]") {
  auto [text, first] = GENERATE(table<std::string, std::string>({
      {"Drugs, eg. Tamoxifen, help. Next one.", "Drugs, eg. Tamoxifen, help."},
      {"Use e.g. Tamoxifen in some. Next one.", "Use e.g. Tamoxifen in some."},
      {"Other agents, ie. Letrozole, work. Next one.", "Other agents, ie. Letrozole, work."},
      {"Other agents, i.e. Letrozole, work. Next one.", "Other agents, i.e. Letrozole, work."},
      {"Smith et al. Reported survival. Next one.", "Smith et al. Reported survival."},
      {"As Lee et al. 2010 showed, it works. Next one.", "As Lee et al. 2010 showed, it works."},
      {"As Lee et al. showed, it works. Next one.", "As Lee et al. showed, it works."},
      {"Arm A vs. Arm B was tested. Next one.", "Arm A vs. Arm B was tested."},
      {"The dose was approx. 50 mg daily. Next one.", "The dose was approx. 50 mg daily."},
      {"She saw Dr. Smith today. Next one.", "She saw Dr. Smith today."},
      {"See Fig. 2 for data. Next one.", "See Fig. 2 for data."},
      {"Trial No. 5 closed early. Next one.", "Trial No. 5 closed early."},
      {"See Ref. 12 for details. Next one.", "See Ref. 12 for details."},
      {"She lives in St. Louis now. Next one.", "She lives in St. Louis now."},
      {"Mr. Jones, Mrs. Jones and Ms. Lee came. Next one.",
       "Mr. Jones, Mrs. Jones and Ms. Lee came."},
      {"Compare cf. Table 2 here. Next one.", "Compare cf. Table 2 here."},
      {"Drugs, lotions, etc. are used. Next one.", "Drugs, lotions, etc. are used."},
      {"Written by Michael S. Sabel in 2017. Next one.",
       "Written by Michael S. Sabel in 2017."},
      {"A. B. Smith wrote it. Next one.", "A. B. Smith wrote it."},
      {"The U.S. Food and Drug Administration agreed. Next one.",
       "The U.S. Food and Drug Administration agreed."},
      {"The dose was 2.5 mg daily. Next one.", "The dose was 2.5 mg daily."},
      {"It differed (p = 0.03) by arm. Next one.", "It differed (p = 0.03) by arm."},
      {"Options (1. Surgery 2. Radiation) were listed. Next one.",
       "Options (1. Surgery 2. Radiation) were listed."},
      {"Some trials (one stopped. Others went on) ran. Next one.",
       "Some trials (one stopped. Others went on) ran."},
      {"It may bleed (eg, bleeding, infection) or not. Next one.",
       "It may bleed (eg, bleeding, infection) or not."},
      {"A period.then no space. Next one.", "A period.then no space."},
      {"A period. then lowercase. Next one.", "A period. then lowercase."},
  }));
  CAPTURE(text);
  CHECK(sentences(text) == std::vector<std::string>{first, "Next one."});
}

TEST_CASE("Sentence splitter ends sentences where the next one starts", "[sentences]") {
  using V = std::vector<std::string>;
  auto [text, expected] = GENERATE(table<std::string, V>({
      {"It lasts years [1-3]. Next one.", V{"It lasts years [1-3].", "Next one."}},
      {"It lasts years [1, 3-5]. Next one.", V{"It lasts years [1, 3-5].", "Next one."}},
      {"There was a benefit.[5] Next one.", V{"There was a benefit.[5]", "Next one."}},
      {"There was a benefit.[5,6][7] Next one.", V{"There was a benefit.[5,6][7]", "Next one."}},
      {"It is a benefit. [see below] text.", V{"It is a benefit.", "[see below] text."}},
      {"It is discussed elsewhere. (See \"Breast cancer. Overview\".) Next one.",
       V{"It is discussed elsewhere.", "(See \"Breast cancer. Overview\".)", "Next one."}},
      {"He asked \"Why?\" Then he left.", V{"He asked \"Why?\"", "Then he left."}},
      {"He said \xE2\x80\x9CStop.\xE2\x80\x9D Then he left.",
       V{"He said \xE2\x80\x9CStop.\xE2\x80\x9D", "Then he left."}},
      {"He said \xE2\x80\x9CStop. Go.\xE2\x80\x9D Then he left.",
       V{"He said \xE2\x80\x9CStop. Go.\xE2\x80\x9D", "Then he left."}},
      {"Is it? Yes! Done.", V{"Is it?", "Yes!", "Done."}},
      {"Wait... Then go?! Now.", V{"Wait...", "Then go?!", "Now."}},
      {"They used drugs, lotions, etc. The results were good.",
       V{"They used drugs, lotions, etc.", "The results were good."}},
      {"It was stage 4. 30 patients died.", V{"It was stage 4.", "30 patients died."}},
      {"It was stage 4. \"Quoted\" next.", V{"It was stage 4.", "\"Quoted\" next."}},
      {"It was stage 4. \xE2\x80\x98Quoted\xE2\x80\x99 next.",
       V{"It was stage 4.", "\xE2\x80\x98Quoted\xE2\x80\x99 next."}},
      {"Work by M\xC3\xBCller. Next one.", V{"Work by M\xC3\xBCller.", "Next one."}},
      {"It is an ebauche. \xC3\x89lan follows.", V{"It is an ebauche.", "\xC3\x89lan follows."}},
      {"The result was p = 0.03. The next was 0.5.",
       V{"The result was p = 0.03.", "The next was 0.5."}},
      {"A stray ( opener. Next one.", V{"A stray ( opener.", "Next one."}},
      {"An unpaired 1) closer. Next one.", V{"An unpaired 1) closer.", "Next one."}},
      {"Seen in HER2. Next one.", V{"Seen in HER2.", "Next one."}},
      {"Trailing text without a period", V{"Trailing text without a period"}},
  }));
  CAPTURE(text);
  CHECK(sentences(text) == expected);
}

TEST_CASE("Sentence splitter trims whitespace and reports byte offsets", "[sentences]") {
  const std::string p = "  First one.\n\t Second one.  ";
  const std::vector<kb::SentenceSpan> spans = kb::split_sentences(p);
  REQUIRE(spans.size() == 2);
  CHECK(spans[0].begin == 2);
  CHECK(spans[0].end == 12);
  CHECK(spans[1].begin == 15);
  CHECK(spans[1].end == 26);
  CHECK(p.substr(spans[1].begin, spans[1].end - spans[1].begin) == "Second one.");
}

TEST_CASE("Sentence splitter gives no sentence for empty or blank text", "[sentences]") {
  CHECK(kb::split_sentences("").empty());
  CHECK(kb::split_sentences(" \t\n ").empty());
  CHECK(sentences(" . ") == std::vector<std::string>{"."});
}

TEST_CASE("Sentence splitter spans cover every non-space byte of random text", "[sentences]") {
  // Pieces chosen to hit the splitter's branches: terminals, brackets, quotes, markers,
  // abbreviations, and multi-byte characters whose bytes must never act as punctuation.
  const std::vector<std::string> pieces = {
      "a", "b", "Z", "S", " ", " ", "  ", ".", ".", "?", "!", "[", "]", "(", ")", "\"", "'",
      "1", "2", "-", ",", "et al", "eg", "Dr", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x99",
      "\xC3\x89", "\xC3\xBC", "\n"};
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 60);
  std::size_t total_spans = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string p;
    for (int k = length(rng); k > 0; --k) p += pieces[pick(rng)];
    CAPTURE(p);
    const std::vector<kb::SentenceSpan> spans = kb::split_sentences(p);
    total_spans += spans.size();

    std::vector<int> covered(p.size(), 0);
    std::size_t previous_end = 0;
    for (const kb::SentenceSpan& s : spans) {
      REQUIRE(s.begin < s.end);
      REQUIRE(s.end <= p.size());
      REQUIRE(s.begin >= previous_end);
      REQUIRE_FALSE(is_space(p[s.begin]));
      REQUIRE_FALSE(is_space(p[s.end - 1]));
      for (std::size_t i = s.begin; i < s.end; ++i) ++covered[i];
      previous_end = s.end;
    }
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (!is_space(p[i])) REQUIRE(covered[i] == 1);
    }
  }
  // The generator must actually produce multi-sentence text for the check to mean anything.
  CHECK(total_spans > 3000);
}
