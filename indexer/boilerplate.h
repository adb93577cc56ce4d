// Lines of a topic that are not clinical content: reprint headers, paywall notices, login
// prompts, disclaimers, copyright. They are recognised so that they never reach the index.
#pragma once

#include <optional>
#include <string_view>

namespace kb {

enum class Boilerplate {
  ReprintHeader,   // "Official reprint from UpToDate®"
  Copyright,       // "www.uptodate.com ©2017 UpToDate, Inc. ... All Rights Reserved."
  Paywall,         // "To continue reading this article, you must log in ..."
  LoginPrompt,     // "Subscribers log in here"
  ReviewDates,     // "Literature review current through: ... | This topic last updated: ..."
  Disclaimer,      // "The content on the UpToDate website is not intended ..."
  TopicVersion,    // "Topic 15072 Version 31.0"
};

// What kind of boilerplate LINE is, if any. The patterns are phrases, matched
// case-insensitively, so a clinical sentence that merely mentions UpToDate is not caught.
std::optional<Boilerplate> classify_boilerplate(std::string_view line);

}  // namespace kb
