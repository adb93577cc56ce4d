// How specific a question's terms are in this KB, read from the FTS5 indexes themselves:
// the rows holding a concept, counted up to a cap, and past the cap extrapolated from how far
// into the index the cap reached (rowids are dense after a build). A common word then costs a
// short doclist read, not a count of every row holding it. Nothing is written, so a read-only
// copy of the KB on a query node answers the same.
#pragma once

#include <cstdint>
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
  // The share of passages and references holding any of TERMS, a term's words anywhere in
  // the row; a one-word term stands for its word family (see kFamilyPrefix).
  double document_share(const std::vector<std::string>& terms) const override;
  // The first error met reading an index, or OK. document_share() cannot return one (it
  // answers 0 instead), so whoever asked must look here before trusting the shares.
  const Status& status() const { return error_; }

 private:
  struct Index {
    Statement rows;                 // the rowids matching ?1 from ?3 to ?4, at most ?2
    std::int64_t first = 0, last = 0;  // the rowids counted over
    double size() const { return last >= first ? static_cast<double>(last - first + 1) : 0; }
  };
  KbTermStatistics(Index sentences, Index references)
      : sentences_(std::move(sentences)), references_(std::move(references)) {}
  double rows_holding(Index& index, const std::string& expression) const;
  mutable Index sentences_, references_;
  mutable Status error_;
};

}  // namespace kb
