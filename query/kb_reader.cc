#include "query/kb_reader.h"

#include "kb/schema.h"

namespace kb {

Result<std::unique_ptr<KbReader>> KbReader::open(const std::string& path) {
  auto db = Database::open(path, Database::Mode::ReadOnly);
  if (!db.ok()) return db.status();
  const std::string rebuild = "; rebuild it with `kbindex build`";
  auto version = (*db)->prepare("SELECT value FROM kb_meta WHERE key = 'schema_version'");
  if (!version.ok()) {
    // No kb_meta: either not SQLite at all, or some other SQLite database.
    if (version.status().code() == Code::Corrupt) return version.status();
    return Status::Corrupt(path + ": not a knowledge base (it has no kb_meta table)" + rebuild);
  }
  if (!version->step()) {
    if (!version->status().ok()) return Status::Corrupt(path + ": " + version->status().message() + rebuild);
    return Status::Corrupt(path + ": not a knowledge base (kb_meta has no schema_version)" + rebuild);
  }
  std::string found = version->column_text(0);
  if (found != std::to_string(kSchemaVersion))
    return Status::Corrupt(path + ": built with schema version " + found + ", but this kbquery reads version " +
                           std::to_string(kSchemaVersion) + rebuild);
  return std::unique_ptr<KbReader>(new KbReader(std::move(db.value())));
}

Result<std::vector<TopicRef>> KbReader::topics() {
  auto st = db_->prepare("SELECT id, slug, title FROM topics ORDER BY slug");
  if (!st.ok()) return st.status();
  std::vector<TopicRef> out;
  while (st->step()) out.push_back({st->column_int(0), st->column_text(1), st->column_text(2)});
  if (!st->status().ok()) return st->status();
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

}  // namespace kb
