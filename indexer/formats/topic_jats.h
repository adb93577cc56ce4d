// JATS XML topics: journal articles as PubMed Central and SciELO publish them (NISO Z39.96).
// Only the main <article> is read:
//
//   front: <article-title> (title), <contrib contrib-type="author"> (contributors), the
//          journal, issue date, volume, issue, pages and DOI (source line), <abstract>
//   body:  <sec>/<title> as sections (a nested <sec> is a section of its own), <p> as
//          paragraphs, <list-item> as list items with their lead-in, inline markup flattened
//   back:  <ref-list> as the numbered references, with what the citation elements tag
//
// Citations are <xref ref-type="bibr" rid="..."> resolved through <ref id="...">; a run of them
// ("<sup>(<xref>2</xref>,<xref>3</xref>)</sup>", "<xref>1</xref>-<xref>3</xref>") is written
// into the paragraph as one bracketed marker, "[2,3]" or "[1-3]", with no space before it, so
// that every topic format reaches analysis alike. A reference is numbered by its place in the
// list; a <label> that disagrees is reported.
//
// Left out, each with a diagnostic: <sub-article> and <response> (translations, replies),
// <table-wrap>, <fig>, <supplementary-material>, display formulas and media. The other parts
// of <back> (ack, fn-group, app-group) are left out silently: they are not guideline text.
//
// The XML is read as indexer/formats/safe_xml.h locks libxml2 down: no DTD, no entity
// declarations, nothing loaded from outside, libxml2's depth limit.
#pragma once

#include <string>
#include <string_view>

#include "indexer/topic.h"
#include "kb/status.h"

namespace kb {

// Parses CONTENT, read from PATH (used in messages as "PATH:LINE: ..."). Fills everything
// but content_hash; source_format is "jats". Calls analyse_paragraph() on every paragraph and
// check_citations() at the end. What cannot be placed becomes Topic::diagnostics, with
// libxml2's line numbers. Input that cannot be a topic gives a Parse status "PATH:LINE: what
// is wrong; what to do": XML that is not well formed (an unclosed tag, a truncated file), a
// DOCTYPE declaring entities or an external resource (refused, never loaded or expanded),
// elements nested deeper than libxml2 allows, a root that is not <article>, an article with
// no <article-title> or no text.
Result<Topic> parse_jats_topic(std::string_view content, const std::string& path);

}  // namespace kb
