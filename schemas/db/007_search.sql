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

-- One row per version of every document: what the index holds of it. Only
-- rows with current = 1 are searched unless history is asked for.
CREATE TABLE search_rows (
  id      INTEGER PRIMARY KEY,
  doc_id  TEXT NOT NULL REFERENCES documents (id),
  version INTEGER NOT NULL,
  current INTEGER NOT NULL,
  number  TEXT NOT NULL,  -- document number and archival code (档号)
  title   TEXT NOT NULL,
  meta    TEXT NOT NULL,  -- every metadata value, one a line
  UNIQUE (doc_id, version)
);

-- What the index reads back for snippets and for removing a row: the text
-- is not stored twice.
CREATE VIEW search_content AS
  SELECT id, number, title, meta, dossier_version_text(doc_id, version) AS body FROM search_rows;

-- bm25 weights (number 10, title 5, metadata 2, body 1) are given per query.
CREATE VIRTUAL TABLE search_index USING fts5(
  number, title, meta, body,
  content = 'search_content', content_rowid = 'id',
  tokenize = 'dossier'
);
