import type { Migration } from "../migrations.js";

export const m0006: Migration = {
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
};
