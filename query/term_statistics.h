// How specific a question's terms are in this KB, read from the FTS5 indexes' own
// vocabularies (fts5vocab tables in the connection's temp schema: nothing is written to
// the KB file, so a read-only copy on a query node answers the same).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kb/db.h"
#include "kb/relevance/question.h"
#include "kb/status.h"

namespace kb {

class KbTermStatistics : public TermStatistics {
 public:
  static Result<std::unique_ptr<KbTermStatistics>> open(Database& db);
  // The share of passages and references holding any of TERMS (a phrase counts as its
  // rarest word: an upper bound of the phrase's own count).
  double document_share(const std::vector<std::string>& terms) const override;

 private:
  KbTermStatistics(Statement sentences, Statement references, double documents)
      : sentences_(std::move(sentences)), references_(std::move(references)), documents_(documents) {}
  double documents_of(const std::string& stem) const;
  mutable Statement sentences_, references_;
  double documents_ = 0;
  mutable std::map<std::string, double> cache_;
};

}  // namespace kb
