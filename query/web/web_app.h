// The web app as a function of a request: path and parameters in, status and page out. It
// knows nothing of sockets (serve_command.cc does), so tests can call it directly, and it
// holds nothing between requests but the path of the KB it reads.
#pragma once

#include <string>

#include "query/web/api.h"

namespace kb {

struct WebRequest {
  std::string path;    // decoded, without the query: "/ref/slug/5"
  ApiParams params;    // the query's parameters, decoded, in order
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
  std::string location;  // a redirect's target
  std::string filename;  // a download's name (Content-Disposition)
};

// The longest question or query the app reads, in bytes.
inline constexpr std::size_t kMaxQueryBytes = 1000;

class WebApp {
 public:
  explicit WebApp(std::string db) : db_(std::move(db)) {}
  WebResponse handle(const WebRequest& request) const;

 private:
  std::string db_;
};

// True when TEXT uses PubMed-style field tags ("Soran[au]"): the home box then searches
// citations, not questions.
bool looks_like_citation_query(const std::string& text);

}  // namespace kb
