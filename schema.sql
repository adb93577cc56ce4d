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
  content_hash           TEXT NOT NULL,            -- SHA-256 of the source file, hex
  links_hash             TEXT NOT NULL DEFAULT ''  -- SHA-256 of its links file, '' when it has none
);

-- The abbreviations a topic defines ("oral poliovirus vaccine (OPV)"), kept so that a build
-- which leaves the topic unchanged learns them without reading the topic again.
CREATE TABLE topic_abbreviations (
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,                     -- 1-based order of definition in the topic
  short_form TEXT NOT NULL,                        -- 'OPV'
  long_form  TEXT NOT NULL,                        -- 'oral poliovirus vaccine'
  PRIMARY KEY (topic_id, position)
) WITHOUT ROWID;

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

-- One row per journal, by the abbreviation references print.
CREATE TABLE journals (
  id           INTEGER PRIMARY KEY,
  abbreviation TEXT NOT NULL UNIQUE,               -- 'Ann Surg Oncol'
  search_key   TEXT NOT NULL,                      -- lower case, diacritics folded
  title        TEXT                                -- the full title, when an import brings it
);

-- One row per study, however many topics cite it and however many imports bring it:
-- references with the same PMID, DOI or citation key (first author, year, journal, volume,
-- first page) are one study. A study brought by `kbindex add` that no topic cites has
-- origin 'import'. Fields an import filled in are listed in study_enrichments.
CREATE TABLE studies (
  id               INTEGER PRIMARY KEY,
  origin           TEXT NOT NULL DEFAULT 'topic' CHECK (origin IN ('topic', 'import')),
  citation_key     TEXT UNIQUE,                    -- 'soran|2016|jclinoncol|34|asco1005'
  pmid             TEXT UNIQUE,
  doi              TEXT UNIQUE,                    -- lower case
  title            TEXT NOT NULL DEFAULT '',
  first_author     TEXT NOT NULL DEFAULT '',
  authors          TEXT NOT NULL DEFAULT '',       -- 'Surname Initials' joined by ', '
  journal          TEXT NOT NULL DEFAULT '',       -- abbreviation
  journal_title    TEXT NOT NULL DEFAULT '',       -- full title, when an import brings it
  year             INTEGER,
  month            TEXT NOT NULL DEFAULT '',       -- as printed: 'Dec', '12', 'Spring'
  volume           TEXT NOT NULL DEFAULT '',
  issue            TEXT NOT NULL DEFAULT '',
  pages            TEXT NOT NULL DEFAULT '',
  language         TEXT NOT NULL DEFAULT '',
  abstract         TEXT NOT NULL DEFAULT '',       -- the sections of abstract_sections, 'LABEL: text' joined
  design           TEXT NOT NULL DEFAULT 'other',
  design_reason    TEXT NOT NULL DEFAULT '',
  level            INTEGER NOT NULL DEFAULT 5 CHECK (level BETWEEN 1 AND 5),
  -- What `kbindex add` matches records on: first author, journal, first page.
  first_author_key TEXT NOT NULL DEFAULT '',       -- folded surname and first initial: 'soran|a'
  journal_key      TEXT NOT NULL DEFAULT '',       -- 'jclinoncol'
  first_page       TEXT NOT NULL DEFAULT ''        -- '1380'
);
CREATE INDEX studies_by_page ON studies(first_page, volume);
-- The title too: `kbindex add` compares a record's title with every study of its first author
-- and years, and reads them from the index rather than a table page per study.
CREATE INDEX studies_by_author ON studies(first_author_key, year, title);

-- The labelled parts of a study's abstract ('BACKGROUND', 'METHODS'; '' when unstructured).
CREATE TABLE abstract_sections (
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  label    TEXT NOT NULL DEFAULT '',
  text     TEXT NOT NULL,
  PRIMARY KEY (study_id, position)
) WITHOUT ROWID;

-- PubMed publication types of a study ('Randomized Controlled Trial', 'Journal Article').
CREATE TABLE publication_types (
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name     TEXT NOT NULL,
  PRIMARY KEY (study_id, position)
) WITHOUT ROWID;
CREATE INDEX publication_types_by_name ON publication_types(name);

