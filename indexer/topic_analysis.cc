#include "indexer/topic_analysis.h"

#include "indexer/design_classifier.h"
#include "indexer/recommendation_extractor.h"
#include "indexer/reference_parser.h"

namespace kb {
namespace {

// What a markup format tagged is taken over what the parser read from the printed string.
void overlay_tagged_fields(Reference& ref, const Reference& tagged) {
  auto take = [](std::string& field, const std::string& value) {
    if (!value.empty()) field = value;
  };
  if (!tagged.authors.empty()) {
    ref.authors = tagged.authors;
    ref.et_al = tagged.et_al;
  }
  take(ref.title, tagged.title);
  take(ref.journal, tagged.journal);
  if (tagged.year != 0) ref.year = tagged.year;
  take(ref.volume, tagged.volume);
  take(ref.issue, tagged.issue);
  take(ref.pages, tagged.pages);
  take(ref.doi, tagged.doi);
  take(ref.pmid, tagged.pmid);
}

}  // namespace

Result<AnalysedTopic> analyse_topic(Topic topic, const std::optional<LinksFileText>& links_file,
                                    const ConceptIndex& concepts) {
  AnalysedTopic out;
  out.references.reserve(topic.references.size());
  for (const ReferenceEntry& entry : topic.references) {
    Reference ref = parse_reference(entry.raw);
    overlay_tagged_fields(ref, entry.tagged);
    classify_design(ref);
    out.references.push_back(std::move(ref));
  }
  out.recommendations = extract_recommendations(topic);
  out.links = cited_links(topic, out.recommendations);
  if (links_file) {
    auto lines = parse_links_file(links_file->content, links_file->path);
    if (!lines.ok()) return lines.status();
    auto curated = curated_links(*lines, links_file->path, topic, out.recommendations);
    if (!curated.ok()) return curated.status();
    out.links.insert(out.links.end(), curated->begin(), curated->end());
  }
  auto inferred = infer_links(topic, out.references, out.recommendations, out.links, out.profiles, concepts);
  out.links.insert(out.links.end(), inferred.begin(), inferred.end());
  out.about = topic_concepts(topic, out.references, concepts);
  out.topic = std::move(topic);
  return out;
}

}  // namespace kb
