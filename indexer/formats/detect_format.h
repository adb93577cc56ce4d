// Which format a file is in, judged from its first bytes rather than its name.
#pragma once

#include <string_view>

namespace kb {

enum class Format { TopicText, TopicHtml, TopicJats, PubmedXml, Medline, Ris, Bibtex, Unknown };

const char* to_string(Format format);
// REQUIRES: HEAD is the start of the file (a few KiB are enough).
Format detect_format(std::string_view head);

}  // namespace kb
