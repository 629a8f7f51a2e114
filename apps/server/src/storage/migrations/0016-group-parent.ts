import type { Migration } from "../migrations.js";

export const m0016: Migration = {
  version: 16,
  name: "groups: a parent group (部会 → 班)",
  sql: `
ALTER TABLE groups ADD COLUMN parent_id TEXT REFERENCES groups(id) ON DELETE SET NULL;
CREATE INDEX groups_parent ON groups(parent_id);
`,
};
