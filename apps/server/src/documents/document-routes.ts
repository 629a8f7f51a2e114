/** /api/workspaces/:wid/documents — list, create and read collaborative documents. */
import {
  canCreateDocument,
  DOCUMENT_TITLE_MAX,
  docNameOf,
  documentAccess,
  isDocumentKind,
  isDraftTemplate,
  isId,
} from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, forbidden, invalid } from "../http/errors.js";
import { FieldErrors, readJsonObject } from "../http/request-body.js";
import { newId } from "../ids.js";
import { authorize } from "../workspaces/workspace-guard.js";
import { type DocumentRecord, findDocument, listDocuments, toDocumentView } from "./document-repository.js";
import { richTextUpdate } from "./rich-text.js";
import { DRAFT_TEMPLATE_CONTENT } from "./templates.js";

const documentNotFound = () => new ApiError(404, "document.notFound", "文書が見つかりません。");

export function documentRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get("/", async (c) => {
    const actor = authorize(c, "documents.list");
    const docs = await listDocuments(c.get("app").db, c.get("workspaceId"));
    return c.json({ documents: docs.map((d) => toDocumentView(d, documentAccess(actor, d))) });
  });

  r.post("/", async (c) => {
    const actor = authorize(c, "documents.create");
    const app = c.get("app");
    const wid = c.get("workspaceId");
    const body = await readJsonObject(c);
    const errors = new FieldErrors();
    const template = body.template ?? null;
    if (template !== null && (!isDraftTemplate(template) || body.kind !== "draft"))
      errors.add("template", "unknown");
    const templateContent = isDraftTemplate(template) ? DRAFT_TEMPLATE_CONTENT[template] : null;
    const title =
      templateContent && (body.title === undefined || body.title === "")
        ? templateContent.title
        : errors.string(body, "title", { max: DOCUMENT_TITLE_MAX });
    // Plan documents are one per 年度 and are created through /plans.
    if (!isDocumentKind(body.kind) || body.kind === "plan") errors.add("kind", "unknown");
    const groupId = body.groupId ?? null;
    if (groupId !== null) {
      const group = isId(groupId)
        ? await app.db.get("SELECT 1 FROM groups WHERE id = ? AND workspace_id = ?", [groupId, wid])
        : undefined;
      if (!group) errors.add("groupId", "unknown");
    }
    if (errors.any) throw invalid(errors.fields);
    if (!canCreateDocument(actor, groupId as string | null)) throw forbidden();

    const now = Date.now();
    const id = newId();
    const record: DocumentRecord = {
      id,
      workspaceId: wid,
      groupId: groupId as string | null,
      kind: body.kind as DocumentRecord["kind"],
      title,
      docName: docNameOf(wid, id),
      fiscalYear: null,
      locked: false,
      reviewing: false,
      draftStatus: body.kind === "draft" ? "drafting" : null,
      publicId: null,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    await app.db.transaction(async (tx) => {
      await tx.run(
        "INSERT INTO documents (id, workspace_id, group_id, kind, title, doc_name, draft_status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
          id,
          wid,
          record.groupId,
          record.kind,
          title,
          record.docName,
          record.draftStatus,
          actor.userId,
          now,
          now,
        ],
      );
      if (templateContent) {
        await tx.run("INSERT INTO doc_updates (doc_name, data, created_at) VALUES (?, ?, ?)", [
          record.docName,
          Buffer.from(richTextUpdate(templateContent.paragraphs)),
          now,
        ]);
      }
    });
    await app.audit.record({
      event: "document.created",
      workspaceId: wid,
      actorUserId: actor.userId,
      target: record.docName,
      ip: c.get("ip"),
      detail: { title, kind: record.kind, groupId: record.groupId },
    });
    return c.json({ document: toDocumentView(record, documentAccess(actor, record)) }, 201);
  });

  r.get("/:did", async (c) => {
    const actor = authorize(c, "documents.list");
    const did = c.req.param("did");
    if (!isId(did)) throw documentNotFound();
    const doc = await findDocument(c.get("app").db, c.get("workspaceId"), did);
    if (!doc) throw documentNotFound();
    return c.json({ document: toDocumentView(doc, documentAccess(actor, doc)) });
  });

  return r;
}
