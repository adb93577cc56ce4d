-- The evidence knowledge base: clinical topics, their text, their reference lists and the
-- citations that tie the two together. This file is the one source of the schema; it is
-- compiled into kbindex and kbquery. Open a KB with the plain sqlite3 shell and
-- `PRAGMA foreign_keys = ON;` to have the same guarantees the tools have.
--
-- Offsets: start_char/end_char count Unicode characters (not bytes), so that
-- substr(paragraphs.text, sentences.start_char + 1, sentences.end_char - sentences.start_char)
-- gives the sentence back in the sqlite3 shell.

-- One row per fact about the KB itself: schema_version, tool_version, built_at.
CREATE TABLE kb_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- One row per clinical topic (one source document).
CREATE TABLE topics (
  id                     INTEGER PRIMARY KEY,
  slug                   TEXT NOT NULL UNIQUE,     -- from the title: lower case, ASCII, hyphens
  title                  TEXT NOT NULL,
  source_path            TEXT NOT NULL,            -- as given to kbindex build
  source_format          TEXT NOT NULL,            -- 'text' (later 'html', 'jats')
  publisher              TEXT,                     -- 'Official reprint from UpToDate®'
  copyright              TEXT,                     -- the copyright line as printed
  review_current_through TEXT,                     -- 'literature review current through', ISO 'YYYY-MM'
  last_updated           TEXT,                     -- 'this topic last updated', ISO 'YYYY-MM-DD'
  truncated              INTEGER NOT NULL DEFAULT 0 CHECK (truncated IN (0, 1)),  -- text stops at a paywall notice
  content_hash           TEXT NOT NULL             -- SHA-256 of the source file, hex
);

-- One row per person credited on a topic, in printed order.
CREATE TABLE contributors (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,                    -- 1-based order within the topic
  name        TEXT NOT NULL,                       -- 'Anees B Chagpar'
  credentials TEXT NOT NULL DEFAULT '',            -- 'MD, MSc, MA, MPH, MBA, FACS, FRCS(C)'
  role        TEXT NOT NULL CHECK (role IN ('author', 'section_editor', 'deputy_editor')),
  UNIQUE (topic_id, position)
);

-- One row per section of a topic's text (a double blank line starts one in the text layout).
CREATE TABLE sections (
  id       INTEGER PRIMARY KEY,
  topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,                       -- 1-based order within the topic
  heading  TEXT NOT NULL DEFAULT '',               -- empty where the source prints none
  UNIQUE (topic_id, position)
);

-- One row per paragraph of content (boilerplate such as paywall notices is never stored).
CREATE TABLE paragraphs (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  section_id  INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,                    -- 1-based order within the topic
  source_line INTEGER NOT NULL,                    -- line of the source file it starts on
  text        TEXT NOT NULL,
  UNIQUE (topic_id, position)
);

-- One row per sentence, with its place in the paragraph.
CREATE TABLE sentences (
  id           INTEGER PRIMARY KEY,
  paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,                   -- 1-based order within the paragraph
  start_char   INTEGER NOT NULL,                   -- character offsets into paragraphs.text
  end_char     INTEGER NOT NULL,
  text         TEXT NOT NULL,
  UNIQUE (paragraph_id, position),
  CHECK (end_char > start_char)
);
CREATE INDEX sentences_by_paragraph ON sentences(paragraph_id);

-- One row per entry of a topic's numbered reference list.
CREATE TABLE refs (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  number      INTEGER NOT NULL,                    -- its number in the topic's list
  source_line INTEGER NOT NULL,
  raw         TEXT NOT NULL,                       -- the reference string as printed
  UNIQUE (topic_id, number)
);

-- One row per (sentence, reference) pair cited by a marker: '[1-3]' gives three rows.
CREATE TABLE citations (
  id           INTEGER PRIMARY KEY,
  sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  reference_id INTEGER NOT NULL REFERENCES refs(id) ON DELETE CASCADE,
  marker       TEXT NOT NULL,                      -- as printed: '[1-3]'
  start_char   INTEGER NOT NULL,                   -- character offsets of the marker in the sentence
  end_char     INTEGER NOT NULL,
  UNIQUE (sentence_id, reference_id, start_char)
);
CREATE INDEX citations_by_reference ON citations(reference_id);
CREATE INDEX citations_by_sentence ON citations(sentence_id);

-- One row per pointer from a sentence to another topic: (See "Title".)
CREATE TABLE cross_references (
  id              INTEGER PRIMARY KEY,
  sentence_id     INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  target_title    TEXT NOT NULL,                   -- the title as printed
  target_section  TEXT NOT NULL DEFAULT '',        -- "section on '...'" where printed
  target_topic_id INTEGER REFERENCES topics(id) ON DELETE SET NULL  -- set when that topic is in the KB
);
CREATE INDEX cross_references_by_sentence ON cross_references(sentence_id);

-- One row per thing the parser saw but could not place: reported, never dropped silently.
CREATE TABLE parse_notes (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  source_line INTEGER NOT NULL,
  message     TEXT NOT NULL
);

-- Full text over sentences and references. The tokenizer folds case and diacritics and
-- stems English (porter), so 'tumours' finds 'tumor' only through the synonym table, but
-- 'resections' finds 'resection'.
CREATE VIRTUAL TABLE sentences_fts USING fts5(
  text, content='sentences', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE refs_fts USING fts5(
  raw, content='refs', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');

-- Each sentence with where it stands: topic, section, paragraph.
CREATE VIEW sentence_context AS
SELECT s.id AS sentence_id, t.slug AS topic, t.title AS topic_title,
       sec.position AS section, p.position AS paragraph, s.position AS sentence,
       p.source_line AS source_line, s.text AS text
FROM sentences s
JOIN paragraphs p ON p.id = s.paragraph_id
JOIN sections sec ON sec.id = p.section_id
JOIN topics t ON t.id = p.topic_id;

-- Each citation as people read it: which sentence cites which numbered reference.
CREATE VIEW citation_context AS
SELECT t.slug AS topic, r.number AS reference, c.marker AS marker,
       sc.section AS section, sc.paragraph AS paragraph, sc.sentence AS sentence,
       sc.text AS sentence_text, r.raw AS reference_raw
FROM citations c
JOIN refs r ON r.id = c.reference_id
JOIN topics t ON t.id = r.topic_id
JOIN sentence_context sc ON sc.sentence_id = c.sentence_id;

-- Each reference with how often the available text cites it.
CREATE VIEW reference_usage AS
SELECT t.slug AS topic, r.number AS number, r.raw AS raw,
       (SELECT count(DISTINCT c.sentence_id) FROM citations c WHERE c.reference_id = r.id) AS citing_sentences
FROM refs r JOIN topics t ON t.id = r.topic_id;
