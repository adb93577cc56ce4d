#include "indexer/paragraph_analysis.h"

#include <algorithm>
#include <cctype>
#include <string>
#include <set>

#include "indexer/citation_markers.h"
#include "indexer/cross_references.h"
#include "indexer/sentence_splitter.h"

namespace kb {

void analyse_paragraph(Paragraph& paragraph, std::vector<Diagnostic>* notes) {
  paragraph.sentences.clear();
  for (const SentenceSpan& span : split_sentences(paragraph.text)) {
    Sentence sentence;
    sentence.begin = span.begin;
    sentence.end = span.end;
    sentence.text = paragraph.text.substr(span.begin, span.end - span.begin);
    std::vector<CitationMarker> enumerators;
    sentence.citations = find_citation_markers(sentence.text, &enumerators);
    if (notes)
      for (const CitationMarker& e : enumerators)
        notes->push_back({paragraph.line, "read '" + e.text + "' as the number of a clause, not a citation"});
    sentence.cross_references = find_cross_references(sentence.text);
    paragraph.sentences.push_back(std::move(sentence));
  }
}

namespace {

bool looks_like_year(const CitationMarker& marker) {
  return marker.numbers.size() == 1 && marker.numbers.front() >= 1800 && marker.numbers.front() <= 2100;
}

// "death10." : a superscript citation whose markup was lost, printed onto its word. Only a
// doubt (covid19 is a name), so it is reported, never taken for a citation.
void note_glued_numbers(const Sentence& sentence, int line, std::size_t reference_count,
                        std::vector<Diagnostic>& notes) {
  const std::string& t = sentence.text;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(t[i])) || i < 3) continue;
    std::size_t letters = 0;
    while (letters < i && std::islower(static_cast<unsigned char>(t[i - letters - 1]))) ++letters;
    if (letters < 3 || (i - letters > 0 && std::isalnum(static_cast<unsigned char>(t[i - letters - 1])))) continue;
    std::size_t end = i;
    while (end < t.size() && std::isdigit(static_cast<unsigned char>(t[end]))) ++end;
    const bool closes = end == t.size() || t[end] == '.' || t[end] == ',' || t[end] == ';' || t[end] == ' ';
    if (end - i <= 3 && closes) {
      const unsigned long number = std::stoul(t.substr(i, end - i));
      if (number >= 1 && number <= reference_count)
      {
        std::string message = "'";
        message.append(t, i - letters, end - i + letters);
        message.append("': a number printed onto a word, perhaps a citation whose markup was lost; not read as one");
        notes.push_back({line, std::move(message)});
      }
    }
    i = end;
  }
}

}  // namespace

Status check_citations(Topic& topic) {
  std::set<int> known;
  for (const ReferenceEntry& ref : topic.references) known.insert(ref.number);
  auto cites_unknown = [&](const CitationMarker& marker) {
    return std::any_of(marker.numbers.begin(), marker.numbers.end(), [&](int n) { return known.count(n) == 0; });
  };
  for (Section& section : topic.sections) {
    for (Paragraph& paragraph : section.paragraphs) {
      for (Sentence& sentence : paragraph.sentences) {
        note_glued_numbers(sentence, paragraph.line, topic.references.size(), topic.diagnostics);
        std::vector<CitationMarker> kept;
        for (CitationMarker& marker : sentence.citations) {
          if (!cites_unknown(marker)) {
            kept.push_back(std::move(marker));
            continue;
          }
          if (marker.style == MarkerStyle::Parenthesis) {
            if (!looks_like_year(marker))
              topic.diagnostics.push_back(
                  {paragraph.line, "read '" + marker.text + "' as text: the reference list has " +
                                       std::to_string(topic.references.size()) + " entries"});
            continue;
          }
          int number = *std::find_if(marker.numbers.begin(), marker.numbers.end(),
                                     [&](int n) { return known.count(n) == 0; });
          std::string where = topic.source_path + ":" + std::to_string(paragraph.line) + ": ";
          if (known.empty())
            return Status::Parse(where + "marker " + marker.text + " cites reference " + std::to_string(number) +
                                 ", but the topic has no reference list; is the file cut off?");
          return Status::Parse(where + "marker " + marker.text + " cites reference " + std::to_string(number) +
                               ", but the reference list has " + std::to_string(topic.references.size()) +
                               " entries; correct the marker or the list");
        }
        sentence.citations = std::move(kept);
      }
    }
  }
  return Status::Ok();
}

}  // namespace kb
