// BibTeX and BibLaTeX files (.bib) read into ImportRecords.
//
// The lexer follows BibTeX: `@type{key, field = value, ...}` or `@type(key, ...)`; values
// are braced (nested), quoted (braces inside allowed) or bare numbers and @string macros,
// joined with `#`; the month macros jan..dec are predefined ("January".."December");
// @comment and @preamble are skipped, and text outside entries is ignored, as BibTeX does (an
// '@' not followed by a type and an opening delimiter is such text: an e-mail address in a
// comment). Nesting is tracked with a counter, never by recursion, and limited to 64 levels.
// BibLaTeX's @set and @xdata are read but give no record. The file is read whole (a file over
// 256 MiB is refused before reading, an IO status); a file that is not valid UTF-8 is taken as
// Windows-1252, the usual encoding of older .bib files; a leading BOM is skipped.
//
// Field mapping (names are case-insensitive; a repeated field keeps its first value):
//   title (+ BibLaTeX subtitle, joined with ": ")             -> title
//   author: " and " at brace depth 0; "First von Last", "von Last, First",
//     "von Last, Jr, First"; the von particle joins the surname ("de Baere T"); a jr part
//     follows the initials ("Jack C Jr"), as MEDLINE writes it (also when written last,
//     "Fulton, James E., Jr.", as JabRef does); "others" (et al.) is
//     dropped. A name fully in braces is a group, kept whole; so is a name with a word
//     such as Group, Team, Initiative, Consortium, Committee, Investigators (the
//     tools that write BibTeX from PubMed often leave collective names unbraced), written in
//     natural order: "Neuroimaging Initiative, Alzheimer's Disease" -> "Alzheimer's Disease
//     Neuroimaging Initiative".
//   journal, journaltitle                                     -> journal_title
//   journal-abbreviation, shortjournal, journalabbrev and spellings, then JabRef's
//     title-abbreviation (its name for MEDLINE's TA)          -> journal_abbreviation
//     When the only journal field looks like an abbreviation it goes to
//     journal_abbreviation instead (see looks_like_journal_abbreviation).
//   year, else the year of BibLaTeX's date ("2009-03")        -> year
//   month (macro, name, number), else date's month            -> month as "Mar"; any other
//     text (a season) as given
//   volume; number, else issue, its dashes as in pages ("2--3" -> "2-3"); a PMC id there,
//     which JabRef's RIS import writes, is dropped         -> issue
//   pages, else eid; "--" and dashes become "-"              -> pages ("454-81")
//   doi, else a doi.org url; without "doi:" or a resolver     -> doi
//   pmid, else eprint when eprinttype is pubmed, else "PMID: n" or "n[pmid]" in
//     note/comment/annote/extra, else a PubMed url            -> pmid
//   abstract                                                  -> one section, empty label
//   language, else langid: English names of languages to ISO 639-2/B ("german" -> "ger");
//     anything else as given                                  -> language
//   keywords: split on ',' and ';' at brace depth 0, duplicates dropped -> keywords
// BibTeX has no publication types and no MeSH field: publication_types and mesh stay empty.
// (JabRef writes a MEDLINE record's MeSH headings into keywords, joined with commas that
// cannot be told from the commas inside headings, "History, 20th Century": they stay keywords.)
//
// Values are LaTeX, decoded by kb/latex.h: protective braces are removed, accents decoded (\'e, {\"o}, \c{c},
// \v s, \ss, \o, \aa ...), escapes (\& \% \_ \$ \# \{ \}), -- and --- become en and em
// dashes, ~ a space, `` and '' curly quotes; formatting commands (\emph, \textit, ...) are
// dropped and their argument kept; $ of math mode is dropped; whitespace collapses.
//
// Errors are Parse statuses "PATH:LINE: what": an unterminated entry (the line of its '@'),
// unbalanced braces, braces nested deeper than 64, an undefined @string macro, a field
// without '=', a file without entries. A missing or unreadable file is an IO status.
#pragma once

#include <string>
#include <string_view>

#include "indexer/imports/import_record.h"
#include "kb/latex.h"
#include "kb/status.h"

namespace kb {

// Reads the BibTeX file at PATH, handing each entry to SINK as one record.
Status read_bibtex(const std::string& path, const RecordSink& sink);

// Plain UTF-8 text of a BibTeX field value written in LaTeX (the rules above): the reader's
// name for decode_latex, kept for the reader's tests.
inline std::string bibtex_text(std::string_view latex) { return decode_latex(latex); }

// True when a lone journal name reads as an abbreviation: two or more words, none of them a
// function word (of, and, the, &, de ...) nor a lower-case word longer than 3 letters without a
// dot, and at least one abbreviation mark: a word ending in '.', a single capital ("J", "N"),
// or a common NLM abbreviation word (Clin, Med, Surg, Oncol, Am, Br, Ann, Engl, Res ...).
// "J Clin Oncol", "J. Clin. Oncol.", "Ann Surg" are; "Nutrition Reviews", "Journal of clinical
// oncology", "Nutrition & Metabolism" and one-word titles ("Circulation") are not.
bool looks_like_journal_abbreviation(std::string_view journal);

}  // namespace kb
