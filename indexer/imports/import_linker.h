// Links studies brought by `kbindex add` to the recommendations they bear on, with the
// inference profiles the build stored (inference_profiles, recommendations.inference_best),
// so that a new study is scored exactly as the topic's own references were. Also scores a
// topic's reference again when an import changed its design label.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "kb/relevance/evidence_stance.h"
#include "kb/relevance/recommendation_profile.h"
#include "kb/concepts.h"
#include "kb/db.h"
#include "kb/reference.h"
#include "kb/status.h"

namespace kb {

class ImportLinker {
 public:
  // Reads every recommendation's profile and the KB's synonym groups.
  static Result<std::unique_ptr<ImportLinker>> load(Database& db);

  // Links the new study STUDY_ID (described by REF: title, design, level) to the
  // recommendations it bears on; returns how many links it made. ABOUT (its title, abstract
  // and MeSH headings) must speak to what a topic's references have in common before the
  // topic's recommendations score its title.
  // ONLY_TOPICS, when given, limits the recommendations to those topics' (a rebuild links the
  // studies imports brought to the topics it rewrote).
  Result<int> link_new_study(std::int64_t study_id, const Reference& ref, const std::string& about,
                             const std::set<std::int64_t>* only_topics = nullptr);
  // Scores the topic's reference REF_ID again after its design changed, replacing its
  // inferred links; returns how many inferred links it has now.
  Result<int> rescore_reference(std::int64_t ref_id);

 private:
  struct Rec {
    std::int64_t id = 0;
    std::int64_t topic_id = 0;
    std::string label;
    Direction direction = Direction::For;
    std::vector<std::string> evidence_statements;
    InferenceProfile profile;
    bool asserted = false;             // has cited or curated links: nothing is inferred for it
    std::vector<std::size_t> exceptions;  // indexes of the recommendations that are its exceptions
  };
  explicit ImportLinker(const SynonymGroups& groups) : concepts_(groups) {}
  ConceptIndex concepts_;
  std::vector<Rec> recs_;
  std::map<std::string, std::vector<std::size_t>> by_core_term_;  // a core term -> recommendations
  std::map<std::int64_t, std::vector<std::size_t>> by_topic_;
  std::map<std::int64_t, std::set<std::string>> common_by_topic_;  // topic_concepts
  // How many links of REC_ID score above SCORE, the link being replaced aside.
  Result<std::size_t> rank_of(std::int64_t rec_id, double score, std::optional<std::int64_t> ref_id,
                              std::optional<std::int64_t> study_id);
  Statement new_link_, ref_read_, rank_read_, inferred_delete_, inferred_add_;
};

}  // namespace kb
