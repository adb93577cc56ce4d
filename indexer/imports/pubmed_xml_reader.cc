#include "indexer/imports/pubmed_xml_reader.h"

#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "indexer/formats/safe_xml.h"
#include "indexer/imports/author_names.h"
#include "kb/identifiers.h"
#include "kb/text.h"

namespace kb {

namespace {

// ---------------------------------------------------------------------------------------------
// Plumbing.

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

// ---------------------------------------------------------------------------------------------
// Reading an expanded article element.

std::string_view name_of(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool is_element(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && name_of(node) == name;
}

// The first child element of PARENT called NAME; null when PARENT is null or has none.
const xmlNode* child(const xmlNode* parent, std::string_view name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next)
    if (is_element(node, name)) return node;
  return nullptr;
}

template <class F>
void for_each_child(const xmlNode* parent, std::string_view name, F&& visit) {
  if (parent == nullptr) return;
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next)
    if (is_element(node, name)) visit(node);
}

std::string attribute(const xmlNode* node, std::string_view name) {
  if (node == nullptr) return {};
  for (const xmlAttr* attr = node->properties; attr != nullptr; attr = attr->next) {
    if (reinterpret_cast<const char*>(attr->name) != name) continue;
    std::string value;
    for (const xmlNode* text = attr->children; text != nullptr; text = text->next)
      if (text->type == XML_TEXT_NODE && text->content != nullptr)
        value += reinterpret_cast<const char*>(text->content);
    return collapse_xml_space(value);
  }
  return {};
}

// The text of NODE's descendants in document order: inline markup (<i>, <sup>, <b>...) gives
// its text, comments and processing instructions nothing. MathML is written with layout white
// space between its tokens; there each token's text is taken trimmed, so that
// <mi>V</mi> <mi>O</mi> <mn>2</mn> reads "VO2", and an <mtext> of spaces gives one space.
void gather_text(const xmlNode* parent, bool in_math, int depth, std::string& out) {
  if (depth > kMaxElementDepth) return;  // libxml2 refuses such documents before this
  for (const xmlNode* node = parent->children; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      std::string_view text = node->content != nullptr ? reinterpret_cast<const char*>(node->content) : "";
      if (!in_math) {
        out += text;
      } else if (std::string_view token = trim(text); !token.empty()) {
        out += token;
      } else if (!text.empty() && name_of(parent) == "mtext") {
        out += ' ';
      }
    } else if (node->type == XML_ELEMENT_NODE) {
      gather_text(node, in_math || name_of(node) == "math", depth + 1, out);
    }
    // Entity references are not followed: a document declaring entities is refused anyway.
  }
}

// NODE's text with markup removed and white space collapsed; empty for a null NODE.
std::string text_of(const xmlNode* node) {
  if (node == nullptr) return {};
  std::string raw;
  gather_text(node, name_of(node) == "math", 0, raw);
  return collapse_xml_space(raw);
}

std::string digits_only(std::string_view s) {
  s = trim(s);
  if (s.empty()) return {};
  for (char c : s)
    if (c < '0' || c > '9') return {};
  return std::string(s);
}

// The first ArticleId of the given IdType in an ArticleIdList.
std::string article_id(const xmlNode* id_list, std::string_view type) {
  std::string found;
  for_each_child(id_list, "ArticleId", [&](const xmlNode* id) {
    if (found.empty() && attribute(id, "IdType") == type) found = text_of(id);
  });
  return found;
}

std::string elocation_doi(const xmlNode* parent) {
  std::string found;
  for_each_child(parent, "ELocationID", [&](const xmlNode* id) {
    if (found.empty() && attribute(id, "EIdType") == "doi" && attribute(id, "ValidYN") != "N") found = text_of(id);
  });
  return clean_doi(found);
}

// The year is the first run of exactly four digits ("2018", "1998 Dec-1999 Jan"); 0 when none.
int year_in(std::string_view s, std::size_t* end = nullptr) {
  for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
    auto digit = [&](std::size_t k) { return s[k] >= '0' && s[k] <= '9'; };
    const bool four = digit(i) && digit(i + 1) && digit(i + 2) && digit(i + 3);
    const bool alone = (i == 0 || !digit(i - 1)) && (i + 4 == s.size() || !digit(i + 4));
    if (four && alone) {
      if (end != nullptr) *end = i + 4;
      return (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
    }
  }
  return 0;
}

