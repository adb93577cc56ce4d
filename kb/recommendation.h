// A recommendation of a topic: a sentence that advises, with the guideline logic around it
// (conditions, exceptions, rationale, considerations) and the evidence behind it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kb {

enum class Direction { For, Against, Conditional };
const char* to_string(Direction direction);
std::optional<Direction> direction_from_string(std::string_view name);

// Where an evidence link comes from. Never blurred: clinicians act on the difference.
enum class LinkSource {
  Cited,    // a citation marker in the recommendation's sentence or paragraph
  Curated,  // asserted by a guideline author in a links file
  Inferred, // proposed by the indexer, with its score
};
const char* to_string(LinkSource source);
std::optional<LinkSource> link_source_from_string(std::string_view name);

enum class Stance { Supports, Against, Context };
const char* to_string(Stance stance);
std::optional<Stance> stance_from_string(std::string_view name);

// A sentence of the topic, by its place: indexes into Topic::sections, paragraphs, sentences.
struct SentencePlace {
  int section = 0;
  int paragraph = 0;
  int sentence = 0;
  bool operator==(const SentencePlace&) const = default;
};

struct Recommendation {
  std::string label;                 // "R1", "R2", ... in reading order within the topic
  std::string text;                  // the advising sentence as printed
  std::string action;                // what is advised, conditions and reasons taken out
  Direction direction = Direction::For;
  std::string cue;                   // the words that make it advice: "we do not offer"
  std::string grade;                 // UpToDate's grade where printed: "1B"
  std::vector<std::string> conditions;
  std::vector<std::string> exceptions;
  std::vector<std::string> considerations;
  std::string rationale;             // the reason given in the sentence: "given lack of ..."
  std::vector<std::string> evidence_statements;  // what the text says about the evidence
  std::string parent;                // label of the recommendation this one is an exception to
  SentencePlace place;               // the advising sentence
  std::vector<SentencePlace> restatements;       // sentences that restate it ("As such, ...")
  std::vector<SentencePlace> related;            // exception, consideration and evidence sentences
};

}  // namespace kb
