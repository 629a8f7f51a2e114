/**
 * /api/workspaces/:wid/documents/:did — a working-group draft's workflow (/status) and comments
 * on a passage of any document (/comments).
 */
import {
  CreateDocumentComment,
  DocumentCommentCreated,
  DocumentCommentList,
  DocumentCommentResolved,
  DocumentResult,
  MoveDraft,
} from "@tsumugi/contract";
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { allow, callerOf, describe, jsonBody } from "../http/operation.js";
import { addDocumentComment, moveDraft, resolveComment } from "./document-commands.js";
import { listDocumentComments } from "./document-comment-repository.js";
import { documentResource, presentDocument, presentDocumentComment } from "./document-presenter.js";
import { loadDocument } from "./document-routes.js";

const tag = "documents";

export function draftRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/status",
    describe({
      summary: "Move a draft: 作成中 → 全体会で確認中 → 承認済 → 公開 (a step the caller may not take: 409)",
      tag,
      response: DocumentResult,
      errors: [409],
    }),
    jsonBody(MoveDraft),
    loadDocument,
    allow("read", "document", documentResource),
    async (c) => {
      const doc = await moveDraft(c.var.app, collab, callerOf(c), c.var.document, c.req.valid("json"));
      return c.json({ document: presentDocument(c.var.actor, doc) } satisfies DocumentResult);
    },
  );

  r.get(
    "/comments",
    describe({ summary: "Comments on passages of a document", tag, response: DocumentCommentList }),
    loadDocument,
    allow("read", "document", documentResource),
    async (c) => {
      const comments = await listDocumentComments(c.var.app.kysely, c.var.document.id);
      return c.json({ comments: comments.map(presentDocumentComment) } satisfies DocumentCommentList);
    },
  );

  r.post(
    "/comments",
    describe({ summary: "Comment on a passage", tag, ok: 201, response: DocumentCommentCreated }),
    jsonBody(CreateDocumentComment),
    loadDocument,
    allow("comment", "document", documentResource),
    async (c) => {
      const id = await addDocumentComment(c.var.app, callerOf(c), c.var.document, c.req.valid("json"));
      return c.json({ id } satisfies DocumentCommentCreated, 201);
    },
  );

  r.post(
    "/comments/:cid/resolve",
    describe({
      summary: "Resolve a comment on a passage (those who may edit the text, and the secretariat)",
      tag,
      response: DocumentCommentResolved,
    }),
    loadDocument,
    allow("resolveComments", "document", documentResource),
    async (c) => {
      await resolveComment(c.var.app, callerOf(c), c.var.document, c.req.param("cid"));
      return c.json({ ok: true } satisfies DocumentCommentResolved);
    },
  );

  return r;
}
