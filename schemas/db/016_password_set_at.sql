-- 016: when each password was set, so that a one-time password (init's, or
-- one an admin set as temporary) stops working after a while
-- (config/server.json passwords.one_time_hours). Passwords set before this
-- migration count as set now.
ALTER TABLE users ADD COLUMN password_set_at TEXT NOT NULL DEFAULT '';
UPDATE users SET password_set_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE password_hash != '';
