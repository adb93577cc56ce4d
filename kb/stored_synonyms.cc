#include "kb/stored_synonyms.h"

namespace kb {

Result<SynonymGroups> read_stored_synonyms(Database& db) {
  auto st = db.prepare("SELECT group_id, term FROM synonyms ORDER BY group_id, position");
  if (!st.ok()) return st.status();
  SynonymGroups groups;
  std::int64_t current = -1;
  Status read = st->each([&](const Statement& row) {
    if (row.column_int(0) != current) {
      current = row.column_int(0);
      groups.emplace_back();
    }
    groups.back().push_back(row.column_text(1));
  });
  if (!read.ok()) return read;
  return groups;
}

}  // namespace kb
