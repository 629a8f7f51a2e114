import type { Migration } from "../migrations.js";

export const m0013: Migration = {
  version: 13,
  name: "meeting papers: what a workspace writes on its notices and minutes",
  sql: `
-- One row per workspace once its secretariat has worded its papers; no row reads as the
-- defaults (empty texts: the papers fall back on the municipality and its secretariat).
CREATE TABLE meeting_paper_settings (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  sender TEXT NOT NULL DEFAULT '',
  number_prefix TEXT NOT NULL DEFAULT '',
  contact_office TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contact_email TEXT NOT NULL DEFAULT '',
  reply_method TEXT NOT NULL DEFAULT '',
  minutes_signers INTEGER NOT NULL DEFAULT 0 CHECK (minutes_signers BETWEEN 0 AND 3),
  updated_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL
);
`,
};
