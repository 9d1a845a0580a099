-- 007: full-text search (docs/search.md).
--
-- blob_text: the text extracted from each stored file, once per blob
-- (content-addressed like the store), zlib-compressed. kind says how it was
-- read; note says why there is no text ('' when there is).
CREATE TABLE blob_text (
  sha256 TEXT PRIMARY KEY REFERENCES blobs (sha256),
  kind   TEXT NOT NULL,
  note   TEXT NOT NULL,
  size   INTEGER NOT NULL,  -- bytes of UTF-8 text
  text   BLOB NOT NULL
) WITHOUT ROWID;

-- One row per version of every document: what the index holds of it.
CREATE TABLE search_rows (
  id      INTEGER PRIMARY KEY,
  doc_id  TEXT NOT NULL REFERENCES documents (id),
  version INTEGER NOT NULL,
  current INTEGER NOT NULL,  -- 1 for the newest version of its document
  number  TEXT NOT NULL,     -- document number and archival code (档号)
  title   TEXT NOT NULL,
  meta    TEXT NOT NULL,     -- every metadata value, one a line
  UNIQUE (doc_id, version)
);

-- What the indexes read back for snippets and for removing a row: the text
-- is not stored twice.
CREATE VIEW search_current AS
  SELECT id, number, title, meta, dossier_version_text(doc_id, version) AS body FROM search_rows WHERE current = 1;
CREATE VIEW search_past AS
  SELECT id, number, title, meta, dossier_version_text(doc_id, version) AS body FROM search_rows WHERE current = 0;

-- The newest versions, which a search reads unless history is asked for;
-- older versions in an index of their own, so that a search never ranks
-- rows it would then throw away. bm25 weights (number 10, title 5,
-- metadata 2, body 1) are given per query.
CREATE VIRTUAL TABLE search_index USING fts5(
  number, title, meta, body,
  content = 'search_current', content_rowid = 'id',
  tokenize = 'dossier'
);
CREATE VIRTUAL TABLE search_history USING fts5(
  number, title, meta, body,
  content = 'search_past', content_rowid = 'id',
  tokenize = 'dossier'
);

-- Whether a search must check each match against the actor's clearance.
CREATE INDEX documents_by_confidentiality ON documents (confidentiality);
