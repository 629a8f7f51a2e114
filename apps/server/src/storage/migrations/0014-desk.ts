import type { Migration } from "../migrations.js";

/**
 * The consultation desk (相談支援). Identifying fields never have a column of their own: a
 * case's and a contact's are one AES-256-GCM ciphertext each (`personal`, with the id of its
 * key in `key_id`), and the exact-name search reads keyed hashes (`consultation_name_index`).
 * Everything else is coded, for the statistics that outlive the retention period.
 */
export const m0014: Migration = {
  version: 14,
  name: "consultation desk: desks, areas, cases, contacts, published examples",
  sql: `
CREATE TABLE desks (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  hours TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  how_to_consult TEXT NOT NULL DEFAULT '',
  default_method TEXT NOT NULL DEFAULT 'phone',
  default_area_id TEXT,
  on_public_page INTEGER NOT NULL DEFAULT 0,
  sort_order INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (workspace_id, name)
);

-- The coordinators who keep a desk's records (the secretariat keeps every desk's).
CREATE TABLE desk_staff (
  desk_id TEXT NOT NULL REFERENCES desks(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (desk_id, user_id)
);
CREATE INDEX desk_staff_user ON desk_staff(user_id);

-- 日常生活圏域 of the municipality.
CREATE TABLE desk_areas (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, name)
);

-- A case: the person concerned and the thread of contacts about them.
CREATE TABLE consultation_cases (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  desk_id TEXT NOT NULL REFERENCES desks(id),
  case_no INTEGER NOT NULL,
  age_band TEXT NOT NULL,
  sex TEXT NOT NULL,
  care_level TEXT NOT NULL,
  living TEXT NOT NULL,
  main_condition TEXT NOT NULL,
  area_id TEXT REFERENCES desk_areas(id) ON DELETE SET NULL,
  personal TEXT,
  key_id TEXT,
  last_contact_at TEXT NOT NULL,
  demo INTEGER NOT NULL DEFAULT 0,
  anonymised_at INTEGER,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (workspace_id, case_no)
);
CREATE INDEX consultation_cases_desk ON consultation_cases(desk_id);
CREATE INDEX consultation_cases_key ON consultation_cases(key_id);
CREATE INDEX consultation_cases_retention ON consultation_cases(anonymised_at, last_contact_at);

-- Keyed hashes (HMAC-SHA-256) of a case's name and kana, for the exact-name search.
CREATE TABLE consultation_name_index (
  case_id TEXT NOT NULL REFERENCES consultation_cases(id) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  key_id TEXT NOT NULL,
  PRIMARY KEY (case_id, hash)
);
CREATE INDEX consultation_name_index_hash ON consultation_name_index(hash);

-- One contact of a case (a call, a visit): what statistics count.
CREATE TABLE consultations (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  case_id TEXT NOT NULL REFERENCES consultation_cases(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  received_at TEXT NOT NULL,
  fiscal_year INTEGER NOT NULL,
  month INTEGER NOT NULL,
  method TEXT NOT NULL,
  consulter_type TEXT NOT NULL,
  minutes INTEGER,
  follow_up_due TEXT,
  follow_up_status TEXT NOT NULL DEFAULT 'none',
  referral_resource_id TEXT,
  referral_organisation TEXT,
  personal TEXT,
  key_id TEXT,
  staff_user_id TEXT REFERENCES users(id),
  demo INTEGER NOT NULL DEFAULT 0,
  anonymised_at INTEGER,
  created_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (case_id, seq)
);
CREATE INDEX consultations_workspace_time ON consultations(workspace_id, received_at);
CREATE INDEX consultations_year ON consultations(workspace_id, fiscal_year, month);
CREATE INDEX consultations_key ON consultations(key_id);
CREATE INDEX consultations_follow_up ON consultations(workspace_id, follow_up_status, follow_up_due);

CREATE TABLE consultation_topics (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  topic TEXT NOT NULL,
  PRIMARY KEY (consultation_id, topic)
);
CREATE INDEX consultation_topics_topic ON consultation_topics(topic);

CREATE TABLE consultation_responses (
  consultation_id TEXT NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  response TEXT NOT NULL,
  PRIMARY KEY (consultation_id, response)
);

-- 主な相談内容と対応: anonymised summaries, published on the workspace's public page once
-- the secretariat approves them. Written by a person, never copied from a record.
CREATE TABLE consultation_examples (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  desk_id TEXT NOT NULL REFERENCES desks(id),
  consultation_id TEXT REFERENCES consultations(id) ON DELETE SET NULL,
  fiscal_year INTEGER NOT NULL,
  consulter_type TEXT NOT NULL,
  topics TEXT NOT NULL DEFAULT '[]',
  title TEXT NOT NULL,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  note TEXT NOT NULL DEFAULT '',
  demo INTEGER NOT NULL DEFAULT 0,
  drafted_by TEXT REFERENCES users(id),
  decided_by TEXT REFERENCES users(id),
  published_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX consultation_examples_workspace ON consultation_examples(workspace_id, status);

-- 相談件数 is counted from the records from now on, not typed.
UPDATE indicators SET derived = 'consultations', source = '紡ぎの相談記録'
 WHERE code = 'P06' AND derived IS NULL AND name = '相談件数';
`,
};
