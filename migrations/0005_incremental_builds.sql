-- Schema 4 -> 5: what an incremental `kbindex build` needs.
--   topics.links_hash and topic_abbreviations: a build tells an unchanged topic (same file,
--     same links file) from a changed one, and learns its abbreviations without reading it.
--   Indexes on the columns a topic's deletion cascades through, so that dropping one topic
--   does not scan the KB's sentences and recommendations once per row.
--   Triggers that keep the full-text indexes in step with their tables row by row.
-- A schema 4 KB holds no abbreviations per topic: its next build reads every topic once.
ALTER TABLE topics ADD COLUMN links_hash TEXT NOT NULL DEFAULT '';

CREATE TABLE topic_abbreviations (
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,
  short_form TEXT NOT NULL,
  long_form  TEXT NOT NULL,
  PRIMARY KEY (topic_id, position)
) WITHOUT ROWID;

CREATE INDEX recommendations_by_sentence ON recommendations(sentence_id);
CREATE INDEX recommendations_by_parent ON recommendations(parent_id);
CREATE INDEX recommendation_sentences_by_sentence ON recommendation_sentences(sentence_id);
CREATE INDEX parse_notes_by_topic ON parse_notes(topic_id);
CREATE INDEX cross_references_by_target ON cross_references(target_topic_id);
CREATE INDEX import_records_by_import ON import_records(import_id);
CREATE INDEX study_enrichments_by_record ON study_enrichments(record_id);
CREATE INDEX refs_by_journal ON refs(journal_id);

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
