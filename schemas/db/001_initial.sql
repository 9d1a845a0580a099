-- 001: the catalog of a Dossier repository.
-- Applied once, in the transaction that records it in schema_migrations.
-- Enum-like codes (roles, relation kinds, encodings) are stored as text and
-- never renamed; confidentiality is stored as 0..3 (公开 内部 秘密 机密).

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
  name       TEXT PRIMARY KEY,
  role       TEXT NOT NULL,
  clearance  INTEGER NOT NULL CHECK (clearance BETWEEN 0 AND 3),
  active     INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
) WITHOUT ROWID;

-- The content store's index: where each blob lives. pack is '' for a loose
-- file store/ab/cdef..., else the record is at pack_offset in
-- store/packs/<pack>.pack.
CREATE TABLE blobs (
  sha256      TEXT PRIMARY KEY,
  size        INTEGER NOT NULL,
  stored_size INTEGER NOT NULL,
  encoding    TEXT NOT NULL,
  pack        TEXT NOT NULL DEFAULT '',
  pack_offset INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE documents (
  id              TEXT PRIMARY KEY,
  type            TEXT NOT NULL,
  number          TEXT NOT NULL UNIQUE,
  number_scope    TEXT NOT NULL,
  number_seq      INTEGER NOT NULL,
  title           TEXT NOT NULL,
  confidentiality INTEGER NOT NULL CHECK (confidentiality BETWEEN 0 AND 3),
  status          TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  dept            TEXT NOT NULL DEFAULT '',
  counterparty    TEXT NOT NULL DEFAULT '',
  doc_date        TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  created_by      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX documents_by_type ON documents (type, doc_date);
CREATE INDEX documents_by_scope ON documents (number_scope, number_seq);
CREATE INDEX documents_by_date ON documents (doc_date);

CREATE TABLE versions (
  doc_id     TEXT NOT NULL REFERENCES documents (id),
  version    INTEGER NOT NULL,
  parent     INTEGER NOT NULL,
  title      TEXT NOT NULL,
  metadata   TEXT NOT NULL,
  author     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  comment    TEXT NOT NULL,
  digest     TEXT NOT NULL,
  PRIMARY KEY (doc_id, version)
) WITHOUT ROWID;

CREATE TABLE version_files (
  doc_id  TEXT NOT NULL,
  version INTEGER NOT NULL,
  name    TEXT NOT NULL,
  sha256  TEXT NOT NULL REFERENCES blobs (sha256),
  size    INTEGER NOT NULL,
  PRIMARY KEY (doc_id, version, name),
  FOREIGN KEY (doc_id, version) REFERENCES versions (doc_id, version)
) WITHOUT ROWID;
CREATE INDEX version_files_by_blob ON version_files (sha256);

CREATE TABLE relations (
  from_id    TEXT NOT NULL REFERENCES documents (id),
  kind       TEXT NOT NULL,
  to_id      TEXT NOT NULL REFERENCES documents (id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  PRIMARY KEY (from_id, kind, to_id)
) WITHOUT ROWID;
CREATE INDEX relations_to ON relations (to_id);

-- The last sequence handed out per numbering scope. Advanced in the same
-- transaction that registers the document, so a failed registration
-- consumes nothing.
CREATE TABLE number_sequences (
  scope TEXT PRIMARY KEY,
  type  TEXT NOT NULL,
  last  INTEGER NOT NULL
) WITHOUT ROWID;

-- The audit trail. hash = SHA-256 over prev_hash and the entry's fields;
-- see docs/architecture.md for the exact text hashed.
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  object    TEXT NOT NULL,
  details   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
CREATE INDEX audit_by_object ON audit (object);
