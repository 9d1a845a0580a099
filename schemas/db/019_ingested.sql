-- 019: what 'dossier ingest' registered, by the file's path below the folder
-- and its content, so that a rerun of an interrupted ingest (or of one that
-- finished) registers each file once: a file already registered is reported
-- with its number and skipped; a changed file is new content, a new document.
CREATE TABLE ingested (
  path    TEXT NOT NULL,   -- as found below the folder ("2019/合同/001.pdf")
  sha256  TEXT NOT NULL,   -- of the file's content
  doc_id  TEXT NOT NULL REFERENCES documents(id),
  at      TEXT NOT NULL,
  PRIMARY KEY (path, sha256)
) WITHOUT ROWID;
