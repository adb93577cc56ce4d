// The home page, the full-text search and the citation search results, and errors.
#include "query/web/fragments.h"
#include "query/web/html.h"
#include "query/web/pages.h"

namespace kb {

std::string home_page(const Json& topics) {
  std::string body =
      "<p>Ask a question in plain words (<a href=\"/ask?q=What%20supports%20surgery%20here%3F\">What supports surgery "
      "here?</a>), or search the citations with field tags as in PubMed (<a href=\"/refs?q=Soran%5Bau%5D\">Soran[au]</a>, "
      "<a href=\"/refs?q=randomized%5Bti%5D%20AND%202015%3A2018%5Bdp%5D\">randomized[ti] AND 2015:2018[dp]</a>). "
      "Full-text search of the passages: <a href=\"/search?q=surgery\">/search</a>.</p>";
  const Json& list = array_of(topics, "topics");
  body += "<h2>Topics (" + std::to_string(list.size()) + ")</h2>";
  if (list.empty()) body += "<p>The KB holds no topics.</p>";
  body += "<ul class=\"topics\">";
  for (const Json& t : list)
    body += "<li><a href=\"" + html_attr(topic_href(json_string(t.value("topic", Json())))) + "\">" +
            html_text(json_string(t.value("title", Json()))) + "</a> <span class=\"muted\">" +
            html_text(json_string(t.value("references", Json()))) + " references; review through " +
            html_text(json_string(t.value("review_current_through", Json())).empty() ? "unknown" : json_string(t.value("review_current_through", Json()))) +
            "</span></li>";
  body += "</ul>";
  return render_page({"Evidence behind the recommendations", body, ""});
}

std::string search_page(const std::string& query, const Json& results) {
  std::string body;
  const Json& hits = array_of(results, "results");
  const Json& matched = results.value("matched", Json());
  if ((matched.is_boolean() && !matched.get<bool>()) || (matched.is_string() && matched.get<std::string>() == "any"))
    body += "<p class=\"note\">No text held every word; these hold some of them.</p>";
  body += "<p class=\"note\">" + std::to_string(hits.size()) + (hits.size() == 1 ? " result" : " results") +
          ", best first (bm25).</p><ol class=\"results\">";
  for (const Json& h : hits) {
    const std::string kind = json_string(h.value("kind", Json()));
    const std::string topic = json_string(h.value("topic", Json()));
    std::string where = kind;
    if (kind == "reference")
      where = "<a href=\"" + html_attr(ref_href(topic, h.value("number", 0))) + "\">reference " +
              html_text(json_string(h.value("number", Json()))) + "</a>";
    else if (kind == "recommendation" && h.contains("label"))
      where = "<a href=\"" + html_attr(rec_href(topic, json_string(h.value("label", Json())))) + "\">" + html_text(json_string(h.value("label", Json()))) + "</a>";
    else where = html_text(kind) + (h.contains("section") ? ", section " + html_text(json_string(h.value("section", Json()))) : "");
    body += "<li>" + html_snippet(json_string(h.value("snippet", h.value("text", Json())))) + " <span class=\"muted\">" +
            where + " · <a href=\"" + html_attr(topic_href(topic)) + "\">" + html_text(topic) + "</a></span></li>";
  }
  body += "</ol>";
  return render_page({"Search: " + query, body, query});
}

std::string refs_page(const std::string& query, const Json& results) {
  const Json& hits = array_of(results, "results");
  std::string body = "<p class=\"note\">Read as: <code>" + html_text(json_string(results.value("tree", Json()))) +
                     "</code>; " + html_text(json_string(results.value("total", Json(hits.size())))) +
                     " references, " + std::to_string(hits.size()) + " shown (" +
                     html_text(json_string(results.value("order", Json()))) + ").</p><ol class=\"results\">";
  for (const Json& r : hits)
    body += "<li>" + design_chip(r.value("design", Json()), r.value("level", Json())) + " <a href=\"" +
            html_attr(ref_href(json_string(r.value("topic", Json())), r.value("number", 0))) + "\">[" + html_text(json_string(r.value("number", Json()))) +
            "] " + html_text(citation_text(r)) + "</a>. " + html_text(json_string(r.value("title", Json()))) + " <em>" +
            html_text(json_string(r.value("journal", Json()))) + "</em> <span class=\"muted\">" +
            html_text(json_string(r.value("topic", Json()))) + "</span></li>";
  body += "</ol>";
  return render_page({"Citation search: " + query, body, query});
}

std::string error_page(int status, const std::string& message) {
  std::string title = status == 404 ? "Not found" : status == 400 ? "Not understood" : "Could not answer";
  return render_page({title, "<p class=\"error\" role=\"alert\">" + html_text(message) + "</p><p><a href=\"/\">Back to the "
                                                                                          "topics</a></p>",
                      ""});
}

}  // namespace kb
