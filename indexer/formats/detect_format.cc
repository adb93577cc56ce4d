#include "indexer/formats/detect_format.h"

#include "indexer/formats/format_registry.h"
#include "kb/text.h"

namespace kb {
namespace {

// The first line that holds more than white space, trimmed.
std::string_view first_content_line(std::string_view s) {
  while (!s.empty()) {
    std::size_t nl = s.find('\n');
    std::string_view line = trim(s.substr(0, nl));
    if (!line.empty()) return line;
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return {};
}

}  // namespace

const char* to_string(Format format) { return format == Format::Unknown ? "unknown" : format_info(format).name; }

Format detect_format(std::string_view head) {
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);  // UTF-8 byte order mark
  FileHead h;
  h.bytes = head;
  h.first_line = first_content_line(head);
  if (h.first_line.empty()) return Format::Unknown;
  h.markup = h.first_line.front() == '<';
  if (h.markup) h.lower = ascii_lower(head);
  for (const FormatInfo& f : all_formats())
    if (f.looks_like(h)) return f.format;
  return Format::Unknown;
}

}  // namespace kb
