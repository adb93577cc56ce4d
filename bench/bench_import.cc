// PubMed XML import speed and memory against a bare xmlTextReader pass over the same file,
// measured in one run.
//
//   bench_import [--articles N] [--json]   (default 100000 generated articles of about 1.5 KB each;
//                                           --json: one JSON object instead of text, for run_bench.py)
//
// Each pass runs in a child process so that its peak resident set size is its own. Figures are
// ratios to the baseline, since the machine is shared and noisy; memory is compared between
// N articles and N/4, which should peak about as high if the reader streams.
#include <iostream>
#include <libxml/xmlreader.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>

#include "indexer/imports/kb_importer.h"
#include "indexer/imports/pubmed_xml_reader.h"
#include "indexer/kb_build.h"
#include "kb/output.h"

namespace fs = std::filesystem;

namespace {

struct Measure {
  double seconds = 0;      // wall clock
  double cpu_seconds = 0;  // user + system: steadier than the wall clock on a shared machine
  long peak_kib = 0;
  bool ok = false;
};

Measure in_child(const std::function<bool()>& work) {
  std::fflush(stdout);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) _exit(work() ? 0 : 1);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measure m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                  static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  m.peak_kib = usage.ru_maxrss;
  m.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return m;
}

// A small linear congruential generator: the same file on every run.
struct Random {
  std::uint64_t state = 88172645463325252ULL;
  std::uint32_t next() {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  }
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) { return items[next() % N]; }
};

const char* const kWords[] = {"randomized", "trial",      "breast",   "cancer",       "surgery",   "outcome",
                              "survival",   "metastatic", "therapy",  "cohort",       "patients",  "analysis",
                              "risk",       "treatment",  "local",    "radiotherapy", "primary",   "tumour",
                              "resection",  "endocrine",  "women",    "follow-up",    "hazard",    "overall",
                              "quality",    "of life",    "adjuvant", "chemotherapy", "mortality", "recurrence"};
const char* const kSurnames[] = {"Badwe", "Khan", "Soran", "Fitzal", "King", "Ruiterkamp", "Tosello", "de Baere",
                                 "Smith", "Nguyen", "Garcia", "Müller", "Rossi", "Tanaka", "Olsen", "O'Brien"};
const char* const kForeNames[] = {"Rajendra A", "Seema A", "Atilla", "Florian", "Tari A", "Jetske", "Gianni",
                                  "Thierry", "John Paul", "Linh", "María José", "Jörg", "Giulia", "Hiroshi"};
const char* const kMesh[] = {"Breast Neoplasms", "Humans", "Female", "Middle Aged", "Aged", "Mastectomy",
                             "Neoplasm Metastasis", "Survival Analysis", "Treatment Outcome",
                             "Radiotherapy, Adjuvant", "Prognosis", "Retrospective Studies", "Cohort Studies"};
const char* const kQualifiers[] = {"surgery", "mortality", "therapy", "pathology", "drug therapy", "secondary"};
const char* const kTypes[] = {"Randomized Controlled Trial", "Multicenter Study", "Review", "Comparative Study",
                              "Research Support, Non-U.S. Gov't", "Observational Study"};
const char* const kLabels[] = {"BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"};
const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
struct Journal {
  const char* abbreviation;
  const char* title;
};
const Journal kJournals[] = {{"J Clin Oncol", "Journal of clinical oncology"},
                             {"Lancet Oncol", "The Lancet. Oncology"},
                             {"Ann Surg Oncol", "Annals of surgical oncology"},
                             {"Breast Cancer Res Treat", "Breast cancer research and treatment"}};

std::string words(Random& random, int count) {
  std::string out;
  for (int i = 0; i < count; ++i) {
    if (i > 0) out += ' ';
    out += random.pick(kWords);
  }
  return out;
}

