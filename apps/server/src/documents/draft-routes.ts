/**
 * Working-group drafts: the status workflow (作成中 → 全体会で確認中 → 承認済 → 公開), and
 * comments on a passage of any document. Approving locks the draft (a version is kept);
 * publishing gives it a public page at /p/<publicId>.
 */
import {
  COMMENT_BODY_MAX,
  COMMENT_QUOTE_MAX,
  canMoveDraft,
  canResolveDocumentComment,
  documentAccess,
  isDraftStatus,
  isId,
  isLockedDraftStatus,
} from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import * as Y from "yjs";
import { randomString } from "../auth/secret-token.js";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { newId } from "../ids.js";
import { saveVersion } from "../versions/version-store.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { findDocument, toDocumentView } from "./document-repository.js";

async function documentOf(c: Context<AppEnv>) {
  const did = c.req.param("did") ?? "";
  const doc = isId(did) ? await findDocument(c.get("app").db, c.get("workspaceId"), did) : null;
  if (!doc) throw new ApiError(404, "document.notFound", "文書が見つかりません。");
  return doc;
}

export function draftRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post("/status", async (c) => {
    const actor = authorize(c, "documents.list");
    const doc = await documentOf(c);
    const { status } = await readJsonObject(c);
    if (doc.kind !== "draft" || doc.draftStatus === null)
      throw new ApiError(409, "document.notDraft", "案ではない文書です。");
    if (!isDraftStatus(status)) throw invalid({ status: "unknown" });
    if (!canMoveDraft(actor, doc, doc.draftStatus, status)) {
      throw documentAccess(actor, doc) === "none"
        ? forbidden()
        : new ApiError(409, "draft.badTransition", "この状態には変更できません。");
    }
    const app = c.get("app");
    const now = Date.now();
    if (status === "approved" && doc.draftStatus === "reviewing") {
      await collab.flush();
      const state = await collab.readDocument(doc.docName);
      await saveVersion(app.db, {
        docName: doc.docName,
        state: Y.encodeStateAsUpdate(state),
        reason: "approval",
        label: "承認版",
        userId: actor.userId,
      });
      state.destroy();
    }
    const publicId = status === "published" ? randomString(12) : null;
    await app.db.run(
      "UPDATE documents SET draft_status = ?, locked_at = ?, public_id = ?, updated_at = ? WHERE id = ?",
      [status, isLockedDraftStatus(status) ? now : null, publicId, now, doc.id],
    );
    if (isLockedDraftStatus(status) !== doc.locked)
      app.events.emit({ type: "document-access-changed", docName: doc.docName });
    await app.audit.record({
      event: "draft.status_changed",
      workspaceId: doc.workspaceId,
      actorUserId: actor.userId,
      target: doc.docName,
      ip: c.get("ip"),
      detail: { from: doc.draftStatus, to: status },
    });
    const updated = await findDocument(app.db, doc.workspaceId, doc.id);
    return c.json({ document: toDocumentView(updated ?? doc, documentAccess(actor, updated ?? doc)) });
  });

  r.get("/comments", async (c) => {
    const actor = authorize(c, "documents.list");
    const doc = await documentOf(c);
    if (documentAccess(actor, doc) === "none") throw forbidden();
    const rows = await c.get("app").db.all<{
      id: string;
      author_name: string;
      quote: string;
      body: string;
      created_at: number;
      resolved_at: number | null;
    }>(
      `SELECT dc.id, u.name AS author_name, dc.quote, dc.body, dc.created_at, dc.resolved_at
         FROM document_comments dc JOIN users u ON u.id = dc.author_id WHERE dc.document_id = ? ORDER BY dc.created_at`,
      [doc.id],
    );
    return c.json({
      comments: rows.map((x) => ({
        id: x.id,
        authorName: x.author_name,
        quote: x.quote,
        body: x.body,
        createdAt: x.created_at,
        resolved: x.resolved_at !== null,
      })),
    });
  });

  // Readers comment too (the committee reviews a group's draft); observers only read.
  r.post("/comments", async (c) => {
    const actor = authorize(c, "comments.write");
    const doc = await documentOf(c);
    if (documentAccess(actor, doc) === "none") throw forbidden();
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const text = errors.string(body, "body", { max: COMMENT_BODY_MAX });
    const quote = errors.string(body, "quote", { max: COMMENT_QUOTE_MAX, min: 0, optional: true });
    if (errors.any) throw invalid(errors.fields);
    const id = newId();
    await c
      .get("app")
      .db.run(
        "INSERT INTO document_comments (id, document_id, author_id, quote, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [id, doc.id, actor.userId, quote, text, Date.now()],
      );
    return c.json({ id }, 201);
  });

  r.post("/comments/:cid/resolve", async (c) => {
    const actor = authorize(c, "documents.list");
    const doc = await documentOf(c);
    if (!canResolveDocumentComment(actor, doc)) throw forbidden();
    const res = await c
      .get("app")
      .db.run(
        "UPDATE document_comments SET resolved_at = ?, resolved_by = ? WHERE id = ? AND document_id = ? AND resolved_at IS NULL",
        [Date.now(), actor.userId, c.req.param("cid"), doc.id],
      );
    if (res.changes === 0) throw new ApiError(404, "comment.notFound", "コメントが見つかりません。");
    return c.json({ ok: true });
  });

  return r;
}
