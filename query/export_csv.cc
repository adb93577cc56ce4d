#include "query/export_csv.h"

#include "kb/design.h"
#include "query/export_fields.h"

namespace kb {

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string export_csv(const std::vector<StoredReference>& refs) {
  std::string out = "topic,number,authors,title,journal,year,volume,issue,pages,doi,pmid,design,level\r\n";
  for (const StoredReference& stored : refs) {
    const Reference& ref = stored.ref;
    std::string authors;
    for (const std::string& a : ref.authors) {
      if (!authors.empty()) authors += ", ";
      authors += a;
    }
    if (ref.et_al) authors += authors.empty() ? "et al." : ", et al.";
    const std::string fields[] = {stored.topic,
                                  std::to_string(stored.number),
                                  authors,
                                  ref.title,
                                  ref.journal,
                                  ref.year ? std::to_string(ref.year) : std::string(),
                                  ref.volume,
                                  issue_with_supplement(ref),
                                  expanded_pages(ref.pages),
                                  ref.doi,
                                  ref.pmid,
                                  to_string(ref.design),
                                  std::to_string(ref.level)};
    bool first = true;
    for (const std::string& f : fields) {
      if (!first) out += ',';
      first = false;
      out += csv_field(f);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace kb
