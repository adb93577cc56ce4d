#include "indexer/kb_build.h"

#include "indexer/abbreviations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "indexer/formats/format_registry.h"
#include "indexer/kb_lock.h"
#include "indexer/topic_analysis.h"
#include "kb/file_io.h"
#include "kb/sha256.h"
#include "kb/text.h"

namespace kb {

namespace fs = std::filesystem;

Result<Topic> load_topic(const std::string& path) {
  auto content = read_file(path);
  if (!content.ok()) return content.status();
  Format format = detect_format(std::string_view(*content).substr(0, 4096));
  std::string_view text = *content;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark alone is empty too
  if (format == Format::Unknown && trim(text).empty()) format = Format::TopicText;  // it says "empty"
  if (format == Format::Unknown) return Status::Parse(path + ":1: not a topic in any format kbindex knows");
  const FormatInfo& info = format_info(format);
  if (info.kind == FormatKind::Import)
    return Status::Usage(path + ": is " + info.name +
                         ", a list of studies rather than a topic; add it to a built KB with "
                         "`kbindex add " + path + "`");
  if (info.read_topic == nullptr)
    return Status::Parse(path + ": is " + info.name + "; this version reads topics as text only (save the page as text)");
  Result<Topic> topic = info.read_topic(*content, path);
  if (!topic.ok()) return topic;
  topic->content_hash = sha256_hex(*content);
  return topic;
}

namespace {

// Temporary files of builds that died (kill -9, power loss): "kb.sqlite.tmp-1234".
void remove_stale_temporaries(const fs::path& folder, const std::string& db_name) {
  std::error_code ec;
  const std::string prefix = db_name + ".tmp-";
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) == 0) fs::remove(entry.path(), ec);
  }
}

}  // namespace

namespace {

// The files of a build by role: topics, the links files beside them, synonym files.
struct BuildInputs {
  std::vector<std::string> topics;
  std::map<std::string, std::string> links;  // topic path without extension -> links file
  std::vector<std::string> synonyms;
};

std::string without_extension(const std::string& path) {
  fs::path p(path);
  return (p.parent_path() / p.stem()).string();
}

Result<BuildInputs> sort_inputs(const std::vector<std::string>& files) {
  BuildInputs in;
  for (const std::string& file : files) {
    std::string ext = fs::path(file).extension().string();
    if (ext == ".links") in.links[without_extension(file)] = file;
    else if (ext == ".synonyms") in.synonyms.push_back(file);
    else in.topics.push_back(file);
  }
  for (const auto& [stem, file] : in.links) {
    // stem is captured by an init-capture: clang 14 cannot capture a structured binding.
    bool has_topic = std::any_of(in.topics.begin(), in.topics.end(),
                                 [&s = stem](const std::string& t) { return without_extension(t) == s; });
    if (!has_topic)
      return Status::Usage(file + ": no topic file of the same name beside it; a links file belongs to the topic " +
                           fs::path(stem).filename().string() + ".txt");
  }
  if (in.topics.empty()) return Status::Usage("no topic files found in the paths given");
  return in;
}

Result<SynonymGroups> load_synonyms(const std::vector<std::string>& files) {
  SynonymGroups groups = default_synonyms();
  for (const std::string& file : files) {
    auto content = read_file(file);
    if (!content.ok()) return content.status();
    auto parsed = parse_synonyms(*content, file);
    if (!parsed.ok()) return parsed.status();
    groups.insert(groups.end(), parsed->begin(), parsed->end());
  }
  return groups;
}

}  // namespace

Result<BuildSummary> build_kb(const std::vector<std::string>& paths, const std::string& db_path) {
  const auto started = std::chrono::steady_clock::now();
  auto files = expand_paths(paths);
  if (!files.ok()) return files.status();
  auto inputs = sort_inputs(*files);
  if (!inputs.ok()) return inputs.status();
  auto synonyms = load_synonyms(inputs->synonyms);
  if (!synonyms.ok()) return synonyms.status();
  // The abbreviations the topics define join the groups before any topic is analysed, so
  // that the linker and ask read "OPV" and "oral poliovirus vaccine" alike. A file that does
  // not read is left to the build below, which stops on it with its message.
  {
    std::vector<Abbreviation> defined;
    for (const std::string& file : inputs->topics) {
      auto loaded = load_topic(file);
      if (!loaded.ok()) continue;
      for (const Section& section : loaded->sections)
        for (const Paragraph& paragraph : section.paragraphs) {
          auto found = find_abbreviations(paragraph.text);
          defined.insert(defined.end(), found.begin(), found.end());
        }
    }
    add_abbreviations(*synonyms, defined);
  }
  const ConceptIndex concepts(*synonyms);

  fs::path target = fs::absolute(db_path);
  fs::path folder = target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return Status::IO(db_path + ": folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    return Status::IO(db_path + ": cannot write in its folder " + folder.string() +
                      " (the new KB is written there first); choose another with --db or KB_DB");
  auto lock = KbLock::acquire(folder, db_path);
  if (!lock.ok()) return lock.status();
  const std::string db_name = target.filename().string();
  remove_stale_temporaries(folder, db_name);
  const std::string temp = (folder / (db_name + ".tmp-" + std::to_string(::getpid()))).string();

  BuildSummary summary;
  summary.db_path = db_path;
  auto write_all = [&]() -> Status {
    auto writer = KbWriter::create(temp);
    if (!writer.ok()) return writer.status();
    // One topic in memory at a time: a KB of thousands of topics builds in flat memory.
    // A bad file stops the build; only the temporary file has seen anything.
    if (Status s = (*writer)->write_synonyms(*synonyms); !s.ok()) return s;
    std::map<std::string, std::string> slug_sources;
    for (const std::string& file : inputs->topics) {
      auto loaded = load_topic(file);
      if (!loaded.ok()) return Status(loaded.status());
      auto [it, fresh] = slug_sources.emplace(loaded->slug, file);
      if (!fresh)
        return Status::Parse(file + ": topic '" + loaded->title + "' is already read from " + it->second +
                             "; remove one of the two");
      std::optional<LinksFileText> links;
      if (auto l = inputs->links.find(without_extension(file)); l != inputs->links.end()) {
        auto content = read_file(l->second);
        if (!content.ok()) return Status(content.status());
        links = LinksFileText{l->second, *content};
      }
      auto analysed = analyse_topic(std::move(loaded.value()), links, concepts);
      if (!analysed.ok()) return Status(analysed.status());
      const Topic& topic = analysed->topic;
      auto counts = (*writer)->write_topic(*analysed);
      if (!counts.ok()) return counts.status();
      summary.topics.push_back({topic.slug, topic.title, topic.source_path, topic.truncated, *counts,
                                topic.diagnostics});
      summary.totals += *counts;
    }
    if (Status s = (*writer)->finish(); !s.ok()) return s;
    return durable_rename(temp, target.string());
  };
  if (Status s = write_all(); !s.ok()) {
    fs::remove(temp, ec);
    if (s.code() != Code::IO) return s;  // the input's fault: its message names file and line
    return Status::IO(db_path + ": build failed, the previous KB is unchanged: " + s.message());
  }
  summary.kb_bytes = static_cast<std::int64_t>(fs::file_size(target, ec));
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace kb
