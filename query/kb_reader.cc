#include "query/kb_reader.h"

#include <map>

#include "kb/cli.h"
#include "kb/schema_check.h"

namespace kb {

Result<std::unique_ptr<KbReader>> KbReader::open(const std::string& path) {
  auto db = Database::open(path, Database::Mode::ReadOnly);
  if (!db.ok()) return db.status();
  if (Status s = check_schema(**db, path, "kbquery"); !s.ok()) return s;
  return std::unique_ptr<KbReader>(new KbReader(std::move(db.value())));
}

Result<std::vector<TopicRef>> KbReader::topics() {
  auto st = db_->prepare("SELECT id, slug, title FROM topics ORDER BY slug");
  if (!st.ok()) return st.status();
  std::vector<TopicRef> out;
  Status read = st->each([&](const Statement& row) {
    out.push_back({row.column_int(0), row.column_text(1), row.column_text(2)});
  });
  if (!read.ok()) return read;
  return out;
}

Result<TopicRef> KbReader::resolve_topic(const std::string& slug) {
  auto all = topics();
  if (!all.ok()) return all.status();
  std::vector<TopicRef> partial;
  for (const TopicRef& t : *all) {
    if (t.slug == slug) return t;
    if (t.slug.find(slug) != std::string::npos) partial.push_back(t);
  }
  if (partial.size() == 1) return partial.front();
  std::string names;
  for (const TopicRef& t : partial.empty() ? *all : partial) names += "\n  " + t.slug;
  if (partial.empty())
    return Status::Usage("--topic " + slug + ": no such topic; the KB has:" + (names.empty() ? " none" : names));
  return Status::Usage("--topic " + slug + ": matches several topics; name one of:" + names);
}

Result<std::shared_ptr<KbReader>> open_kb(const GlobalOptions& global) {
  if (!global.keep_kb_open) {
    auto kb = KbReader::open(global.db);
    if (!kb.ok()) return kb.status();
    return std::shared_ptr<KbReader>(std::move(kb.value()));
  }
  thread_local std::map<std::string, std::shared_ptr<KbReader>> kept;
  auto it = kept.find(global.db);
  if (it != kept.end()) return it->second;
  auto kb = KbReader::open(global.db);
  if (!kb.ok()) return kb.status();
  std::shared_ptr<KbReader> reader(std::move(kb.value()));
  kept.emplace(global.db, reader);
  return reader;
}

}  // namespace kb
