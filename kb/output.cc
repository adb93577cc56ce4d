#include "kb/output.h"

#include <cstdio>
#include <iostream>

#include "kb/console.h"

namespace kb {

std::string json_text(const Json& doc, int indent) {
  return doc.dump(indent, ' ', false, Json::error_handler_t::replace);
}

std::string text_of(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_number_integer() ? it->get<int>() : 0;
}

const Json& array_of(const Json& object, const char* key) {
  static const Json empty = Json::array();
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : empty;
}

std::string format_score(double score) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", score);
  return buf;
}

Output::Output() : stream_(&std::cout), width_(terminal_width()), styled_(stdout_is_terminal()) {}

Output::Output(std::ostream& stream, int width) : stream_(&stream), width_(width), styled_(false) {}

Output Output::capturing(std::ostream& text_stream, int width) {
  Output out(text_stream, width);
  out.capture_ = true;
  return out;
}

void Output::document(const Json& doc) {
  if (capture_) document_ = doc;
  else *stream_ << json_text(doc) << "\n";
}

void Output::json_line(const Json& doc) { *stream_ << json_text(doc, -1) << "\n"; }

std::optional<Json> Output::take_document() {
  std::optional<Json> doc = std::move(document_);
  document_.reset();
  return doc;
}

}  // namespace kb
