import type { Migration } from "../migrations.js";

export const m0022: Migration = {
  version: 22,
  name: "events: registration closes at a date and time the organiser sets",
  sql: `
-- Local time in Japan, "2023-05-20T17:00"; null: registration stays open until the event starts
-- (or the organiser closes it by hand).
ALTER TABLE events ADD COLUMN registration_closes_at TEXT;
`,
};
