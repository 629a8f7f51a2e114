import type { Migration } from "../migrations.js";

export const m0023: Migration = {
  version: 23,
  name: "meetings: the demo's made-up meetings are marked (「デモ用の例」), as their documents already are",
  sql: `
ALTER TABLE meetings ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
UPDATE meetings SET demo = 1 WHERE document_id IN (SELECT id FROM documents WHERE demo = 1);
`,
};
