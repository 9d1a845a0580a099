-- 009: transfers (移交) of archived documents to another archive
-- (docs/formats/bagit.md, dossier transfer).
--
-- transfers: one row per transfer: to whom, which packages carried it.
-- transferred: the documents each transfer handed over; a document is
-- transferred once.
CREATE TABLE transfers (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  recipient TEXT NOT NULL,
  note      TEXT NOT NULL,
  packages  TEXT NOT NULL,  -- JSON array of the package files as named
  documents INTEGER NOT NULL
);

CREATE TABLE transferred (
  doc_id       TEXT PRIMARY KEY REFERENCES documents (id),
  transfer_seq INTEGER NOT NULL REFERENCES transfers (seq)
) WITHOUT ROWID;
CREATE INDEX transferred_by_transfer ON transferred (transfer_seq);
