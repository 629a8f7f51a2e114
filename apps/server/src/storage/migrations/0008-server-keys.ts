import type { Migration } from "../migrations.js";

export const m0008: Migration = {
  version: 8,
  name: "server keys (device cookies)",
  sql: `
-- Keys the server makes on first use and every process of one installation shares.
CREATE TABLE server_keys (
  name TEXT PRIMARY KEY,
  key BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
`,
};
