/**
 * Collaborative documents and their names on the wire.
 *
 * A document's name is `<workspaceId>.<documentId>`: the WebSocket path `/collab/<docName>`
 * tells the server the workspace before it loads anything, and the ids never contain dots.
 */

export const DOCUMENT_KINDS = ["note", "minutes", "draft", "plan"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === "string" && (DOCUMENT_KINDS as readonly string[]).includes(value);
}

const ID = /^[a-z0-9]{8,40}$/;

export function isId(value: unknown): value is string {
  return typeof value === "string" && ID.test(value);
}

export function docNameOf(workspaceId: string, documentId: string): string {
  return `${workspaceId}.${documentId}`;
}

export function parseDocName(docName: string): { workspaceId: string; documentId: string } | null {
  const parts = docName.split(".");
  if (parts.length !== 2 || !isId(parts[0]) || !isId(parts[1])) return null;
  return { workspaceId: parts[0], documentId: parts[1] };
}

/** Name of the rich-text fragment inside a document's Y.Doc (what Tiptap binds to). */
export const RICH_TEXT_FIELD = "content";

export const DOCUMENT_TITLE_MAX = 200;

/** A comment on a plan row, on the minutes or on a draft, and the passage it quotes. */
export const COMMENT_BODY_MAX = 2000;
export const COMMENT_QUOTE_MAX = 1000;
/** The plan's tables whose rows take comments. */
export const PLAN_COMMENT_TABLES = ["problems", "actions", "goals", "scheduleRows"] as const;
export type PlanCommentTable = (typeof PLAN_COMMENT_TABLES)[number];
