-- 008: documents imported from packages another Dossier repository exported
-- (docs/formats/bagit.md).
--
-- imports: one row per import, what was read from where.
-- provenance: the audit entries the package carried for each document,
-- exactly as the exporting repository chained them (their hashes still
-- check). They are the document's history before it came here; this
-- repository's own trail starts with its "import" entry.
-- numbers_elsewhere: sequences of a numbering scope that an import skipped
-- over (the package came without those documents): held elsewhere, not
-- missing here, so 'numbers check' and 'verify' do not call them gaps.
CREATE TABLE imports (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  by        TEXT NOT NULL,
  source    TEXT NOT NULL,
  format    TEXT NOT NULL,
  documents INTEGER NOT NULL
);

CREATE TABLE provenance (
  doc_id       TEXT NOT NULL REFERENCES documents (id),
  seq          INTEGER NOT NULL,  -- the entry's seq in the exporting repository
  import_seq   INTEGER NOT NULL REFERENCES imports (seq),
  at           TEXT NOT NULL,
  actor        TEXT NOT NULL,
  action       TEXT NOT NULL,
  object       TEXT NOT NULL,
  details_json TEXT NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL,
  PRIMARY KEY (doc_id, seq)
) WITHOUT ROWID;

CREATE TABLE numbers_elsewhere (
  scope      TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  import_seq INTEGER NOT NULL REFERENCES imports (seq),
  PRIMARY KEY (scope, seq)
) WITHOUT ROWID;
