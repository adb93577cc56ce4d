// One reference: its fields, design and level with the reason, the sentences citing it, the
// recommendations relying on it, and the reference in the formats reference managers read.
#include "query/web/fragments.h"
#include "query/web/html.h"
#include "query/web/pages.h"

namespace kb {
namespace {

void field(std::string& out, const char* name, const std::string& value) {
  if (!value.empty()) out += "<dt>" + std::string(name) + "</dt><dd>" + html_text(value) + "</dd>";
}

}  // namespace

std::string reference_page(const Json& ref) {
  const std::string topic = json_string(ref.value("topic", Json()));
  const int number = ref.value("number", 0);
  std::string body = "<p class=\"note\">Reference " + std::to_string(number) + " of <a href=\"" +
                     html_attr(topic_href(topic)) + "\">" + html_text(topic) + "</a></p>";
  body += "<p>" + html_text(json_string(ref.value("raw", Json()))) + "</p>";
  std::string authors;
  for (const Json& a : array_of(ref, "authors")) authors += (authors.empty() ? "" : ", ") + json_string(a);
  if (ref.value("et_al", false)) authors += ", et al.";
  std::string fields;
  field(fields, "Authors", authors);
  field(fields, "Title", json_string(ref.value("title", Json())));
  field(fields, "Journal", json_string(ref.value("journal", Json())));
  std::string where = json_string(ref.value("year", Json()));
  if (where == "0") where.clear();
  if (!json_string(ref.value("volume", Json())).empty()) where += "; " + json_string(ref.value("volume", Json()));
  if (!json_string(ref.value("issue", Json())).empty()) where += "(" + json_string(ref.value("issue", Json())) + ")";
  if (!json_string(ref.value("pages", Json())).empty()) where += ":" + json_string(ref.value("pages", Json()));
  field(fields, "Published", where);
  field(fields, "DOI", json_string(ref.value("doi", Json())));
  field(fields, "PMID", json_string(ref.value("pmid", Json())));
  field(fields, "Language", json_string(ref.value("language", Json())));
  body += "<dl class=\"fields\">" + fields + "<dt>Design</dt><dd>" + design_chip(ref.value("design", Json()), ref.value("level", Json())) +
          " <span class=\"muted\">Oxford CEBM 2011" +
          (json_string(ref.value("grade_start", Json())).empty() ? "" : "; GRADE starts " + html_text(json_string(ref.value("grade_start", Json())))) +
          "</span></dd><dt>Because</dt><dd class=\"design-reason\">" +
          html_text(json_string(ref.value("design_reason", Json())).empty() ? "no design named in the title"
                                                                               : json_string(ref.value("design_reason", Json()))) +
          "</dd></dl>";
  const std::string base = ref_href(topic, number);
  body += "<p class=\"downloads\">Download: <a href=\"" + html_attr(base + ".ris") + "\" download>RIS</a> · <a href=\"" +
          html_attr(base + ".bib") + "\" download>BibTeX</a> · <a href=\"" + html_attr(base + ".json") +
          "\" download>CSL-JSON</a></p>";

  body += "<h2>Recommendations relying on it</h2>";
  const Json& recs = array_of(ref, "recommendations");
  if (recs.empty()) body += "<p>No recommendation relies on it.</p>";
  else {
    body += "<ul class=\"evidence\">";
    for (const Json& r : recs) {
      body += "<li class=\"evidence-row\" data-link=\"" + html_attr(json_string(r.value("link", Json()))) + "\">" +
              provenance_badge(json_string(r.value("link", Json())), r.value("score", Json())) + " " + direction_html(r) + " <a href=\"" +
              html_attr(rec_href(topic, json_string(r.value("id", Json())))) + "\">" + html_text(json_string(r.value("id", Json()))) + "</a> " +
              html_text(json_string(r.value("text", Json()))) + " <span class=\"muted\">(" +
              html_text(json_string(r.value("stance", Json()))) + ")</span>";
      if (!json_string(r.value("basis", Json())).empty())
        body += "<div class=\"why\">why: " + html_text(json_string(r.value("basis", Json()))) + "</div>";
      body += "</li>";
    }
    body += "</ul>";
  }
  body += "<h2>Sentences citing it</h2>";
  const Json& cited = array_of(ref, "cited_by");
  if (cited.empty()) body += "<p>No sentence of the available text cites it.</p>";
  else {
    body += "<ul>";
    for (const Json& c : cited)
      body += "<li><span class=\"muted\">" + html_text(json_string(c.value("marker", Json()))) + " section " +
              html_text(json_string(c.value("section", Json()))) + ", paragraph " +
              html_text(json_string(c.value("paragraph", Json()))) + "</span> " +
              html_text(json_string(c.value("text", Json()))) + "</li>";
    body += "</ul>";
  }
  return render_page({"[" + std::to_string(number) + "] " + json_string(ref.value("title", Json())), body, ""});
}

}  // namespace kb
