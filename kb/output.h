// The output layer both command-line tools share. A command builds its result and hands it
// here: a JSON document for programs (--json, and the web app's /api/...), or text for people,
// wrapped to the width of wherever it goes. Commands never write to std::cout themselves, so
// the same command can answer a terminal, a pipe or an HTTP request.
#pragma once

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <optional>
#include <string>

namespace kb {

using Json = nlohmann::ordered_json;

// DOC as text: indented by INDENT (-1: one line), invalid UTF-8 replaced rather than thrown on.
std::string json_text(const Json& doc, int indent = 2);

// A document's field when it is there and of that type; else "" or 0.
std::string text_of(const Json& object, const char* key);
int int_of(const Json& object, const char* key);
// The array under KEY, by reference (no copy); an empty one when it is missing or not an array.
const Json& array_of(const Json& object, const char* key);

// A score as people read it: two decimals.
std::string format_score(double score);

class Output {
 public:
  // Standard output: text wrapped to the terminal's width, emphasis in bold on a terminal.
  Output();
  // Text to STREAM, wrapped at WIDTH, no terminal emphasis.
  Output(std::ostream& stream, int width);
  // Documents are kept (take_document) instead of printed: the web app's way in.
  static Output capturing(std::ostream& text_stream, int width);

  std::ostream& text() const { return *stream_; }
  int width() const { return width_; }
  bool styled() const { return styled_; }  // a terminal: emphasis as bold

  // The command's --json document: printed indented, or kept when capturing.
  void document(const Json& doc);
  // One document of a stream of them (JSON Lines): never kept.
  void json_line(const Json& doc);
  std::optional<Json> take_document();

 private:
  std::ostream* stream_;
  int width_;
  bool styled_;
  bool capture_ = false;
  std::optional<Json> document_;
};

}  // namespace kb
