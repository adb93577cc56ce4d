#include "indexer/evidence_linker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include "kb/design.h"
#include "kb/relevance/evidence_stance.h"
#include "kb/relevance/link_policy.h"
#include "kb/text.h"

namespace kb {

namespace {

const Sentence& sentence_at(const Topic& topic, const SentencePlace& p) {
  return topic.sections[static_cast<std::size_t>(p.section)]
      .paragraphs[static_cast<std::size_t>(p.paragraph)]
      .sentences[static_cast<std::size_t>(p.sentence)];
}

const Paragraph& paragraph_at(const Topic& topic, const SentencePlace& p) {
  return topic.sections[static_cast<std::size_t>(p.section)].paragraphs[static_cast<std::size_t>(p.paragraph)];
}

}  // namespace

std::vector<EvidenceLink> cited_links(const Topic& topic, const std::vector<Recommendation>& recs) {
  std::vector<EvidenceLink> links;
  for (std::size_t r = 0; r < recs.size(); ++r) {
    const Recommendation& rec = recs[r];
    std::set<int> seen;
    std::vector<SentencePlace> own = {rec.place};
    own.insert(own.end(), rec.restatements.begin(), rec.restatements.end());
    for (const SentencePlace& place : own)
      for (const CitationMarker& m : sentence_at(topic, place).citations)
        for (int n : m.numbers)
          if (seen.insert(n).second)
            links.push_back({r, n, LinkSource::Cited, Stance::Supports, std::nullopt,
                             "marker " + m.text + " in the recommendation"});
    if (!seen.empty()) continue;
    // The documented scope rule: with no marker of its own, the paragraph's markers count,
    // as context rather than support.
    for (const Sentence& s : paragraph_at(topic, rec.place).sentences)
      for (const CitationMarker& m : s.citations)
        for (int n : m.numbers)
          if (seen.insert(n).second)
            links.push_back({r, n, LinkSource::Cited, Stance::Context, std::nullopt,
                             "marker " + m.text + " in the recommendation's paragraph"});
  }
  return links;
}

Result<std::vector<EvidenceLink>> curated_links(const std::vector<CuratedLink>& lines, const std::string& path,
                                                const Topic& topic, const std::vector<Recommendation>& recs) {
  std::set<int> known;
  for (const ReferenceEntry& e : topic.references) known.insert(e.number);
  std::vector<EvidenceLink> links;
  for (const CuratedLink& line : lines) {
    const std::string where = path + ":" + std::to_string(line.line) + ": ";
    std::vector<std::size_t> matches;
    for (std::size_t r = 0; r < recs.size(); ++r) {
      if (!line.label.empty() ? recs[r].label == line.label
                              : ascii_lower(recs[r].text).find(ascii_lower(line.text)) != std::string::npos)
        matches.push_back(r);
    }
    const std::string named = line.label.empty() ? "\"" + line.text + "\"" : line.label;
    if (matches.empty())
      return Status::Parse(where + named + " names no recommendation of '" + topic.title + "' (it has " +
                           std::to_string(recs.size()) + "; `kbquery recs` lists them)");
    if (matches.size() > 1)
      return Status::Parse(where + named + " matches " + std::to_string(matches.size()) +
                           " recommendations; quote more of the text, or use the label");
    for (int n : line.numbers) {
      if (!known.count(n))
        return Status::Parse(where + "reference " + std::to_string(n) + " is not in the topic's list (it has " +
                             std::to_string(topic.references.size()) + ")");
      links.push_back({matches.front(), n, LinkSource::Curated, line.stance, std::nullopt,
                       "links file " + path + " line " + std::to_string(line.line)});
    }
  }
  return links;
}

namespace {

std::set<std::string> title_concepts(const ConceptIndex& index, const Reference& ref) {
  return concept_keys(index, ref.title.empty() ? ref.raw : ref.title);
}

TitleFrequencies reference_frequencies(const std::vector<Reference>& references, const ConceptIndex& index) {
  std::vector<std::set<std::string>> titles;
  titles.reserve(references.size());
  for (const Reference& ref : references) titles.push_back(title_concepts(index, ref));
  return title_frequencies(titles);
}

RecommendationWords words_of(const Topic& topic, const Recommendation& rec) {
  std::vector<std::string> restatements;
  for (const SentencePlace& p : rec.restatements) restatements.push_back(sentence_at(topic, p).text);
  return recommendation_words(rec.action, rec.cue, restatements, rec.conditions, rec.exceptions, rec.rationale,
                              rec.evidence_statements);
}

}  // namespace

std::map<std::string, double> topic_concepts(const Topic& topic, const std::vector<Reference>& references,
                                             const ConceptIndex& index) {
  return topic_concepts(topic.title, reference_frequencies(references, index), index);
}

std::vector<InferenceProfile> inference_profiles(const Topic& topic, const std::vector<Reference>& references,
                                                 const std::vector<Recommendation>& recs, const ConceptIndex& index) {
  std::vector<InferenceProfile> profiles(recs.size());
  const TitleFrequencies frequencies = reference_frequencies(references, index);
  // The concepts of every paragraph, found once: each recommendation reads its own
  // paragraph's and section's.
  std::vector<std::vector<std::vector<Concept>>> paragraph_concepts(topic.sections.size());
  for (std::size_t s = 0; s < topic.sections.size(); ++s)
    for (const Paragraph& p : topic.sections[s].paragraphs) paragraph_concepts[s].push_back(index.concepts(p.text));
  for (std::size_t r = 0; r < recs.size(); ++r) {
    const Recommendation& rec = recs[r];
    if (!rec.parent.empty()) continue;  // an exception rests on its parent's evidence
    const auto& section = paragraph_concepts[static_cast<std::size_t>(rec.place.section)];
    profiles[r] = build_profile(words_of(topic, rec), section[static_cast<std::size_t>(rec.place.paragraph)], section,
                                frequencies, index);
  }
  return profiles;
}

std::vector<EvidenceLink> infer_links(const Topic& topic, const std::vector<Reference>& references,
                                      const std::vector<Recommendation>& recs, const std::vector<EvidenceLink>& known,
                                      std::vector<InferenceProfile>& profiles, const ConceptIndex& index) {
  std::vector<EvidenceLink> links;
  profiles = inference_profiles(topic, references, recs, index);
  const std::size_t n = references.size();
  if (n == 0) return links;
  std::vector<std::set<std::string>> ref_concepts(n);
  for (std::size_t i = 0; i < n; ++i)
    ref_concepts[i] = title_concepts(index, references[i]);

  std::set<std::size_t> has_known;
  for (const EvidenceLink& l : known) has_known.insert(l.recommendation);

  for (std::size_t r = 0; r < recs.size(); ++r) {
    const Recommendation& rec = recs[r];
    // An exception rests on the evidence its parent rests on: the strongest studies that
    // support the rule bear against deviating from it.
    if (!rec.parent.empty()) {
      if (has_known.count(r)) continue;
      auto parent = std::find_if(recs.begin(), recs.end(), [&](const Recommendation& p) { return p.label == rec.parent; });
      std::size_t parent_index = static_cast<std::size_t>(parent - recs.begin());
      // By index and by copy: push_back below may reallocate links; the links it adds are
      // not the parent's and are not visited.
      for (std::size_t k = 0, count = links.size(); k < count; ++k) {
        const EvidenceLink l = links[k];
        if (l.recommendation != parent_index || l.stance != Stance::Supports) continue;
        const Reference& ref = references[static_cast<std::size_t>(l.number - 1)];
        if (!bears_on_exception(ref)) continue;
        links.push_back({r, l.number, LinkSource::Inferred, Stance::Against, l.score,
                         exception_basis(rec.parent, ref)});
      }
      continue;
    }

    // Every recommendation gets its best score, so that studies added later are measured
    // against the same bar; only those with no cited or curated link get inferred links.
    InferenceProfile& profile = profiles[r];
    struct Candidate {
      std::size_t ref;
      StudyScore score;
    };
    std::vector<Candidate> candidates;
    for (std::size_t i = 0; i < n; ++i)
      if (auto s = score_study(profile, ref_concepts[i], references[i], rec.evidence_statements))
        candidates.push_back({i, *s});
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end(),
              [](const Candidate& a, const Candidate& b) { return a.score.score > b.score.score; });
    profile.best = candidates.front().score.score;
    if (has_known.count(r)) continue;
    for (std::size_t rank = 0; rank < candidates.size(); ++rank) {
      const Candidate& c = candidates[rank];
      if (!passes_threshold(c.score.score, profile.best, rank)) break;
      const Reference& ref = references[c.ref];
      InferredStance stance = infer_stance(rec.direction, ref, rec.evidence_statements);
      links.push_back({r, topic.references[c.ref].number, LinkSource::Inferred, stance.stance,
                       rounded_score(c.score.score), inferred_basis(c.score, ref, stance)});
    }
  }
  return links;
}

}  // namespace kb