-- MeSH headings of a study; major = 1 when the descriptor or a qualifier is a major topic.
CREATE TABLE mesh_headings (
  study_id   INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  descriptor TEXT NOT NULL,                        -- 'Breast Neoplasms'
  major      INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
  qualifiers TEXT NOT NULL DEFAULT '',             -- 'surgery, mortality'
  PRIMARY KEY (study_id, position)
) WITHOUT ROWID;
CREATE INDEX mesh_headings_by_descriptor ON mesh_headings(descriptor);

-- One row per file brought by `kbindex add`, by its content: adding the same content again
-- changes nothing.
CREATE TABLE imports (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL,                      -- as given to kbindex add
  format       TEXT NOT NULL CHECK (format IN ('pubmed_xml', 'medline', 'ris', 'bibtex')),
  content_hash TEXT NOT NULL UNIQUE,               -- SHA-256 of the file, hex
  imported_at  TEXT NOT NULL,                      -- ISO 8601, UTC
  records      INTEGER NOT NULL,
  matched      INTEGER NOT NULL,                   -- records that matched a study already known
  new_studies  INTEGER NOT NULL
);

-- One row per record of an imported file: the study it matched or became, and how.
CREATE TABLE import_records (
  id          INTEGER PRIMARY KEY,
  import_id   INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
  source_line INTEGER NOT NULL,                    -- where the record starts in the file
  study_id    INTEGER NOT NULL REFERENCES studies(id),
  matched_by  TEXT NOT NULL CHECK (matched_by IN ('pmid', 'doi', 'journal_volume_page', 'author_title', 'new')),
  confidence  REAL NOT NULL,                       -- 1 for an identifier; title similarity otherwise
  detail      TEXT NOT NULL                        -- what agreed: "PMID 26363985", "Lancet Oncol 2015;16:1380"
);
CREATE INDEX import_records_by_study ON import_records(study_id);
CREATE INDEX import_records_by_import ON import_records(import_id);

-- Each field of a study an import filled in or changed, and the record it came from.
CREATE TABLE study_enrichments (
  study_id  INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  record_id INTEGER NOT NULL REFERENCES import_records(id) ON DELETE CASCADE,
  field     TEXT NOT NULL,                         -- 'pmid', 'doi', 'abstract', 'mesh', 'publication_types', 'design', ...
  value     TEXT NOT NULL,                         -- the value it brought (a summary for lists)
  PRIMARY KEY (study_id, field, record_id)
) WITHOUT ROWID;
CREATE INDEX study_enrichments_by_record ON study_enrichments(record_id);

-- One row per entry of a topic's numbered reference list, with the fields parsed from it.
-- A field the parser was not sure of is named in uncertain_fields; raw is never lost.
CREATE TABLE refs (
  id               INTEGER PRIMARY KEY,
  topic_id         INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  number           INTEGER NOT NULL,               -- its number in the topic's list
  source_line      INTEGER NOT NULL,
  raw              TEXT NOT NULL,                  -- the reference string as printed
  authors          TEXT NOT NULL DEFAULT '',       -- as printed, joined by ', ' (see reference_authors)
  et_al            INTEGER NOT NULL DEFAULT 0 CHECK (et_al IN (0, 1)),
  title            TEXT NOT NULL DEFAULT '',
  translated_from  TEXT NOT NULL DEFAULT '',       -- ISO 639-2 of a bracketed translated title
  language         TEXT NOT NULL DEFAULT 'eng',
  journal_id       INTEGER REFERENCES journals(id),
  journal          TEXT NOT NULL DEFAULT '',       -- abbreviation as printed
  year             INTEGER,                        -- NULL when not printed
  month            TEXT NOT NULL DEFAULT '',
  volume           TEXT NOT NULL DEFAULT '',
  issue            TEXT NOT NULL DEFAULT '',
  supplement       TEXT NOT NULL DEFAULT '',
  pages            TEXT NOT NULL DEFAULT '',       -- first page, or first-last as printed
  conference       TEXT NOT NULL DEFAULT '',       -- 'ASCO #1006'
  doi              TEXT NOT NULL DEFAULT '',
  pmid             TEXT NOT NULL DEFAULT '',
  uncertain_fields TEXT NOT NULL DEFAULT '',       -- comma-separated field names
  design           TEXT NOT NULL DEFAULT 'other' CHECK (design IN ('rct', 'meta_analysis',
                     'systematic_review', 'prospective_cohort', 'phase2_trial', 'retrospective_cohort',
                     'registry_analysis', 'case_control', 'case_series', 'review', 'other')),
  design_reason    TEXT NOT NULL DEFAULT '',       -- why: "title: 'randomized controlled trial'"
  level            INTEGER NOT NULL DEFAULT 5 CHECK (level BETWEEN 1 AND 5),  -- Oxford CEBM 2011, treatment benefit
  grade_start      TEXT NOT NULL DEFAULT '',       -- GRADE starting certainty: 'high', 'low' or ''
  study_id         INTEGER REFERENCES studies(id), -- the study it cites, shared across topics
  UNIQUE (topic_id, number)
);
CREATE INDEX refs_by_study ON refs(study_id);
CREATE INDEX refs_by_year ON refs(year);
CREATE INDEX refs_by_design ON refs(design);
CREATE INDEX refs_by_journal ON refs(journal_id);

