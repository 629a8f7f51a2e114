import type { Migration } from "../migrations.js";

export const m0009: Migration = {
  version: 9,
  name: "minutes under review: only the secretariat edits them",
  sql: `
-- Set while a meeting's minutes are circulated (確認依頼中); the policy then lets only the
-- secretariat edit the text, and the collab endpoint decides sockets on it like on locked_at.
ALTER TABLE documents ADD COLUMN review_at INTEGER;
UPDATE documents SET review_at = updated_at
 WHERE id IN (SELECT document_id FROM meetings WHERE minutes_state = 'circulating');
`,
};
