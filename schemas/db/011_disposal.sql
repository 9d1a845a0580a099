-- 011: destruction (docs/disposal.md). A destruction list (销毁清册) is a
-- document of type destruction-list; these tables hold where it stands.
--
-- disposal_lists: one row per list: its state (proposed, approved,
--   rejected, executing, executed), the date it was drawn up as of, the
--   roles whose sign-off it needs (JSON array), its certificate once done.
-- disposal_lines: what the list proposes: listed, removed (with the
--   reason), destroyed, or skipped at execution (no longer eligible).
-- disposal_approvals: one sign-off per required role, each by another person.
-- destroyed: the residual record of each destroyed document (the documents
--   and archives rows stay: number, title, type, dates, class).
-- blob_removals: content whose last reference was destroyed, waiting for
--   its file (or its pack's rewrite) to go; rewrite_to names the pack being
--   written in its place, so that a rerun after a crash finishes the job.
-- archives.disposed: '' while kept here, 'destroyed' or 'transferred' once
-- disposed of (the same as the destroyed and transferred tables say), so
-- that what is due is found in one pass over the archive, without looking
-- up each record elsewhere.
ALTER TABLE archives ADD COLUMN disposed TEXT NOT NULL DEFAULT '';
UPDATE archives SET disposed = 'transferred' WHERE doc_id IN (SELECT doc_id FROM transferred);

CREATE TABLE disposal_lists (
  doc_id         TEXT PRIMARY KEY REFERENCES documents (id),
  status         TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'executing', 'executed')),
  as_of          TEXT NOT NULL,
  roles          TEXT NOT NULL,
  proposed_at    TEXT NOT NULL,
  proposed_by    TEXT NOT NULL,
  decided_at     TEXT NOT NULL DEFAULT '',  -- approved (last sign-off) or rejected
  reject_by      TEXT NOT NULL DEFAULT '',
  reject_reason  TEXT NOT NULL DEFAULT '',
  executed_at    TEXT NOT NULL DEFAULT '',
  executed_by    TEXT NOT NULL DEFAULT '',
  certificate_id TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX disposal_lists_by_status ON disposal_lists (status);

CREATE TABLE disposal_lines (
  list_id TEXT NOT NULL REFERENCES disposal_lists (doc_id),
  line    INTEGER NOT NULL,
  doc_id  TEXT NOT NULL REFERENCES documents (id),
  state   TEXT NOT NULL CHECK (state IN ('listed', 'removed', 'destroyed', 'skipped')),
  note    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (list_id, line)
) WITHOUT ROWID;
CREATE INDEX disposal_lines_by_doc ON disposal_lines (doc_id);

CREATE TABLE disposal_approvals (
  list_id TEXT NOT NULL REFERENCES disposal_lists (doc_id),
  role    TEXT NOT NULL,
  actor   TEXT NOT NULL,
  at      TEXT NOT NULL,
  comment TEXT NOT NULL,
  PRIMARY KEY (list_id, role)
) WITHOUT ROWID;

CREATE TABLE destroyed (
  doc_id       TEXT PRIMARY KEY REFERENCES documents (id),
  list_id      TEXT NOT NULL REFERENCES disposal_lists (doc_id),
  destroyed_at TEXT NOT NULL,
  destroyed_by TEXT NOT NULL,
  files        INTEGER NOT NULL,  -- file entries removed
  blobs        INTEGER NOT NULL,  -- contents removed from the store (not shared with a kept document)
  bytes        INTEGER NOT NULL   -- their bytes on disk
) WITHOUT ROWID;

CREATE INDEX blobs_by_pack ON blobs (pack, pack_offset);

CREATE TABLE blob_removals (
  sha256      TEXT PRIMARY KEY,
  pack        TEXT NOT NULL,
  pack_offset INTEGER NOT NULL,
  stored_size INTEGER NOT NULL,
  rewrite_to  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
