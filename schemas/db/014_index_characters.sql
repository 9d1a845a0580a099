-- 014: a one-character search reads an index of characters.
--
-- The tokenizer no longer indexes every Chinese character alone beside its
-- bigram, only each run's last character (core/src/search/tokenizer.h):
-- every character then starts exactly one term, and 档 is the prefix query
-- 档*. Those entries, with their places, were a third of the index
-- (bench/search: the index 0.73x trigram's with them, 0.50x without).
--
-- Merging the lists of every bigram that starts with a common character
-- takes FTS5 hundreds of milliseconds, so a one-character search finds its
-- rows in search_index_chars / search_history_chars: which characters each
-- row holds, without places (detail=none, 7 MB for 20,000 documents), and
-- scores them from their text (core/src/catalog/search_catalog.cpp).
--
-- The indexes are rebuilt here, in the migration's transaction; the term
-- lists are built again by the next write (or `dossier reindex`).
DROP TABLE search_index;
DROP TABLE search_history;

CREATE VIRTUAL TABLE search_index USING fts5(
  body, number, title, meta,
  content = 'search_current', content_rowid = 'id',
  tokenize = 'dossier'
);
CREATE VIRTUAL TABLE search_history USING fts5(
  body, number, title, meta,
  content = 'search_past', content_rowid = 'id',
  tokenize = 'dossier'
);
CREATE VIRTUAL TABLE search_index_chars USING fts5(
  body, number, title, meta,
  content = 'search_current', content_rowid = 'id',
  tokenize = 'dossier characters', detail = none
);
CREATE VIRTUAL TABLE search_history_chars USING fts5(
  body, number, title, meta,
  content = 'search_past', content_rowid = 'id',
  tokenize = 'dossier characters', detail = none
);

INSERT INTO search_index (search_index, rank) VALUES ('automerge', 0);
INSERT INTO search_history (search_history, rank) VALUES ('automerge', 0);
INSERT INTO search_index_chars (search_index_chars, rank) VALUES ('automerge', 0);
INSERT INTO search_history_chars (search_history_chars, rank) VALUES ('automerge', 0);
INSERT INTO search_index (search_index) VALUES ('rebuild');
INSERT INTO search_history (search_history) VALUES ('rebuild');
INSERT INTO search_index_chars (search_index_chars) VALUES ('rebuild');
INSERT INTO search_history_chars (search_history_chars) VALUES ('rebuild');
INSERT INTO search_index (search_index) VALUES ('optimize');
INSERT INTO search_history (search_history) VALUES ('optimize');
INSERT INTO search_index_chars (search_index_chars) VALUES ('optimize');
INSERT INTO search_history_chars (search_history_chars) VALUES ('optimize');
INSERT INTO search_index (search_index, rank) VALUES ('automerge', 4);
INSERT INTO search_history (search_history, rank) VALUES ('automerge', 4);
INSERT INTO search_index_chars (search_index_chars, rank) VALUES ('automerge', 4);
INSERT INTO search_history_chars (search_history_chars, rank) VALUES ('automerge', 4);

DELETE FROM search_term_tops;
DELETE FROM search_terms;
DELETE FROM search_term_state;
