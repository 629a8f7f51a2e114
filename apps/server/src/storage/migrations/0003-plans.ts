import type { Migration } from "../migrations.js";

export const m0003: Migration = {
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
};
