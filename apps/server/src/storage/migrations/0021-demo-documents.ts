import type { Migration } from "../migrations.js";

export const m0021: Migration = {
  version: 21,
  name: "documents: the demo's made-up texts are marked (「デモ用の例」)",
  sql: `
ALTER TABLE documents ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
`,
};
