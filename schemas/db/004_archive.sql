-- 004: archiving. Each archived document: the archival reference code (档号,
-- DA/T 22-2015) of the unit it belongs to, its piece number in that unit,
-- the retention class and the archive date. A contract's whole file (the
-- contract, its agreements and attachments) is one unit.
CREATE TABLE archives (
  doc_id           TEXT PRIMARY KEY REFERENCES documents (id),
  archive_code     TEXT NOT NULL,
  code_scope       TEXT NOT NULL,                             -- numbering scope of the code
  code_item        INTEGER NOT NULL,                          -- its item number in that scope
  unit_id          TEXT NOT NULL REFERENCES documents (id),  -- the unit's main document
  piece            INTEGER NOT NULL,                          -- 1 for the main document
  retention        TEXT NOT NULL,                             -- Y, D30, D10, ...
  retention_reason TEXT NOT NULL,
  archived_at      TEXT NOT NULL,
  archived_by      TEXT NOT NULL,
  UNIQUE (archive_code, piece)
) WITHOUT ROWID;
CREATE INDEX archives_by_unit ON archives (unit_id, piece);
CREATE INDEX archives_by_scope ON archives (code_scope, code_item);
