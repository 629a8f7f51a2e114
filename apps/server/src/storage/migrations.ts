/**
 * Schema migrations, applied in order at start-up inside one transaction each.
 * Never edit a shipped migration: add a new one.
 * Times are integer milliseconds since the epoch.
 */
import type { Database } from "./database.js";

export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "accounts, workspaces, sessions, documents, audit",
    sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  organization TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  disabled_at INTEGER,
  created_at INTEGER NOT NULL,
  password_changed_at INTEGER NOT NULL
);

CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  prefecture TEXT NOT NULL,
  lg_code TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('secretariat', 'member', 'coordinator', 'observer')),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE groups (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('plenary', 'division', 'team', 'secretariat')),
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_members_user ON group_members(user_id);

-- Lucia-style sessions: the token is "<id>.<secret>"; only SHA-256(secret) is stored.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invites (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  secret_hash BLOB NOT NULL,
  email TEXT,
  role TEXT NOT NULL CHECK (role IN ('secretariat', 'member', 'coordinator', 'observer')),
  group_ids TEXT NOT NULL DEFAULT '[]',
  created_by TEXT NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  used_by TEXT REFERENCES users(id),
  revoked_at INTEGER
);
CREATE INDEX invites_workspace ON invites(workspace_id);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  group_id TEXT REFERENCES groups(id) ON DELETE SET NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  doc_name TEXT NOT NULL UNIQUE,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX documents_workspace ON documents(workspace_id);

-- Yjs storage: an append-only log of updates per document, folded into a snapshot
-- (a single merged update) by compaction. id orders updates within a document.
CREATE TABLE doc_updates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_name TEXT NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX doc_updates_doc ON doc_updates(doc_name, id);

