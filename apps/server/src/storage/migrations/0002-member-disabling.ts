import type { Migration } from "../migrations.js";

export const m0002: Migration = {
  version: 2,
  name: "per-workspace disabling of members",
  sql: `
-- A secretariat disables a member in its own workspace, not the account everywhere.
ALTER TABLE memberships ADD COLUMN disabled_at INTEGER;
`,
};
