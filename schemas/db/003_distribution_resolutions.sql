-- 003: distribution of copies (副本分发) and resolutions of minutes.

-- Who received a document, and when: copies of a signed contract given to
-- the departments that perform it, or minutes sent to their distribution list.
CREATE TABLE distributions (
  seq       INTEGER PRIMARY KEY,
  doc_id    TEXT NOT NULL REFERENCES documents (id),
  recipient TEXT NOT NULL,
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  note      TEXT NOT NULL
);
CREATE INDEX distributions_by_doc ON distributions (doc_id, seq);

-- Resolutions of minutes as tracked items, created when the minutes are
-- reviewed (their content is frozen from then on). Overdue is computed
-- from due and the date, never stored.
CREATE TABLE resolutions (
  doc_id  TEXT NOT NULL REFERENCES documents (id),
  item    INTEGER NOT NULL,  -- 1-based position in the minutes' resolutions
  text    TEXT NOT NULL,
  owner   TEXT NOT NULL,
  due     TEXT NOT NULL,     -- YYYY-MM-DD
  status  TEXT NOT NULL,     -- open | done
  done_at TEXT NOT NULL DEFAULT '',
  done_by TEXT NOT NULL DEFAULT '',
  note    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (doc_id, item)
) WITHOUT ROWID;
CREATE INDEX resolutions_by_owner ON resolutions (owner, status);
