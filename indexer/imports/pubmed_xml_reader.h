// Reads PubMed efetch XML (PubmedArticleSet with PubmedArticle and PubmedBookArticle), as
// efetch returns it and as the annual baseline and daily update files are written, into
// ImportRecords, one article at a time.
//
// The file is streamed with libxml2's xmlTextReader: each article element is expanded on its
// own, turned into a record, handed to the sink and freed, so a 150 MB baseline file is read
// in bounded memory. Only the article's own fields are read; the citations of its
// ReferenceList and CommentsCorrectionsList never leak into them.
//
// The parser is locked down: no entity substitution, no DTD loading or validation, no network,
// libxml2's default size and depth limits (elements nested more than 256 deep are refused), and
// any attempt to load an external resource is refused. A document whose DOCTYPE declares
// entities is refused outright, before libxml2 parses the declarations: PubMed never declares
// any, and such declarations are how "billion laughs" and XXE attacks start.
#pragma once

#include <string>

#include "indexer/imports/import_record.h"
#include "kb/status.h"

namespace kb {

// Reads the PubMed XML file at PATH and hands each PubmedArticle and PubmedBookArticle to SINK
// as a record (format "pubmed_xml", source_line the line of the article's start tag). The root
// must be PubmedArticleSet (or PubmedBookArticleSet, or a single PubmedArticle or
// PubmedBookArticle); other elements beside the articles, such as DeleteCitation, are skipped.
//
// Returns Status::IO when the file cannot be opened, Status::Parse ("path:line: ...") for XML
// that is not well formed, refused or not PubMed, and the sink's error when it returns one.
// Records before an error have already been handed to the sink.
Status read_pubmed_xml(const std::string& path, const RecordSink& sink);

}  // namespace kb
