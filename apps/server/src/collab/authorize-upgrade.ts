/**
 * Decides, before any WebSocket upgrade, whether a request may open a document: the path
 * names a document, the Origin is ours, the session is valid and the policy grants access.
 * Refusals are plain HTTP answers so a browser never gets a socket it may not use.
 */
import type { IncomingMessage } from "node:http";
import { documentAccess, parseDocName } from "@tsumugi/domain";
import { readSessionToken } from "../auth/cookie.js";
import type { AppContext } from "../context.js";
import { findDocumentByName } from "../documents/document-repository.js";
import { isAllowedOrigin } from "../http/origin.js";
import { loadActor } from "../workspaces/actor.js";
import type { PeerUser } from "./peer.js";

export const COLLAB_PATH_PREFIX = "/collab/";

export type UpgradeDecision =
  | {
      ok: true;
      docName: string;
      workspaceId: string;
      user: PeerUser;
      sessionId: string;
      access: "write" | "read";
    }
  | { ok: false; status: 401 | 403 | 404; reason: string };

export function docNameFromPath(url: string | undefined): string | null {
  if (!url) return null;
  const path = url.split("?")[0];
  if (!path.startsWith(COLLAB_PATH_PREFIX)) return null;
  try {
    return decodeURIComponent(path.slice(COLLAB_PATH_PREFIX.length));
  } catch {
    return null;
  }
}

export async function authorizeUpgrade(
  ctx: AppContext,
  req: IncomingMessage,
  ip: string,
): Promise<UpgradeDecision> {
  const docName = docNameFromPath(req.url);
  const parsed = docName === null ? null : parseDocName(docName);
  if (docName === null || parsed === null) return { ok: false, status: 404, reason: "no such document" };
  if (!isAllowedOrigin(ctx.config, req.headers.origin)) return { ok: false, status: 403, reason: "origin" };
  const token = readSessionToken(ctx.config, req.headers.cookie);
  const auth = token ? await ctx.sessions.validate(token) : null;
  if (!token || !auth) return { ok: false, status: 401, reason: "no session" };

  const doc = await findDocumentByName(ctx.db, docName);
  const actor = await loadActor(ctx.db, auth.user.id, parsed.workspaceId);
  const access = doc && doc.workspaceId === parsed.workspaceId ? documentAccess(actor, doc) : "none";
  if (access === "none") {
    await ctx.audit.record({
      event: "document.access_refused",
      workspaceId: actor.role ? parsed.workspaceId : null,
      actorUserId: auth.user.id,
      target: docName,
      ip,
      detail: { via: "collab" },
    });
    // Members of the workspace learn the document does not exist; others learn nothing.
    if (!doc && actor.role && !actor.disabled) return { ok: false, status: 404, reason: "no such document" };
    return { ok: false, status: 403, reason: "forbidden" };
  }
  return {
    ok: true,
    docName,
    workspaceId: parsed.workspaceId,
    user: { id: auth.user.id, name: auth.user.name },
    sessionId: auth.session.id,
    access,
  };
}
