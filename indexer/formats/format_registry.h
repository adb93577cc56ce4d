// Every input format kbindex reads, each listed once (the table in format_registry.cc): its
// name in messages, whether it is a topic (`kbindex build`) or a file of studies
// (`kbindex add`), how its first bytes look, and its reader. Detection (detect_format.h),
// the messages that list the formats, `kbindex build`'s topic dispatch (load_topic) and
// `kbindex add`'s import dispatch (imports/import_reader.h) all read this table.
//
// Adding a format: a Format value in detect_format.h, a reader with the signature of its
// kind, and a row in format_registry.cc, at the place where detection should try it.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "indexer/formats/detect_format.h"
#include "indexer/imports/import_record.h"
#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

enum class FormatKind { Topic, Import };

// The start of a file as detection sees it.
struct FileHead {
  std::string_view bytes;       // the first bytes (a few KiB), after a UTF-8 byte order mark
  std::string lower;            // BYTES in ASCII lower case when MARKUP (for element names), else empty
  std::string_view first_line;  // the first line holding more than white space, trimmed; never empty
  bool markup = false;          // FIRST_LINE starts with '<'
};

// Parses a topic's CONTENT, read from PATH ("PATH:LINE: ..." in messages). Fills all but
// content_hash.
using TopicReader = Result<Topic> (*)(std::string_view content, const std::string& path);
// Hands every record of the import file at PATH to SINK, in file order.
using ImportReader = Status (*)(const std::string& path, const RecordSink& sink);

struct FormatInfo {
  Format format;
  FormatKind kind;
  const char* name;         // as messages print it: "PubMed XML", "topic HTML"
  const char* stored_name;  // as the KB stores it: imports.format "pubmed_xml", topics.source_format "html"
  const char* sign;         // what its first bytes show, for messages: "PMID- "; "" when nothing in particular
  const char* help_note;    // for help text, where the name does not say which files: ".nbib"; or ""
  bool (*looks_like)(const FileHead& head);
  TopicReader read_topic;    // topic formats; null while kbindex cannot read the format
  ImportReader read_import;  // import formats
};

// Every format, in the order detection tries them: PubMed XML before JATS (a PubMed article
// has an <Article> element too), topic text last (anything that is not markup).
std::span<const FormatInfo> all_formats();

// The row of FORMAT. REQUIRES: FORMAT is not Format::Unknown.
const FormatInfo& format_info(Format format);

// What a format list prints after each name: nothing, its sign ("MEDLINE (PMID- )") or its
// help note ("MEDLINE (.nbib)"), in parentheses where it has one.
enum class FormatNotes { None, Signs, HelpNotes };

// The names of the formats of KIND, in table order, as a sentence lists them:
// "PubMed XML, MEDLINE, RIS or BibTeX".
std::string format_list(FormatKind kind, FormatNotes notes = FormatNotes::None);

}  // namespace kb
