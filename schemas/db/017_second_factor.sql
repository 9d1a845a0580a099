-- 017: the second factor of a sign-in. A user's authenticator key (RFC 6238,
-- shared with their app, so kept as it is: the catalog is the service
-- account's alone, 0600) and the last 30-second step whose code was used (a
-- code works once). `confirmed_at` is '' until the user has typed a first
-- code: only a confirmed key is asked for at sign-in.
CREATE TABLE second_factors (
  user_name    TEXT PRIMARY KEY REFERENCES users (name),
  totp_key     BLOB NOT NULL,
  created_at   TEXT NOT NULL,
  confirmed_at TEXT NOT NULL DEFAULT '',
  last_step    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Recovery codes, for a lost phone: each works once, and only its SHA-256 is
-- kept (120 random bits each: no dictionary to search).
CREATE TABLE recovery_codes (
  code_hash TEXT PRIMARY KEY,
  user_name TEXT NOT NULL REFERENCES users (name),
  used_at   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX recovery_codes_by_user ON recovery_codes (user_name);