// PubDate: Year and Month (or Season), or a MedlineDate such as "1998 Dec-1999 Jan", whose
// year is its first and whose month is the word right after it ("Dec"; "Spring" in "2000 Spring").
void read_pub_date(const xmlNode* pub_date, ImportRecord& record) {
  if (pub_date == nullptr) return;
  record.year = year_in(text_of(child(pub_date, "Year")));
  record.month = text_of(child(pub_date, "Month"));
  if (record.month.empty()) record.month = text_of(child(pub_date, "Season"));
  if (record.year != 0) return;
  std::string medline_date = text_of(child(pub_date, "MedlineDate"));
  std::size_t end = 0;
  record.year = year_in(medline_date, &end);
  if (record.year == 0 || !record.month.empty()) return;
  std::size_t start = end;
  while (start < medline_date.size() && medline_date[start] == ' ') ++start;
  std::size_t stop = start;
  while (stop < medline_date.size() && std::isalpha(static_cast<unsigned char>(medline_date[stop]))) ++stop;
  record.month = medline_date.substr(start, stop - start);
}

// MedlinePgn as printed ("113-25"), else StartPage-EndPage.
std::string pages_of(const xmlNode* pagination) {
  std::string pages = text_of(child(pagination, "MedlinePgn"));
  if (!pages.empty()) return pages;
  std::string start = text_of(child(pagination, "StartPage"));
  std::string end = text_of(child(pagination, "EndPage"));
  if (start.empty()) return {};
  return end.empty() || end == start ? start : start + "-" + end;
}

// The authors' list, not the editors' (books have both).
const xmlNode* author_list(const xmlNode* parent) {
  const xmlNode* found = nullptr;
  for_each_child(parent, "AuthorList", [&](const xmlNode* list) {
    std::string type = attribute(list, "Type");
    if (found == nullptr && (type.empty() || type == "authors")) found = list;
  });
  return found;
}

// "Surname Initials" (ForeName when Initials is missing), suffix after ("Smith J Jr"); a
// CollectiveName whole. Names PubMed marks invalid (ValidYN="N", corrected by an erratum) are
// left out.
void read_authors(const xmlNode* list, std::vector<std::string>& authors) {
  for_each_child(list, "Author", [&](const xmlNode* author) {
    if (attribute(author, "ValidYN") == "N") return;
    if (const xmlNode* group = child(author, "CollectiveName")) {
      std::string name = text_of(group);
      if (!name.empty()) authors.push_back(std::move(name));
      return;
    }
    std::string surname = text_of(child(author, "LastName"));
    if (surname.empty()) return;
    std::string given = text_of(child(author, "Initials"));
    if (given.empty()) given = text_of(child(author, "ForeName"));
    std::string name = author_name(surname, given);
    std::string suffix = text_of(child(author, "Suffix"));
    if (!suffix.empty()) name += " " + suffix;
    authors.push_back(std::move(name));
  });
}

void read_abstract(const xmlNode* abstract, ImportRecord& record) {
  for_each_child(abstract, "AbstractText", [&](const xmlNode* part) {
    AbstractSection section{attribute(part, "Label"), text_of(part)};
    if (!section.text.empty() || !section.label.empty()) record.abstract.push_back(std::move(section));
  });
}

void read_publication_types(const xmlNode* parent, ImportRecord& record) {
  for_each_child(parent, "PublicationType", [&](const xmlNode* type) {
    std::string text = text_of(type);
    if (!text.empty()) record.publication_types.push_back(std::move(text));
  });
}

// A heading is major when its descriptor or any of its qualifiers is.
void read_mesh(const xmlNode* list, ImportRecord& record) {
  for_each_child(list, "MeshHeading", [&](const xmlNode* heading) {
    const xmlNode* descriptor = child(heading, "DescriptorName");
    MeshHeading mesh;
    mesh.descriptor = text_of(descriptor);
    mesh.major = attribute(descriptor, "MajorTopicYN") == "Y";
    for_each_child(heading, "QualifierName", [&](const xmlNode* qualifier) {
      std::string text = text_of(qualifier);
      if (!text.empty()) mesh.qualifiers.push_back(std::move(text));
      if (attribute(qualifier, "MajorTopicYN") == "Y") mesh.major = true;
    });
    if (!mesh.descriptor.empty()) record.mesh.push_back(std::move(mesh));
  });
}

