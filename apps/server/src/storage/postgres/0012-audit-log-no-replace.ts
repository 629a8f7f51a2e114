/**
 * Migration 12 on PostgreSQL: there is no INSERT OR REPLACE (an insert naming an existing id
 * fails on the primary key; ON CONFLICT … DO UPDATE is an UPDATE, which the trigger refuses),
 * so only the index is made.
 */
export const p0012 = `
CREATE INDEX audit_log_target ON audit_log(workspace_id, event, target);
`;
