/**
 * /api/workspaces/:wid/documents/:did — a working-group draft's workflow (/status). Comments on
 * a passage of a document are in comments/comment-routes.ts.
 */
import { DocumentResult, MoveDraft } from "@tsumugi/contract";
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppEnv } from "../http/env.js";
import { allowOn, callerOf, describe, jsonBody } from "../http/operation.js";
import { draftStepOf, moveDraft } from "./document-commands.js";
import { documentResource, presentDocument } from "./document-presenter.js";
import type { DocumentRecord } from "./document-repository.js";
import { loadDocument } from "./document-routes.js";

const tag = "documents";

export function draftRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.post(
    "/status",
    describe({
      summary:
        "Move a draft: 作成中 → 全体会で確認中 → 承認済 → 公開 (no such step from where it is: 409; a step the caller may not take: 403)",
      tag,
      response: DocumentResult,
      errors: [403, 409],
    }),
    jsonBody(MoveDraft),
    loadDocument,
    // Each step is a verb of the document (submitForReview, sendBack, approve, publish, unpublish).
    allowOn((c) => {
      const doc = c.get("document" as never) as DocumentRecord;
      const { status } = c.req.valid("json" as never) as MoveDraft;
      return { verb: draftStepOf(doc, status), resource: documentResource(doc) };
    }),
    async (c) => {
      const doc = await moveDraft(c.var.app, collab, callerOf(c), c.var.document, c.req.valid("json"));
      return c.json({ document: presentDocument(c.var.actor, doc) } satisfies DocumentResult);
    },
  );

  return r;
}
