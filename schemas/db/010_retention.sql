-- 010: retention (docs/retention.md). Each archived document's clock: the
-- event that started it (a code of schemas/retention, as the class said when
-- the clock was set) and that event's date; the date it is kept until after
-- a review extended it. Its disposition date is computed from these and the
-- class, so a corrected schedule applies at once.
ALTER TABLE archives ADD COLUMN clock_event TEXT NOT NULL DEFAULT 'archive_date';
ALTER TABLE archives ADD COLUMN clock_start TEXT NOT NULL DEFAULT '';
ALTER TABLE archives ADD COLUMN extended_until TEXT NOT NULL DEFAULT '';
UPDATE archives SET clock_start = substr(archived_at, 1, 10);
-- What is due: per class, the clocks started on or before a date.
CREATE INDEX archives_by_clock ON archives (retention, clock_event, clock_start);

-- Holds (冻结 / legal hold). target: the document (scope 'document'), the
-- main document of the file ('file'); query: the filter as JSON ('query').
-- A hold is released, never deleted.
CREATE TABLE holds (
  id             INTEGER PRIMARY KEY,
  scope          TEXT NOT NULL CHECK (scope IN ('document', 'file', 'query')),
  target         TEXT NOT NULL,
  label          TEXT NOT NULL,
  query          TEXT NOT NULL,
  reason         TEXT NOT NULL,
  authority      TEXT NOT NULL,
  placed_at      TEXT NOT NULL,
  placed_by      TEXT NOT NULL,
  released_at    TEXT NOT NULL DEFAULT '',
  released_by    TEXT NOT NULL DEFAULT '',
  release_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX holds_by_target ON holds (target);
