-- 006: the seal-usage register (印章使用登记): a request to use a named
-- seal on a document, the keeper's decision, the use, and the seal's return.
CREATE TABLE seal_uses (
  seq          INTEGER PRIMARY KEY,
  doc_id       TEXT NOT NULL REFERENCES documents (id),
  seal         TEXT NOT NULL,
  purpose      TEXT NOT NULL,
  status       TEXT NOT NULL,  -- requested | approved | rejected | used | returned
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  decided_by   TEXT NOT NULL DEFAULT '',
  decided_at   TEXT NOT NULL DEFAULT '',
  comment      TEXT NOT NULL DEFAULT '',
  used_at      TEXT NOT NULL DEFAULT '',
  returned_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX seal_uses_by_seal ON seal_uses (seal, requested_at);
