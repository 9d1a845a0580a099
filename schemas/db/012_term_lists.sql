-- 012: term lists (core/src/search/term_lists.h): for each term found in
-- many rows of search_index, how many rows hold it and its best rows, so
-- that a one-term query is answered without ranking every match.
--
-- search_terms: df = current rows holding the term; top = up to 128 rows
--   (row id, weighted count of the term, row size), best first by their
--   impact at the mean row size of search_term_state; floor = no row left
--   out of top has a higher impact.
-- search_term_state: one row once the lists are built (they are built when
--   the index first holds 2,000 rows, and again each time it has doubled,
--   and by reindex); none before, and searches then rank every match.
CREATE TABLE search_terms (
  term  TEXT PRIMARY KEY,
  df    INTEGER NOT NULL,
  floor REAL NOT NULL,
  top   BLOB NOT NULL
) WITHOUT ROWID;

CREATE TABLE search_term_state (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  avgdl0     REAL NOT NULL,     -- mean row size (tokens) when built
  rows0      INTEGER NOT NULL,  -- rows in search_index when built
  min_df     INTEGER NOT NULL,  -- terms in at least this many rows have a list
  generation INTEGER NOT NULL   -- counts the builds
);
