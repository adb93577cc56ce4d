#include "indexer/paragraph_analysis.h"

#include <set>

#include "indexer/citation_markers.h"
#include "indexer/cross_references.h"
#include "indexer/sentence_splitter.h"

namespace kb {

void analyse_paragraph(Paragraph& paragraph) {
  paragraph.sentences.clear();
  for (const SentenceSpan& span : split_sentences(paragraph.text)) {
    Sentence sentence;
    sentence.begin = span.begin;
    sentence.end = span.end;
    sentence.text = paragraph.text.substr(span.begin, span.end - span.begin);
    sentence.citations = find_citation_markers(sentence.text);
    sentence.cross_references = find_cross_references(sentence.text);
    paragraph.sentences.push_back(std::move(sentence));
  }
}

Status check_citations(const Topic& topic) {
  std::set<int> known;
  for (const ReferenceEntry& ref : topic.references) known.insert(ref.number);
  for (const Section& section : topic.sections) {
    for (const Paragraph& paragraph : section.paragraphs) {
      for (const Sentence& sentence : paragraph.sentences) {
        for (const CitationMarker& marker : sentence.citations) {
          for (int number : marker.numbers) {
            if (known.count(number)) continue;
            std::string where = topic.source_path + ":" + std::to_string(paragraph.line) + ": ";
            if (known.empty())
              return Status::Parse(where + "marker " + marker.text + " cites reference " +
                                   std::to_string(number) +
                                   ", but the topic has no reference list; is the file cut off?");
            return Status::Parse(where + "marker " + marker.text + " cites reference " +
                                 std::to_string(number) + ", but the reference list has " +
                                 std::to_string(topic.references.size()) +
                                 " entries; correct the marker or the list");
          }
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace kb