// Every KeywordList (authors' NOTNLM, KIE, NASA...).
void read_keywords(const xmlNode* parent, ImportRecord& record) {
  for_each_child(parent, "KeywordList", [&](const xmlNode* list) {
    for_each_child(list, "Keyword", [&](const xmlNode* keyword) {
      std::string text = text_of(keyword);
      if (!text.empty()) record.keywords.push_back(std::move(text));
    });
  });
}

// Every path below is anchored at the article element, so the ArticleIdList, PMID and titles
// inside ReferenceList/Reference and CommentsCorrections are never looked at.
void read_journal_article(const xmlNode* pubmed_article, ImportRecord& record) {
  const xmlNode* citation = child(pubmed_article, "MedlineCitation");
  const xmlNode* article = child(citation, "Article");
  const xmlNode* journal = child(article, "Journal");
  const xmlNode* issue = child(journal, "JournalIssue");
  const xmlNode* ids = child(child(pubmed_article, "PubmedData"), "ArticleIdList");

  record.pmid = digits_only(text_of(child(citation, "PMID")));
  if (record.pmid.empty()) record.pmid = digits_only(article_id(ids, "pubmed"));
  record.doi = clean_doi(article_id(ids, "doi"));
  if (record.doi.empty()) record.doi = elocation_doi(article);
  record.title = text_of(child(article, "ArticleTitle"));
  if (record.title.empty()) record.title = text_of(child(article, "VernacularTitle"));
  read_abstract(child(article, "Abstract"), record);
  read_authors(author_list(article), record.authors);
  record.journal_abbreviation = text_of(child(child(citation, "MedlineJournalInfo"), "MedlineTA"));
  if (record.journal_abbreviation.empty()) record.journal_abbreviation = text_of(child(journal, "ISOAbbreviation"));
  record.journal_title = text_of(child(journal, "Title"));
  read_pub_date(child(issue, "PubDate"), record);
  record.volume = text_of(child(issue, "Volume"));
  record.issue = text_of(child(issue, "Issue"));
  record.pages = pages_of(child(article, "Pagination"));
  record.language = ascii_lower(text_of(child(article, "Language")));
  read_publication_types(child(article, "PublicationTypeList"), record);
  read_mesh(child(citation, "MeshHeadingList"), record);
  read_keywords(citation, record);
}

// A book or a chapter of one (NCBI Bookshelf). A chapter's title is its ArticleTitle and the
// book's title stands where a journal's would; a whole book's title is its BookTitle.
void read_book_article(const xmlNode* book_article, ImportRecord& record) {
  const xmlNode* document = child(book_article, "BookDocument");
  const xmlNode* book = child(document, "Book");
  const xmlNode* data_ids = child(child(book_article, "PubmedBookData"), "ArticleIdList");
  const xmlNode* document_ids = child(document, "ArticleIdList");

  record.pmid = digits_only(text_of(child(document, "PMID")));
  if (record.pmid.empty()) record.pmid = digits_only(article_id(data_ids, "pubmed"));
  record.doi = clean_doi(article_id(document_ids, "doi"));
  if (record.doi.empty()) record.doi = clean_doi(article_id(data_ids, "doi"));
  if (record.doi.empty()) record.doi = elocation_doi(document);
  if (record.doi.empty()) record.doi = elocation_doi(book);
  std::string chapter = text_of(child(document, "ArticleTitle"));
  std::string book_title = text_of(child(book, "BookTitle"));
  if (!chapter.empty()) {
    record.title = std::move(chapter);
    record.journal_title = std::move(book_title);
  } else {
    record.title = std::move(book_title);
  }
  if (record.title.empty()) record.title = text_of(child(document, "VernacularTitle"));
  read_abstract(child(document, "Abstract"), record);
  const xmlNode* authors = author_list(document);
  if (authors == nullptr) authors = author_list(book);
  read_authors(authors, record.authors);
  read_pub_date(child(book, "PubDate"), record);
  record.volume = text_of(child(book, "Volume"));
  record.pages = pages_of(child(document, "Pagination"));
  record.language = ascii_lower(text_of(child(document, "Language")));
  read_publication_types(document, record);
  read_publication_types(child(document, "PublicationTypeList"), record);
  read_mesh(child(document, "MeshHeadingList"), record);
  read_keywords(document, record);
}

