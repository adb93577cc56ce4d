#include "query/evidence_summary.h"

#include <algorithm>
#include <set>

#include "kb/design.h"
#include "query/recommendation_store.h"

namespace kb {

namespace {

// The strength order of designs at one level: the contract's list is strongest first.
int design_rank(const std::string& design) {
  auto d = design_from_string(design);
  return d ? static_cast<int>(*d) : 100;
}

}  // namespace

Result<std::unique_ptr<EvidenceSummarizer>> EvidenceSummarizer::prepare(Database& db) {
  std::unique_ptr<EvidenceSummarizer> s(new EvidenceSummarizer());
  auto st = db.prepare("SELECT f.number, f.design, f.level, f.year, l.link, f.uncertain_fields FROM evidence_links l"
                       " JOIN refs f ON f.id = l.reference_id WHERE l.recommendation_id = ? AND f.id <> ?"
                       " ORDER BY f.number");
  if (!st.ok()) return st.status();
  s->evidence_ = std::move(st.value());
  return s;
}

Result<EvidenceSummary> EvidenceSummarizer::summarize(std::int64_t rec_id, std::int64_t without_reference) {
  EvidenceSummary out;
  std::set<int> seen;
  evidence_.bind(1, rec_id).bind(2, without_reference);
  Status read = evidence_.each([&](const Statement& row) -> Status {
    const int number = static_cast<int>(row.column_int(0));
    const std::string design = row.column_text(1);
    const int level = static_cast<int>(row.column_int(2));
    auto link = stored_link_source(row.column_text(4));
    if (!link.ok()) return link.status();
    out.by_link[*link].push_back(number);
    if (!seen.insert(number).second) return Status::Ok();
    ++out.studies;
    if (!out.strongest_level || level < *out.strongest_level ||
        (level == *out.strongest_level && design_rank(design) < design_rank(out.strongest_design))) {
      out.strongest_level = level;
      out.strongest_design = design;
      out.strongest_reference = number;
      std::string uncertain = ",";
      uncertain.append(row.column_text(5)).append(",");
      out.strongest_assumed = uncertain.find(",design,") != std::string::npos || uncertain.find(",level,") != std::string::npos;
    }
    if (!row.column_is_null(3)) {
      const std::int64_t year = row.column_int(3);
      out.oldest_year = out.oldest_year ? std::min(*out.oldest_year, year) : year;
      out.newest_year = out.newest_year ? std::max(*out.newest_year, year) : year;
    }
    out.has_rct = out.has_rct || design == "rct";
    out.has_pooled_trials =
        out.has_pooled_trials || ((design == "meta_analysis" || design == "systematic_review") && level == 1);
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return out;
}

Json EvidenceSummary::to_json() const {
  auto optional_int = [](const auto& v) { return v ? Json(*v) : Json(nullptr); };
  Json links = Json::object();
  for (LinkSource kind : {LinkSource::Cited, LinkSource::Curated, LinkSource::Inferred}) {
    auto it = by_link.find(kind);
    links[to_string(kind)] = it == by_link.end() ? Json::array() : Json(it->second);
  }
  return {{"strongest_design", strongest_level ? Json(strongest_design) : Json(nullptr)},
          {"strongest_level", optional_int(strongest_level)},
          {"strongest_reference", strongest_level ? Json(strongest_reference) : Json(nullptr)},
          {"strongest_assumed", strongest_assumed},
          {"has_rct", has_rct},
          {"has_pooled_trials", has_pooled_trials},
          {"oldest_year", optional_int(oldest_year)},
          {"newest_year", optional_int(newest_year)},
          {"studies", studies},
          {"evidence", links}};
}

}  // namespace kb
