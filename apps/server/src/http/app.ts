/** The Hono application: REST API under /api and the built web app. */
import { Hono } from "hono";
import type { CollabServer } from "../collab/collab-server.js";
import type { AppContext } from "../context.js";

export function createApp(_ctx: AppContext, _collab: CollabServer): Hono {
  const app = new Hono();
  app.get("/api/health", (c) => c.json({ ok: true }));
  return app;
}
