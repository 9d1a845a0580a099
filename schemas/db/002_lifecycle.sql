-- 002: lifecycle. Every step a document takes through its workflow: the
-- review trail (approve, reject with reason, request changes) and every
-- other transition (submit, sign, distribute, ...). A document's current
-- state is documents.status; round counts how often it has been returned to
-- its first state, so that approvals of an earlier round never count again.
CREATE TABLE steps (
  seq        INTEGER PRIMARY KEY,
  doc_id     TEXT NOT NULL REFERENCES documents (id),
  round      INTEGER NOT NULL,
  action     TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  actor      TEXT NOT NULL,
  role       TEXT NOT NULL,
  at         TEXT NOT NULL,
  comment    TEXT NOT NULL,
  review     INTEGER NOT NULL  -- 1 for review decisions (approve, reject, request-changes)
);
CREATE INDEX steps_by_doc ON steps (doc_id, seq);

ALTER TABLE documents ADD COLUMN round INTEGER NOT NULL DEFAULT 1;
CREATE INDEX documents_by_status ON documents (status);
