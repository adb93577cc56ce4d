// `kbquery graph --format dot [--topic SLUG]`: the recommendation-study graph for Graphviz.
// A node per recommendation and per linked study, an edge per evidence link, its style saying
// where the link comes from. Built from the document `kbquery recs --json` prints.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "kb/console.h"
#include "query/commands.h"
#include "query/graph_dot.h"
#include "query/web/api.h"
#include "query/web/html.h"

namespace kb {
namespace {

struct GraphOptions {
  std::string format = "dot";
  std::string topic;
};

struct Node {
  std::string id;
  std::string topic;
  std::string kind;  // "recommendation" or "study"
  std::string label;
  std::string tooltip;
  std::string design;  // studies only
  int number = 0;      // studies only
};

struct Edge {
  std::string from, to;
  std::string link, stance;
  Json score;  // null unless inferred
};

struct Graph {
  std::vector<std::string> topics;  // in the order the recommendations name them
  std::vector<Node> nodes;
  std::vector<Edge> edges;
};

// "[5] Badwe R et al., 2015": the short citation already ends with the year; it is moved
// after a comma so that the label reads the same with or without one.
std::string study_label(const Json& evidence) {
  std::string citation = text_of(evidence, "citation");
  const int year = int_of(evidence, "year");
  std::string label = "[" + std::to_string(int_of(evidence, "number")) + "] ";
  if (year <= 0) return label + citation;
  const std::string suffix = " " + std::to_string(year);
  if (citation.size() > suffix.size() && citation.compare(citation.size() - suffix.size(), suffix.size(), suffix) == 0)
    citation.resize(citation.size() - suffix.size());
  return label + citation + ", " + std::to_string(year);
}

Graph build_graph(const Json& recs) {
  Graph graph;
  std::set<std::string> topics_seen, studies_seen;
  std::vector<Node> studies;
  for (const Json& rec : array_of(recs, "recommendations")) {
    const std::string topic = text_of(rec, "topic");
    if (topics_seen.insert(topic).second) graph.topics.push_back(topic);
    Node node;
    node.id = topic + "/" + text_of(rec, "id");
    node.topic = topic;
    node.kind = "recommendation";
    std::string head = text_of(rec, "id") + " (" + text_of(rec, "direction");
    if (rec.contains("exception_to") && rec["exception_to"].is_string()) head += ", exception to " + rec["exception_to"].get<std::string>();
    // Wrapped so that a node stays narrow; the full text is the tooltip.
    node.label = head + ")\n" + wrap(shortened(text_of(rec, "text"), 90), 32, "");
    node.tooltip = text_of(rec, "text");
    graph.nodes.push_back(node);
    for (const Json& e : array_of(rec, "evidence")) {
      const int number = int_of(e, "number");
      Node study;
      study.id = topic + "/ref " + std::to_string(number);
      if (studies_seen.insert(study.id).second) {
        study.topic = topic;
        study.kind = "study";
        study.number = number;
        study.label = study_label(e);
        study.design = text_of(e, "design");
        study.tooltip = text_of(e, "title") + " (" + design_words(study.design) + ", level " +
                        std::to_string(int_of(e, "level")) + ")";
        studies.push_back(study);
      }
      graph.edges.push_back({node.id, study.id, text_of(e, "link"), text_of(e, "stance"),
                             e.contains("score") ? e["score"] : Json()});
    }
  }
  // Studies after the recommendations, each topic's in reference-number order.
  std::map<std::string, std::size_t> topic_order;
  for (std::size_t i = 0; i < graph.topics.size(); ++i) topic_order[graph.topics[i]] = i;
  std::stable_sort(studies.begin(), studies.end(), [&](const Node& a, const Node& b) {
    return std::pair(topic_order[a.topic], a.number) < std::pair(topic_order[b.topic], b.number);
  });
  graph.nodes.insert(graph.nodes.end(), studies.begin(), studies.end());
  return graph;
}

// The report's palette (page_style), so that a design has one colour everywhere.
const char* design_colour(const std::string& design) {
  const std::string c = design_class(design);
  if (c == "design-trial") return "#1a7f37";
  if (c == "design-prospective") return "#4d8f1f";
  if (c == "design-observational") return "#9a6700";
  if (c == "design-series") return "#bc4c00";
  return "#6e7781";
}

std::string edge_style(const Edge& e) {
  if (e.link == "cited") return "style=solid";
  if (e.link == "curated") return "style=bold";
  if (e.link == "inferred") return "style=dashed, label=" + dot_quoted(json_string(e.score));
  return "style=dotted";
}

const char* stance_colour(const std::string& stance) {
  if (stance == "against") return "#b42318";
  if (stance == "context") return "#6e7781";
  return "#1b1f24";
}

std::string dot_text(const Graph& graph) {
  std::string out =
      "digraph evidence {\n"
      "  // Recommendations (boxes) and the studies linked to them (ellipses, coloured by design).\n"
      "  // Edges: solid = cited (a marker in the text), bold = curated (a links file),\n"
      "  // dashed = inferred by the indexer, labelled with its score; red = the study argues against.\n"
      "  // Render with: dot -Tsvg graph.dot > graph.svg\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=11];\n"
      "  node [fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const std::string& topic : graph.topics) {
    out += "  subgraph " + dot_quoted("cluster_" + topic) + " {\n    label=" + dot_quoted(topic) + ";\n";
    for (const Node& n : graph.nodes) {
      if (n.topic != topic) continue;
      out += "    " + dot_quoted(n.id) + " [";
      if (n.kind == "recommendation") {
        out += "shape=box, style=rounded";
      } else {
        out += "shape=ellipse, style=filled, fontcolor=\"white\", fillcolor=" + dot_quoted(design_colour(n.design));
      }
      out += ", label=" + dot_quoted(n.label) + ", tooltip=" + dot_quoted(n.tooltip) + "];\n";
    }
    out += "  }\n";
  }
  for (const Edge& e : graph.edges) {
    std::string tooltip = e.link + (e.score.is_null() ? "" : " " + json_string(e.score)) + ", " + e.stance;
    out += "  " + dot_quoted(e.from) + " -> " + dot_quoted(e.to) + " [" + edge_style(e) +
           ", color=" + dot_quoted(stance_colour(e.stance)) + ", tooltip=" + dot_quoted(tooltip) + "];\n";
  }
  out += "}\n";
  return out;
}

Json graph_json(const Graph& graph, const Json& recs) {
  Json doc;
  if (recs.contains("topic")) doc["topic"] = recs["topic"];
  doc["nodes"] = Json::array();
  for (const Node& n : graph.nodes) {
    Json node = {{"id", n.id}, {"kind", n.kind}, {"topic", n.topic}, {"label", n.label}};
    if (n.kind == "study") {
      node["number"] = n.number;
      node["design"] = n.design;
    }
    doc["nodes"].push_back(node);
  }
  doc["edges"] = Json::array();
  for (const Edge& e : graph.edges)
    doc["edges"].push_back({{"from", e.from}, {"to", e.to}, {"link", e.link}, {"score", e.score}, {"stance", e.stance}});
  return doc;
}

Status run_graph(const GraphOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  ApiParams params;
  if (!options.topic.empty()) params.emplace_back("topic", options.topic);
  auto recs = command_document(global.db, "recs", params);
  if (!recs.ok()) return recs.status();
  const Graph graph = build_graph(*recs);
  if (global.json) {
    out.document(graph_json(graph, *recs));
    return Status::Ok();
  }
  out.text() << dot_text(graph);
  return Status::Ok();
}

}  // namespace

void add_graph_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* cmd = app.add_subcommand("graph", "The recommendation-study graph, for Graphviz: an edge per evidence link");
  cmd->add_option("--format", options->format, "The graph language (only dot, Graphviz's)")
      ->check(CLI::IsMember({"dot"}))
      ->capture_default_str();
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->footer("Example: kbquery graph --topic metastatic-breast | dot -Tsvg > graph.svg");
  cmd->callback([options, &global, &outcome] { outcome.status = run_graph(*options, global); });
}

}  // namespace kb
