-- 015: identity. Passwords (Argon2id, in the PHC string format, salt
-- included), sign-in sessions, API tokens and failed sign-ins. Secrets are
-- never stored: sessions and tokens are found by the SHA-256 of theirs.

ALTER TABLE users ADD COLUMN password_hash TEXT NOT NULL DEFAULT '';
-- 1 when the password was made for the user (init's one-time password, or
-- one an admin set as temporary): the user must choose their own first.
ALTER TABLE users ADD COLUMN password_must_change INTEGER NOT NULL DEFAULT 0;

CREATE TABLE sessions (
  secret_hash  TEXT PRIMARY KEY,  -- SHA-256 of the cookie's value
  id           TEXT NOT NULL UNIQUE,  -- public name of the session
  user_name    TEXT NOT NULL REFERENCES users (name),
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  address      TEXT NOT NULL,
  user_agent   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions (user_name);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  secret_hash  TEXT NOT NULL UNIQUE,
  user_name    TEXT NOT NULL REFERENCES users (name),
  label        TEXT NOT NULL,
  read_only    INTEGER NOT NULL,
  created_at   TEXT NOT NULL,
  created_by   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,  -- YYYY-MM-DD, valid through that day (UTC)
  revoked_at   TEXT NOT NULL DEFAULT '',
  last_used_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_name);

-- Failed sign-ins of the last window, for lockout; older rows are pruned.
CREATE TABLE sign_in_failures (
  at        TEXT NOT NULL,
  user_name TEXT NOT NULL,
  address   TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_user ON sign_in_failures (user_name, at);
CREATE INDEX sign_in_failures_by_address ON sign_in_failures (address, at);
