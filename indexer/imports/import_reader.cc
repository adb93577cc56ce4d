#include "indexer/imports/import_reader.h"

#include <fstream>

#include "indexer/imports/bibtex_reader.h"
#include "indexer/imports/medline_reader.h"
#include "indexer/imports/pubmed_xml_reader.h"
#include "indexer/imports/ris_reader.h"

namespace kb {

Result<Format> detect_import_format(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IO(path + ": cannot open it");
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  if (head.find_first_not_of(" \t\r\n") == std::string::npos)
    return Status::Parse(path + ":1: the file is empty; expected PubMed XML, MEDLINE, RIS or BibTeX records");
  Format format = detect_format(head);
  switch (format) {
    case Format::PubmedXml:
    case Format::Medline:
    case Format::Ris:
    case Format::Bibtex: return format;
    case Format::TopicText:
      if (head.find('\0') != std::string::npos)
        return Status::Parse(path + ":1: a binary file, not PubMed XML, MEDLINE, RIS or BibTeX");
      return Status::Parse(path + ":1: plain text, not PubMed XML (PubmedArticleSet), MEDLINE (PMID- ), RIS (TY  - ) "
                           "or BibTeX (@article{); a topic is indexed with `kbindex build`");
    case Format::TopicHtml:
    case Format::TopicJats:
      return Status::Usage(path + ": reads as a topic (" + std::string(to_string(format)) +
                           "), not a list of studies; index topics with `kbindex build`, and add PubMed XML, "
                           "MEDLINE, RIS or BibTeX files with `kbindex add`");
    case Format::Unknown: break;
  }
  return Status::Parse(path + ":1: not PubMed XML (PubmedArticleSet), MEDLINE (PMID- ), RIS (TY  - ) or BibTeX (@article{)");
}

Status read_import_file(const std::string& path, Format format, const RecordSink& sink) {
  switch (format) {
    case Format::PubmedXml: return read_pubmed_xml(path, sink);
    case Format::Medline: return read_medline(path, sink);
    case Format::Ris: return read_ris(path, sink);
    case Format::Bibtex: return read_bibtex(path, sink);
    default: return Status::Usage(path + ": not an import format");
  }
}

const char* import_format_name(Format format) {
  switch (format) {
    case Format::PubmedXml: return "pubmed_xml";
    case Format::Medline: return "medline";
    case Format::Ris: return "ris";
    case Format::Bibtex: return "bibtex";
    default: return "unknown";
  }
}

}  // namespace kb