// ---------------------------------------------------------------------------------------------
// The streaming loop.

bool is_article(std::string_view name) { return name == "PubmedArticle" || name == "PubmedBookArticle"; }
bool is_article_set(std::string_view name) { return name == "PubmedArticleSet" || name == "PubmedBookArticleSet"; }

// The file as libxml2 reads it. Until the root element is reached, every byte is searched for
// an entity declaration before libxml2 sees it: a document declaring one is cut off there, so
// its entities are never parsed, let alone expanded.
struct Input {
  int fd = -1;
  std::uint64_t bytes = 0;
  bool at_end = false;
  int read_errno = 0;
  EntityDeclarationGuard guard;
};

int read_input(void* context, char* buffer, int size) {
  auto* input = static_cast<Input*>(context);
  ssize_t got = 0;
  do got = ::read(input->fd, buffer, static_cast<std::size_t>(size));
  while (got < 0 && errno == EINTR);
  if (got < 0) {
    input->read_errno = errno;
    return -1;
  }
  if (got == 0) {
    input->at_end = true;
    return 0;
  }
  if (!input->guard.admit(std::string_view(buffer, static_cast<std::size_t>(got)))) return -1;
  input->bytes += static_cast<std::uint64_t>(got);
  return static_cast<int>(got);
}

class PubmedXmlReader {
 public:
  PubmedXmlReader(const std::string& path, const RecordSink& sink) : path_(path), sink_(sink) {}

  Status run() {
    FileDescriptor fd(::open(path_.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) return Status::IO(path_ + ": cannot open: " + std::strerror(errno));
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) return Status::IO(path_ + ": cannot read: " + std::strerror(errno));
    if (S_ISDIR(info.st_mode)) return Status::IO(path_ + ": is a directory, not a PubMed XML file");
    input_.fd = fd.get();

    SafeXmlScope scope(&error_, &refused_load_);
    scope_ = &scope;
    // The reader reads through INPUT_ and closes nothing; it is freed before the descriptor.
    XmlReaderPtr reader(xmlReaderForIO(read_input, nullptr, &input_, path_.c_str(), nullptr, kSafeXmlOptions));
    if (reader == nullptr) return Status::IO(path_ + ": cannot read");
    xmlTextReaderSetStructuredErrorHandler(reader.get(), capture_first_error, &error_);
    return read_all(reader.get());
  }

