import type { Migration } from "../migrations.js";

export const m0010: Migration = {
  version: 10,
  name: "two-step verification (TOTP, recovery codes, login challenges, workspace policy)",
  sql: `
-- TOTP key of an enrolled person; the last 30-second step used (no replay); a key being set up.
ALTER TABLE users ADD COLUMN totp_key BLOB;
ALTER TABLE users ADD COLUMN totp_enabled_at INTEGER;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_pending_key BLOB;

-- One-time recovery codes: SHA-256 of each, spent once.
CREATE TABLE recovery_codes (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
);

-- A password checked, the second step pending: grants nothing but that step.
CREATE TABLE login_challenges (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('verify', 'enrol')),
  pending_key BLOB,
  failures INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX login_challenges_user ON login_challenges(user_id);

-- The secretariat makes two-step verification mandatory for its secretariat and coordinators.
ALTER TABLE workspaces ADD COLUMN two_factor_required INTEGER NOT NULL DEFAULT 0;
`,
};
