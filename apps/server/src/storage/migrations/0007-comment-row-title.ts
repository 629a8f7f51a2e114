import type { Migration } from "../migrations.js";

export const m0007: Migration = {
  version: 7,
  name: "row comments keep the title their row had when they were written",
  sql: `
-- The read model may lag a row added a moment ago; a mention must still name its row.
ALTER TABLE plan_comments ADD COLUMN row_title TEXT NOT NULL DEFAULT '';
`,
};