-- One row per person (or group) named as an author, once however many references name them.
CREATE TABLE authors (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,                 -- 'Güller U', as printed
  search_key TEXT NOT NULL                         -- 'guller u': lower case, diacritics folded
);
CREATE INDEX authors_by_key ON authors(search_key);

-- One row per author of a reference, in printed order.
CREATE TABLE reference_authors (
  reference_id INTEGER NOT NULL REFERENCES refs(id) ON DELETE CASCADE,
  author_id    INTEGER NOT NULL REFERENCES authors(id),
  position     INTEGER NOT NULL,                   -- 1 is the first author
  is_last      INTEGER NOT NULL CHECK (is_last IN (0, 1)),  -- last printed (not when 'et al.' follows)
  PRIMARY KEY (reference_id, position)
) WITHOUT ROWID;
CREATE INDEX reference_authors_by_author ON reference_authors(author_id);

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
CREATE INDEX cross_references_by_target ON cross_references(target_topic_id);

-- One row per thing the parser saw but could not place: reported, never dropped silently.
CREATE TABLE parse_notes (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  source_line INTEGER NOT NULL,
  message     TEXT NOT NULL
);
CREATE INDEX parse_notes_by_topic ON parse_notes(topic_id);

-- One row per recommendation: a sentence that advises, labelled R1, R2, ... per topic.
CREATE TABLE recommendations (
  id           INTEGER PRIMARY KEY,
  topic_id     INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  label        TEXT NOT NULL,                      -- 'R2'
  sentence_id  INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,  -- the advising sentence
  text         TEXT NOT NULL,                      -- that sentence as printed
  action       TEXT NOT NULL,                      -- what is advised, conditions and reasons taken out
  direction    TEXT NOT NULL CHECK (direction IN ('for', 'against', 'conditional')),
  cue          TEXT NOT NULL,                      -- the words that make it advice: 'we do not offer'
  grade        TEXT NOT NULL DEFAULT '',           -- '1B' where printed
  rationale    TEXT NOT NULL DEFAULT '',
  parent_id    INTEGER REFERENCES recommendations(id) ON DELETE CASCADE,  -- the one it is an exception to
  inference_best REAL,                             -- the best inferred score among the topic's references:
                                                   -- the bar a study added later is measured against
  UNIQUE (topic_id, label)
);
-- Deleting a topic's sentences (a rebuild of it) looks recommendations up by both.
CREATE INDEX recommendations_by_sentence ON recommendations(sentence_id);
CREATE INDEX recommendations_by_parent ON recommendations(parent_id);

-- One row per condition, exception, consideration or evidence statement of a recommendation.
CREATE TABLE recommendation_parts (
  recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
  kind              TEXT NOT NULL CHECK (kind IN ('condition', 'exception', 'consideration', 'evidence_statement')),
  position          INTEGER NOT NULL,              -- 1-based order within its kind
  text              TEXT NOT NULL,
  PRIMARY KEY (recommendation_id, kind, position)
) WITHOUT ROWID;