CREATE TABLE doc_snapshots (
  doc_name TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  last_update_id INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Append-only audit log: triggers refuse UPDATE and DELETE.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  workspace_id TEXT,
  actor_user_id TEXT,
  event TEXT NOT NULL,
  target TEXT,
  ip TEXT,
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_workspace ON audit_log(workspace_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
`,
  },
  {
    version: 2,
    name: "per-workspace disabling of members",
    sql: `
-- A secretariat disables a member in its own workspace, not the account everywhere.
ALTER TABLE memberships ADD COLUMN disabled_at INTEGER;
`,
  },
  {
    version: 3,
    name: "fiscal-year plans: documents per 年度, read model, changes, comments and mentions",
    sql: `
-- One plan document per workspace and 年度.
ALTER TABLE documents ADD COLUMN fiscal_year INTEGER;
CREATE UNIQUE INDEX documents_plan_year ON documents(workspace_id, fiscal_year) WHERE kind = 'plan';

-- The read model: rows projected from the plan documents after they are stored. It can be
-- dropped and rebuilt from doc_updates/doc_snapshots at any time.
CREATE TABLE plan_projections (
  doc_name TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  vision TEXT NOT NULL DEFAULT '',
  scene_goals TEXT NOT NULL DEFAULT '{}',
  invalid_rows TEXT NOT NULL DEFAULT '[]',
  projected_at INTEGER NOT NULL
);

CREATE TABLE plan_goals (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  ord TEXT NOT NULL,
  code TEXT NOT NULL,
  term TEXT NOT NULL,
  scene TEXT,
  text TEXT NOT NULL,
  PRIMARY KEY (doc_name, id)
);

CREATE TABLE plan_problems (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  ord TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  scenes TEXT NOT NULL,
  items TEXT NOT NULL,
  source TEXT NOT NULL,
  owner_group_id TEXT,
  status TEXT NOT NULL,
  action_ids TEXT NOT NULL,
  PRIMARY KEY (doc_name, id)
);

CREATE TABLE plan_actions (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  ord TEXT NOT NULL,
  title TEXT NOT NULL,
  detail TEXT NOT NULL,
  scenes TEXT NOT NULL,
  items TEXT NOT NULL,
  goal_codes TEXT NOT NULL,
  owner_group_id TEXT,
  owner_user_id TEXT,
  owner_name TEXT NOT NULL,
  period_start TEXT,
  period_end TEXT,
  status TEXT NOT NULL,
  progress INTEGER NOT NULL,
  weight INTEGER NOT NULL,
  problem_ids TEXT NOT NULL,
  indicator_ids TEXT NOT NULL,
  grade TEXT,
  evaluation_comment TEXT NOT NULL,
  next_step TEXT NOT NULL,
  carried_from TEXT,
  PRIMARY KEY (doc_name, id)
);

CREATE TABLE plan_schedule_rows (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  ord TEXT NOT NULL,
  activity TEXT NOT NULL,
  action_ids TEXT NOT NULL,
  PRIMARY KEY (doc_name, id)
);

CREATE TABLE plan_schedule_events (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  at_when TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (doc_name, id)
);

CREATE TABLE plan_periods (
  doc_name TEXT NOT NULL,
  id TEXT NOT NULL,
  ord TEXT NOT NULL,
  name TEXT NOT NULL,
  start_fiscal_year INTEGER NOT NULL,
  end_fiscal_year INTEGER NOT NULL,
  PRIMARY KEY (doc_name, id)
);

-- Who changed which plan row and when, found by comparing projections.
CREATE TABLE plan_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  doc_name TEXT NOT NULL,
  at INTEGER NOT NULL,
  user_ids TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  row_title TEXT NOT NULL,
  change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed')),
  fields TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX plan_changes_doc ON plan_changes(doc_name, id);

-- Row comments are authored messages, not co-edited text: the server stamps author and time.
CREATE TABLE plan_comments (
  id TEXT PRIMARY KEY,
  doc_name TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX plan_comments_row ON plan_comments(doc_name, tbl, row_id, created_at);

CREATE TABLE mentions (
  comment_id TEXT NOT NULL REFERENCES plan_comments(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  read_at INTEGER,
  PRIMARY KEY (comment_id, user_id)
);
CREATE INDEX mentions_user ON mentions(user_id, read_at);
`,
  },
  {
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
  },
  {
    version: 5,
    name: "working-group drafts: status, public page, comments on a passage",
    sql: `
ALTER TABLE documents ADD COLUMN draft_status TEXT;
-- Set while a draft is published: its page is /p/<public_id>, readable without login.
ALTER TABLE documents ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX documents_public ON documents(public_id) WHERE public_id IS NOT NULL;
UPDATE documents SET draft_status = 'drafting' WHERE kind = 'draft';

CREATE TABLE document_comments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  quote TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT REFERENCES users(id)
);
CREATE INDEX document_comments_doc ON document_comments(document_id, created_at);
`,
  },
  {
    version: 6,
    name: "indicators: definitions, values with history, population bases, region groups",
    sql: `
CREATE TABLE indicators (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('S', 'P', 'O')),
  unit TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL CHECK (kind IN ('count', 'rate', 'yesno', 'score')),
  normalisation TEXT NOT NULL DEFAULT 'none',
  direction TEXT NOT NULL DEFAULT 'up',
  source TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  scenes TEXT NOT NULL DEFAULT '[]',
  items TEXT NOT NULL DEFAULT '[]',
  monthly INTEGER NOT NULL DEFAULT 0,
  derived TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (workspace_id, code)
);

-- One row per indicator, 年度 and month (0 = the whole year).
CREATE TABLE indicator_values (
  indicator_id TEXT NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  month INTEGER NOT NULL DEFAULT 0,
  value REAL,
  numerator REAL,
  denominator REAL,
  target REAL,
  source TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  entered_by TEXT REFERENCES users(id),
  entered_at INTEGER NOT NULL,
  PRIMARY KEY (indicator_id, fiscal_year, month)
);

-- Every change of a value, append-only.
CREATE TABLE indicator_value_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  indicator_id TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  before TEXT,
  after TEXT,
  changed_by TEXT REFERENCES users(id),
  changed_at INTEGER NOT NULL
);
CREATE INDEX indicator_value_history_key ON indicator_value_history(indicator_id, fiscal_year, month, id);
CREATE TRIGGER indicator_value_history_no_update BEFORE UPDATE ON indicator_value_history
  BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

CREATE TABLE populations (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  total INTEGER,
  aged65 INTEGER,
  aged75 INTEGER,
  PRIMARY KEY (workspace_id, fiscal_year)
);

-- Municipalities that compare indicators (a 広域 group, a prefecture). Only indicator values
-- are shared between members, never plans.
CREATE TABLE region_groups (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('wide', 'prefecture')),
  created_at INTEGER NOT NULL
);
CREATE TABLE region_group_members (
  group_id TEXT NOT NULL REFERENCES region_groups(id) ON DELETE CASCADE,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, workspace_id)
);
`,
  },
  {
    version: 7,
    name: "row comments keep the title their row had when they were written",
    sql: `
-- The read model may lag a row added a moment ago; a mention must still name its row.
ALTER TABLE plan_comments ADD COLUMN row_title TEXT NOT NULL DEFAULT '';
`,
  },
];

export async function migrate(db: Database): Promise<number> {
  await db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
  );
  const row = await db.get<{ v: number | null }>("SELECT MAX(version) AS v FROM schema_migrations");
  const current = row?.v ?? 0;
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        m.version,
        m.name,
        Date.now(),
      ]);
    });
  }
  return MIGRATIONS.at(-1)?.version ?? 0;
}
