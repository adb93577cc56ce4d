#include "query/export_csl_json.h"

#include <string_view>

#include "kb/language_codes.h"
#include "query/export_fields.h"

namespace kb {
namespace {

Json csl_author(const std::string& printed) {
  const AuthorName name = split_author(printed);
  if (name.collective) return {{"literal", name.family}};
  Json author = {{"family", name.family}};
  if (!name.initials.empty()) author["given"] = dotted_initials(name, " ");
  if (!name.suffix.empty()) author["suffix"] = name.suffix;
  return author;
}

void put(Json& item, const char* key, const std::string& value) {
  if (!value.empty()) item[key] = value;
}

}  // namespace

Json csl_item(const StoredReference& stored) {
  const Reference& ref = stored.ref;
  Json item;
  item["id"] = std::string(stored.topic).append("/").append(std::to_string(stored.number));
  item["type"] = ref.conference.empty() ? "article-journal" : "paper-conference";
  put(item, "title", ref.title);
  put(item, "container-title", ref.journal);
  put(item, "container-title-short", ref.journal);
  if (!ref.authors.empty()) {
    Json authors = Json::array();
    for (const std::string& a : ref.authors) authors.push_back(csl_author(a));
    item["author"] = std::move(authors);
  }
  if (ref.year) {
    Json parts = Json::array({ref.year});
    if (const int month = month_number(ref)) parts.push_back(month);
    item["issued"] = {{"date-parts", Json::array({parts})}};
  }
  put(item, "volume", ref.volume);
  put(item, "issue", issue_with_supplement(ref));
  put(item, "page", expanded_pages(ref.pages));
  put(item, "DOI", ref.doi);
  put(item, "PMID", ref.pmid);
  // BCP 47 takes the ISO 639-1 code; a language without one is left out rather than guessed.
  if (std::string_view language = iso639_1_code(ref.language); !language.empty()) item["language"] = std::string(language);
  item["note"] = provenance_note(stored);
  return item;
}

std::string export_csl_json(const std::vector<StoredReference>& refs) {
  Json items = Json::array();
  for (const StoredReference& r : refs) items.push_back(csl_item(r));
  std::string out = items.dump(2, ' ', false, Json::error_handler_t::replace);
  out += '\n';
  return out;
}

}  // namespace kb
