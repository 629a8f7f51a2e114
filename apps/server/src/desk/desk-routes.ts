/** /api/workspaces/:wid/desks — consultation desks (相談窓口), with the 日常生活圏域 they use. */
import { CreateDesk, DeskList, DeskResult, UpdateDesk } from "@tsumugi/contract";
import { isId } from "@tsumugi/domain";
import { Hono } from "hono";
import { presentArea } from "../areas/area-presenter.js";
import { listAreas } from "../areas/area-repository.js";
import type { AppEnv } from "../http/env.js";
import { allow, allowIn, allowOn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { findWorkspace } from "../workspaces/workspace-repository.js";
import { createDesk, deleteDesk, deskNotFound, updateDesk } from "./desk-commands.js";
import { deskResource, presentDesk } from "./desk-presenter.js";
import { type DeskWithStaff, findDesk, listDesks } from "./desk-repository.js";
import { publicDeskPath } from "./public-desk-page.js";

const tag = "desk";

const loadDesk = load(
  "desk",
  async (c) => {
    const did = c.req.param("did");
    return isId(did) ? findDesk(c.var.app.kysely, c.var.workspaceId, did) : undefined;
  },
  deskNotFound,
);

export function deskRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  // Members, observers and other municipalities do not even learn which desks exist here;
  // the public desk page shows the desks a municipality publishes.
  r.use("*", allowIn("consultations.use"));

  r.get(
    "/",
    describe({ summary: "Desks with their coordinators, and the 日常生活圏域", tag, response: DeskList }),
    async (c) => {
      const q = c.var.app.kysely;
      const [desks, areas, lg] = await Promise.all([
        listDesks(q, c.var.workspaceId),
        listAreas(q, c.var.workspaceId),
        findWorkspace(q, c.var.workspaceId),
      ]);
      return c.json({
        desks: desks.map((d) => presentDesk(c.var.actor, d)),
        areas: areas.map((a) => presentArea(a)),
        publicPath: publicDeskPath(lg?.lgCode ?? ""),
      });
    },
  );

  r.post(
    "/",
    describe({ summary: "Open a desk", tag, ok: 201, response: DeskResult, errors: [409] }),
    jsonBody(CreateDesk),
    allowIn("desks.manage"),
    async (c) => {
      const desk = await createDesk(c.var.app, callerOf(c), c.req.valid("json"));
      return c.json({ desk: presentDesk(c.var.actor, desk) }, 201);
    },
  );

  r.patch(
    "/:did",
    describe({
      summary: "Change a desk (its coordinators: the secretariat only)",
      tag,
      response: DeskResult,
      errors: [409],
    }),
    jsonBody(UpdateDesk),
    loadDesk,
    allow("update", "desk", deskResource),
    // Naming its coordinators is the secretariat's.
    allowOn((c) => ({
      verb: (c.req.valid("json" as never) as UpdateDesk).staffIds === undefined ? "update" : "manageStaff",
      resource: deskResource(c.get("desk" as never) as DeskWithStaff),
    })),
    async (c) => {
      const desk = await updateDesk(c.var.app, callerOf(c), c.var.desk, c.req.valid("json"));
      return c.json({ desk: presentDesk(c.var.actor, desk) });
    },
  );

  r.delete(
    "/:did",
    describe({ summary: "Delete a desk without records or examples", tag, ok: 204, errors: [409] }),
    loadDesk,
    allow("delete", "desk", deskResource),
    async (c) => {
      await deleteDesk(c.var.app, callerOf(c), c.var.desk);
      return c.body(null, 204);
    },
  );

  return r;
}
