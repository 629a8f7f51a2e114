import type { Migration } from "../migrations.js";

export const m0005: Migration = {
  version: 5,
  name: "working-group drafts: status, public page, comments on a passage",
  sql: `
ALTER TABLE documents ADD COLUMN draft_status TEXT;
-- Set while a draft is published: its page is /p/<public_id>, readable without login.
ALTER TABLE documents ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX documents_public ON documents(public_id) WHERE public_id IS NOT NULL;
UPDATE documents SET draft_status = 'drafting' WHERE kind = 'draft';

CREATE TABLE document_comments (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  author_id TEXT NOT NULL REFERENCES users(id),
  quote TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  resolved_at INTEGER,
  resolved_by TEXT REFERENCES users(id)
);
CREATE INDEX document_comments_doc ON document_comments(document_id, created_at);
`,
};
