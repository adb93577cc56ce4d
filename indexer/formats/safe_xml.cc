#include "indexer/formats/safe_xml.h"

#include <libxml/globals.h>
#include <libxml/hash.h>

#include <algorithm>
#include <cstddef>
#include <mutex>

namespace kb {

namespace {

constexpr std::string_view kEntityDeclarations[] = {
    "<!ENTITY",
    std::string_view("<\0!\0E\0N\0T\0I\0T\0Y\0", 16),
    std::string_view("\0<\0!\0E\0N\0T\0I\0T\0Y", 16),
};
// Enough of the previous read to find a declaration that straddles two reads.
constexpr std::size_t kTailBytes = 15;

// The refusal target of this thread while a scope is open; null outside one.
thread_local RefusedLoad* t_refused_load = nullptr;
xmlExternalEntityLoader g_previous_loader = nullptr;

xmlParserInputPtr refusing_loader(const char* url, const char* id, xmlParserCtxtPtr ctxt) {
  if (RefusedLoad* refused = t_refused_load) {
    if (!refused->seen) refused->resource = url != nullptr ? url : id != nullptr ? id : "";
    refused->seen = true;
    return nullptr;
  }
  return g_previous_loader != nullptr ? g_previous_loader(url, id, ctxt) : nullptr;
}

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    g_previous_loader = xmlGetExternalEntityLoader();
    xmlSetExternalEntityLoader(refusing_loader);
  });
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void ignore_generic_error(void*, const char*, ...) {}

}  // namespace

bool EntityDeclarationGuard::admit(std::string_view chunk) {
  if (!in_prolog_ || declared_) return !declared_;
  std::string window = tail_;
  window.append(chunk);
  for (std::string_view declaration : kEntityDeclarations)
    if (const std::size_t at = window.find(declaration); at != std::string::npos) {
      declared_ = true;
      // The tail's line breaks were counted with the read before.
      line_ = 1 + prolog_lines_ - std::count(tail_.begin(), tail_.end(), '\n') +
              std::count(window.begin(), window.begin() + static_cast<std::ptrdiff_t>(at), '\n');
      return false;
    }
  prolog_lines_ += std::count(chunk.begin(), chunk.end(), '\n');
  tail_ = window.substr(window.size() > kTailBytes ? window.size() - kTailBytes : 0);
  return true;
}

bool declares_entities(const xmlDtd* dtd) {
  auto count = [](void* table) { return table != nullptr ? xmlHashSize(static_cast<xmlHashTablePtr>(table)) : 0; };
  return dtd != nullptr && (count(dtd->entities) > 0 || count(dtd->pentities) > 0);
}

void capture_first_error(void* arg, xmlErrorPtr error) {
  auto* first = static_cast<FirstError*>(arg);
  if (first == nullptr || error == nullptr || first->seen || error->level < XML_ERR_ERROR) return;
  if (error->domain == XML_FROM_NAMESPACE) return;
  first->seen = true;
  first->code = error->code;
  first->line = error->line;
  first->message = collapse_xml_space(error->message != nullptr ? error->message : "unknown error");
}

bool is_depth_error(const FirstError& error) {
  return error.seen && error.message.rfind("Excessive depth in document", 0) == 0;
}

SafeXmlScope::SafeXmlScope(FirstError* first, RefusedLoad* refused) : first_(first), refused_(refused) {
  init_libxml();  // before the handlers are read: the refusing loader is in place from here on
  structured_ = xmlStructuredError;
  structured_context_ = xmlStructuredErrorContext;
  generic_ = xmlGenericError;
  generic_context_ = xmlGenericErrorContext;
  outer_refused_ = t_refused_load;
  enter();
}

void SafeXmlScope::enter() {
  xmlSetStructuredErrorFunc(first_, capture_first_error);
  xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
  t_refused_load = refused_;
}

void SafeXmlScope::leave() {
  t_refused_load = outer_refused_;
  xmlSetStructuredErrorFunc(structured_context_, structured_);
  xmlSetGenericErrorFunc(generic_context_, generic_);
}

std::string collapse_xml_space(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char c : s) {
    if (is_xml_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

namespace {

long element_line_at(const xmlNode* element, int depth) {
  if (element->line < 65535 || depth > 16) return element->line;
  for (const xmlNode* node = element->children; node != nullptr; node = node->next) {
    if (node->type == XML_TEXT_NODE && node->psvi != nullptr) {
      long end = static_cast<long>(reinterpret_cast<std::ptrdiff_t>(node->psvi));
      for (const xmlChar* c = node->content; c != nullptr && *c != 0; ++c)
        if (*c == '\n') --end;
      return end;
    }
    if (node->type == XML_ELEMENT_NODE) return element_line_at(node, depth + 1);
  }
  return element->line;
}

}  // namespace

long element_line(const xmlNode* element) { return element_line_at(element, 0); }

}  // namespace kb
