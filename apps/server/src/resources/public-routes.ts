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
import type { Config } from "../config.js";
import type { AppEnv } from "../http/env.js";
import { ApiError } from "../http/errors.js";
import { describe, jsonBody } from "../http/operation.js";
import {
  findWorkspace,
  findWorkspaceByLgCode,
  type WorkspaceRecord,
} from "../workspaces/workspace-repository.js";
import {
  linkInvalid,
  openUpdateLink,
  recordProviderOpened,
  submitProviderUpdate,
} from "./resource-commands.js";
import { presentPublicResource } from "./resource-presenter.js";
import * as repo from "./resource-repository.js";

const tag = "resources";

export const directoryClosed = () =>
  new ApiError(404, "resource.directoryClosed", "この自治体の医療・介護資源の一覧は公開されていません。");

export interface PublicDirectoryData {
  workspace: WorkspaceRecord;
  directory: PublicDirectory;
}

/** The public directory of a municipality, or null when it is not open. */
export async function readPublicDirectory(
  q: Parameters<typeof repo.listResources>[0],
  lgCode: string,
): Promise<PublicDirectoryData | null> {
  if (!/^\d{6}$/.test(lgCode)) return null;
  const workspace = await findWorkspaceByLgCode(q, lgCode);
  if (!workspace) return null;
  const settings = await repo.getSettings(q, workspace.id);
  if (!settings.publicEnabled) return null;
  const [entries, areas] = await Promise.all([
    repo.listResources(q, workspace.id, { activeOnly: true, publishedOnly: true }),
    repo.listAreas(q, workspace.id),
  ]);
  const areaName = (id: string | null) => areas.find((a) => a.id === id)?.name ?? null;
  return {
    workspace,
    directory: {
      workspace: { name: workspace.name, prefecture: workspace.prefecture, lgCode: workspace.lgCode },
      resources: entries.map((e) => presentPublicResource(e, areaName(e.fields.areaId))),
      areas: areas.map((a) => a.name),
      demo: settings.demo,
      updatedAt: entries.reduce<number | null>(
        (m, e) => (m === null || e.updatedAt > m ? e.updatedAt : m),
        null,
      ),
    },
  };
}

export function mapConfigOf(config: Config): MapConfig {
  const { tileUrl, attributionText, attributionUrl } = config.map;
  const esc = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] ?? ch,
    );
  const attribution = attributionUrl
    ? `<a href="${esc(attributionUrl)}" target="_blank" rel="noopener noreferrer">${esc(attributionText || attributionUrl)}</a>`
    : esc(attributionText);
  return { tileUrl, attribution, attributionText, attributionUrl };
}

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
      const data = await readPublicDirectory(c.var.app.kysely, c.req.param("lg"));
      if (!data) throw directoryClosed();
      return c.json(data.directory);
    },
  );
  r.get(
    "/map",
    describe({ summary: "The map's tiles and their attribution", tag, public: true, response: MapConfig }),
    (c) => c.json(mapConfigOf(c.var.app.config)),
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
      const workspace = await findWorkspace(app.kysely, link.workspaceId);
      if (!workspace) throw linkInvalid();
      await recordProviderOpened(app, link, resource, c.var.ip);
      const f = resource.fields;
      return c.json({
        workspace: { name: workspace.name, prefecture: workspace.prefecture },
        resource: {
          name: f.name,
          kind: f.kind,
          subtype: f.subtype,
          address: f.address,
          phone: f.phone,
          fax: f.fax,
          url: f.url,
          hours: f.hours,
          services: f.services,
          contact: f.contact,
          liaison: f.liaison,
          vacancy: f.vacancy,
        },
        expiresAt: link.expiresAt,
        pending: await repo.hasPendingRequest(app.kysely, resource.id),
      });
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
