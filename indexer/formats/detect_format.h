// Which format a file is in, judged from its first bytes rather than its name. The formats,
// their names and the way each one's first bytes look are the table of format_registry.h.
#pragma once

#include <string_view>

namespace kb {

enum class Format { TopicText, TopicHtml, TopicJats, PubmedXml, Medline, Ris, Bibtex, Unknown };

// The format's name in messages ("PubMed XML", "topic text"); "unknown" for Unknown.
const char* to_string(Format format);

// The first format of the registry whose first bytes HEAD looks like; Unknown for an empty
// HEAD and for markup that is none of the markup formats. A UTF-8 byte order mark is skipped.
// REQUIRES: HEAD is the start of the file (a few KiB are enough).
Format detect_format(std::string_view head);

}  // namespace kb