-- One row per sentence that belongs to a recommendation besides the advising one.
CREATE TABLE recommendation_sentences (
  recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
  sentence_id       INTEGER NOT NULL REFERENCES sentences(id) ON DELETE CASCADE,
  role              TEXT NOT NULL CHECK (role IN ('restatement', 'related')),
  PRIMARY KEY (recommendation_id, sentence_id)
) WITHOUT ROWID;
CREATE INDEX recommendation_sentences_by_sentence ON recommendation_sentences(sentence_id);

-- One row per piece of evidence linked to a recommendation, with where the link comes from:
-- 'cited' (a marker in the text), 'curated' (a links file) or 'inferred' (the indexer's
-- proposal, with its score). The three are never merged.
CREATE TABLE evidence_links (
  recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
  reference_id      INTEGER NOT NULL REFERENCES refs(id) ON DELETE CASCADE,
  link              TEXT NOT NULL CHECK (link IN ('cited', 'curated', 'inferred')),
  stance            TEXT NOT NULL CHECK (stance IN ('supports', 'against', 'context')),
  score             REAL,                          -- inferred links only: higher is stronger
  basis             TEXT NOT NULL,                 -- why: 'marker [4] in the paragraph', 'links file line 3', ...
  PRIMARY KEY (recommendation_id, reference_id, link)
) WITHOUT ROWID;
CREATE INDEX evidence_links_by_reference ON evidence_links(reference_id);

