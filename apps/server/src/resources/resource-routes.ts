/** /api/workspaces/:wid/resources — the resource directory (医療・介護資源). */
import {
  CreatedUpdateLink,
  CreateResource,
  DecideUpdateRequest,
  ImportFile,
  ImportHistory,
  ImportPreview,
  ImportResult,
  RESOURCE_LINK_KINDS,
  ResourceDirectory,
  ResourceLinkList,
  ResourceLinkQuery,
  ResourceLookupQuery,
  ResourceRefList,
  ResourceResult,
  ResourceSearchQuery,
  ResourceSearchResult,
  ResourceSettings,
  UpdateLinkList,
  UpdateRequestList,
  UpdateRequest as UpdateRequestSchema,
  UpdateResource,
  UpdateResourceSettings,
} from "@tsumugi/contract";
import {
  authorize,
  contactTimesTable,
  isId,
  liaisonTable,
  type ProfessionalTable,
  searchDirectory,
} from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { ApiError, invalid } from "../http/errors.js";
import {
  allow,
  allowIn,
  allowOn,
  callerOf,
  describe,
  jsonBody,
  load,
  queryParams,
} from "../http/operation.js";
import { actionTitles } from "../plan/plan-repository.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import {
  confirmImport,
  createResource,
  decideUpdateRequest,
  deleteResource,
  previewImport,
  requestNotFound,
  resourceNotFound,
  revokeUpdateLinks,
  sendUpdateLink,
  setResourceLink,
  updateResource,
  updateSettings,
} from "./resource-commands.js";
import {
  presentArea,
  presentImport,
  presentLink,
  presentRef,
  presentRequest,
  presentResource,
  presentSettings,
  resourceResource,
} from "./resource-presenter.js";
import type { ResourceRecord } from "./resource-repository.js";
import * as repo from "./resource-repository.js";
import { tableWorkbook } from "./resource-tables.js";

const tag = "resources";

export const loadResource = load(
  "resource",
  async (c) => {
    const rid = c.req.param("rid");
    return isId(rid) ? repo.findResource(c.var.app.kysely, c.var.workspaceId, rid) : undefined;
  },
  resourceNotFound,
);

const loadRequest = load(
  "request",
  async (c) => {
    const qid = c.req.param("qid");
    return isId(qid) ? repo.findUpdateRequest(c.var.app.kysely, c.var.workspaceId, qid) : undefined;
  },
  requestNotFound,
);

/** Closing an entry (廃止・休止) is a verb of its own, beyond editing it. */
function changeVerb(record: ResourceRecord, input: UpdateResource): "update" | "close" {
  return input.status === "closed" && record.status !== "closed" ? "close" : "update";
}

const linkKindOf = (v: string | undefined) => RESOURCE_LINK_KINDS.find((k) => k === v);

