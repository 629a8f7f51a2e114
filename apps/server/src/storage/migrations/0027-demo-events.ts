import type { Migration } from "../migrations.js";

export const m0027: Migration = {
  version: 27,
  name: "events: the demo's made-up events and series are marked (「デモ用の例」), as its meetings are",
  sql: `
ALTER TABLE events ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_series ADD COLUMN demo INTEGER NOT NULL DEFAULT 0;
UPDATE event_series SET demo = 1 WHERE description LIKE 'デモ用の例%';
UPDATE events SET demo = 1 WHERE theme LIKE 'デモ用の例%';
`,
};
