-- 018: the keys whose signatures this repository accepts on imported records:
-- its own (own = 1; the private half lives outside the repository, in the
-- file config/signing.json names) and those an admin trusts with
-- 'dossier trust add'. A key no longer trusted keeps its row, with the time
-- it was removed, so that the trail can say who signed what was imported.
CREATE TABLE signing_keys (
  key_id      TEXT PRIMARY KEY,   -- KeyId(): 16 hex digits of its SHA-256
  public_key  BLOB NOT NULL,      -- the 32 bytes
  label       TEXT NOT NULL,
  own         INTEGER NOT NULL,
  added_at    TEXT NOT NULL,
  added_by    TEXT NOT NULL,
  removed_at  TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
