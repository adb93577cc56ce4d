-- Schema 5 -> 6: `kbindex add` compares a record's title with the title of every study of the
-- same first author and years; the index of first authors now holds the title, so that those
-- titles are read from the index instead of a table page per study.
DROP INDEX studies_by_author;
CREATE INDEX studies_by_author ON studies(first_author_key, year, title);