// One article in the layout of a PubMed baseline file, about 1.5 KB.
void write_article(std::FILE* out, int index, Random& random) {
  const long pmid = 20000000L + index * 37L + static_cast<long>(random.next() % 37);
  const Journal& journal = random.pick(kJournals);
  std::string title = words(random, 6 + static_cast<int>(random.next() % 4));
  title[0] = static_cast<char>(title[0] - 'a' + 'A');
  const unsigned volume = 10 + random.next() % 30, issue = 1 + random.next() % 12, year = 1990 + random.next() % 35;
  const char* month = random.pick(kMonths);
  const unsigned first_page = 100 + random.next() % 900, last_page = first_page + random.next() % 20;
  std::fprintf(out,
               " <PubmedArticle>\n  <MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\">\n"
               "   <PMID Version=\"1\">%ld</PMID>\n   <Article>\n    <Journal>\n"
               "     <JournalIssue>\n      <Volume>%u</Volume>\n"
               "      <Issue>%u</Issue>\n      <PubDate><Year>%u</Year><Month>%s</Month></PubDate>\n"
               "     </JournalIssue>\n     <Title>%s</Title>\n    </Journal>\n"
               "    <ArticleTitle>%s.</ArticleTitle>\n    <Pagination><MedlinePgn>%u-%u</MedlinePgn></Pagination>\n"
               "    <Abstract>\n",
               pmid, volume, issue, year, month, journal.title, title.c_str(), first_page, last_page);
  for (int s = 0; s < 2; ++s)
    std::fprintf(out, "     <AbstractText Label=\"%s\">%s <i>p</i> = 0.0%u.</AbstractText>\n", kLabels[s * 2],
                 words(random, 5).c_str(), random.next() % 10);
  std::fprintf(out, "    </Abstract>\n    <AuthorList>\n");
  const int authors = 2 + static_cast<int>(random.next() % 2);
  for (int a = 0; a < authors; ++a)
    std::fprintf(out, "     <Author><LastName>%s</LastName><ForeName>%s</ForeName></Author>\n",
                 random.pick(kSurnames), random.pick(kForeNames));
  std::fprintf(out,
               "    </AuthorList>\n    <Language>eng</Language>\n    <PublicationTypeList>\n"
               "     <PublicationType>Journal Article</PublicationType>\n"
               "     <PublicationType>%s</PublicationType>\n    </PublicationTypeList>\n"
               "   </Article>\n   <MedlineJournalInfo><MedlineTA>%s</MedlineTA></MedlineJournalInfo>\n"
               "   <MeshHeadingList>\n",
               random.pick(kTypes), journal.abbreviation);
  std::fprintf(out,
               "    <MeshHeading><DescriptorName MajorTopicYN=\"N\">%s</DescriptorName>"
               "<QualifierName MajorTopicYN=\"%c\">%s</QualifierName></MeshHeading>\n",
               random.pick(kMesh), random.next() % 3 == 0 ? 'Y' : 'N', random.pick(kQualifiers));
  std::fprintf(out, "    <MeshHeading><DescriptorName MajorTopicYN=\"N\">%s</DescriptorName></MeshHeading>\n",
               random.pick(kMesh));
  std::fprintf(out,
               "   </MeshHeadingList>\n  </MedlineCitation>\n  <PubmedData>\n   <ArticleIdList>\n"
               "    <ArticleId IdType=\"pubmed\">%ld</ArticleId>\n"
               "    <ArticleId IdType=\"doi\">10.1000/bench.%ld</ArticleId>\n   </ArticleIdList>\n"
               "  </PubmedData>\n </PubmedArticle>\n",
               pmid, pmid);
}

bool generate(const fs::path& path, int articles) {
  std::FILE* out = std::fopen(path.c_str(), "wb");
  if (out == nullptr) return false;
  std::fprintf(out,
               "<?xml version=\"1.0\" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC \"-//NLM//DTD PubMedArticle, 1st January "
               "2025//EN\" \"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd\">\n<PubmedArticleSet>\n");
  Random random;
  for (int i = 0; i < articles; ++i) write_article(out, i, random);
  std::fprintf(out, "</PubmedArticleSet>\n");
  return std::fclose(out) == 0;
}

