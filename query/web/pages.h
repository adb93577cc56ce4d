// The web app's pages, each rendered from the JSON documents of the query commands (the
// documents /api/ answers with). They return the page's markup, the frame included.
#pragma once

#include <string>

#include "kb/output.h"

namespace kb {

// `/`: the search box and the topics (TOPICS: `topics --json`).
std::string home_page(const Json& topics);
// `/ask?q=`: ANSWER is `ask --json`.
std::string answer_page(const Json& answer);
// `/search?q=`: `search --json`.
std::string search_page(const std::string& query, const Json& results);
// `/refs?q=`: `refs --json`, the citation search.
std::string refs_page(const std::string& query, const Json& results);
// `/ref/SLUG/N`: `ref N --topic SLUG --json`.
std::string reference_page(const Json& ref);
// `/rec/SLUG/ID`: the recommendation of `recs --json`, and the logic of its topic.
std::string recommendation_page(const Json& rec, const Json& logic_topics);
// `/topic/SLUG`: `topics`' entry, `recs`, `logic` and `audit` of the topic.
std::string topic_page(const Json& topic, const Json& recs, const Json& logic_topics, const Json& audit);
// Any page that could not be made: STATUS and the message, in words.
std::string error_page(int status, const std::string& message);

}  // namespace kb
