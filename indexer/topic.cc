#include "indexer/topic.h"

namespace kb {

const char* to_string(ContributorRole role) {
  switch (role) {
    case ContributorRole::Author: return "author";
    case ContributorRole::SectionEditor: return "section_editor";
    case ContributorRole::DeputyEditor: return "deputy_editor";
  }
  return "author";
}

}  // namespace kb
