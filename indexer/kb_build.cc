#include "indexer/kb_build.h"

#include "indexer/abbreviations.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <set>

#include "indexer/formats/format_registry.h"
#include "indexer/kb_files.h"
#include "indexer/kb_lock.h"
#include "indexer/read_ahead.h"
#include "indexer/topic_analysis.h"
#include "kb/file_io.h"
#include "kb/schema_check.h"
#include "kb/stored_synonyms.h"
#include "kb/sha256.h"
#include "kb/text.h"

namespace kb {

namespace fs = std::filesystem;

namespace {

// Topics analysed ahead of the writer: enough to keep both cores busy when one topic is
// slower to analyse than to write, few enough to keep memory flat.
constexpr std::size_t kTopicsReadAhead = 3;

// Parses CONTENT, the bytes of the topic file at PATH, by the format its content shows.
Result<Topic> parse_topic(const std::string& path, const std::string& content_bytes) {
  const std::string* content = &content_bytes;
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

}  // namespace

Result<Topic> load_topic(const std::string& path) {
  auto content = read_file(path);
  if (!content.ok()) return content.status();
  return parse_topic(path, *content);
}


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


namespace {

// A topic file as the build first sees it: read and hashed, not yet parsed.
struct TopicFile {
  std::string path;
  std::string content_hash;
  std::optional<LinksFileText> links;
  std::string links_hash;  // empty without a links file
};

// A topic the KB holds, as the build matches it to the files.
struct StoredTopic {
  std::int64_t id = 0;
  std::string slug, content_hash, links_hash, source_path;
  bool claimed = false;  // a file of this build is it, or rewrites it
};

std::vector<Abbreviation> abbreviations_of(const Topic& topic) {
  std::vector<Abbreviation> defined;
  for (const Section& section : topic.sections)
    for (const Paragraph& paragraph : section.paragraphs) {
      auto found = find_abbreviations(paragraph.text);
      defined.insert(defined.end(), found.begin(), found.end());
    }
  return defined;
}

Result<std::vector<StoredTopic>> read_stored_topics(Database& db) {
  auto st = db.prepare("SELECT id, slug, content_hash, links_hash, source_path FROM topics ORDER BY id");
  if (!st.ok()) return st.status();
  std::vector<StoredTopic> topics;
  while (st->step())
    topics.push_back({st->column_int(0), st->column_text(1), st->column_text(2), st->column_text(3), st->column_text(4)});
  if (!st->status().ok()) return st->status();
  return topics;
}

Result<std::map<std::int64_t, std::vector<Abbreviation>>> read_stored_abbreviations(Database& db) {
  auto st = db.prepare("SELECT topic_id, short_form, long_form FROM topic_abbreviations ORDER BY topic_id, position");
  if (!st.ok()) return st.status();
  std::map<std::int64_t, std::vector<Abbreviation>> by_topic;
  while (st->step()) by_topic[st->column_int(0)].push_back({st->column_text(1), st->column_text(2)});
  if (!st->status().ok()) return st->status();
  return by_topic;
}

Result<std::string> read_meta(Database& db, const std::string& key) {
  auto st = db.prepare("SELECT value FROM kb_meta WHERE key = ?");
  if (!st.ok()) return st.status();
  st->bind(1, key);
  std::string value;
  if (st->step()) value = st->column_text(0);
  if (!st->status().ok()) return st->status();
  return value;
}

// One number of the KB, by a query that returns one.
Result<std::int64_t> count_of(Database& db, const std::string& sql) {
  auto st = db.prepare(sql);
  if (!st.ok()) return st.status();
  std::int64_t n = 0;
  if (st->step()) n = st->column_int(0);
  if (!st->status().ok()) return st->status();
  return n;
}

// The whole KB's counts, as the summary's totals.
Result<TopicCounts> read_totals(Database& db, int& topics) {
  auto st = db.prepare(
      "SELECT (SELECT count(*) FROM topics), (SELECT count(*) FROM paragraphs), (SELECT count(*) FROM sentences),"
      " (SELECT count(*) FROM refs), (SELECT count(*) FROM (SELECT DISTINCT sentence_id, start_char FROM citations)),"
      " (SELECT count(*) FROM citations), (SELECT count(*) FROM cross_references),"
      " (SELECT count(*) FROM recommendations), (SELECT count(*) FROM evidence_links), (SELECT count(*) FROM parse_notes)");
  if (!st.ok()) return st.status();
  TopicCounts c;
  if (st->step()) {
    topics = static_cast<int>(st->column_int(0));
    int* fields[] = {&c.paragraphs, &c.sentences, &c.references, &c.markers, &c.citations,
                     &c.cross_references, &c.recommendations, &c.evidence_links, &c.notes};
    for (int i = 0; i < 9; ++i) *fields[i] = static_cast<int>(st->column_int(i + 1));
  }
  if (!st->status().ok()) return st->status();
  return c;
}

// What only imports brought to the KB at PATH, which `--fresh` is about to replace. A file it
// cannot read as a KB brought nothing it could count.
FreshDrops count_fresh_drops(const std::string& path) {
  FreshDrops drops;
  auto db = Database::open(path, Database::Mode::ReadOnly);
  if (!db.ok()) return drops;
  const std::pair<int*, const char*> counts[] = {
      {&drops.imports, "SELECT count(*) FROM imports"},
      {&drops.imported_studies, "SELECT count(*) FROM studies WHERE origin = 'import'"},
      {&drops.enrichments, "SELECT count(*) FROM study_enrichments"},
      {&drops.imported_links, "SELECT count(*) FROM new_evidence_links"},
  };
  for (auto [target, sql] : counts)
    if (auto n = count_of(**db, sql); n.ok()) *target = static_cast<int>(*n);
  return drops;
}

Result<TopicFile> read_topic_file(const std::string& path, const BuildInputs& inputs, std::string& content) {
  auto read = read_file(path);
  if (!read.ok()) return read.status();
  content = std::move(read.value());
  TopicFile file;
  file.path = path;
  file.content_hash = sha256_hex(content);
  if (auto l = inputs.links.find(without_extension(path)); l != inputs.links.end()) {
    auto links = read_file(l->second);
    if (!links.ok()) return links.status();
    file.links_hash = sha256_hex(*links);
    file.links = LinksFileText{l->second, std::move(links.value())};
  }
  return file;
}

// What the build keeps of a topic's first parse: whom it names, and what it defines.
struct ParsedLook {
  std::string slug, title;
  std::vector<Abbreviation> abbreviations;
};

ParsedLook look_at(const Topic& topic) { return ParsedLook{topic.slug, topic.title, abbreviations_of(topic)}; }

Result<ParsedLook> parsed_look(const std::string& path) {
  auto topic = load_topic(path);
  if (!topic.ok()) return topic.status();
  return look_at(*topic);
}

// A topic file read and hashed, and parsed unless the KB holds a topic of that content.
struct FirstLook {
  TopicFile file;
  std::optional<ParsedLook> parsed;
};

Result<FirstLook> first_look(const std::string& path, const BuildInputs& inputs,
                             const std::set<std::pair<std::string, std::string>>& stored_hashes) {
  std::string content;
  auto file = read_topic_file(path, inputs, content);
  if (!file.ok()) return file.status();
  FirstLook look{std::move(file.value()), std::nullopt};
  if (stored_hashes.count({look.file.content_hash, look.file.links_hash})) return look;
  auto topic = parse_topic(path, content);
  if (!topic.ok()) return topic.status();
  look.parsed = look_at(*topic);
  return look;
}

}  // namespace

Result<BuildSummary> build_kb(const std::vector<std::string>& paths, const std::string& db_path, BuildMode mode) {
  const auto started = std::chrono::steady_clock::now();
  auto files = expand_paths(paths);
  if (!files.ok()) return files.status();
  {
    // The KB itself, its journal, temporaries and backups are not topics, even in a folder given.
    const std::string kb_file = fs::absolute(db_path).lexically_normal().string();
    std::erase_if(*files, [&](const std::string& f) {
      const std::string file = fs::absolute(f).lexically_normal().string();
      return file == kb_file || file.rfind(kb_file + "-", 0) == 0 || file.rfind(kb_file + ".", 0) == 0;
    });
  }
  auto inputs = sort_inputs(*files);
  if (!inputs.ok()) return inputs.status();
  auto base_synonyms = load_synonyms(inputs->synonyms);
  if (!base_synonyms.ok()) return base_synonyms.status();

  fs::path target = fs::absolute(db_path);
  fs::path folder = target.parent_path();
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return Status::IO(db_path + ": folder " + folder.string() + " does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    return Status::IO(db_path + ": cannot write in its folder " + folder.string() +
                      " (the new KB is written there first); choose another with --db or KB_DB");
  auto lock = KbLock::acquire(folder, db_path);
  if (!lock.ok()) return lock.status();
  remove_stale_temporaries(target);

  BuildSummary summary;
  summary.db_path = db_path;
  BuildChanges& changes = summary.changes;
  // An empty file holds nothing to keep: it is written as a new KB.
  const bool existing = fs::is_regular_file(target, ec) && fs::file_size(target, ec) > 0;
  const bool updating = existing && !mode.fresh;
  if (existing && mode.fresh) changes.dropped = count_fresh_drops(db_path);
  if (updating) {
    auto migrated = upgrade_if_older(db_path);
    if (!migrated.ok()) return migrated.status();
    changes.migration = *migrated;
  }

  // Every topic file read and hashed; only those the KB lacks, in that form, are parsed.
  std::vector<TopicFile> topic_files;
  std::map<std::size_t, std::vector<Abbreviation>> parsed_abbreviations;
  std::map<std::string, std::size_t> slug_files;   // slug -> index of the file read it from
  std::vector<std::size_t> to_write;               // file indexes, in reading order
  std::map<std::size_t, std::int64_t> keeps;       // file index -> stored topic it is, unchanged
  std::vector<StoredTopic> stored;
  std::map<std::int64_t, std::vector<Abbreviation>> stored_abbreviations;
  SynonymGroups stored_synonyms;
  std::string stored_tool_version;
  if (updating) {
    auto db = Database::open(db_path, Database::Mode::ReadOnly);
    if (!db.ok()) return db.status();
    if (Status s = check_schema(**db, db_path, "kbindex"); !s.ok()) return s;
    auto topics = read_stored_topics(**db);
    if (!topics.ok()) return topics.status();
    stored = std::move(topics.value());
    auto abbreviations = read_stored_abbreviations(**db);
    if (!abbreviations.ok()) return abbreviations.status();
    stored_abbreviations = std::move(abbreviations.value());
    auto synonyms = read_stored_synonyms(**db);
    if (!synonyms.ok()) return synonyms.status();
    stored_synonyms = std::move(synonyms.value());
    auto version = read_meta(**db, "tool_version");
    if (!version.ok()) return version.status();
    stored_tool_version = *version;
    changes.updated = true;
  }
  std::map<std::string, std::size_t> stored_by_slug;
  std::map<std::int64_t, std::size_t> stored_by_id;
  std::multimap<std::pair<std::string, std::string>, std::size_t> stored_by_hashes;  // (content, links), in id order
  for (std::size_t i = 0; i < stored.size(); ++i) {
    stored_by_slug[stored[i].slug] = i;
    stored_by_id[stored[i].id] = i;
    stored_by_hashes.emplace(std::pair{stored[i].content_hash, stored[i].links_hash}, i);
  }
  std::map<std::size_t, std::size_t> rewrites;  // file index -> stored index it replaces
  std::set<std::pair<std::string, std::string>> stored_hashes;  // (content, links) of every stored topic
  for (const auto& [hashes, index] : stored_by_hashes) stored_hashes.insert(hashes);
  // Files are read, hashed and (when the KB lacks them) parsed on two threads; only what the
  // build needs of a parse is kept, so memory stays flat.
  ReadAhead<Result<FirstLook>> looks(inputs->topics.size(), kTopicsReadAhead * 2, [&](std::size_t i) {
    return first_look(inputs->topics[i], *inputs, stored_hashes);
  }, 2);
  for (const std::string& path : inputs->topics) {
    auto look = looks.next();
    if (!look.ok()) return look.status();
    const std::size_t index = topic_files.size();
    topic_files.push_back(std::move(look->file));
    const TopicFile& f = topic_files.back();
    StoredTopic* same = nullptr;  // the first stored topic of this content no other file claimed
    for (auto [it, end] = stored_by_hashes.equal_range({f.content_hash, f.links_hash}); it != end && !same; ++it)
      if (!stored[it->second].claimed) same = &stored[it->second];
    if (same) {
      same->claimed = true;
      keeps[index] = same->id;
      if (auto [it, fresh] = slug_files.emplace(same->slug, index); !fresh)
        return Status::Parse(path + ": topic '" + same->slug + "' is already read from " +
                             topic_files[it->second].path + "; remove one of the two");
      continue;
    }
    if (!look->parsed) {  // the same file twice: the stored topic went to the first
      auto parsed = parsed_look(path);
      if (!parsed.ok()) return parsed.status();
      look->parsed = std::move(parsed.value());
    }
    const ParsedLook& topic = *look->parsed;
    if (auto [it, fresh] = slug_files.emplace(topic.slug, index); !fresh)
      return Status::Parse(path + ": topic '" + topic.title + "' is already read from " +
                           topic_files[it->second].path + "; remove one of the two");
    parsed_abbreviations[index] = topic.abbreviations;
    to_write.push_back(index);
    if (auto s = stored_by_slug.find(topic.slug); s != stored_by_slug.end() && !stored[s->second].claimed) {
      stored[s->second].claimed = true;
      rewrites[index] = s->second;
    }
  }
  // A file matched by content whose slug another file now claims: cannot happen, since one
  // content gives one slug; a stored topic neither file claimed is removed.
  std::vector<std::int64_t> removed_ids;
  for (const StoredTopic& t : stored)
    if (!t.claimed) {
      removed_ids.push_back(t.id);
      changes.removed_topics.push_back(t.slug);
    }

  // Kept topics are written again when the KB's own reading of them is out of date; then
  // their files are parsed like the others'.
  auto rewrite_kept = [&](const std::string& because) -> Status {
    changes.reanalysed_because = because;
    for (const auto& [index, id] : keeps) {
      if (!parsed_abbreviations.count(index)) {
        auto topic = load_topic(topic_files[index].path);
        if (!topic.ok()) return topic.status();
        parsed_abbreviations[index] = abbreviations_of(*topic);
      }
      to_write.push_back(index);
      rewrites[index] = stored_by_id.at(id);
    }
    std::sort(to_write.begin(), to_write.end());
    keeps.clear();
    return Status::Ok();
  };
  if (updating && !keeps.empty()) {
    std::string because;
    if (changes.migration && changes.migration->from < 5)
      because = "the KB was upgraded from schema " + std::to_string(changes.migration->from) +
                ", which did not record the abbreviations each topic defines";
    else if (stored_tool_version != KB_VERSION)
      because = "the KB was written by kbindex " +
                (stored_tool_version.empty() ? std::string("of another release") : stored_tool_version) +
                ", and this one reads topics differently";
    if (!because.empty())
      if (Status s = rewrite_kept(because); !s.ok()) return s;
  }
  // The abbreviations every topic defines, in reading order, as a build of all of them learns them.
  auto learn_synonyms = [&] {
    SynonymGroups groups = *base_synonyms;
    std::vector<Abbreviation> defined;
    for (std::size_t i = 0; i < topic_files.size(); ++i) {
      const auto& found = keeps.count(i) ? stored_abbreviations[keeps[i]] : parsed_abbreviations[i];
      defined.insert(defined.end(), found.begin(), found.end());
    }
    add_abbreviations(groups, defined);
    return groups;
  };
  SynonymGroups synonyms = learn_synonyms();
  const bool synonyms_changed = !updating || synonyms != stored_synonyms;
  if (updating && synonyms_changed && !keeps.empty())
    if (Status s = rewrite_kept(
            "the synonym groups changed (a synonyms file, or the abbreviations the topics define), and every topic "
            "is read with them");
        !s.ok())
      return s;
  std::vector<std::pair<std::int64_t, std::string>> moves;
  for (const auto& [index, id] : keeps) {
    if (stored[stored_by_id.at(id)].source_path != topic_files[index].path) moves.emplace_back(id, topic_files[index].path);
  }
  changes.unchanged = static_cast<int>(keeps.size());
  changes.moved = static_cast<int>(moves.size());
  changes.removed = static_cast<int>(removed_ids.size());
  for (std::size_t index : to_write) (rewrites.count(index) ? changes.changed : changes.added)++;

  if (updating && to_write.empty() && removed_ids.empty() && moves.empty() && !synonyms_changed) {
    // Nothing to do: the KB is left as it is, to the byte.
    changes.up_to_date = true;
    auto db = Database::open(db_path, Database::Mode::ReadOnly);
    if (!db.ok()) return db.status();
    auto totals = read_totals(**db, summary.total_topics);
    if (!totals.ok()) return totals.status();
    summary.totals = *totals;
    summary.kb_bytes = static_cast<std::int64_t>(fs::file_size(target, ec));
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return summary;
  }

  const ConceptIndex concepts(synonyms);
  const std::string temp = temporary_path(target);
  auto write_all = [&]() -> Status {
    std::unique_ptr<KbWriter> writer;
    std::vector<ImportedLink> links_before;
    if (updating) {
      {
        auto old = Database::open(db_path, Database::Mode::ReadOnly);
        if (!old.ok()) return old.status();
        if (Status s = (*old)->copy_to(temp); !s.ok()) return s;
      }
      auto opened = KbWriter::update(temp);
      if (!opened.ok()) return opened.status();
      writer = std::move(opened.value());
      std::vector<std::int64_t> leaving = removed_ids;
      for (const auto& [index, s] : rewrites) leaving.push_back(stored[s].id);
      auto before = read_imported_links(writer->database(), leaving);
      if (!before.ok()) return before.status();
      links_before = std::move(before.value());
      for (std::int64_t id : leaving)
        if (Status s = writer->remove_topic(id); !s.ok()) return s;
      for (const auto& [id, path] : moves)
        if (Status s = writer->set_source_path(id, path); !s.ok()) return s;
    } else {
      auto created = KbWriter::create(temp);
      if (!created.ok()) return created.status();
      writer = std::move(created.value());
    }
    if (synonyms_changed)
      if (Status s = writer->write_synonyms(synonyms); !s.ok()) return s;
    // A few topics in memory at a time: a KB of thousands of topics builds in flat memory.
    // The next topics are read and analysed on a second thread while this one writes
    // (analysis reads only the topic and the concept index). A bad file stops the build;
    // only the temporary file has seen anything.
    ReadAhead<Result<AnalysedTopic>> analysed_topics(to_write.size(), kTopicsReadAhead, [&](std::size_t i) {
      const TopicFile& file = topic_files[to_write[i]];
      auto loaded = load_topic(file.path);
      if (!loaded.ok()) return Result<AnalysedTopic>(loaded.status());
      if (loaded->content_hash != file.content_hash)
        return Result<AnalysedTopic>(
            Status::IO(file.path + ": changed while the build was reading it; run the build again"));
      loaded->links_hash = file.links_hash;
      return analyse_topic(std::move(loaded.value()), file.links, concepts);
    });
    std::set<std::int64_t> written_ids;
    for (std::size_t index : to_write) {
      auto analysed = analysed_topics.next();
      if (!analysed.ok()) return Status(analysed.status());
      const Topic& topic = analysed->topic;
      auto counts = writer->write_topic(*analysed, parsed_abbreviations[index]);
      if (!counts.ok()) return counts.status();
      written_ids.insert(writer->last_topic_id());
      summary.topics.push_back({topic.slug, topic.title, topic.source_path, topic.truncated, *counts,
                                topic.diagnostics, rewrites.count(index) ? "changed" : "added"});
    }
    if (updating) {
      auto carried = carry_forward_imports(writer->database(), written_ids, links_before);
      if (!carried.ok()) return carried.status();
      changes.imports = *carried;
      if (Status s = writer->remove_unused_names(); !s.ok()) return s;
    }
    auto totals = read_totals(writer->database(), summary.total_topics);
    if (!totals.ok()) return totals.status();
    summary.totals = *totals;
    if (Status s = writer->finish(!updating); !s.ok()) return s;
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
