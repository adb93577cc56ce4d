// Pieces of markup the web pages and the evidence map share, each made from the contract's
// JSON documents (the same ones /api/ answers with), so a page cannot say other than the API.
#pragma once

#include <string>

#include "kb/output.h"

namespace kb {

std::string ref_href(const std::string& topic, int number);
std::string rec_href(const std::string& topic, const std::string& id);
std::string topic_href(const std::string& topic);

// The guideline logic (logic_json's array of topics) as nested lists: condition -> action,
// because, unless, consider, the designs behind it, exceptions nested under their rule.
std::string logic_tree_html(const Json& topics);

// A recommendation's evidence (its "evidence" array) grouped by design, strongest first; each
// row with its provenance badge, design, level, the reference and why the link is there.
std::string evidence_html(const std::string& topic, const Json& evidence);

// "For patients who ...: we do not offer local treatment." from a recommendation document.
std::string bottom_line_text(const Json& rec);

// A recommendation's direction as a small label.
std::string direction_html(const Json& rec);

// A reference document's "Surname X, Surname Y et al. Year" and its design chip.
std::string citation_text(const Json& ref);
std::string design_chip(const Json& design, const Json& level);

}  // namespace kb
