/**
 * /api/workspaces/:wid/events/:eid/materials — an event's files (資料): the organisers add
 * (the file is the request body, its name in `?name=`), rename, publish and delete them;
 * every member of the municipality reads them; a co-hosting municipality sees only those
 * offered on the public page. Downloads are always attachments (sendMaterial).
 */
import {
  EventMaterialList,
  EventMaterialResult,
  MATERIAL_MEDIA_TYPES,
  MaterialUploadQuery,
  UpdateEventMaterial,
} from "@tsumugi/contract";
import { abilitiesOf, isId } from "@tsumugi/domain";
import contentDisposition from "content-disposition";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allow, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { eventResource, type SeenEvent } from "./event-presenter.js";
import { loadEvent } from "./event-routes.js";
import { addMaterial, changeMaterial, materialNotFound, removeMaterial } from "./material-commands.js";
import {
  findMaterial,
  listMaterials,
  type MaterialFile,
  type MaterialRecord,
  readMaterialFile,
} from "./material-repository.js";

const tag = "events";

type EventVars = AppEnv & { Variables: { event: SeenEvent } };

const seesAll = (c: Context<EventVars>) => abilitiesOf(c.var.actor, eventResource(c.var.event)).readMaterials;

const materialPath = (wid: string, eventId: string, id: string) =>
  `/api/workspaces/${wid}/events/${eventId}/materials/${id}`;

function presentMaterial(wid: string, m: MaterialRecord) {
  return {
    id: m.id,
    name: m.name,
    type: m.mediaType,
    size: m.size,
    public: m.public,
    uploadedAt: m.createdAt,
    path: materialPath(wid, m.eventId, m.id),
  };
}

/** The material named in the path, among those the caller may see (a co-host: public ones). */
const loadMaterial = load(
  "material",
  async (c): Promise<MaterialRecord | undefined> => {
    const mid = c.req.param("mid");
    if (!isId(mid)) return undefined;
    const ec = c as unknown as Context<EventVars>;
    const m = await findMaterial(c.var.app.kysely, ec.var.event.id, mid);
    return m && (m.public || seesAll(ec)) ? m : undefined;
  },
  materialNotFound,
);

/**
 * A stored file as a download: always an attachment (the browser saves it, never shows it in
 * the page's origin), its name in RFC 6266/5987 form, its checked type with nosniff, and a
 * policy that lets nothing in it run should a browser open it anyway.
 */
export function sendMaterial(c: Context, file: MaterialFile): Response {
  c.header("Content-Type", file.mediaType);
  c.header("Content-Disposition", contentDisposition(file.name, { type: "attachment" }));
  c.header("X-Content-Type-Options", "nosniff");
  c.header("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
  c.header("Cross-Origin-Resource-Policy", "same-origin");
  c.header("Cache-Control", "private, no-store");
  c.header("ETag", `"${file.sha256}"`);
  return c.body(
    Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength) as unknown as ArrayBuffer,
  );
}

export function materialRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/:eid/materials",
    describe({
      summary:
        "An event's materials (資料): all for the municipality's members, those on the public page for a co-host",
      tag,
      response: EventMaterialList,
    }),
    loadEvent,
    allow("readResults", "event", eventResource),
    async (c) => {
      const all = seesAll(c);
      const list = await listMaterials(c.var.app.kysely, c.var.event.id, { publicOnly: !all });
      return c.json({
        materials: list.map((m) => presentMaterial(c.var.workspaceId, m)),
        scope: all ? ("all" as const) : ("public" as const),
        maxBytes: c.var.app.config.publicForms.materialMaxBytes,
      });
    },
  );

  r.post(
    "/:eid/materials",
    describe({
      summary: "Add a file to an event's materials (the body is the file; its name in ?name=)",
      description:
        "PDF, Word, Excel, PowerPoint (also .doc/.xls/.ppt) or PNG/JPEG/GIF/WebP, decided from the contents; the name's extension must match them. 400 `material.type`, `material.mismatch`, `material.empty`, `material.name`; 413 over EVENT_MATERIAL_MAX_MB (default 20). Not public until published.",
      tag,
      ok: 201,
      upload: "application/octet-stream",
      response: EventMaterialResult,
    }),
    queryParams(MaterialUploadQuery),
    loadEvent,
    allow("update", "event", eventResource),
    async (c) => {
      const { name } = c.req.valid("query");
      // The route's body limit (requestBodyLimit) has already cut off anything larger.
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const m = await addMaterial(c.var.app, callerOf(c), c.var.event, name, bytes);
      return c.json({ material: presentMaterial(c.var.workspaceId, m) }, 201);
    },
  );

  r.get(
    "/:eid/materials/:mid",
    describe({
      summary: "Download a material (an attachment, with its checked type)",
      tag,
      file: MATERIAL_MEDIA_TYPES.join(", "),
    }),
    loadEvent,
    allow("readResults", "event", eventResource),
    loadMaterial,
    async (c) => {
      const file = await readMaterialFile(c.var.app.kysely, c.var.event.id, c.var.material.id);
      if (!file) throw materialNotFound();
      return sendMaterial(c, file);
    },
  );

  r.patch(
    "/:eid/materials/:mid",
    describe({
      summary: "Rename a material (same extension) or offer it on the public page, or not",
      tag,
      response: EventMaterialResult,
    }),
    jsonBody(UpdateEventMaterial),
    loadEvent,
    allow("update", "event", eventResource),
    loadMaterial,
    async (c) => {
      const m = await changeMaterial(
        c.var.app,
        callerOf(c),
        c.var.event,
        c.var.material,
        c.req.valid("json"),
      );
      return c.json({ material: presentMaterial(c.var.workspaceId, m) });
    },
  );

  r.delete(
    "/:eid/materials/:mid",
    describe({ summary: "Delete a material", tag, ok: 204 }),
    loadEvent,
    allow("update", "event", eventResource),
    loadMaterial,
    async (c) => {
      await removeMaterial(c.var.app, callerOf(c), c.var.event, c.var.material);
      return c.body(null, 204);
    },
  );

  return r;
}