export function resourceRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "The directory: entries (professionals-only fields included), 日常生活圏域, settings",
      tag,
      response: ResourceDirectory,
    }),
    allowIn("resources.read"),
    async (c) => {
      const q = c.var.app.kysely;
      const [resources, areas, settings] = await Promise.all([
        repo.listResources(q, c.var.workspaceId),
        repo.listAreas(q, c.var.workspaceId),
        repo.getSettings(q, c.var.workspaceId),
      ]);
      return c.json({
        resources: resources.map((x) => presentResource(c.var.actor, x)),
        areas: areas.map((a) => presentArea(a)),
        settings: presentSettings(settings),
      });
    },
  );

  r.post(
    "/",
    describe({ summary: "Add an entry by hand", tag, ok: 201, response: ResourceResult }),
    jsonBody(CreateResource),
    allowIn("resources.create"),
    async (c) => {
      const resource = await createResource(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ resource: presentResource(c.var.actor, resource) }, 201);
    },
  );

  r.get(
    "/lookup",
    describe({
      summary: "Short references to entries, by ids (ids=a,b) or by text (q=): referrals and pickers",
      tag,
      response: ResourceRefList,
    }),
    queryParams(ResourceLookupQuery),
    allowIn("resources.read"),
    async (c) => {
      const { ids, q: text } = c.req.valid("query");
      const q = c.var.app.kysely;
      const found = ids.length
        ? await repo.findResourcesByIds(q, c.var.workspaceId, ids)
        : searchDirectory(await repo.listResources(q, c.var.workspaceId, { activeOnly: true }), { text })
            .slice(0, 50)
            .map((h) => h.entry);
      return c.json({ resources: found.map(presentRef) });
    },
  );

  r.get(
    "/search",
    describe({
      summary:
        "Who can do X near Y: by services (all of them), kinds, 圏域, and distance from a point or an entry",
      tag,
      response: ResourceSearchResult,
    }),
    queryParams(ResourceSearchQuery),
    allowIn("resources.read"),
    async (c) => {
      const query = c.req.valid("query");
      const entries = await repo.listResources(c.var.app.kysely, c.var.workspaceId, { activeOnly: true });
      let from: { lat: number; lng: number } | null = null;
      if (query.near) {
        const origin = entries.find((e) => e.id === query.near);
        if (!origin || origin.fields.lat === null || origin.fields.lng === null)
          throw invalid({ near: "unknown" });
        from = { lat: origin.fields.lat, lng: origin.fields.lng };
      } else if (query.lat !== null && query.lng !== null) from = { lat: query.lat, lng: query.lng };
      const hits = searchDirectory(
        entries.filter((e) => e.id !== query.near),
        {
          services: query.services,
          kinds: query.kinds,
          areaId: query.area,
          text: query.q,
          from,
          radiusKm: query.radiusKm,
        },
      );
      return c.json({
        hits: hits.slice(0, 100).map((h) => ({
          resource: presentRef(h.entry),
          services: h.entry.fields.services,
          distanceKm: h.distanceKm,
        })),
      });
    },
  );

  r.get(
    "/links",
    describe({
      summary:
        "Entries linked to plan actions (targetKind=planAction, targetIds=a,b; without targetIds every link of the workspace)",
      tag,
      response: ResourceLinkList,
    }),
    queryParams(ResourceLinkQuery),
    allowIn("resources.read"),
    async (c) => {
      const { targetKind, targetIds } = c.req.valid("query");
      const q = c.var.app.kysely;
      const links = await repo.listLinks(q, c.var.workspaceId, { targetKind, targetIds });
      const [resources, targets] = await Promise.all([
        repo.findResourcesByIds(
          q,
          c.var.workspaceId,
          links.map((l) => l.resourceId),
        ),
        actionTitles(q, c.var.workspaceId, [...new Set(links.map((l) => l.targetId))]),
      ]);
      return c.json({
        links,
        resources: resources.map(presentRef),
        targets: targets.map((t) => ({ id: t.id, title: t.name })),
        canLink: authorize(c.var.actor, "link", { kind: "resource", status: "active", manual: false }),
      });
    },
  );

  r.patch(
    "/settings",
    describe({
      summary: "Public page, providers' changes (approve or apply), stale months, link days",
      tag,
      response: ResourceSettings,
    }),
    jsonBody(UpdateResourceSettings),
    allowIn("resources.settings"),
    async (c) => c.json(presentSettings(await updateSettings(c.var.app, callerOf(c), c.req.valid("json")))),
  );

  r.post(
    "/imports/preview",
    describe({
      summary: "What an open-data CSV would change, field by field; nothing is written",
      tag,
      response: ImportPreview,
    }),
    jsonBody(ImportFile),
    allowIn("resources.import"),
    async (c) => c.json(await previewImport(c.var.app, callerOf(c), c.req.valid("json"))),
  );

  r.post(
    "/imports",
    describe({
      summary: "Import an open-data CSV as previewed (confirm = the preview's digest)",
      tag,
      ok: 201,
      response: ImportResult,
      errors: [409, 422],
    }),
    jsonBody(ImportFile),
    allowIn("resources.import"),
    async (c) => {
      const record = await confirmImport(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ import: presentImport({ ...record, importedByName: c.var.user?.name ?? "" }) }, 201);
    },
  );

  r.get(
    "/imports",
    describe({ summary: "The imports made: source, file, data date, counts", tag, response: ImportHistory }),
    allowIn("resources.read"),
    async (c) =>
      c.json({ imports: (await repo.listImports(c.var.app.kysely, c.var.workspaceId)).map(presentImport) }),
  );

  r.get(
    "/update-requests",
    describe({
      summary: "What providers sent: pending first, then the latest decided",
      tag,
      response: UpdateRequestList,
    }),
    allowIn("resources.review"),
    async (c) =>
      c.json({
        requests: (await repo.listUpdateRequests(c.var.app.kysely, c.var.workspaceId)).map(presentRequest),
      }),
  );

  r.post(
    "/update-requests/:qid",
    describe({
      summary: "Apply or refuse what a provider sent",
      tag,
      response: UpdateRequestSchema,
      errors: [409],
    }),
    jsonBody(DecideUpdateRequest),
    loadRequest,
    allowIn("resources.review"),
    async (c) => {
      const decided = await decideUpdateRequest(c.var.app, callerOf(c), c.var.request, c.req.valid("json"));
      return c.json(presentRequest({ ...decided, decidedByName: c.var.user?.name ?? "" }));
    },
  );

  for (const which of ["contact-times", "liaison"] as const) {
    r.get(
      `/tables/${which}.xlsx`,
      describe({
        summary:
          which === "contact-times"
            ? "連絡可能時間一覧表 as an Excel workbook"
            : "病院連携窓口一覧表 as an Excel workbook",
        tag,
      }),
      allowIn("resources.read"),
      async (c) => {
        const q = c.var.app.kysely;
        const [entries, areas, workspace] = await Promise.all([
          repo.listResources(q, c.var.workspaceId, { activeOnly: true }),
          repo.listAreas(q, c.var.workspaceId),
          findWorkspace(q, c.var.workspaceId),
        ]);
        const areaName = (id: string | null) => areas.find((a) => a.id === id)?.name ?? "";
        const table: ProfessionalTable =
          which === "contact-times" ? contactTimesTable(entries, areaName) : liaisonTable(entries);
        const bytes = await tableWorkbook(table, workspace?.name ?? "", Date.now());
        const name = encodeURIComponent(`${table.title}.xlsx`);
        return c.body(new Uint8Array(bytes), 200, {
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="${which}.xlsx"; filename*=UTF-8''${name}`,
        });
      },
    );
  }

  r.get(
    "/:rid",
    describe({ summary: "One entry", tag, response: ResourceResult }),
    allowIn("resources.read"),
    loadResource,
    async (c) => c.json({ resource: presentResource(c.var.actor, c.var.resource) }),
  );

  r.patch(
    "/:rid",
    describe({
      summary: "Change an entry (fields set here are kept by later imports); close or reopen it",
      tag,
      response: ResourceResult,
    }),
    jsonBody(UpdateResource),
    loadResource,
    allow("update", "resource", resourceResource),
    allowOn((c) => ({
      verb: changeVerb(c.get("resource" as never), c.req.valid("json" as never)),
      resource: resourceResource(c.get("resource" as never)),
    })),
    async (c) => {
      const resource = await updateResource(c.var.app, callerOf(c), c.var.resource, c.req.valid("json"));
      return c.json({ resource: presentResource(c.var.actor, resource) });
    },
  );

  r.delete(
    "/:rid",
    describe({ summary: "Delete an entry made by hand (imported ones are closed instead)", tag, ok: 204 }),
    loadResource,
    allow("delete", "resource", resourceResource),
    async (c) => {
      await deleteResource(c.var.app, callerOf(c), c.var.resource);
      return c.body(null, 204);
    },
  );

  r.get(
    "/:rid/update-links",
    describe({ summary: "The entry's update links (never their tokens)", tag, response: UpdateLinkList }),
    loadResource,
    allow("sendLink", "resource", resourceResource),
    async (c) =>
      c.json({ links: (await repo.listUpdateLinks(c.var.app.kysely, c.var.resource.id)).map(presentLink) }),
  );

  r.post(
    "/:rid/update-links",
    describe({
      summary: "A personal update link for the entry's provider (earlier ones stop working); shown once",
      tag,
      ok: 201,
      response: CreatedUpdateLink,
    }),
    loadResource,
    allow("sendLink", "resource", resourceResource),
    async (c) => {
      const { link, token } = await sendUpdateLink(c.var.app, callerOf(c), c.var.resource);
      return c.json(
        {
          link: presentLink({ ...link, createdByName: c.var.user?.name ?? "" }),
          url: `${c.var.app.config.publicUrl}/update/${token}`,
        },
        201,
      );
    },
  );

  r.delete(
    "/:rid/update-links",
    describe({ summary: "Stop every open update link of the entry", tag, ok: 204 }),
    loadResource,
    allow("sendLink", "resource", resourceResource),
    async (c) => {
      await revokeUpdateLinks(c.var.app, callerOf(c), c.var.resource);
      return c.body(null, 204);
    },
  );

  for (const linked of [true, false]) {
    r[linked ? "put" : "delete"](
      "/:rid/links/:kind/:tid",
      describe({
        summary: linked
          ? "Link the entry to a plan action of the workspace"
          : "Unlink the entry from a plan action",
        tag,
        ok: 204,
      }),
      loadResource,
      allow("link", "resource", resourceResource),
      async (c) => {
        const kind = linkKindOf(c.req.param("kind"));
        const tid = c.req.param("tid");
        if (!kind) throw invalid({ kind: "unknown" });
        if (!isId(tid)) throw invalid({ tid: "format" });
        if (linked && (await actionTitles(c.var.app.kysely, c.var.workspaceId, [tid])).length === 0)
          throw new ApiError(404, "not_found", "計画の取組が見つかりません。");
        await setResourceLink(c.var.app, callerOf(c), c.var.resource, kind, tid, linked);
        return c.body(null, 204);
      },
    );
  }

  return r;
}
