/**
 * /api/workspaces/:wid/documents/:did/versions — a document's versions: list, name one now,
 * read one (its Yjs state, for viewing and comparing in the browser), restore one as a new
 * change. Readers of the document may list and read; writers may name and restore.
 */
import { documentAccess, isId, RICH_TEXT_FIELD } from "@tsumugi/domain";
import { type Context, Hono } from "hono";
import * as Y from "yjs";
import type { CollabServer } from "../collab/collab-server.js";
import { findDocument } from "../documents/document-repository.js";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { listVersions, loadVersion, restoreRichText, saveVersion } from "./version-store.js";

const notFound = () => new ApiError(404, "version.notFound", "版が見つかりません。");

async function documentOf(c: Context<AppEnv>, need: "read" | "write") {
  const actor = authorize(c, "documents.list");
  const did = c.req.param("did") ?? "";
  const doc = isId(did) ? await findDocument(c.get("app").db, c.get("workspaceId"), did) : null;
  if (!doc) throw new ApiError(404, "document.notFound", "文書が見つかりません。");
  const access = documentAccess(actor, doc);
  if (access === "none" || (need === "write" && access !== "write")) throw forbidden();
  return { actor, doc };
}

export function versionRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    const { doc } = await documentOf(c, "read");
    return c.json({ versions: await listVersions(c.get("app").db, doc.docName) });
  });

  r.post("/", async (c) => {
    const { actor, doc } = await documentOf(c, "write");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const label = errors.string(body, "label", { max: 100 });
    if (errors.any) throw invalid(errors.fields);
    await collab.flush();
    const current = await collab.readDocument(doc.docName);
    const id = await saveVersion(c.get("app").db, {
      docName: doc.docName,
      state: Y.encodeStateAsUpdate(current),
      reason: "named",
      label,
      userId: actor.userId,
    });
    current.destroy();
    return c.json({ id }, 201);
  });

  r.get("/:vid", async (c) => {
    const { doc } = await documentOf(c, "read");
    const vid = Number(c.req.param("vid"));
    const state = Number.isInteger(vid) ? await loadVersion(c.get("app").db, doc.docName, vid) : null;
    if (!state) throw notFound();
    return c.json({ id: vid, state: Buffer.from(state).toString("base64") });
  });

  r.post("/:vid/restore", async (c) => {
    const { actor, doc } = await documentOf(c, "write");
    const db = c.get("app").db;
    const vid = Number(c.req.param("vid"));
    const state = Number.isInteger(vid) ? await loadVersion(db, doc.docName, vid) : null;
    if (!state) throw notFound();
    // What is replaced stays in the history too.
    await collab.flush();
    const current = await collab.readDocument(doc.docName);
    await saveVersion(db, {
      docName: doc.docName,
      state: Y.encodeStateAsUpdate(current),
      reason: "restore",
      label: `#${vid} の復元前`,
      userId: actor.userId,
    });
    current.destroy();
    await collab.mutate(doc.docName, actor.userId, (d) => restoreRichText(d, state, RICH_TEXT_FIELD));
    return c.json({ restored: vid });
  });

  return r;
}