// The baseline: libxml2's reader over the same file, every node visited, elements counted.
bool bare_reader_pass(const std::string& path) {
  xmlTextReaderPtr reader = xmlReaderForFile(path.c_str(), nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR);
  if (reader == nullptr) return false;
  long elements = 0;
  int rc = 0;
  while ((rc = xmlTextReaderRead(reader)) == 1)
    if (xmlTextReaderNodeType(reader) == XML_READER_TYPE_ELEMENT) ++elements;
  xmlFreeTextReader(reader);
  return rc == 0 && elements > 0;
}

bool import_pass(const std::string& path, int expected) {
  long records = 0;
  kb::Status status = kb::read_pubmed_xml(path, [&](kb::ImportRecord&& record) {
    if (!record.pmid.empty() && !record.authors.empty() && !record.mesh.empty()) ++records;
    return kb::Status::Ok();
  });
  if (!status.ok()) std::fprintf(stderr, "bench_import: %s\n", status.message().c_str());
  return status.ok() && records == expected;
}

// The whole of `kbindex add`: every record matched against a seed KB, stored as a study with
// its abstract, MeSH and publication types, and scored against the recommendations.
bool add_pass(const std::string& path, const std::string& db, int expected) {
  auto built = kb::build_kb({KB_SOURCE_DIR "/corpus"}, db);
  if (!built.ok()) return false;
  auto importer = kb::KbImporter::open(db);
  if (!importer.ok()) return false;
  auto summary = (*importer)->add_file(path);
  if (!summary.ok()) {
    std::fprintf(stderr, "bench_import: %s\n", summary.status().message().c_str());
    return false;
  }
  return (*importer)->commit().ok() && summary->records == expected;
}

}  // namespace