-- How a recommendation scores a study for an inferred link: its concepts and their weights
-- (idf among the topic's reference titles included). Kept so that `kbindex add` scores new
-- studies exactly as the build scored the topic's own references. A profile holds some 150
-- concepts, so it is one packed row (kb/relevance/profile_store.cc reads and writes it): per
-- concept a varint id of inference_vocabulary, a byte of flags (1: core, a study must share a
-- core concept; 2: discriminating, when any, a study must share one of these too) and the
-- weight as an 8-byte IEEE double, little-endian.
CREATE TABLE inference_vocabulary (
  id   INTEGER PRIMARY KEY,
  term TEXT NOT NULL UNIQUE                        -- a concept key: 'surgery', 'primari'
);
CREATE TABLE inference_profiles (
  recommendation_id INTEGER PRIMARY KEY REFERENCES recommendations(id) ON DELETE CASCADE,
  concepts          BLOB NOT NULL
);

-- What a topic is about: the concepts of its title and those at least half its references'
-- titles hold. A study brought by `kbindex add` must speak to two of them (in its title,
-- abstract or MeSH) before it is scored against the topic's recommendations.
CREATE TABLE topic_concepts (
  topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  term     TEXT NOT NULL,
  share    REAL NOT NULL,                          -- of the topic's reference titles holding it (0-1)
  PRIMARY KEY (topic_id, term)
) WITHOUT ROWID;

-- Studies brought by `kbindex add` that no topic cites, linked to the recommendations they
-- bear on. Always inferred (the indexer's proposal with its score), never cited or curated.
CREATE TABLE new_evidence_links (
  recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE,
  study_id          INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  stance            TEXT NOT NULL CHECK (stance IN ('supports', 'against', 'context')),
  score             REAL NOT NULL,
  basis             TEXT NOT NULL,
  PRIMARY KEY (recommendation_id, study_id)
) WITHOUT ROWID;
CREATE INDEX new_evidence_links_by_study ON new_evidence_links(study_id);

-- One row per term of a synonym group (surgery ~ resection ~ excision ...), as the build
-- used them; kbquery ask expands questions with the same table.
CREATE TABLE synonyms (
  group_id INTEGER NOT NULL,
  position INTEGER NOT NULL,                       -- 1 is the term that names the group
  term     TEXT NOT NULL,                          -- lower case, diacritics folded
  PRIMARY KEY (group_id, position)
) WITHOUT ROWID;
CREATE INDEX synonyms_by_term ON synonyms(term);

-- Full text over sentences and references. The tokenizer folds case and diacritics and
-- stems English (porter), so 'tumours' finds 'tumor' only through the synonym table, but
-- 'resections' finds 'resection'.
CREATE VIRTUAL TABLE sentences_fts USING fts5(
  text, content='sentences', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE refs_fts USING fts5(
  raw, title, authors, journal, content='refs', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE studies_fts USING fts5(
  title, abstract, authors, journal, content='studies', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');

CREATE VIRTUAL TABLE recommendations_fts USING fts5(
  text, content='recommendations', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2');

-- The full-text indexes follow their tables row by row, so that a build which rewrites one
-- topic, or an import which enriches a study, touches only the rows it changes. External
-- content tables are told what a row held before it goes ('delete' with the old values).
CREATE TRIGGER sentences_fts_insert AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_fts_delete AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER sentences_fts_update AFTER UPDATE OF text ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER refs_fts_insert AFTER INSERT ON refs BEGIN
  INSERT INTO refs_fts(rowid, raw, title, authors, journal) VALUES (new.id, new.raw, new.title, new.authors, new.journal);
END;
CREATE TRIGGER refs_fts_delete AFTER DELETE ON refs BEGIN
  INSERT INTO refs_fts(refs_fts, rowid, raw, title, authors, journal)
  VALUES ('delete', old.id, old.raw, old.title, old.authors, old.journal);
END;
CREATE TRIGGER refs_fts_update AFTER UPDATE OF raw, title, authors, journal ON refs BEGIN
  INSERT INTO refs_fts(refs_fts, rowid, raw, title, authors, journal)
  VALUES ('delete', old.id, old.raw, old.title, old.authors, old.journal);
  INSERT INTO refs_fts(rowid, raw, title, authors, journal) VALUES (new.id, new.raw, new.title, new.authors, new.journal);
END;

CREATE TRIGGER studies_fts_insert AFTER INSERT ON studies BEGIN
  INSERT INTO studies_fts(rowid, title, abstract, authors, journal)
  VALUES (new.id, new.title, new.abstract, new.authors, new.journal);
END;
CREATE TRIGGER studies_fts_delete AFTER DELETE ON studies BEGIN
  INSERT INTO studies_fts(studies_fts, rowid, title, abstract, authors, journal)
  VALUES ('delete', old.id, old.title, old.abstract, old.authors, old.journal);
END;
CREATE TRIGGER studies_fts_update AFTER UPDATE OF title, abstract, authors, journal ON studies BEGIN
  INSERT INTO studies_fts(studies_fts, rowid, title, abstract, authors, journal)
  VALUES ('delete', old.id, old.title, old.abstract, old.authors, old.journal);
  INSERT INTO studies_fts(rowid, title, abstract, authors, journal)
  VALUES (new.id, new.title, new.abstract, new.authors, new.journal);
END;

CREATE TRIGGER recommendations_fts_insert AFTER INSERT ON recommendations BEGIN
  INSERT INTO recommendations_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER recommendations_fts_delete AFTER DELETE ON recommendations BEGIN
  INSERT INTO recommendations_fts(recommendations_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER recommendations_fts_update AFTER UPDATE OF text ON recommendations BEGIN
  INSERT INTO recommendations_fts(recommendations_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO recommendations_fts(rowid, text) VALUES (new.id, new.text);
END;

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

-- Each recommendation with its topic, and the evidence linked to it by provenance.
CREATE VIEW recommendation_evidence AS
SELECT t.slug AS topic, rec.label AS recommendation, rec.direction AS direction,
       r.number AS reference, r.design AS design, r.level AS level, r.year AS year,
       l.link AS link, l.stance AS stance, l.score AS score, l.basis AS basis
FROM evidence_links l
JOIN recommendations rec ON rec.id = l.recommendation_id
JOIN refs r ON r.id = l.reference_id
JOIN topics t ON t.id = rec.topic_id;

-- Each study cited by more than one reference (in one topic or across topics).
CREATE VIEW duplicate_references AS
SELECT s.id AS study, s.citation_key AS citation_key, t.slug AS topic, r.number AS number, r.raw AS raw
FROM studies s JOIN refs r ON r.study_id = s.id JOIN topics t ON t.id = r.topic_id
WHERE (SELECT count(*) FROM refs r2 WHERE r2.study_id = s.id) > 1;

-- Each reference with how often the available text cites it.
CREATE VIEW reference_usage AS
SELECT t.slug AS topic, r.number AS number, r.raw AS raw,
       (SELECT count(DISTINCT c.sentence_id) FROM citations c WHERE c.reference_id = r.id) AS citing_sentences
FROM refs r JOIN topics t ON t.id = r.topic_id;
