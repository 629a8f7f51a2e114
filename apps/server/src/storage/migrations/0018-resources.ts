import type { Migration } from "../migrations.js";

/**
 * The resource directory (医療・介護資源): entries with where each field's value came from,
 * 日常生活圏域, the open-data imports, providers' update links (hashed tokens) and what they
 * sent, and links from entries to plan actions and consultation records.
 */
export const m0018: Migration = {
  version: 18,
  name: "resource directory: entries, areas, imports, provider links and updates, links",
  sql: `
-- 日常生活圏域, with the town names (町名) that place an address in each.
CREATE TABLE resource_areas (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  towns TEXT NOT NULL DEFAULT '[]',
  position INTEGER NOT NULL DEFAULT 0,
  UNIQUE (workspace_id, name)
);

CREATE TABLE resource_settings (
  workspace_id TEXT PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  public_enabled INTEGER NOT NULL DEFAULT 0,
  auto_apply INTEGER NOT NULL DEFAULT 0,
  stale_months INTEGER NOT NULL DEFAULT 6,
  link_days INTEGER NOT NULL DEFAULT 30,
  demo INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

-- One entry. Structured fields are JSON text (hours, services, contact, liaison);
-- field_sources says per field whether the value came from an import, the secretariat or the
-- provider, so a re-import leaves what was set by hand. source_scope/source_key identify an
-- imported entry ("kaigo:訪問看護" + 事業所番号, "iryo:clinic" + 医療機関 ID), kept as text.
CREATE TABLE resources (
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
  area_id TEXT REFERENCES resource_areas(id) ON DELETE SET NULL,
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
CREATE INDEX resources_workspace ON resources(workspace_id, status, kind);

-- Each confirmed import: the source, the file, the data's date, what it changed.
CREATE TABLE resource_imports (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  format TEXT NOT NULL,
  scopes TEXT NOT NULL DEFAULT '[]',
  file_name TEXT NOT NULL,
  encoding TEXT NOT NULL,
  data_date TEXT,
  added INTEGER NOT NULL,
  changed INTEGER NOT NULL,
  gone INTEGER NOT NULL,
  kept INTEGER NOT NULL,
  problems INTEGER NOT NULL,
  imported_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  imported_at INTEGER NOT NULL
);
CREATE INDEX resource_imports_workspace ON resource_imports(workspace_id, imported_at);

-- A provider's personal update link: only the SHA-256 of its token is kept.
CREATE TABLE resource_update_links (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  last_used_at INTEGER
);
CREATE INDEX resource_update_links_resource ON resource_update_links(resource_id);

-- What a provider sent: applied at once, or waiting for the secretariat.
CREATE TABLE resource_update_requests (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  link_id TEXT REFERENCES resource_update_links(id) ON DELETE SET NULL,
  changes TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'rejected')),
  submitted_at INTEGER NOT NULL,
  decided_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  decided_at INTEGER
);
CREATE INDEX resource_update_requests_workspace ON resource_update_requests(workspace_id, status, submitted_at);

-- An entry linked to a plan action or a consultation record (a referral).
CREATE TABLE resource_links (
  workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  resource_id TEXT NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('planAction', 'consultation')),
  target_id TEXT NOT NULL,
  created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (resource_id, target_kind, target_id)
);
CREATE INDEX resource_links_target ON resource_links(workspace_id, target_kind, target_id);
`,
};
