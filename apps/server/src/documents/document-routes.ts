/** /api/workspaces/:wid/documents — list, create and read collaborative documents. */
import { CreateDocument, DocumentList, DocumentResult } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import { groupsAmong } from "../groups/group-repository.js";
import type { AppEnv } from "../http/env.js";
import {
  allow,
  allowIn,
  allowOn,
  type BodyCheck,
  callerOf,
  describe,
  jsonBody,
  load,
} from "../http/operation.js";
import { createDocument, documentNotFound } from "./document-commands.js";
import { documentResource, presentDocument } from "./document-presenter.js";
import { findDocument, listDocuments } from "./document-repository.js";

const tag = "documents";

/** The document `:did` of the workspace into `c.var.document`, or 404. */
export const loadDocument = load(
  "document",
  async (c) => {
    const did = c.req.param("did");
    return (isId(did) && (await findDocument(c.var.app.kysely, c.var.workspaceId, did))) || undefined;
  },
  documentNotFound,
);

/** A group id that is not a group of the workspace is "unknown", like a malformed one. */
const groupOfWorkspace: BodyCheck = async (c, body): Promise<Record<string, string>> => {
  const id = body.groupId;
  if (typeof id !== "string" || !isId(id)) return {};
  const found = await groupsAmong(c.var.app.kysely, c.var.workspaceId, [id]);
  return found.length === 1 ? {} : { groupId: "unknown" };
};

export function documentRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Documents with the caller's access", tag, response: DocumentList }),
    allowIn("documents.list"),
    async (c) => {
      const docs = await listDocuments(c.var.app.kysely, c.var.workspaceId);
      return c.json({ documents: docs.map((d) => presentDocument(c.var.actor, d)) } satisfies DocumentList);
    },
  );

  r.post(
    "/",
    describe({
      summary: "Create a document; its docName opens /collab/{docName}",
      tag,
      ok: 201,
      response: DocumentResult,
    }),
    // Who may not create documents learns nothing about the body.
    allowIn("documents.create"),
    jsonBody(CreateDocument, { check: groupOfWorkspace }),
    // A group's documents: who may create them is the group's say (its members, the secretariat).
    allowOn((c) => {
      const groupId = (c.req.valid("json" as never) as CreateDocument).groupId ?? null;
      return groupId === null
        ? { verb: "documents.create", resource: { kind: "workspace" } }
        : { verb: "createDocument", resource: { kind: "group", id: groupId } };
    }),
    async (c) => {
      const doc = await createDocument(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ document: presentDocument(c.var.actor, doc) } satisfies DocumentResult, 201);
    },
  );

  r.get(
    "/:did",
    describe({ summary: "One document with the caller's access", tag, response: DocumentResult }),
    loadDocument,
    allow("read", "document", documentResource),
    async (c) => c.json({ document: presentDocument(c.var.actor, c.var.document) } satisfies DocumentResult),
  );

  return r;
}
