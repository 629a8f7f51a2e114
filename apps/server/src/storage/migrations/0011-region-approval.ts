import type { Migration } from "../migrations.js";

export const m0011: Migration = {
  version: 11,
  name: "region groups: an owner who approves who joins",
  sql: `
-- The municipality that owns a region group (its creator, or the prefecture it was made for)
-- decides who joins. Existing groups: the member municipality created first.
ALTER TABLE region_groups ADD COLUMN owner_workspace_id TEXT REFERENCES workspaces(id) ON DELETE SET NULL;
UPDATE region_groups SET owner_workspace_id = (
  SELECT m.workspace_id FROM region_group_members m JOIN workspaces w ON w.id = m.workspace_id
   WHERE m.group_id = region_groups.id ORDER BY w.created_at, w.id LIMIT 1
);

-- A request to join waits ('pending') until the owner lets the municipality in ('active') or
-- refuses it (the row is removed; the audit log keeps the decision). Existing members stay in.
ALTER TABLE region_group_members ADD COLUMN status TEXT NOT NULL DEFAULT 'active'
  CHECK (status IN ('active', 'pending'));
ALTER TABLE region_group_members ADD COLUMN requested_by TEXT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE region_group_members ADD COLUMN requested_at INTEGER;
ALTER TABLE region_group_members ADD COLUMN decided_by TEXT REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE region_group_members ADD COLUMN decided_at INTEGER;
CREATE INDEX region_group_members_workspace ON region_group_members(workspace_id, status);
`,
};
