// libxml2 locked down for XML from outside (PubMed exports, JATS articles): the parser
// options every reader uses, the search for entity declarations before libxml2 parses them,
// an external entity loader that refuses everything, and libxml2's errors captured instead of
// printed. Shared by every XML reader, so that none of them can be opened up by itself.
//
// The rules: no entity substitution, no DTD loading or validation, no network, libxml2's
// default size and depth limits (elements nested more than kMaxElementDepth deep are refused),
// and a document whose DOCTYPE declares entities is refused before its declarations are parsed:
// neither format ever declares any, and declarations are how "billion laughs" and XXE start.
#pragma once

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace kb {

// No entity substitution (NOENT), no DTD loading, defaulting or validation, no network, no
// lifting of libxml2's limits (HUGE), no recovery from errors. NOERROR/NOWARNING keep libxml2
// off stderr; BIG_LINES keeps line numbers past 65535 (on text nodes, see element_line).
constexpr int kSafeXmlOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES;
static_assert((kSafeXmlOptions & (XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR | XML_PARSE_DTDVALID |
                                  XML_PARSE_HUGE | XML_PARSE_XINCLUDE | XML_PARSE_RECOVER)) == 0,
              "XML from outside must never be read with entities substituted, DTDs loaded or libxml2's limits lifted");

// libxml2's own limit on element depth without XML_PARSE_HUGE (xmlParserMaxDepth).
constexpr int kMaxElementDepth = 256;

// Watches the bytes a reader hands to libxml2, read by read, until the root element is
// reached: a read holding an entity declaration ("<!ENTITY", in UTF-8 or either UTF-16) must
// not be handed on, so the declarations are never parsed, let alone expanded. A declaration
// split across two reads is found too.
class EntityDeclarationGuard {
 public:
  // True when CHUNK, the next bytes read, may be handed to libxml2; false when it declares an
  // entity (line() then says where). Once the root is reached every chunk passes unsearched.
  bool admit(std::string_view chunk);
  // The root element has been parsed: later bytes are content, not DOCTYPE.
  void root_reached() { in_prolog_ = false; }
  bool declared() const { return declared_; }
  long line() const { return line_ > 0 ? line_ : 1; }  // of the declaration

 private:
  bool in_prolog_ = true;
  bool declared_ = false;
  long line_ = 0;
  long prolog_lines_ = 0;  // line breaks in the bytes admitted so far
  std::string tail_;       // the last bytes of the previous read
};

// True when DTD declares any general or parameter entity. The bytes are searched by the guard
// already; this is the parsed view of the same rule.
bool declares_entities(const xmlDtd* dtd);

// What libxml2 asked to load while a document was read; it gets nothing.
struct RefusedLoad {
  bool seen = false;
  std::string resource;
};

// The first error libxml2 reports (warnings aside).
struct FirstError {
  bool seen = false;
  int code = 0;
  long line = 0;
  std::string message;  // white space collapsed
};

// libxml2's structured error handler that fills the FirstError passed as ARG. Namespace slips
// (an undeclared "mml:" prefix) are not errors here: the text stays readable.
void capture_first_error(void* arg, xmlErrorPtr error);

// True when ERROR is libxml2 refusing elements nested deeper than kMaxElementDepth.
bool is_depth_error(const FirstError& error);

// For the duration of one read on this thread: libxml2's errors go to FIRST instead of
// stderr, and every external resource is refused into REFUSED, whatever the options say. The
// refusing loader is process-wide, installed once; it hands other threads' requests, and this
// thread's outside a scope, to the loader it replaced.
class SafeXmlScope {
 public:
  SafeXmlScope(FirstError* first, RefusedLoad* refused);
  ~SafeXmlScope() { leave(); }
  SafeXmlScope(const SafeXmlScope&) = delete;
  SafeXmlScope& operator=(const SafeXmlScope&) = delete;

  // Runs WORK with the handlers that were there before, whatever it returns or throws: a
  // caller's callback may use libxml2 for its own ends (or read another file).
  template <class F>
  auto outside(F&& work) {
    leave();
    struct Reenter {
      SafeXmlScope* scope;
      ~Reenter() { scope->enter(); }
    } reenter{this};
    return work();
  }

 private:
  void enter();
  void leave();

  FirstError* first_;
  RefusedLoad* refused_;
  xmlStructuredErrorFunc structured_ = nullptr;  // the handlers before this scope
  void* structured_context_ = nullptr;
  xmlGenericErrorFunc generic_ = nullptr;
  void* generic_context_ = nullptr;
  RefusedLoad* outer_refused_ = nullptr;
};

struct XmlReaderFree {
  void operator()(xmlTextReader* reader) const { xmlFreeTextReader(reader); }
};
using XmlReaderPtr = std::unique_ptr<xmlTextReader, XmlReaderFree>;

// Runs of XML white space become one space, with none at either end.
std::string collapse_xml_space(std::string_view s);

// The line where ELEMENT starts. libxml2 stores element lines in 16 bits and saturates at
// 65535; past that only text nodes keep their line (XML_PARSE_BIG_LINES), and a text node's
// line is where it ends. The first text inside the element starts right after its start tag.
long element_line(const xmlNode* element);

}  // namespace kb
