-- 0009 server-side sessions: the sign-in cookie carries only a session's id, and the session itself is kept here, so
-- a sign-out, a lock or a deleted account ends it everywhere (a copied cookie is dead). Keep in step with the other
-- dialect's file and data-dictionary/fields.json.
CREATE TABLE sessions (
    session_id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users(user_name) ON DELETE CASCADE,
    ticket BLOB NOT NULL,
    expires_at BIGINT NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_name);
