// The answer to a question: the bottom line, its conditions and exceptions, the evidence by
// design with where each link comes from, then the logic around it.
#include "query/web/fragments.h"
#include "query/web/html.h"
#include "query/web/pages.h"

namespace kb {
namespace {

std::string understood(const Json& answer) {
  std::string out;
  for (const Json& c : array_of(answer, "concepts")) {
    std::string tag = !c.value("known", true) ? " (not in the KB)" : c.value("focus", false) ? " (focus)" : "";
    out += std::string(out.empty() ? "" : "; ") + json_string(c.value("concept", Json())) + tag;
  }
  return out;
}

std::string recommendation_block(const Json& rec, const Json& all, bool first) {
  const std::string topic = json_string(rec.value("topic", Json()));
  const std::string id = json_string(rec.value("id", Json()));
  std::string out = "<article class=\"bottom-line\" data-rec=\"" + html_attr(id) + "\" aria-labelledby=\"rec-" +
                    html_attr(id) + "\"><p id=\"rec-" + html_attr(id) + "\">" +
                    (first ? "<strong>Bottom line</strong> " : "<strong>Also</strong> ") + direction_html(rec) +
                    " <a href=\"" + html_attr(rec_href(topic, id)) + "\">" + html_text(id) + "</a>" +
                    (json_string(rec.value("grade", Json())).empty() ? "" : " graded " + html_text(json_string(rec.value("grade", Json())))) +
                    " <span class=\"muted\">section " + html_text(json_string(rec.value("section", Json()))) + "</span></p>";
  out += "<p class=\"statement\">" + html_text(bottom_line_text(rec)) + "</p>";
  out += "<p>As printed: “" + html_text(json_string(rec.value("text", Json()))) + "”</p>";
  if (!json_string(rec.value("rationale", Json())).empty())
    out += "<p>Why: " + html_text(json_string(rec.value("rationale", Json()))) + "</p>";
  for (const Json& s : array_of(rec, "evidence_statements"))
    out += "<p>The text on the evidence: " + html_text(json_string(s)) + "</p>";
  std::string unless;
  for (const Json& e : array_of(rec, "exceptions")) unless += "<li>" + html_text(json_string(e)) + "</li>";
  for (const Json& other : all) {
    if (json_string(other.value("exception_to", Json())) != id) continue;
    unless += "<li class=\"exception\" data-rec=\"" + html_attr(json_string(other.value("id", Json()))) + "\">Exception " +
              direction_html(other) + " <a href=\"" + html_attr(rec_href(topic, json_string(other.value("id", Json())))) + "\">" +
              html_text(json_string(other.value("id", Json()))) + "</a>: " + html_text(bottom_line_text(other));
    for (const Json& c : array_of(other, "considerations")) unless += "<br>consider: " + html_text(json_string(c));
    for (const Json& s : array_of(other, "evidence_statements"))
      unless += "<br>the text says: " + html_text(json_string(s));
    unless += "</li>";
  }
  if (!unless.empty()) out += "<p>Conditions and exceptions:</p><ul>" + unless + "</ul>";
  return out + "</article>";
}

std::string other_references(const Json& answer, const char* heading) {
  std::string rows;
  for (const Json& r : array_of(answer, "references")) {
    const std::string link = json_string(r.value("link", Json()));
    if (link != "question" && link != "cited_by_passage") continue;
    rows += "<li class=\"evidence-row\" data-link=\"" + html_attr(link) + "\">" +
            provenance_badge(link, r.value("score", Json())) + " " + design_chip(r.value("design", Json()), r.value("level", Json())) +
            " <a href=\"" + html_attr(ref_href(json_string(r.value("topic", Json())), r.value("number", 0))) + "\">[" +
            html_text(json_string(r.value("number", Json()))) + "] " + html_text(citation_text(r)) + "</a>. " +
            html_text(json_string(r.value("title", Json()))) + " <span class=\"why\">" +
            html_text(json_string(r.value("provenance", Json()))) + "</span></li>";
  }
  return rows.empty() ? "" : "<h2>" + std::string(heading) + "</h2><ul class=\"evidence\">" + rows + "</ul>";
}

std::string passages(const Json& answer, const char* heading) {
  std::string rows;
  for (const Json& p : array_of(answer, "passages")) {
    const std::string topic = json_string(p.value("topic", Json()));
    std::string cites;
    for (const Json& n : array_of(p, "citations"))
      cites += std::string(cites.empty() ? " (cites " : ", ") + "<a href=\"" + html_attr(ref_href(topic, n.get<int>())) +
               "\">" + html_text(json_string(n)) + "</a>";
    if (!cites.empty()) cites += ")";
    rows += "<li>" + html_text(json_string(p.value("text", Json()))) + cites + " <span class=\"muted\">section " +
            html_text(json_string(p.value("section", Json()))) + "</span></li>";
  }
  return rows.empty() ? "" : "<h2>" + std::string(heading) + "</h2><ul>" + rows + "</ul>";
}

}  // namespace

std::string answer_page(const Json& answer) {
  const std::string kind = json_string(answer.value("answer", Json()));
  std::string body = "<p class=\"note\">Understood as: " + html_text(understood(answer)) + "; asking " +
                     html_text(json_string(answer.value("intent", Json()))) + "</p>";
  if (!json_string(answer.value("topic", Json())).empty())
    body += "<p class=\"note\">Topic: <a href=\"" + html_attr(topic_href(json_string(answer.value("topic", Json())))) + "\">" +
            html_text(json_string(answer.value("topic_title", Json()))) + "</a></p>";
  body += "<p class=\"answer-kind\" data-answer=\"" + html_attr(kind) + "\">" +
          html_text(json_string(answer.value("statement", Json()))) + "</p>";
  const Json& recs = array_of(answer, "recommendations");
  std::string evidence;
  bool first = true;
  for (const Json& rec : recs) {
    if (!json_string(rec.value("exception_to", Json())).empty()) {
      bool parent_shown = false;
      for (const Json& other : recs) parent_shown |= json_string(other.value("id", Json())) == json_string(rec.value("exception_to", Json()));
      if (parent_shown) continue;
    }
    body += recommendation_block(rec, recs, first);
    first = false;
    evidence += "<section class=\"rec-evidence\" data-rec=\"" + html_attr(json_string(rec.value("id", Json()))) +
                "\"><h3>Evidence for " + html_text(json_string(rec.value("id", Json()))) + "</h3>" +
                evidence_html(json_string(rec.value("topic", Json())), array_of(rec, "evidence")) + "</section>";
  }
  if (!evidence.empty()) body += "<h2>Evidence, strongest design first</h2>" + evidence;
  if (kind == "none") {
    body += other_references(answer, "Studies on the question (the indexer's ranking, not a link)");
    body += passages(answer, "Passages that mention it");
  } else {
    body += passages(answer, kind == "fact" ? "Answer from the text" : "Passages");
    body += other_references(answer, "Other studies on the question (ranked by the indexer)");
  }
  const Json& logic = array_of(answer, "logic");
  if (!logic.empty()) body += "<h2>The guideline logic around it</h2>" + logic_tree_html(logic);
  const std::string question = json_string(answer.value("question", Json()));
  return render_page({question, body, question});
}

}  // namespace kb
