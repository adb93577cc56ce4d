// `kbquery report --html FILE [--topic SLUG]`: the evidence map as one self-contained HTML
// file: per topic the guideline logic, a matrix of recommendations against the studies
// linked to them, the mix of designs behind each recommendation, a timeline of the studies
// against the literature-review date, and the reference list. No script and nothing from the
// network: it opens the same from a disk, a mail attachment or paper. Built from the
// documents the query commands print with --json (command_document), escaped by html.h.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "kb/design.h"
#include "kb/file_io.h"
#include "query/commands.h"
#include "query/web/api.h"
#include "query/web/fragments.h"
#include "query/web/html.h"

namespace kb {
namespace {

struct ReportOptions {
  std::string html;
  std::string topic;
};

// A study linked to at least one recommendation of its topic: a column of the matrix and a
// mark on the timeline.
struct LinkedStudy {
  int number = 0;
  int year = 0;
  int level = 0;
  std::string citation, title, design;
  std::string strongest_link;      // cited, else curated, else inferred
  std::vector<std::string> recs;   // the recommendations that link it, in their order
};

struct TopicReport {
  std::string slug, title, review, last_updated;
  bool truncated = false;
  std::vector<Json> recs;            // from recs --json
  Json sections = Json::array();     // from logic --json
  Json refs = Json::array();         // from refs --topic SLUG --json: every reference
  std::vector<LinkedStudy> studies;  // by number
};

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int link_rank(const std::string& link) {
  if (link == "cited") return 3;
  if (link == "curated") return 2;
  if (link == "inferred") return 1;
  return 0;
}

// Anchors: the raw id goes into id="..." escaped for the attribute, and into href="#..."
// percent-encoded, which a browser decodes before it looks the id up.
std::string ref_anchor(const std::string& slug, int number) { return "ref-" + slug + "-" + std::to_string(number); }
std::string rec_anchor(const std::string& slug, const std::string& rec) { return "rec-" + slug + "-" + rec; }
std::string id_attr(const std::string& anchor) { return " id=\"" + html_attr(anchor) + "\""; }
std::string href_attr(const std::string& anchor) { return " href=\"#" + html_attr(url_component(anchor)) + "\""; }

std::string number_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", value);
  return buf;
}

// The designs present in COUNTS, strongest first, then any name the vocabulary lacks.
std::vector<std::pair<std::string, int>> ordered_counts(const std::map<std::string, int>& counts) {
  std::vector<std::pair<std::string, int>> out;
  std::set<std::string> known;
  for (Design d : kAllDesigns) {
    known.insert(to_string(d));
    auto it = counts.find(to_string(d));
    if (it != counts.end()) out.emplace_back(*it);
  }
  for (const auto& c : counts)
    if (!known.count(c.first)) out.emplace_back(c);
  return out;
}

std::string counts_words(const std::vector<std::pair<std::string, int>>& counts) {
  std::string out;
  for (const auto& [design, n] : counts)
    out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + design_words(design);
  return out;
}

// --- data -----------------------------------------------------------------------------------

void collect_studies(TopicReport& topic) {
  std::map<int, LinkedStudy> by_number;
  for (const Json& rec : topic.recs) {
    const std::string rec_id = text_of(rec, "id");
    for (const Json& e : array_of(rec, "evidence")) {
      const int number = int_of(e, "number");
      LinkedStudy& s = by_number[number];
      if (s.recs.empty()) {
        s.number = number;
        s.year = int_of(e, "year");
        s.level = int_of(e, "level");
        s.citation = text_of(e, "citation");
        s.title = text_of(e, "title");
        s.design = text_of(e, "design");
      }
      const std::string link = text_of(e, "link");
      if (link_rank(link) > link_rank(s.strongest_link)) s.strongest_link = link;
      if (std::find(s.recs.begin(), s.recs.end(), rec_id) == s.recs.end()) s.recs.push_back(rec_id);
    }
  }
  for (auto& [number, study] : by_number) topic.studies.push_back(std::move(study));
}

Result<std::vector<TopicReport>> load_topics(const ReportOptions& options, const GlobalOptions& global) {
  ApiParams scope;
  if (!options.topic.empty()) scope.emplace_back("topic", options.topic);
  // recs first: an unknown or ambiguous --topic fails here with the message every command gives.
  auto recs = command_document(global.db, "recs", scope);
  if (!recs.ok()) return recs.status();
  auto logic = command_document(global.db, "logic", scope);
  if (!logic.ok()) return logic.status();
  auto topics = command_document(global.db, "topics", {});
  if (!topics.ok()) return topics.status();
  const std::string only = options.topic.empty() ? std::string() : text_of(*recs, "topic");

  std::vector<TopicReport> out;
  for (const Json& t : array_of(*topics, "topics")) {
    TopicReport topic;
    topic.slug = text_of(t, "topic");
    if (!only.empty() && topic.slug != only) continue;
    topic.title = text_of(t, "title");
    topic.review = text_of(t, "review_current_through");
    topic.last_updated = text_of(t, "last_updated");
    topic.truncated = t.value("truncated", false);
    for (const Json& rec : array_of(*recs, "recommendations"))
      if (text_of(rec, "topic") == topic.slug) topic.recs.push_back(rec);
    for (const Json& lt : array_of(*logic, "topics"))
      if (text_of(lt, "topic") == topic.slug) topic.sections = array_of(lt, "sections");
    // The full slug resolves to itself even when it is part of another topic's slug.
    auto refs = command_document(global.db, "refs", {{"topic", topic.slug}});
    if (!refs.ok()) return refs.status();
    topic.refs = array_of(*refs, "results");
    collect_studies(topic);
    out.push_back(std::move(topic));
  }
  return out;
}

// --- the parts of a topic ---------------------------------------------------------------------

std::string joined_text(const Json& items, const char* sep) {
  std::string out;
  for (const Json& item : items)
    if (item.is_string()) out += (out.empty() ? "" : sep) + html_text(item.get<std::string>());
  return out;
}

void render_node(const TopicReport& topic, const Json& node, std::set<std::string>& anchors, std::string& out) {
  const std::string id = text_of(node, "id");
  const std::string anchor = rec_anchor(topic.slug, id);
  out += "<li" + (anchors.insert(anchor).second ? id_attr(anchor) : std::string()) + ">";
  out += "<strong class=\"node-id\">" + html_text(id) + "</strong> " + direction_html(node);
  if (!array_of(node, "if").empty())
    out += "<div class=\"node-if\"><span class=\"label\">If</span> " + joined_text(array_of(node, "if"), "; and ") + "</div>";
  out += "<div class=\"node-then\"><span class=\"label\">Then</span> " + html_text(text_of(node, "then")) + "</div>";
  if (!text_of(node, "because").empty())
    out += "<div class=\"why\"><span class=\"label\">Because</span> " + html_text(text_of(node, "because")) + "</div>";
  if (!array_of(node, "unless").empty())
    out += "<div class=\"node-unless\"><span class=\"label\">Unless</span> " + joined_text(array_of(node, "unless"), "; or ") +
           "</div>";
  if (!array_of(node, "consider").empty())
    out += "<div class=\"why\"><span class=\"label\">Consider</span> " + joined_text(array_of(node, "consider"), "; ") + "</div>";
  if (!array_of(node, "evidence_says").empty())
    out += "<div class=\"why\"><span class=\"label\">The text says</span> " + joined_text(array_of(node, "evidence_says"), "; ") +
           "</div>";
  std::map<std::string, int> counts;
  if (node.contains("evidence") && node["evidence"].is_object())
    for (const auto& [design, n] : node["evidence"].items())
      if (n.is_number_integer()) counts[design] = n.get<int>();
  const std::string words = counts_words(ordered_counts(counts));
  out += "<div class=\"why\"><span class=\"label\">Evidence</span> " +
         (words.empty() ? std::string("none linked") : html_text(words)) + "</div>";
  if (!array_of(node, "exceptions").empty()) {
    out += "<ul>";
    for (const Json& child : array_of(node, "exceptions")) render_node(topic, child, anchors, out);
    out += "</ul>";
  }
  out += "</li>\n";
}

std::string render_tree(const TopicReport& topic, std::set<std::string>& anchors) {
  if (topic.sections.empty()) return "<p class=\"note\">No recommendations found in this topic.</p>\n";
  std::string out = "<ul class=\"tree\">\n";
  for (const Json& section : topic.sections) {
    out += "<li><span class=\"node-section\">Section " + std::to_string(int_of(section, "section")) + "</span>\n<ul>\n";
    for (const Json& node : array_of(section, "nodes")) render_node(topic, node, anchors, out);
    out += "</ul></li>\n";
  }
  return out + "</ul>\n";
}

std::string link_letter(const std::string& link) {
  if (link == "cited") return "c";
  if (link == "curated") return "u";
  if (link == "inferred") return "i";
  return "?";
}

std::string render_matrix(const TopicReport& topic, const std::set<std::string>& anchors) {
  if (topic.recs.empty()) return "";
  if (topic.studies.empty()) return "<p class=\"note\">No study is linked to any recommendation of this topic.</p>\n";
  std::string out = "<div class=\"scroll\"><table class=\"matrix\">\n<caption>" +
                    html_text(topic.title) +
                    ": recommendations (rows) and the studies linked to them (columns, by reference number). "
                    "In a cell: c cited, u curated, i inferred; the number is the level of evidence; the colour is "
                    "the design.</caption>\n<thead><tr><th scope=\"col\">Recommendation</th>";
  for (const LinkedStudy& s : topic.studies) {
    out += "<th scope=\"col\"><a" + href_attr(ref_anchor(topic.slug, s.number)) + " title=\"" +
           html_attr(s.citation + ": " + s.title) + "\"><span class=\"sr\">reference </span>" + std::to_string(s.number) +
           "</a></th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const Json& rec : topic.recs) {
    const std::string id = text_of(rec, "id");
    const std::string anchor = rec_anchor(topic.slug, id);
    out += "<tr><th scope=\"row\" class=\"rec\" title=\"" + html_attr(text_of(rec, "text")) + "\">";
    out += anchors.count(anchor) ? "<a class=\"rec-link\"" + href_attr(anchor) + ">" + html_text(id) + "</a>" : html_text(id);
    out += " " + direction_html(rec) + "</th>";
    // The links of this recommendation by study; several to one study are shown together.
    std::map<int, std::vector<const Json*>> by_number;
    for (const Json& e : array_of(rec, "evidence")) by_number[int_of(e, "number")].push_back(&e);
    for (const LinkedStudy& s : topic.studies) {
      auto found = by_number.find(s.number);
      if (found == by_number.end()) {
        out += "<td></td>";
        continue;
      }
      out += "<td>";
      for (const Json* e : found->second) {
        const std::string link = text_of(*e, "link");
        const std::string design = text_of(*e, "design");
        const std::string level = std::to_string(int_of(*e, "level"));
        std::string how = link;
        if (e->contains("score") && !(*e)["score"].is_null()) how += ", score " + json_string((*e)["score"]);
        const std::string title = "[" + std::to_string(s.number) + "] " + text_of(*e, "citation") + ": " +
                                  design_words(design) + ", level " + level + "; " + how + "; " +
                                  text_of(*e, "stance");
        out += "<a" + href_attr(ref_anchor(topic.slug, s.number)) + " class=\"" + html_attr(design_class(design)) +
               "\" data-link=\"" + html_attr(link) + "\" title=\"" + html_attr(title) + "\"><span aria-hidden=\"true\">" +
               html_text(link_letter(link)) + html_text(level) + "</span><span class=\"sr\">" +
               html_text(how + ", " + design_words(design) + ", level " + level) + "</span></a>";
      }
      out += "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

std::string render_mix(const TopicReport& topic) {
  if (topic.recs.empty()) return "";
  std::size_t widest = 1;
  for (const Json& rec : topic.recs) widest = std::max(widest, array_of(rec, "evidence").size());
  std::string out =
      "<div class=\"scroll\"><table class=\"mix\">\n<caption>The designs of the studies linked to each recommendation; "
      "a bar's length is its number of links.</caption>\n<thead><tr><th scope=\"col\">Recommendation</th>"
      "<th scope=\"col\">Designs</th><th scope=\"col\">Links</th></tr></thead>\n<tbody>\n";
  for (const Json& rec : topic.recs) {
    std::map<std::string, int> counts;
    const Json& evidence = array_of(rec, "evidence");
    for (const Json& e : evidence) ++counts[text_of(e, "design")];
    const auto ordered = ordered_counts(counts);
    out += "<tr><th scope=\"row\" class=\"rec\">" + html_text(text_of(rec, "id")) + "</th><td class=\"bar-cell\">";
    if (!evidence.empty()) {
      const double width = 100.0 * static_cast<double>(evidence.size()) / static_cast<double>(widest);
      out += "<div class=\"bar\" aria-hidden=\"true\" style=\"width:" + number_text(width) + "%\">";
      for (const auto& [design, n] : ordered)
        out += "<span class=\"" + html_attr(design_class(design)) + "\" style=\"flex:" + std::to_string(n) +
               "\" title=\"" + html_attr(std::to_string(n) + " " + design_words(design)) + "\"></span>";
      out += "</div>";
    }
    out += "</td><td>" + (evidence.empty() ? std::string("none linked") : html_text(counts_words(ordered))) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table></div>\n";
}

// "2017-11" as a fraction of years: the end of that month. 0 when not a date.
double review_time(const std::string& review) {
  int year = 0, month = 12;
  if (std::sscanf(review.c_str(), "%d-%d", &year, &month) < 1 || year < 1000) return 0;
  if (month < 1 || month > 12) month = 12;
  return year + month / 12.0;
}

std::string render_timeline(const TopicReport& topic) {
  std::vector<const LinkedStudy*> dated, undated;
  for (const LinkedStudy& s : topic.studies) (s.year > 0 ? dated : undated).push_back(&s);
  const double review = review_time(topic.review);
  std::string out;
  if (dated.empty() && review == 0) return "<p class=\"note\">No dated study and no review date.</p>\n";

  double lo = review > 0 ? review : 1e9, hi = review > 0 ? review : 0;
  std::map<int, int> per_year;
  for (const LinkedStudy* s : dated) {
    lo = std::min(lo, static_cast<double>(s->year));
    hi = std::max(hi, s->year + 1.0);
    ++per_year[s->year];
  }
  int highest = 1;
  for (const auto& [year, n] : per_year) highest = std::max(highest, n);
  const int first = static_cast<int>(std::floor(lo / 5) * 5);
  int last = static_cast<int>(std::ceil(hi / 5) * 5);
  if (last <= first) last = first + 5;
  const int step = last - first > 40 ? 10 : 5;
  const double width = 760, left = 30, right = 30;
  const double axis = 34 + highest * 12.0;
  const double height = axis + 28;
  auto x = [&](double t) { return left + (t - first) / (last - first) * (width - left - right); };

  const std::string title_id = "timeline-" + topic.slug;
  std::string summary = plural(dated.size(), "linked study", "linked studies");
  if (!dated.empty()) {
    summary += " from " + std::to_string(per_year.begin()->first);
    if (per_year.rbegin()->first != per_year.begin()->first) summary += " to " + std::to_string(per_year.rbegin()->first);
  }
  summary += review > 0 ? "; literature review current through " + topic.review : "; no review date recorded";
  out += "<svg class=\"timeline\" viewBox=\"0 0 " + number_text(width) + " " + number_text(height) + "\" width=\"" +
         number_text(width) + "\" height=\"" + number_text(height) + "\" aria-labelledby=\"" + html_attr(title_id) +
         "\">\n<title" + id_attr(title_id) + ">Publication years of the studies linked to " + html_text(topic.title) +
         ": " + html_text(summary) + "</title>\n";
  out += "<line class=\"axis\" x1=\"" + number_text(x(first)) + "\" y1=\"" + number_text(axis) + "\" x2=\"" +
         number_text(x(last)) + "\" y2=\"" + number_text(axis) + "\"/>\n";
  for (int year = first; year <= last; year += step) {
    out += "<line class=\"axis\" x1=\"" + number_text(x(year)) + "\" y1=\"" + number_text(axis) + "\" x2=\"" +
           number_text(x(year)) + "\" y2=\"" + number_text(axis + 5) + "\"/><text x=\"" + number_text(x(year)) +
           "\" y=\"" + number_text(axis + 18) + "\" text-anchor=\"middle\">" + std::to_string(year) + "</text>\n";
  }
  std::map<int, int> stacked;
  for (const LinkedStudy* s : dated) {
    const int k = stacked[s->year]++;
    const std::string label = "[" + std::to_string(s->number) + "] " + s->citation + ", " + design_words(s->design) +
                              ", level " + std::to_string(s->level) + " (" + s->strongest_link + ")";
    out += "<a" + href_attr(ref_anchor(topic.slug, s->number)) + "><title>" + html_text(label) +
           "</title><circle class=\"mark " + html_attr(design_class(s->design)) + "\" data-link=\"" +
           html_attr(s->strongest_link) + "\" data-year=\"" + std::to_string(s->year) + "\" cx=\"" +
           number_text(x(s->year + 0.5)) + "\" cy=\"" + number_text(axis - 8 - k * 12.0) + "\" r=\"5\"/></a>\n";
  }
  if (review > 0) {
    const double rx = x(review);
    const bool near_right = rx > width - 200;
    out += "<line class=\"review\" x1=\"" + number_text(rx) + "\" y1=\"16\" x2=\"" + number_text(rx) + "\" y2=\"" +
           number_text(axis) + "\"/><text class=\"review-label\" x=\"" + number_text(near_right ? rx - 4 : rx + 4) +
           "\" y=\"12\" text-anchor=\"" + (near_right ? "end" : "start") + "\">literature review current through " +
           html_text(topic.review) + "</text>\n";
  }
  out += "</svg>\n<p class=\"note\">" + html_text(summary) + ".";
  if (!dated.empty() && review > 0) {
    const int newest = per_year.rbegin()->first;
    const int review_year = static_cast<int>(std::floor(review - 1e-9));
    out += " The newest linked study is " +
           (newest >= review_year ? std::string("from the review's own year or later")
                                  : plural(static_cast<std::size_t>(review_year - newest), "year", "years") +
                                        " older than the review date") +
           ".";
  }
  if (!undated.empty()) {
    out += " Without a year:";
    for (const LinkedStudy* s : undated)
      out += " <a" + href_attr(ref_anchor(topic.slug, s->number)) + ">[" + std::to_string(s->number) + "]</a>";
    out += ".";
  }
  return out + "</p>\n";
}

std::string render_references(const TopicReport& topic, const std::set<std::string>& anchors) {
  std::map<int, const LinkedStudy*> linked;
  for (const LinkedStudy& s : topic.studies) linked[s.number] = &s;
  std::set<int> listed;
  std::string out = "<ol class=\"refs\">\n";
  auto linked_to = [&](int number) {
    auto it = linked.find(number);
    if (it == linked.end()) return std::string();
    std::string links;
    for (const std::string& rec : it->second->recs) {
      const std::string anchor = rec_anchor(topic.slug, rec);
      links += (links.empty() ? "" : ", ") +
               (anchors.count(anchor) ? "<a" + href_attr(anchor) + ">" + html_text(rec) + "</a>" : html_text(rec));
    }
    return " <span class=\"linked\">linked to " + links + "</span>";
  };
  for (const Json& ref : topic.refs) {
    const int number = int_of(ref, "number");
    if (!listed.insert(number).second) continue;
    const std::string design = text_of(ref, "design");
    out += "<li" + id_attr(ref_anchor(topic.slug, number)) + "><span class=\"ref-num\">[" + std::to_string(number) +
           "]</span> " + html_text(text_of(ref, "raw")) + " <span class=\"design " + html_attr(design_class(design)) +
           "\">" + html_text(design_words(design)) + "</span> <span class=\"muted\">level " +
           std::to_string(int_of(ref, "level")) + "</span>" + linked_to(number) + "</li>\n";
  }
  // A linked study always has its anchor, even if the list above lacked it.
  for (const LinkedStudy& s : topic.studies) {
    if (listed.count(s.number)) continue;
    out += "<li" + id_attr(ref_anchor(topic.slug, s.number)) + "><span class=\"ref-num\">[" + std::to_string(s.number) +
           "]</span> " + html_text(s.citation + ". " + s.title) + " <span class=\"design " +
           html_attr(design_class(s.design)) + "\">" + html_text(design_words(s.design)) +
           "</span> <span class=\"muted\">level " + std::to_string(s.level) + "; not in the reference list</span>" +
           linked_to(s.number) + "</li>\n";
  }
  if (listed.empty() && topic.studies.empty()) return "<p class=\"note\">The topic has no reference list.</p>\n";
  return out + "</ol>\n";
}

std::string render_topic(const TopicReport& topic) {
  const std::string section_id = "topic-" + topic.slug;
  std::string out = "<section class=\"topic\"" + id_attr(section_id) + " aria-labelledby=\"" +
                    html_attr(section_id + "-title") + "\">\n<h2" + id_attr(section_id + "-title") + ">" +
                    html_text(topic.title.empty() ? topic.slug : topic.title) + "</h2>\n<p class=\"note\">" +
                    html_text(topic.slug);
  if (!topic.review.empty()) out += "; literature review current through " + html_text(topic.review);
  if (!topic.last_updated.empty()) out += "; last updated " + html_text(topic.last_updated);
  out += "; " + html_text(plural(topic.recs.size(), "recommendation", "recommendations")) + ", " +
         html_text(plural(topic.studies.size(), "linked study", "linked studies")) + ", " +
         html_text(plural(topic.refs.size(), "reference", "references")) + ".";
  if (topic.truncated) out += " The KB holds only part of this topic's text.";
  out += "</p>\n";
  std::set<std::string> anchors;  // the recommendations' anchors, made by the tree
  out += "<h3>Guideline logic</h3>\n" + render_tree(topic, anchors);
  if (!topic.recs.empty()) {
    out += "<h3>Recommendations and their studies</h3>\n" + render_matrix(topic, anchors);
    out += "<h3>Designs behind each recommendation</h3>\n" + render_mix(topic);
    out += "<h3>Study years and the review date</h3>\n" + render_timeline(topic);
  }
  out += "<h3>References</h3>\n" + render_references(topic, anchors);
  return out + "</section>\n";
}

const char* kReportStyle = R"css(
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
main{max-width:72rem} .label{font-weight:600;color:var(--muted);margin-right:.3rem}
.node-section{font-weight:600} .node-unless{color:#b42318}
caption{caption-side:top;text-align:left;color:var(--muted);font-size:.9rem;padding:.3rem 0}
.matrix thead th{font-size:.8rem} .matrix thead a{color:var(--ink);display:inline}
.matrix a{font-size:.8rem;font-weight:600;line-height:1.5;border:2px solid transparent}
.matrix a[data-link=cited]{border:2px solid var(--ink)} .matrix a[data-link=curated]{border:3px double var(--ink)}
.matrix a[data-link=inferred]{border:2px dashed var(--ink)}
.matrix th.rec a.rec-link{display:inline;color:var(--accent);border:0}
.mix .bar{min-width:0;height:1rem} .mix td.bar-cell{width:45%} .bar span+span{border-left:2px solid #fff}
svg.timeline{display:block;width:100%;height:auto;max-width:48rem}
svg.timeline .axis{stroke:var(--muted);stroke-width:1} svg.timeline text{font-size:11px;fill:var(--ink)}
svg.timeline .review{stroke:#b42318;stroke-width:2;stroke-dasharray:5 3} svg.timeline .review-label{fill:#b42318;font-weight:600}
svg.timeline .mark{stroke:var(--ink);stroke-width:1} svg.timeline .mark[data-link=inferred]{stroke-dasharray:2 2}
svg .design-trial{fill:var(--trial)} svg .design-prospective{fill:var(--prospective)}
svg .design-observational{fill:var(--observational)} svg .design-series{fill:var(--series)} svg .design-other{fill:var(--other)}
ol.refs{list-style:none;padding-left:0} ol.refs li{margin:.35rem 0} .ref-num{font-weight:600}
.linked{font-size:.85rem;color:var(--muted)} li:target{background:#fff3b0}
.legend li{margin:.2rem 0}
@media print{section.topic+section.topic{break-before:page} .scroll{overflow:visible} main{max-width:none}
.matrix a,.bar span,svg.timeline .mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}
tr,ol.refs li,ul.tree li{break-inside:avoid} h2,h3{break-after:avoid}}
)css";

std::string legend() {
  std::string designs;
  std::map<std::string, std::string> by_class;  // design class -> the designs it colours
  std::vector<std::string> classes;
  for (Design d : kAllDesigns) {
    const std::string cls = design_class(to_string(d));
    if (!by_class.count(cls)) classes.push_back(cls);
    by_class[cls] += (by_class[cls].empty() ? "" : ", ") + design_words(to_string(d));
  }
  for (const std::string& cls : classes)
    designs += "<li><span class=\"design " + html_attr(cls) + "\">" + html_text(by_class[cls]) + "</span></li>";
  return "<h2>How to read it</h2>\n<ul class=\"legend\">\n"
         "<li>Each link from a recommendation to a study says where it comes from: <strong>c</strong> cited (a marker "
         "in the guideline's text, solid frame), <strong>u</strong> curated (a links file, double frame), "
         "<strong>i</strong> inferred (proposed by the indexer, dashed frame, its score in the cell's title). "
         "The number after the letter is the study's level of evidence (Oxford CEBM 2011; 1 is the strongest).</li>\n"
         "<li>Colours are designs:<ul>" + designs + "</ul></li>\n"
         "<li>Every cell and every mark on a timeline leads to the study in the topic's reference list.</li>\n</ul>\n";
}

std::string render_report(const std::vector<TopicReport>& topics, std::size_t recs, std::size_t studies) {
  const std::string title =
      topics.size() == 1 ? "Evidence map: " + (topics[0].title.empty() ? topics[0].slug : topics[0].title) : "Evidence map";
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                    html_text(title) + "</title>\n<style>" + page_style() + kReportStyle +
                    "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
                    "<main id=\"main\">\n<h1>" + html_text(title) + "</h1>\n<p>" +
                    html_text(plural(topics.size(), "topic", "topics") + ", " +
                              plural(recs, "recommendation", "recommendations") + ", " +
                              plural(studies, "study", "studies") + " linked to them.") +
                    "</p>\n" + legend();
  if (topics.size() > 1) {
    out += "<nav aria-label=\"Topics\"><h2>Topics</h2><ul>\n";
    for (const TopicReport& t : topics)
      out += "<li><a" + href_attr("topic-" + t.slug) + ">" + html_text(t.title.empty() ? t.slug : t.title) + "</a></li>\n";
    out += "</ul></nav>\n";
  }
  if (topics.empty()) out += "<p class=\"note\">The KB holds no topic.</p>\n";
  for (const TopicReport& t : topics) out += render_topic(t);
  out += "</main>\n<footer>Made by kbquery " + html_text(KB_VERSION) +
         " from the evidence KB. Inferred links are the indexer's proposals, not citations.</footer>\n</body>\n</html>\n";
  return out;
}

// Written beside FILE and renamed over it, so that FILE is either the old report or the new
// one, whole; never half of one.
Status write_atomically(const std::string& path, const std::string& content) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream file(temp, std::ios::binary | std::ios::trunc);
    if (!file) return Status::IO(path + ": cannot write the report (" + std::strerror(errno) + ")");
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    file.close();
    if (!file) {
      const std::string err = std::strerror(errno);
      std::remove(temp.c_str());
      return Status::IO(path + ": cannot write the report (" + err + ")");
    }
  }
  Status renamed = durable_rename(temp, path);
  if (!renamed.ok()) std::remove(temp.c_str());
  return renamed;
}

Status run_report(const ReportOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  if (options.html.empty()) return Status::Usage("--html: name the file to write");
  auto topics = load_topics(options, global);
  if (!topics.ok()) return topics.status();
  std::size_t recs = 0, studies = 0;
  for (const TopicReport& t : *topics) {
    recs += t.recs.size();
    studies += t.studies.size();
  }
  if (Status s = write_atomically(options.html, render_report(*topics, recs, studies)); !s.ok()) return s;
  if (global.json) {
    out.document({{"file", options.html}, {"topics", topics->size()}, {"recommendations", recs}, {"studies", studies}});
    return Status::Ok();
  }
  out.text() << "wrote " << options.html << " (" << plural(topics->size(), "topic", "topics") << ", "
             << plural(recs, "recommendation", "recommendations") << ", " << plural(studies, "study", "studies") << ")\n";
  return Status::Ok();
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "The evidence map: one self-contained HTML file, logic, matrix, timeline");
  cmd->add_option("--html", options->html, "The HTML file to write (replaced whole)")->required();
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->footer("Example: kbquery report --html evidence-map.html --topic metastatic-breast");
  cmd->callback([options, &global, &outcome] { outcome.status = run_report(*options, global); });
}

}  // namespace kb
