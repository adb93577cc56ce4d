#include "query/logic.h"

#include <map>

#include "kb/console.h"
#include "kb/design.h"

namespace kb {
namespace {

std::map<std::string, int> design_counts(const StoredRecommendation& rec) {
  std::map<std::string, int> counts;
  for (const StoredEvidence& e : rec.evidence) ++counts[to_string(e.reference.ref.design)];
  return counts;
}

Json node_json(const StoredRecommendation& rec, const std::vector<StoredRecommendation>& all) {
  Json node = {{"id", rec.label},
               {"direction", to_string(rec.direction)},
               {"if", rec.conditions},
               {"then", rec.action},
               {"because", rec.rationale},
               {"unless", rec.exceptions},
               {"consider", rec.considerations},
               {"evidence_says", rec.evidence_statements},
               {"evidence", design_counts(rec)},
               {"exceptions", Json::array()}};
  for (const StoredRecommendation& child : all)
    if (child.parent == rec.label && child.topic == rec.topic) node["exceptions"].push_back(node_json(child, all));
  return node;
}

void append_node(std::string& out, const StoredRecommendation& rec, const std::vector<StoredRecommendation>& all,
                 const std::string& indent, int width) {
  std::string when;
  for (const std::string& c : rec.conditions) {
    std::string_view condition = c;
    if (condition.rfind("if ", 0) == 0) condition.remove_prefix(3);  // "IF if lumpectomy ..." reads badly
    when += (when.empty() ? "" : " AND ") + std::string(condition);
  }
  std::string head = rec.parent.empty() ? "IF " : "EXCEPTION: IF ";
  out += wrap(head + (when.empty() ? std::string("(always)") : when), width, indent + "   ", indent) + "\n";
  std::string arrow = "-> " + rec.action + "  [" + rec.label + ", " + to_string(rec.direction) + "]";
  out += wrap(arrow, width, indent + "      ", indent + "   ") + "\n";
  const std::string detail = indent + "      ";
  if (!rec.rationale.empty()) out += wrap("because: " + rec.rationale, width, detail + "  ", detail) + "\n";
  for (const std::string& e : rec.exceptions) {
    bool spelled_out = false;  // an exception that is its own recommendation is shown as a node
    for (const StoredRecommendation& child : all)
      if (child.parent == rec.label && !child.conditions.empty() && child.conditions.front() == e) spelled_out = true;
    if (!spelled_out) out += wrap("unless: " + e, width, detail + "  ", detail) + "\n";
  }
  for (const std::string& c : rec.considerations) out += wrap("consider: " + c, width, detail + "  ", detail) + "\n";
  for (const std::string& s : rec.evidence_statements) out += wrap("the text says: " + s, width, detail + "  ", detail) + "\n";
  std::string summary = evidence_summary(rec);
  out += wrap("evidence: " + (summary.empty() ? std::string("none linked") : summary), width, detail + "  ", detail) + "\n";
  for (const StoredRecommendation& child : all)
    if (child.parent == rec.label && child.topic == rec.topic) append_node(out, child, all, indent + "   ", width);
}

}  // namespace

std::string evidence_summary(const StoredRecommendation& rec) {
  std::map<LinkSource, int> links;
  for (const StoredEvidence& e : rec.evidence) ++links[e.link];
  std::string out;
  for (Design d : kAllDesigns) {
    int n = 0;
    for (const StoredEvidence& e : rec.evidence) n += e.reference.ref.design == d;
    if (n) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + to_string(d);
  }
  if (out.empty()) return out;
  std::string sources;
  for (const auto& [link, n] : links) sources += (sources.empty() ? "" : ", ") + std::to_string(n) + " " + to_string(link);
  return out + " (" + sources + ")";
}

Json logic_json(const std::vector<StoredRecommendation>& recs) {
  Json topics = Json::array();
  std::map<std::string, std::map<int, Json>> by_topic;
  for (const StoredRecommendation& rec : recs) {
    if (!rec.parent.empty()) continue;
    Json& section = by_topic[rec.topic][rec.section];
    if (section.is_null()) section = {{"section", rec.section}, {"nodes", Json::array()}};
    section["nodes"].push_back(node_json(rec, recs));
  }
  for (auto& [topic, sections] : by_topic) {
    Json t = {{"topic", topic}, {"sections", Json::array()}};
    for (auto& [n, section] : sections) t["sections"].push_back(section);
    topics.push_back(t);
  }
  return topics;
}

std::string logic_text(const std::vector<StoredRecommendation>& recs, int width) {
  std::string out;
  std::string topic;
  int section = -1;
  for (const StoredRecommendation& rec : recs) {
    if (!rec.parent.empty()) continue;
    if (rec.topic != topic) {
      topic = rec.topic;
      section = -1;
      out += (out.empty() ? "" : "\n") + topic + "\n";
    }
    if (rec.section != section) {
      section = rec.section;
      out += "  Section " + std::to_string(section) + "\n";
    }
    append_node(out, rec, recs, "    ", width);
  }
  return out;
}

}  // namespace kb
