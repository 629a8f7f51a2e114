/**
 * What the directory shows without an account:
 * - /api/public/resources/:lgCode: the public directory's entries (public fields only), when
 *   the municipality opened it;
 * - /api/public/map: the map's tile URL and attribution;
 * - /api/provider/:token: a provider's own entry through their personal update link, and
 *   what they send back (applied at once or kept for the secretariat, per workspace).
 */
import {
  MapConfig,
  ProviderUpdate,
  ProviderUpdateResult,
  ProviderView,
  PublicDirectory,
} from "@tsumugi/contract";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.js";
import { describe, jsonBody } from "../http/operation.js";
import { openUpdateLink, recordProviderOpened, submitProviderUpdate } from "./provider-update-commands.js";
import { directoryClosed, linkInvalid } from "./resource-errors.js";
import { presentMapConfig, presentProviderView, presentPublicDirectory } from "./resource-presenter.js";
import { readProviderView, readPublicDirectory } from "./resource-queries.js";

const tag = "resources";

export function publicResourceRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get(
    "/resources/:lg",
    describe({
      summary: "A municipality's public directory (public fields only), by local government code",
      tag,
      public: true,
      response: PublicDirectory,
    }),
    async (c) => {
      const read = await readPublicDirectory(c.var.app.kysely, c.req.param("lg"));
      if (!read) throw directoryClosed();
      return c.json(presentPublicDirectory(read));
    },
  );
  r.get(
    "/map",
    describe({ summary: "The map's tiles and their attribution", tag, public: true, response: MapConfig }),
    (c) => c.json(presentMapConfig(c.var.app.config)),
  );
  return r;
}

export function providerRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();
  r.get(
    "/:token",
    describe({
      summary: "The provider's entry, through their personal update link (no account)",
      tag,
      public: true,
      response: ProviderView,
      errors: [404],
    }),
    async (c) => {
      const app = c.var.app;
      const { link, resource } = await openUpdateLink(app, c.req.param("token"));
      const read = await readProviderView(app.kysely, link.workspaceId, resource.id);
      if (!read) throw linkInvalid();
      await recordProviderOpened(app, link, resource, c.var.ip);
      return c.json(presentProviderView(read, resource, link));
    },
  );
  r.post(
    "/:token",
    describe({
      summary: "Send the provider's changes: applied at once or kept for the secretariat (per workspace)",
      tag,
      public: true,
      response: ProviderUpdateResult,
      errors: [404],
    }),
    jsonBody(ProviderUpdate),
    async (c) => {
      const app = c.var.app;
      const { link, resource } = await openUpdateLink(app, c.req.param("token"));
      const status = await submitProviderUpdate(app, link, resource, c.req.valid("json"), c.var.ip);
      return c.json({ status });
    },
  );
  return r;
}
