// A topic (its sections' logic, its recommendations, the gaps the audit finds) and one
// recommendation of it (the rule, its evidence, the logic it sits in).
#include "query/web/fragments.h"
#include "query/web/html.h"
#include "query/web/pages.h"

namespace kb {
namespace {

std::string numbers_html(const std::string& topic, const Json& numbers) {
  std::string out;
  for (const Json& n : numbers)
    if (n.is_number_integer())
      out += std::string(out.empty() ? "" : ", ") + "<a href=\"" + html_attr(ref_href(topic, n.get<int>())) + "\">" +
             html_text(json_string(n)) + "</a>";
  return out.empty() ? "none" : out;
}

}  // namespace

std::string topic_page(const Json& topic, const Json& recs, const Json& logic_topics, const Json& audit) {
  const std::string slug = json_string(topic.value("topic", Json()));
  std::string body = "<dl class=\"fields\">";
  auto field = [&](const char* name, const std::string& value) {
    if (!value.empty()) body += "<dt>" + std::string(name) + "</dt><dd>" + html_text(value) + "</dd>";
  };
  field("Slug", slug);
  field("Publisher", json_string(topic.value("publisher", Json())));
  field("Literature review current through", json_string(topic.value("review_current_through", Json())));
  field("Last updated", json_string(topic.value("last_updated", Json())));
  field("Text", json_string(topic.value("paragraphs", Json())) + " paragraphs, " +
                    json_string(topic.value("sentences", Json())) + " sentences, " +
                    json_string(topic.value("references", Json())) + " references");
  body += "</dl>";
  if (topic.value("truncated", false))
    body += "<p class=\"note\">The text stops at a paywall notice: what follows covers the available text only.</p>";

  body += "<h2>Logic, section by section</h2>" + logic_tree_html(logic_topics);
  body += "<h2>Recommendations</h2><ul>";
  for (const Json& r : array_of(recs, "recommendations"))
    body += "<li>" + direction_html(r) + " <a href=\"" + html_attr(rec_href(slug, json_string(r.value("id", Json())))) + "\">" +
            html_text(json_string(r.value("id", Json()))) + "</a> " + html_text(json_string(r.value("text", Json()))) + "</li>";
  body += "</ul>";

  body += "<h2>Audit: where the evidence is thin</h2>";
  for (const Json& t : array_of(audit, "topics")) {
    body += "<p>References never cited in the available text: " +
            std::to_string(array_of(t, "uncited_references").size()) + " (" +
            numbers_html(slug, array_of(t, "uncited_references")) + ")</p>";
    if (t.contains("months_since_review") && t.value("months_since_review", Json()).is_number())
      body += "<p>Months since the literature review: " + html_text(json_string(t.value("months_since_review", Json()))) + "</p>";
    body += "<div class=\"scroll\"><table><caption class=\"muted\">Per recommendation</caption><thead><tr>"
            "<th scope=\"col\">Recommendation</th><th scope=\"col\">Strongest design</th><th scope=\"col\">Randomised</th>"
            "<th scope=\"col\">Years</th><th scope=\"col\">Gaps</th></tr></thead><tbody>";
    for (const Json& r : array_of(t, "recommendations")) {
      std::string gaps;
      for (const Json& g : array_of(r, "gaps")) gaps += "<li>" + html_text(json_string(g)) + "</li>";
      body += "<tr><th scope=\"row\"><a href=\"" + html_attr(rec_href(slug, json_string(r.value("id", Json())))) + "\">" +
              html_text(json_string(r.value("id", Json()))) + "</a></th><td>" +
              design_chip(r.value("strongest_design", Json()), r.value("strongest_level", Json())) + "</td><td>" +
              (r.value("has_rct", false) ? "yes" : "no") + "</td><td>" +
              html_text(json_string(r.value("oldest_year", Json())) + "–" + json_string(r.value("newest_year", Json()))) +
              "</td><td>" + (gaps.empty() ? "none" : "<ul>" + gaps + "</ul>") + "</td></tr>";
    }
    body += "</tbody></table></div>";
  }
  return render_page({json_string(topic.value("title", Json(slug))), body, ""});
}

std::string recommendation_page(const Json& rec, const Json& logic_topics) {
  const std::string topic = json_string(rec.value("topic", Json()));
  const std::string id = json_string(rec.value("id", Json()));
  std::string body = "<p class=\"note\">" + direction_html(rec) + " Section " +
                     html_text(json_string(rec.value("section", Json()))) + " of <a href=\"" +
                     html_attr(topic_href(topic)) + "\">" + html_text(topic) + "</a>" +
                     (json_string(rec.value("exception_to", Json())).empty()
                          ? ""
                          : ", an exception to <a href=\"" + html_attr(rec_href(topic, json_string(rec.value("exception_to", Json())))) +
                                "\">" + html_text(json_string(rec.value("exception_to", Json()))) + "</a>") +
                     "</p><div class=\"bottom-line\"><p class=\"statement\">" + html_text(bottom_line_text(rec)) +
                     "</p><p>As printed: “" + html_text(json_string(rec.value("text", Json()))) + "”</p></div><dl class=\"fields\">";
  auto list = [&](const char* name, const Json& items) {
    for (const Json& item : items) body += "<dt>" + std::string(name) + "</dt><dd>" + html_text(json_string(item)) + "</dd>";
  };
  list("When", array_of(rec, "conditions"));
  list("Unless", array_of(rec, "exceptions"));
  if (!json_string(rec.value("rationale", Json())).empty()) list("Because", Json::array({rec.value("rationale", Json())}));
  list("Consider", array_of(rec, "considerations"));
  list("On the evidence", array_of(rec, "evidence_statements"));
  list("Restated", array_of(rec, "restatements"));
  body += "</dl><h2>Evidence, strongest design first</h2>" + evidence_html(topic, array_of(rec, "evidence"));
  body += "<h2>The logic it sits in</h2>" + logic_tree_html(logic_topics);
  return render_page({id + ": " + bottom_line_text(rec), body, ""});
}

}  // namespace kb
