#include "query/web/fragments.h"

#include <map>
#include <vector>

#include "kb/design.h"
#include "query/web/html.h"

namespace kb {
namespace {

std::string list_items(const Json& items, const char* lead) {
  std::string out;
  for (const Json& item : items) out += "<li>" + std::string(lead) + html_text(json_string(item)) + "</li>";
  return out;
}

std::string node_html(const std::string& topic, const Json& node) {
  const std::string id = json_string(node.value("id", Json()));
  std::string out = "<li class=\"node\" data-node=\"" + html_attr(id) + "\">";
  out += "<span class=\"direction direction-" + html_attr(json_string(node.value("direction", Json()))) + "\">" +
         html_text(json_string(node.value("direction", Json()))) + "</span> ";
  out += "<a href=\"" + html_attr(rec_href(topic, id)) + "\">" + html_text(id) + "</a> ";
  std::string when;
  for (const Json& c : array_of(node, "if")) when += (when.empty() ? "" : "; ") + json_string(c);
  if (!when.empty()) out += "<span class=\"node-if\">If " + html_text(when) + " →</span> ";
  out += "<span class=\"node-then\">" + html_text(json_string(node.value("then", Json()))) + "</span>";
  std::string details;
  if (!json_string(node.value("because", Json())).empty())
    details += "<li>because " + html_text(json_string(node.value("because", Json()))) + "</li>";
  details += list_items(array_of(node, "unless"), "unless ");
  details += list_items(array_of(node, "consider"), "consider ");
  details += list_items(array_of(node, "evidence_says"), "the text on the evidence: ");
  std::string designs;
  const Json counts = node.value("evidence", Json::object());  // kept: items() refers to it
  for (const auto& [design, count] : counts.items())
    designs += (designs.empty() ? "" : ", ") + json_string(count) + " " + design_words(design);
  if (!designs.empty()) details += "<li class=\"muted\">evidence: " + html_text(designs) + "</li>";
  std::string exceptions;
  for (const Json& e : array_of(node, "exceptions")) exceptions += node_html(topic, e);
  if (!exceptions.empty()) details += "<li>exceptions<ul>" + exceptions + "</ul></li>";
  if (!details.empty()) out += "<ul>" + details + "</ul>";
  return out + "</li>";
}

}  // namespace

std::string ref_href(const std::string& topic, int number) {
  return "/ref/" + url_component(topic) + "/" + std::to_string(number);
}

std::string rec_href(const std::string& topic, const std::string& id) {
  return "/rec/" + url_component(topic) + "/" + url_component(id);
}

std::string topic_href(const std::string& topic) { return "/topic/" + url_component(topic); }

std::string logic_tree_html(const Json& topics) {
  std::string out;
  for (const Json& t : topics) {
    const std::string topic = json_string(t.value("topic", Json()));
    for (const Json& section : array_of(t, "sections")) {
      out += "<section class=\"logic\" aria-label=\"" + html_attr("Logic of section " + json_string(section.value("section", Json()))) +
             "\"><h3>Section " + html_text(json_string(section.value("section", Json()))) + " <span class=\"muted\">(" +
             html_text(topic) + ")</span></h3><ul class=\"tree\" role=\"tree\">";
      for (const Json& node : array_of(section, "nodes")) out += node_html(topic, node);
      out += "</ul></section>";
    }
  }
  return out;
}

std::string design_chip(const Json& design, const Json& level) {
  const std::string d = json_string(design);
  std::string words = design_words(d) + (level.is_number() ? ", level " + json_string(level) : "");
  return "<span class=\"design " + html_attr(design_class(d)) + "\" data-design=\"" + html_attr(d) + "\">" +
         html_text(words) + "</span>";
}

std::string evidence_html(const std::string& topic, const Json& evidence) {
  if (evidence.empty())
    return "<p class=\"note\">No study in the KB is linked to it: no marker in the text, no links file, nothing "
           "inferred.</p>";
  std::map<std::string, int> by_link;
  for (const Json& e : evidence) ++by_link[json_string(e.value("link", Json()))];
  std::string counts;
  for (const auto& [link, n] : by_link) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + link;
  std::string out = "<p class=\"note\">" + html_text(counts) +
                    ". Stance is toward the recommendation; inferred links carry the indexer's score.</p>";
  for (Design d : kAllDesigns) {  // strongest design first
    const std::string design = to_string(d);
    std::string rows;
    for (const Json& e : evidence) {
      if (json_string(e.value("design", Json())) != design) continue;
      const int number = e.value("number", 0);
      rows += "<li class=\"evidence-row\" data-link=\"" + html_attr(json_string(e.value("link", Json()))) +
              "\" data-number=\"" + std::to_string(number) + "\">" +
              provenance_badge(json_string(e.value("link", Json())), e.value("score", Json())) + " " +
              design_chip(e.value("design", Json()), e.value("level", Json())) + " <a href=\"" +
              html_attr(ref_href(topic, number)) + "\">[" + std::to_string(number) + "] " +
              html_text(json_string(e.value("citation", Json()))) + "</a>. " +
              html_text(json_string(e.value("title", Json()))) + " <span class=\"muted\">(" +
              html_text(json_string(e.value("stance", Json()))) + ")</span>";
      if (!json_string(e.value("basis", Json())).empty())
        rows += "<div class=\"why\">why: " + html_text(json_string(e.value("basis", Json()))) + "</div>";
      rows += "</li>";
    }
    if (!rows.empty())
      out += "<h4>" + html_text(design_words(design)) + "</h4><ul class=\"evidence\">" + rows + "</ul>";
  }
  return out;
}

std::string bottom_line_text(const Json& rec) {
  std::string when;
  for (const Json& c : array_of(rec, "conditions")) when += (when.empty() ? "" : "; ") + json_string(c);
  std::string line = when.empty() ? json_string(rec.value("action", Json())) : when + ": " + json_string(rec.value("action", Json()));
  if (line.empty()) line = json_string(rec.value("text", Json()));
  if (!line.empty() && line[0] >= 'a' && line[0] <= 'z') line[0] = static_cast<char>(line[0] - 'a' + 'A');
  return line + ".";
}

std::string direction_html(const Json& rec) {
  const std::string d = json_string(rec.value("direction", Json()));
  return "<span class=\"direction direction-" + html_attr(d) + "\">" + html_text(d) + "</span>";
}

std::string citation_text(const Json& ref) {
  std::string authors;
  const Json& list = array_of(ref, "authors");
  for (std::size_t i = 0; i < list.size() && i < 3; ++i) authors += (i ? ", " : "") + json_string(list[i]);
  if (list.size() > 3 || ref.value("et_al", false)) authors += " et al.";
  std::string year = json_string(ref.value("year", Json()));
  return authors + (year.empty() || year == "0" ? "" : " " + year);
}

}  // namespace kb
