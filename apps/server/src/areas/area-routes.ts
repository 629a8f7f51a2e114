/** /api/workspaces/:wid/areas — the 日常生活圏域 shared by the consultation desk and the resource directory. */
import { AreaList, AreaResult, CreateArea, DeleteAreaQuery, UpdateArea } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, callerOf, describe, jsonBody, load, queryParams } from "../http/operation.js";
import { areaNotFound, createArea, deleteArea, updateArea } from "./area-commands.js";
import { presentArea, presentAreaList } from "./area-presenter.js";
import { areaUsage, findArea, listAreas } from "./area-repository.js";

const tag = "areas";

const loadArea = load(
  "area",
  async (c) => {
    const aid = c.req.param("aid");
    return isId(aid) ? findArea(c.var.app.kysely, c.var.workspaceId, aid) : undefined;
  },
  areaNotFound,
);

export function areaRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "The 日常生活圏域 in their order (with what names each, for the secretariat)",
      tag,
      response: AreaList,
    }),
    allowIn("areas.read"),
    async (c) => {
      const q = c.var.app.kysely;
      const [list, usage] = await Promise.all([
        listAreas(q, c.var.workspaceId),
        areaUsage(q, c.var.workspaceId),
      ]);
      return c.json(presentAreaList(c.var.actor, list, usage));
    },
  );

  r.post(
    "/",
    describe({
      summary: "Add an area at the end of the list",
      tag,
      ok: 201,
      response: AreaResult,
      errors: [409],
    }),
    jsonBody(CreateArea),
    allowIn("areas.manage"),
    async (c) => {
      const area = await createArea(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ area: presentArea(area) }, 201);
    },
  );

  r.patch(
    "/:aid",
    describe({
      summary: "Rename an area, change its town names, or move it in the list",
      tag,
      response: AreaResult,
      errors: [409],
    }),
    jsonBody(UpdateArea),
    allowIn("areas.manage"),
    loadArea,
    async (c) => {
      const area = await updateArea(c.var.app, callerOf(c), c.var.area, c.req.valid("json"));
      return c.json({ area: presentArea(area) });
    },
  );

  r.delete(
    "/:aid",
    describe({
      summary: "Delete an area; what names it moves to `moveTo`, needed when something does",
      tag,
      ok: 204,
      errors: [409],
    }),
    queryParams(DeleteAreaQuery),
    allowIn("areas.manage"),
    loadArea,
    async (c) => {
      await deleteArea(c.var.app, callerOf(c), c.var.area, c.req.valid("query").moveTo);
      return c.body(null, 204);
    },
  );

  return r;
}
