import type { Migration } from "../migrations.js";

/**
 * One list of 日常生活圏域 per workspace. The desk (desk_areas) and the directory
 * (resource_areas) each had theirs; both now name rows of `areas`. The directory's areas keep
 * their ids, towns and order; a desk area of the same name becomes that area (its cases and
 * desks follow), the others are added after them in their order. The two tables that pointed
 * at the old lists (consultation_cases, resources) are rebuilt to point at `areas` (SQLite
 * cannot change a foreign key in place: this runs with foreign keys off, as SQLite's
 * ALTER TABLE procedure says, and the runner checks them all before committing).
 * storage/postgres/0025-areas.ts does the same on PostgreSQL with ALTER TABLE.
 */
export const m0025: Migration = {
  version: 25,
  name: "one list of 日常生活圏域 for the desk and the resource directory",
  foreignKeysOff: true,
  sql: `
CREATE TABLE areas (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  towns TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, name)
);

INSERT INTO areas (id, workspace_id, name, towns, position)
  SELECT id, workspace_id, name, towns, position FROM resource_areas;

INSERT INTO areas (id, workspace_id, name, towns, position)
  SELECT d.id, d.workspace_id, d.name, '[]',
    COALESCE((SELECT MAX(r.position) + 1 FROM resource_areas r WHERE r.workspace_id = d.workspace_id), 0) + d.sort_order
  FROM desk_areas d
  WHERE NOT EXISTS (SELECT 1 FROM resource_areas r WHERE r.workspace_id = d.workspace_id AND r.name = d.name);

UPDATE consultation_cases SET area_id = (
  SELECT r.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
  WHERE d.id = consultation_cases.area_id
)
WHERE area_id IN (
  SELECT d.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
);

UPDATE desks SET default_area_id = (
  SELECT r.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
  WHERE d.id = desks.default_area_id
)
WHERE default_area_id IN (
  SELECT d.id FROM desk_areas d
  JOIN resource_areas r ON r.workspace_id = d.workspace_id AND r.name = d.name
);

CREATE TABLE consultation_cases_new (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  desk_id TEXT NOT NULL REFERENCES desks(id),
  case_no INTEGER NOT NULL,
  age_band TEXT NOT NULL,
  sex TEXT NOT NULL,
  care_level TEXT NOT NULL,
  living TEXT NOT NULL,
  main_condition TEXT NOT NULL,
  area_id TEXT REFERENCES areas(id) ON DELETE SET NULL,
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
INSERT INTO consultation_cases_new (id, workspace_id, desk_id, case_no, age_band, sex, care_level, living,
  main_condition, area_id, personal, key_id, last_contact_at, demo, anonymised_at, created_by, created_at, updated_at)
  SELECT id, workspace_id, desk_id, case_no, age_band, sex, care_level, living,
  main_condition, area_id, personal, key_id, last_contact_at, demo, anonymised_at, created_by, created_at, updated_at
  FROM consultation_cases;
DROP TABLE consultation_cases;
ALTER TABLE consultation_cases_new RENAME TO consultation_cases;
CREATE INDEX consultation_cases_desk ON consultation_cases(desk_id);
CREATE INDEX consultation_cases_key ON consultation_cases(key_id);
CREATE INDEX consultation_cases_retention ON consultation_cases(anonymised_at, last_contact_at);
CREATE INDEX consultation_cases_area ON consultation_cases(area_id);

CREATE TABLE resources_new (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  subtype TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  kana TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  building TEXT NOT NULL DEFAULT '',
  lat REAL,
  lng REAL,
  area_id TEXT REFERENCES areas(id) ON DELETE SET NULL,
  phone TEXT NOT NULL DEFAULT '',
  fax TEXT NOT NULL DEFAULT '',
  url TEXT NOT NULL DEFAULT '',
  hours TEXT NOT NULL DEFAULT '{}',
  services TEXT NOT NULL DEFAULT '[]',
  home_care_support INTEGER NOT NULL DEFAULT 0,
  capacity INTEGER,
  operator TEXT NOT NULL DEFAULT '',
  public_note TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '{}',
  liaison TEXT NOT NULL DEFAULT '{}',
  vacancy_beds INTEGER,
  vacancy_note TEXT NOT NULL DEFAULT '',
  vacancy_updated_at INTEGER,
  field_sources TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed')),
  published INTEGER NOT NULL DEFAULT 1,
  source_scope TEXT,
  source_key TEXT,
  last_import_id TEXT,
  confirmed_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  closed_at INTEGER,
  UNIQUE (workspace_id, source_scope, source_key)
);
INSERT INTO resources_new (id, workspace_id, kind, subtype, name, kana, address, building, lat, lng, area_id,
  phone, fax, url, hours, services, home_care_support, capacity, operator, public_note, contact, liaison,
  vacancy_beds, vacancy_note, vacancy_updated_at, field_sources, status, published, source_scope, source_key,
  last_import_id, confirmed_at, created_at, updated_at, closed_at)
  SELECT id, workspace_id, kind, subtype, name, kana, address, building, lat, lng, area_id,
  phone, fax, url, hours, services, home_care_support, capacity, operator, public_note, contact, liaison,
  vacancy_beds, vacancy_note, vacancy_updated_at, field_sources, status, published, source_scope, source_key,
  last_import_id, confirmed_at, created_at, updated_at, closed_at
  FROM resources;
DROP TABLE resources;
ALTER TABLE resources_new RENAME TO resources;
CREATE INDEX resources_workspace ON resources(workspace_id, status, kind);
CREATE INDEX resources_area ON resources(area_id);

DROP TABLE desk_areas;
DROP TABLE resource_areas;
`,
};
