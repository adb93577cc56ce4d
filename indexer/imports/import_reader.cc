#include "indexer/imports/import_reader.h"

#include <fstream>

#include "indexer/formats/format_registry.h"

namespace kb {

Result<Format> detect_import_format(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IO(path + ": cannot open it");
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  const std::string imports = format_list(FormatKind::Import);
  const std::string imports_by_sign = format_list(FormatKind::Import, FormatNotes::Signs);
  if (head.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Parse(path + ":1: the file is empty; expected " + imports + " records");
  const Format format = detect_format(head);
  if (format == Format::Unknown) return Status::Parse(path + ":1: not " + imports_by_sign);
  const FormatInfo& info = format_info(format);
  if (info.kind == FormatKind::Import) return format;
  if (format == Format::TopicText) {  // what is not markup nor an import format: plain text or bytes
    if (head.find('\0') != std::string::npos) return Status::Parse(path + ":1: a binary file, not " + imports);
    return Status::Parse(path + ":1: plain text, not " + imports_by_sign + "; a topic is indexed with `kbindex build`");
  }
  return Status::Usage(path + ": reads as a topic (" + info.name + "), not a list of studies; index topics with " +
                       "`kbindex build`, and add " + imports + " files with `kbindex add`");
}

Status read_import_file(const std::string& path, Format format, const RecordSink& sink) {
  if (format == Format::Unknown || format_info(format).read_import == nullptr)
    return Status::Usage(path + ": not an import format");
  return format_info(format).read_import(path, sink);
}

const char* import_format_name(Format format) {
  if (format == Format::Unknown || format_info(format).kind != FormatKind::Import) return "unknown";
  return format_info(format).stored_name;
}

}  // namespace kb
