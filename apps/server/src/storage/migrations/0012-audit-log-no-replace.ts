import type { Migration } from "../migrations.js";

export const m0012: Migration = {
  version: 12,
  name: "access log: no replacing insert; reads of records looked up by target",
  sql: `
-- INSERT OR REPLACE deletes the row it replaces without firing the DELETE trigger: refuse an
-- insert that names the id of an existing entry, so no statement can rewrite one.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
  WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- Who read a record (the consultation desk's "who has seen this case").
CREATE INDEX audit_log_target ON audit_log(workspace_id, event, target);
`,
};
