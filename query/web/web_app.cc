#include "query/web/web_app.h"

#include <regex>

#include "kb/cli.h"
#include "query/export_bibtex.h"
#include "query/export_csl_json.h"
#include "query/export_ris.h"
#include "query/kb_reader.h"
#include "query/reference_store.h"
#include "query/web/html.h"
#include "query/web/pages.h"

namespace kb {
namespace {

int http_status(const Status& s) {
  switch (s.code()) {
    case Code::Usage: return 400;
    case Code::NotFound: return 404;
    default: return 500;
  }
}

WebResponse html(std::string body, int status = 200) {
  WebResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

WebResponse failure(const Status& s, bool as_json) {
  WebResponse r;
  r.status = http_status(s);
  if (as_json) {
    r.content_type = "application/json";
    r.body = json_text(Json{{"error", s.message()}, {"status", r.status}}) + "\n";
  } else {
    r.body = error_page(r.status, s.message());
  }
  return r;
}

std::string param(const ApiParams& params, const std::string& name) {
  for (const auto& [k, v] : params)
    if (k == name) return v;
  return "";
}

// "/ref/SLUG/5.ris" -> {"ref", "SLUG", "5.ris"}
std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t at = 1;
  while (at <= path.size()) {
    std::size_t slash = path.find('/', at);
    if (slash == std::string::npos) slash = path.size();
    if (slash > at) out.push_back(path.substr(at, slash - at));
    at = slash + 1;
  }
  return out;
}

bool all_digits(const std::string& s) {
  return !s.empty() && s.size() < 9 && s.find_first_not_of("0123456789") == std::string::npos;
}

// A reference in a format reference managers import: .ris, .bib, .json (CSL-JSON).
WebResponse download(const std::string& db, const std::string& topic, int number, const std::string& format) {
  GlobalOptions global;
  global.db = db;
  global.keep_kb_open = true;
  auto kb = open_kb(global);
  if (!kb.ok()) return failure(kb.status(), false);
  auto ref = find_numbered_reference(**kb, number, topic);
  if (!ref.ok()) return failure(ref.status(), false);
  WebResponse r;
  const std::string name = topic + "-" + std::to_string(number);
  if (format == "ris") {
    r.content_type = "application/x-research-info-systems";
    r.body = export_ris({*ref});
    r.filename = name + ".ris";
  } else if (format == "bib") {
    r.content_type = "application/x-bibtex; charset=utf-8";
    r.body = export_bibtex({*ref});
    r.filename = name + ".bib";
  } else {
    r.content_type = "application/vnd.citationstyles.csl+json";
    r.body = export_csl_json({*ref});
    r.filename = name + ".json";
  }
  return r;
}

}  // namespace

bool looks_like_citation_query(const std::string& text) {
  static const std::regex tag(R"(\[[A-Za-z]{2,5}(:[A-Za-z]+)?\])");
  return std::regex_search(text, tag);
}

WebResponse WebApp::handle(const WebRequest& request) const {
  const std::vector<std::string> parts = segments(request.path);
  const std::string q = param(request.params, "q");
  if (q.size() > kMaxQueryBytes)
    return failure(Status::Usage("the question is " + std::to_string(q.size()) + " bytes long; at most " +
                                 std::to_string(kMaxQueryBytes) + " are read"),
                   !parts.empty() && parts[0] == "api");
  auto document = [&](const std::string& command, const ApiParams& params) {
    return command_document(db_, command, params);
  };

  if (parts.empty()) {
    auto topics = document("topics", {});
    if (!topics.ok()) return failure(topics.status(), false);
    return html(home_page(*topics));
  }
  const std::string& page = parts[0];
  if (page == "api") {
    if (parts.size() != 2) return failure(Status::NotFound("the API is /api/COMMAND?q=...&option=value"), true);
    auto doc = document(parts[1], request.params);
    if (!doc.ok()) return failure(doc.status(), true);
    WebResponse r;
    r.content_type = "application/json";
    r.body = json_text(*doc) + "\n";
    return r;
  }
  if (page == "ask" && parts.size() == 1) {
    if (q.empty()) return WebResponse{302, "text/plain", "", "/", ""};
    if (looks_like_citation_query(q)) return WebResponse{302, "text/plain", "", "/refs?q=" + url_component(q), ""};
    ApiParams params = {{"q", q}};
    if (!param(request.params, "topic").empty()) params.push_back({"topic", param(request.params, "topic")});
    auto answer = document("ask", params);
    if (!answer.ok()) return failure(answer.status(), false);
    return html(answer_page(*answer));
  }
  if (page == "search" && parts.size() == 1) {
    if (q.empty()) return WebResponse{302, "text/plain", "", "/", ""};
    auto results = document("search", {{"q", q}, {"limit", "25"}});
    if (!results.ok()) return failure(results.status(), false);
    return html(search_page(q, *results));
  }
  if (page == "refs" && parts.size() == 1) {
    if (q.empty()) return WebResponse{302, "text/plain", "", "/", ""};
    auto results = document("refs", {{"q", q}, {"limit", "100"}});
    if (!results.ok()) return failure(results.status(), false);
    return html(refs_page(q, *results));
  }
  if (page == "ref" && parts.size() == 3) {
    std::string number = parts[2], format;
    if (std::size_t dot = number.find('.'); dot != std::string::npos) {
      format = number.substr(dot + 1);
      number.resize(dot);
      if (format != "ris" && format != "bib" && format != "json")
        return failure(Status::NotFound("no download as ." + format + "; there are .ris, .bib and .json"), false);
    }
    if (!all_digits(number)) return failure(Status::NotFound("a reference is /ref/TOPIC/NUMBER"), false);
    if (!format.empty()) return download(db_, parts[1], std::stoi(number), format);
    auto ref = document("ref", {{"q", number}, {"topic", parts[1]}});
    if (!ref.ok()) return failure(ref.status(), false);
    return html(reference_page(*ref));
  }
  if (page == "rec" && parts.size() == 3) {
    auto recs = document("recs", {{"topic", parts[1]}});
    if (!recs.ok()) return failure(recs.status(), false);
    auto logic = document("logic", {{"topic", parts[1]}});
    if (!logic.ok()) return failure(logic.status(), false);
    for (const Json& rec : array_of(*recs, "recommendations"))
      if (json_string(rec.value("id", Json())) == parts[2])
        return html(recommendation_page(rec, array_of(*logic, "topics")));
    return failure(Status::NotFound("the topic has no recommendation " + parts[2]), false);
  }
  if (page == "topic" && parts.size() == 2) {
    auto topics = document("topics", {});
    if (!topics.ok()) return failure(topics.status(), false);
    auto recs = document("recs", {{"topic", parts[1]}});
    if (!recs.ok()) return failure(recs.status(), false);
    const std::string slug = json_string(recs->value("topic", Json(parts[1])));
    auto logic = document("logic", {{"topic", slug}});
    if (!logic.ok()) return failure(logic.status(), false);
    auto audit = document("audit", {{"topic", slug}});
    if (!audit.ok()) return failure(audit.status(), false);
    for (const Json& t : array_of(*topics, "topics"))
      if (json_string(t.value("topic", Json())) == slug) return html(topic_page(t, *recs, array_of(*logic, "topics"), *audit));
    return failure(Status::NotFound("no topic " + parts[1]), false);
  }
  return failure(Status::NotFound("no page " + request.path + "; the pages are /, /ask, /search, /refs, /ref/TOPIC/N, "
                                  "/rec/TOPIC/ID, /topic/TOPIC and /api/COMMAND"),
                 false);
}

}  // namespace kb
