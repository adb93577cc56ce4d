// `kbquery audit [--topic SLUG]`: evidence gaps for guideline authors.
#include <ctime>
#include <iostream>
#include <memory>

#include "kb/console.h"
#include "kb/text.h"
#include "query/audit.h"
#include "query/commands.h"
#include "query/kb_reader.h"

namespace kb {
namespace {

struct AuditOptions {
  std::string topic;
};

std::string numbers_text(const Json& numbers) {
  std::string out;
  for (const Json& n : numbers) out.append(out.empty() ? "" : ", ").append(std::to_string(n.get<int>()));
  return out;
}

std::string year_span(const Json& rec) {
  if (rec["oldest_year"].is_null()) return "no years";
  int a = rec["oldest_year"].get<int>(), b = rec["newest_year"].get<int>();
  return a == b ? std::to_string(a) : std::to_string(a) + "-" + std::to_string(b);
}

void print_topic(const Output& out, const Json& t, int width) {
  out.text() << t["topic"].get<std::string>() << "\n";
  std::string review = t["review_current_through"].get<std::string>();
  std::string line = "Literature review current through " + (review.empty() ? "(not printed)" : review);
  if (!t["months_since_review"].is_null()) {
    int m = t["months_since_review"].get<int>();
    line += ": " + std::to_string(m / 12) + " years " + std::to_string(m % 12) + " months ago";
  }
  out.text() << wrap(line + ".", width, "  ") << "\n";
  if (t["truncated"].get<bool>())
    out.text() << wrap("The text stops at a paywall notice: what follows covers the available text only; "
                      "recommendations past the cut are not in the KB.", width, "  ") << "\n";
  const Json& uncited = t["uncited_references"];
  out.text() << wrap("References never cited in the available text: " + std::to_string(uncited.size()) + " of " +
                        std::to_string(t["references"].get<int>()) + (uncited.empty() ? "" : " (" + numbers_text(uncited) + ")"),
                    width, "    ", "  ") << "\n";
  std::string dups;
  for (const Json& d : t["duplicate_references"]) dups.append(dups.empty() ? "" : "; ").append(numbers_text(d));
  out.text() << "  Duplicate references (one study printed twice): " << (dups.empty() ? "none" : dups) << "\n";

  for (const Json& r : t["recommendations"]) {
    std::string head = r["id"].get<std::string>() + " [" + r["direction"].get<std::string>() + "]" +
                       (r["exception_to"].get<std::string>().empty() ? "" : " exception to " + r["exception_to"].get<std::string>()) +
                       " " + r["text"].get<std::string>();
    out.text() << "\n" << wrap(head, width, "    ", "") << "\n";
    std::string strongest = r["strongest_design"].is_null()
                                ? "none"
                                : r["strongest_design"].get<std::string>() + " (level " +
                                      std::to_string(r["strongest_level"].get<int>()) + ", reference " +
                                      std::to_string(r["strongest_reference"].get<int>()) +
                                      (r["strongest_assumed"].get<bool>() ? "; design or level assumed, not read" : "") + ")";
    std::string links;
    for (const char* kind : {"cited", "curated", "inferred"})
      if (!r["evidence"][kind].empty())
        links.append(links.empty() ? "" : "; ").append(kind).append(" ").append(numbers_text(r["evidence"][kind]));
    out.text() << wrap("strongest: " + strongest + "; randomised: " + (r["has_rct"].get<bool>() ? "yes" : r["has_pooled_trials"].get<bool>() ? "pooled trials only" : "no") +
                          "; studies from " + year_span(r) + "; evidence: " + (links.empty() ? "none" : links),
                      width, "      ", "    ") << "\n";
    for (const Json& g : r["gaps"]) out.text() << wrap("gap: " + g.get<std::string>(), width, "      ", "    ") << "\n";
    for (const Json& s : r["new_evidence"]) {
      std::string id = !s["pmid"].get<std::string>().empty() ? "PMID " + s["pmid"].get<std::string>()
                                                              : "study " + std::to_string(s["id"].get<int>());
      std::string title = s["title"].get<std::string>() + " (" + s["journal"].get<std::string>() + " " +
                          s["published"].get<std::string>() + "; " + s["design"].get<std::string>() + ", level " +
                          std::to_string(s["level"].get<int>()) + ")";
      out.text() << wrap("new: [" + id + "] " + title + " — inferred " + format_score(s["score"].get<double>()) + ", " +
                            s["stance"].get<std::string>(), width, "      ", "    ") << "\n";
      for (const Json& w : s["why"]) out.text() << wrap("may change it: " + w.get<std::string>(), width, "        ", "      ") << "\n";
    }
  }
}

Status run_audit(const AuditOptions& options, const GlobalOptions& global) {
  Output& out = *global.output;
  auto kb = open_kb(global);
  if (!kb.ok()) return kb.status();
  std::vector<TopicRef> topics;
  if (!options.topic.empty()) {
    auto topic = (*kb)->resolve_topic(options.topic);
    if (!topic.ok()) return topic.status();
    topics.push_back(*topic);
  } else {
    auto all = (*kb)->topics();
    if (!all.ok()) return all.status();
    topics = *all;
  }
  const std::string today = utc_now("%Y-%m");
  Json doc = {{"topics", Json::array()}};
  for (const TopicRef& t : topics) {
    auto audit = audit_topic((*kb)->db(), t.id, today);
    if (!audit.ok()) return audit.status();
    doc["topics"].push_back(*audit);
  }
  if (global.json) {
    out.document(doc);
    return Status::Ok();
  }
  if (doc["topics"].empty()) out.text() << "The KB holds no topics.\n";
  const int width = out.width();
  bool first = true;
  for (const Json& t : doc["topics"]) {
    if (!first) out.text() << "\n";
    first = false;
    print_topic(out, t, width);
  }
  return Status::Ok();
}

}  // namespace

void add_audit_command(CLI::App& app, const GlobalOptions& global, CommandOutcome& outcome) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Evidence gaps for guideline authors, per topic and recommendation");
  cmd->add_option("--topic", options->topic, "Only this topic (its slug, or a unique part of it)");
  cmd->footer(
      "For each recommendation: the strongest design behind it, the years of its studies, whether any\n"
      "evidence is randomised, whether it rests on citations or only on the indexer's inference, and studies\n"
      "added with `kbindex add` that may change it (published after the literature review, or stronger).");
  cmd->callback([options, &global, &outcome] { outcome.status = run_audit(*options, global); });
}

}  // namespace kb
