-- 012: term lists (core/src/search/term_lists.h): for each term found in
-- many rows of search_index, how many rows hold it and its best rows, so
-- that a one-term query is answered without ranking every match.
--
-- search_terms: df = current rows holding the term; floor = no row left
--   out of its best rows has a higher impact; cutoff = the impact of the
--   last of its best rows once they are 128 (-1 while there is room), so
--   that a new row that does not beat it changes only this small row.
-- search_term_tops: the best rows (row id, weighted count of the term, row
--   size; 16 bytes each, up to 128), best first by their impact at the mean
--   row size of search_term_state.
-- search_term_state: one row once the lists are built (they are built when
--   the index first holds 5,000 rows, and again each time it has grown
--   fourfold, and by reindex); none before, and searches then rank every
--   match.
CREATE TABLE search_terms (
  term   TEXT PRIMARY KEY,
  df     INTEGER NOT NULL,
  floor  REAL NOT NULL,
  cutoff REAL NOT NULL
) WITHOUT ROWID;

CREATE TABLE search_term_tops (
  term TEXT PRIMARY KEY REFERENCES search_terms (term),
  top  BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE search_term_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  avgdl0     REAL NOT NULL,     -- mean row size (tokens) when built
  rows0      INTEGER NOT NULL,  -- rows in search_index when built
  min_df     INTEGER NOT NULL,  -- terms in at least this many rows have a list
  generation INTEGER NOT NULL   -- counts the builds
);
