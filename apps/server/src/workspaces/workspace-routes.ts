/** GET/PATCH /api/workspaces/:wid — the municipality's name, prefecture and LG code. */
import { UpdateWorkspace, WorkspaceDetail, WorkspaceResult } from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { allowIn, callerOf, describe, jsonBody, load } from "../http/operation.js";
import { updateWorkspace } from "./workspace-commands.js";
import { workspaceNotFound } from "./workspace-guard.js";
import { presentWorkspace, presentWorkspaceDetail } from "./workspace-presenter.js";
import { findWorkspace } from "./workspace-repository.js";

const tag = "workspaces";

/** The workspace of the route (the workspace guard has checked the caller belongs to it). */
const loadWorkspace = load(
  "workspace",
  (c) => findWorkspace(c.var.app.kysely, c.var.workspaceId),
  workspaceNotFound,
);

export function workspaceRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({ summary: "Workspace, own role and permissions", tag, response: WorkspaceDetail }),
    allowIn("workspace.read"),
    loadWorkspace,
    (c) => c.json(presentWorkspaceDetail(c.var.actor, c.var.workspace)),
  );

  r.patch(
    "/",
    describe({
      summary: "Rename; set prefecture and local government code (check digit validated)",
      tag,
      response: WorkspaceResult,
      errors: [409],
    }),
    jsonBody(UpdateWorkspace),
    loadWorkspace,
    allowIn("workspace.update"),
    async (c) => {
      const workspace = await updateWorkspace(c.var.app, callerOf(c), c.var.workspace, c.req.valid("json"));
      return c.json({ workspace: presentWorkspace(workspace) });
    },
  );

  return r;
}
