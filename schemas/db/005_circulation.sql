-- 005: circulation (文件传阅/借阅登记): a document's file, or its paper
-- original, lent to a person until a due date, and its return.
CREATE TABLE loans (
  seq         INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL REFERENCES documents (id),
  borrower    TEXT NOT NULL,
  original    INTEGER NOT NULL,  -- 1: the paper original; 0: the electronic file
  lent_at     TEXT NOT NULL,
  lent_by     TEXT NOT NULL,
  due         TEXT NOT NULL,     -- YYYY-MM-DD
  returned_at TEXT NOT NULL DEFAULT '',
  returned_by TEXT NOT NULL DEFAULT '',
  note        TEXT NOT NULL
);
CREATE INDEX loans_by_doc ON loans (doc_id, seq);
CREATE INDEX loans_open ON loans (returned_at, due);