 private:
  Status read_all(xmlTextReaderPtr reader) {
    int rc = xmlTextReaderRead(reader);
    while (rc == 1) {
      if (Status refused = check(); !refused.ok()) return refused;
      const int type = xmlTextReaderNodeType(reader);
      if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
        if (Status refused = check_doctype(xmlTextReaderCurrentNode(reader)); !refused.ok()) return refused;
      }
      if (type == XML_READER_TYPE_END_ELEMENT && xmlTextReaderDepth(reader) == 0) root_closed_ = true;
      if (type != XML_READER_TYPE_ELEMENT) {
        rc = xmlTextReaderRead(reader);
        continue;
      }
      const int depth = xmlTextReaderDepth(reader);
      const std::string_view name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader));
      if (depth == 0) {
        root_seen_ = true;
        input_.guard.root_reached();
        const xmlNode* root = xmlTextReaderCurrentNode(reader);
        if (Status refused = check_doctype(root->doc->intSubset); !refused.ok()) return refused;
        if (!is_article_set(name) && !is_article(name))
          return Status::Parse(path_ + ":" + std::to_string(root->line) +
                               ": not a PubMed XML file: the root element is <" + std::string(name) +
                               ">, expected <PubmedArticleSet>");
        if (xmlTextReaderIsEmptyElement(reader) == 1) root_closed_ = true;
      }
      if (depth == 1 && is_article(name)) {
        if (Status status = read_article(reader, name); !status.ok()) return status;
        rc = xmlTextReaderNext(reader);  // frees the article's nodes as it moves on
      } else if (depth == 0 && is_article(name)) {
        if (Status status = read_article(reader, name); !status.ok()) return status;
        root_closed_ = true;
        rc = xmlTextReaderNext(reader);
      } else if (depth == 0) {
        rc = xmlTextReaderRead(reader);  // into the set
      } else {
        rc = xmlTextReaderNext(reader);  // DeleteCitation and the like, skipped whole
      }
    }
    if (Status refused = check(); !refused.ok()) return refused;
    if (rc < 0) return parse_error("cannot read the XML");
    if (!root_seen_)
      return Status::Parse(path_ + ":1: not a PubMed XML file: no element, expected <PubmedArticleSet>");
    return Status::Ok();
  }

  Status read_article(xmlTextReaderPtr reader, std::string_view name) {
    const xmlNode* article = xmlTextReaderExpand(reader);
    if (Status refused = check(); !refused.ok()) return refused;
    if (article == nullptr) return parse_error("cannot read the article");
    ImportRecord record;
    record.source_path = path_;
    record.source_line = static_cast<int>(element_line(article));
    record.format = "pubmed_xml";
    if (name == "PubmedArticle") read_journal_article(article, record);
    else read_book_article(article, record);
    return scope_->outside([&] { return sink_(std::move(record)); });
  }

  // A refusal, or an error libxml2 reported, stops the reading.
  Status check() {
    if (input_.guard.declared()) return entity_refusal();
    if (refused_load_.seen)
      return Status::Parse(path_ + ": refused: the document asks to load an external resource (" +
                           refused_load_.resource + "); PubMed XML is read without its DTD or any other file");
    if (input_.read_errno != 0) return Status::IO(path_ + ": cannot read: " + std::strerror(input_.read_errno));
    if (error_.seen) return parse_error("");
    return Status::Ok();
  }

  Status entity_refusal() const {
    return Status::Parse(path_ + ":" + std::to_string(input_.guard.line()) +
                         ": refused: the DOCTYPE declares entities (<!ENTITY ...>); PubMed XML never does, "
                         "and entity declarations can expand without bound or read other files");
  }

  // The declarations are caught in the bytes already; this is the parsed view of the same rule.
  Status check_doctype(const xmlNode* node) const {
    if (node == nullptr || node->type != XML_DTD_NODE) return Status::Ok();
    return declares_entities(reinterpret_cast<const xmlDtd*>(node)) ? entity_refusal() : Status::Ok();
  }
  Status check_doctype(const xmlDtd* dtd) const { return check_doctype(reinterpret_cast<const xmlNode*>(dtd)); }

  Status parse_error(const std::string& fallback) const {
    if (!error_.seen) return Status::Parse(path_ + ": " + fallback);
    if (input_.bytes == 0 && input_.at_end)
      return Status::Parse(path_ + ":1: empty file, expected PubMed XML (<PubmedArticleSet>)");
    const std::string where = path_ + ":" + std::to_string(error_.line > 0 ? error_.line : 1) + ": ";
    if (error_.code == XML_ERR_DOCUMENT_EMPTY)
      return Status::Parse(where + "not XML: no element found, expected PubMed XML (<PubmedArticleSet>)");
    if (error_.code == XML_ERR_DOCUMENT_END && input_.at_end && root_seen_ && !root_closed_)
      return Status::Parse(where + "not well-formed XML: the file ends before its elements are closed (truncated?)");
    if (is_depth_error(error_))
      return Status::Parse(where + "refused: elements nested more than " + std::to_string(kMaxElementDepth) +
                           " levels deep");
    return Status::Parse(where + "not well-formed XML: " + error_.message);
  }

  const std::string& path_;
  const RecordSink& sink_;
  Input input_;
  FirstError error_;
  RefusedLoad refused_load_;
  SafeXmlScope* scope_ = nullptr;
  bool root_seen_ = false;
  bool root_closed_ = false;
};

}  // namespace

Status read_pubmed_xml(const std::string& path, const RecordSink& sink) {
  return PubmedXmlReader(path, sink).run();
}

}  // namespace kb