int main(int argc, char** argv) {
  int articles = 100000;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--articles") == 0 && i + 1 < argc) {
      articles = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--json") == 0) {
      json = true;
    } else {
      std::fprintf(stderr, "usage: bench_import [--articles N] [--json]\n");
      return 2;
    }
  }
  if (articles < 4) {
    std::fprintf(stderr, "bench_import: --articles must be at least 4\n");
    return 2;
  }
  const int quarter = articles / 4;

  fs::path dir = fs::temp_directory_path() / ("kb-bench-import-" + std::to_string(getpid()));
  fs::create_directories(dir);
  const fs::path full = dir / "pubmed_full.xml";
  const fs::path small = dir / "pubmed_quarter.xml";
  if (!generate(full, articles) || !generate(small, quarter)) {
    std::fprintf(stderr, "bench_import: cannot write to %s\n", dir.c_str());
    return 1;
  }

  Measure bare = in_child([&] { return bare_reader_pass(full.string()); });
  Measure import = in_child([&] { return import_pass(full.string(), articles); });
  // Memory must not grow with the file: a quarter of it should peak about as high.
  Measure import_small = in_child([&] { return import_pass(small.string(), quarter); });
  Measure bare_small = in_child([&] { return bare_reader_pass(small.string()); });
  Measure add = in_child([&] { return add_pass(full.string(), (dir / "full.sqlite").string(), articles); });
  Measure add_small = in_child([&] { return add_pass(small.string(), (dir / "quarter.sqlite").string(), quarter); });

  std::error_code ec;
  const double mib = static_cast<double>(fs::file_size(full, ec)) / 1048576.0;
  const bool ok = bare.ok && import.ok && import_small.ok && bare_small.ok && add.ok && add_small.ok;
  if (json) {
    auto round_to = [](double x, double digits) { return std::round(x * std::pow(10.0, digits)) / std::pow(10.0, digits); };
    auto ratio = [&](auto a, auto b) { return round_to(static_cast<double>(a) / static_cast<double>(b), 2); };
    auto pass = [&](const Measure& m) {
      return kb::Json{{"wall_s", round_to(m.seconds, 3)}, {"cpu_s", round_to(m.cpu_seconds, 3)},
                      {"peak_mib", round_to(static_cast<double>(m.peak_kib) / 1024.0, 1)},
                      {"records_per_s_wall", std::lround(articles / m.seconds)},
                      {"records_per_s_cpu", std::lround(articles / m.cpu_seconds)}, {"ok", m.ok}};
    };
    kb::Json doc = {
        {"articles", articles},
        {"input_mib", round_to(mib, 1)},
        {"floor", "a bare xmlTextReader pass over the same file"},
        {"bare_reader", pass(bare)},
        {"read_pubmed_xml", pass(import)},
        {"kbindex_add", pass(add)},  // a seed KB built from corpus/, then every record added to it
        {"read_over_floor", {{"wall", ratio(import.seconds, bare.seconds)}, {"cpu", ratio(import.cpu_seconds, bare.cpu_seconds)},
                             {"peak_mib", ratio(import.peak_kib, bare.peak_kib)}}},
        {"add_over_floor", {{"wall", ratio(add.seconds, bare.seconds)}, {"cpu", ratio(add.cpu_seconds, bare.cpu_seconds)},
                            {"peak_mib", ratio(add.peak_kib, bare.peak_kib)}}},
        // Streaming means a quarter of the file peaks about as high: about 1x.
        {"peak_over_quarter_file", {{"read_pubmed_xml", ratio(import.peak_kib, import_small.peak_kib)},
                                    {"kbindex_add", ratio(add.peak_kib, add_small.peak_kib)},
                                    {"bare_reader", ratio(bare.peak_kib, bare_small.peak_kib)}}},
        {"add_kb_mib", round_to(static_cast<double>(fs::file_size(dir / "full.sqlite", ec)) / 1048576.0, 1)},
        {"ok", ok}};
    std::cout << kb::json_text(doc) << "\n";
    fs::remove_all(dir, ec);
    return ok ? 0 : 1;
  }
  std::printf("input: %d articles, %.1f MiB of PubMed XML (%.2f KiB per article)\n", articles, mib,
              mib * 1024.0 / articles);
  std::printf("bare xmlTextReader pass: %.2f s (%.2f s CPU), peak RSS %ld KiB%s\n", bare.seconds, bare.cpu_seconds,
              bare.peak_kib, bare.ok ? "" : " (FAILED)");
  std::printf("read_pubmed_xml:         %.2f s (%.2f s CPU), peak RSS %ld KiB%s\n", import.seconds,
              import.cpu_seconds, import.peak_kib, import.ok ? "" : " (FAILED)");
  std::printf("read / bare:             %.2fx CPU time (%.2fx wall clock)\n", import.cpu_seconds / bare.cpu_seconds,
              import.seconds / bare.seconds);
  std::printf("records per CPU second:  %.0f (%.1f MiB/s)\n", articles / import.cpu_seconds,
              mib / import.cpu_seconds);
  std::printf("peak RSS of read_pubmed_xml, %d articles / %d articles: %ld / %ld KiB = %.2fx (flat memory: about 1x)\n",
              articles, quarter, import.peak_kib, import_small.peak_kib,
              static_cast<double>(import.peak_kib) / static_cast<double>(import_small.peak_kib));
  std::printf("peak RSS of the bare pass,  %d articles / %d articles: %ld / %ld KiB = %.2fx\n", articles, quarter,
              bare.peak_kib, bare_small.peak_kib,
              static_cast<double>(bare.peak_kib) / static_cast<double>(bare_small.peak_kib));
  std::printf("kbindex add (seed KB, every record a new study): %.2f s (%.2f s CPU), peak RSS %ld KiB%s\n", add.seconds,
              add.cpu_seconds, add.peak_kib, add.ok ? "" : " (FAILED)");
  std::printf("add / bare:              %.2fx CPU time; %.0f records per CPU second\n",
              add.cpu_seconds / bare.cpu_seconds, articles / add.cpu_seconds);
  std::printf("peak RSS of kbindex add,  %d articles / %d articles: %ld / %ld KiB = %.2fx (KB %.1f MiB)\n", articles,
              quarter, add.peak_kib, add_small.peak_kib,
              static_cast<double>(add.peak_kib) / static_cast<double>(add_small.peak_kib),
              static_cast<double>(fs::file_size(dir / "full.sqlite", ec)) / 1048576.0);
  fs::remove_all(dir, ec);
  return ok ? 0 : 1;
}
