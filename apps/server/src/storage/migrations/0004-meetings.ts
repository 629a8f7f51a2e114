import type { Migration } from "../migrations.js";

export const m0004: Migration = {
  version: 4,
  name: "meetings, minutes approval, locked documents, versions, calendar feeds",
  sql: `
-- Fixed minutes and approved drafts: read-only for everyone (policy: documentAccess).
ALTER TABLE documents ADD COLUMN locked_at INTEGER;

CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  -- Local time in Japan, "2023-05-25T14:00".
  starts_at TEXT NOT NULL,
  ends_at TEXT,
  place TEXT NOT NULL DEFAULT '',
  online_url TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'draft',
  minutes_state TEXT NOT NULL DEFAULT 'drafting',
  -- The meeting's live document (minutes, agenda, attendance, outcomes).
  document_id TEXT NOT NULL REFERENCES documents(id),
  -- Snapshots taken at close: the minutes and that year's plan.
  minutes_version_id INTEGER,
  plan_version_id INTEGER,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER
);
CREATE UNIQUE INDEX meetings_number ON meetings(workspace_id, kind, COALESCE(group_id, ''), fiscal_year, number);
CREATE INDEX meetings_workspace ON meetings(workspace_id, starts_at);

CREATE TABLE meeting_invitees (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, user_id)
);

-- Attendance as it stood when the meeting closed (the indicators count it).
CREATE TABLE meeting_attendance (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('invited', 'attended', 'absent')),
  PRIMARY KEY (meeting_id, user_id)
);

-- Outcomes as they stood when the meeting closed, for the decisions list and search.
CREATE TABLE meeting_outcomes (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  ord TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('report', 'decision', 'action')),
  text TEXT NOT NULL,
  action_id TEXT,
  PRIMARY KEY (meeting_id, id)
);

-- Corrections to circulated minutes: a comment on a quoted passage, optionally a suggested text.
CREATE TABLE minutes_comments (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  quote TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  suggestion TEXT,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT REFERENCES users(id)
);
CREATE INDEX minutes_comments_meeting ON minutes_comments(meeting_id, created_at);

-- Versions of documents: the whole Yjs state at a moment, never rewritten.
CREATE TABLE doc_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_name TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL CHECK (reason IN ('named', 'meetingClose', 'approval', 'periodic', 'restore')),
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX doc_versions_doc ON doc_versions(doc_name, id);

-- Personal calendar feeds: the URL carries "<id>.<secret>"; only SHA-256(secret) is stored.
CREATE TABLE calendar_feeds (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX calendar_feeds_user ON calendar_feeds(user_id, workspace_id);
`,
};
