/**
 * /api/workspaces/:wid/documents/:did/versions — a document's versions: list, name one now,
 * read one (its Yjs state, for viewing and comparing in the browser), restore one as a new
 * change. Readers of the document may list and read; writers may name and restore.
 */
import { CreateVersion, VersionCreated, VersionList, VersionRestored, VersionState } from "@tsumugi/contract";
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import { documentResource } from "../documents/document-presenter.js";
import type { DocumentRecord } from "../documents/document-repository.js";
import { loadDocument } from "../documents/document-routes.js";
import type { AppEnv } from "../http/env.js";
import { allow, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { nameVersion, restoreVersion, versionNotFound } from "./version-commands.js";
import { presentVersion, presentVersionState } from "./version-presenter.js";
import { listVersions, loadVersion } from "./version-store.js";

const tag = "documents";

/** The document's version named by :vid, after the document's check (404 otherwise). */
const loadDocumentVersion = load(
  "version",
  async (c) => {
    const doc = c.get("document" as never) as DocumentRecord;
    const vid = Number(c.req.param("vid"));
    const state = Number.isInteger(vid) ? await loadVersion(c.var.app.kysely, doc.docName, vid) : null;
    return state ? { id: vid, state } : undefined;
  },
  versionNotFound,
);

export function versionRoutes(collab: CollabServer): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "A document's versions", tag, response: VersionList }),
    loadDocument,
    allow("read", "document", documentResource),
    async (c) => {
      const versions = await listVersions(c.var.app.kysely, c.var.document.docName);
      return c.json({ versions: versions.map(presentVersion) } satisfies VersionList);
    },
  );

  r.post(
    "/",
    describe({ summary: "Save a named version", tag, ok: 201, response: VersionCreated }),
    jsonBody(CreateVersion),
    loadDocument,
    allow("edit", "document", documentResource),
    async (c) => {
      const { label } = c.req.valid("json");
      const id = await nameVersion(c.var.app, collab, callerOf(c), c.var.document, label);
      return c.json({ id } satisfies VersionCreated, 201);
    },
  );

  r.get(
    "/:vid",
    describe({ summary: "One version's Yjs state (base64)", tag, response: VersionState }),
    loadDocument,
    allow("read", "document", documentResource),
    loadDocumentVersion,
    async (c) => c.json(presentVersionState(c.var.version)),
  );

  r.post(
    "/:vid/restore",
    describe({ summary: "Restore a version as a new change", tag, response: VersionRestored }),
    loadDocument,
    allow("edit", "document", documentResource),
    loadDocumentVersion,
    async (c) => {
      await restoreVersion(c.var.app, collab, callerOf(c), c.var.document, c.var.version);
      return c.json({ restored: c.var.version.id } satisfies VersionRestored);
    },
  );

  return r;
}
