/**
 * What the public page of a published draft (/p/<publicId>) reads: the draft, its
 * municipality, and its rich text as HTML (rich-text.ts, every piece of text escaped), read
 * from a copy of the document that is destroyed here, even when reading it fails.
 */
import { RICH_TEXT_FIELD } from "@tsumugi/domain";
import type { CollabServer } from "../collab/collab-server.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { findPublishedDraft } from "./document-repository.js";
import { richTextHtml } from "./rich-text.js";

export interface PublicPageRead {
  title: string;
  workspace: { name: string; prefecture: string };
  updatedAt: number;
  /** The draft's text as HTML. */
  body: string;
}

/** The published draft with this public id, or null when there is none. */
export async function readPublicPage(
  q: QueryBuilder,
  collab: CollabServer,
  publicId: string,
): Promise<PublicPageRead | null> {
  if (!/^[a-z0-9]{8,40}$/.test(publicId)) return null;
  const draft = await findPublishedDraft(q, publicId);
  const workspace = draft ? await findWorkspace(q, draft.workspaceId) : undefined;
  if (!draft || !workspace) return null;
  const doc = await collab.readDocument(draft.docName);
  try {
    return {
      title: draft.title,
      workspace: { name: workspace.name, prefecture: workspace.prefecture },
      updatedAt: draft.updatedAt,
      body: richTextHtml(doc.getXmlFragment(RICH_TEXT_FIELD)),
    };
  } finally {
    doc.destroy();
  }
}
