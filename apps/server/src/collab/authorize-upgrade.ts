/**
 * Decides, before any WebSocket upgrade, whether a request may open a document: the path
 * names a document, the Origin is ours, the session is valid and the policy grants access.
 * Refusals are plain HTTP answers so a browser never gets a socket it may not use.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import {
  type Actor,
  COLLAB_PATH_PREFIX,
  documentAccess,
  parseDocName,
  type ReservedParts,
  reservedParts,
} from "@tsumugi/domain";
import { readSessionToken } from "../auth/cookie.js";
import type { AppContext } from "../context.js";
import { type DocumentRecord, findDocumentByName } from "../documents/document-repository.js";
import { isAllowedOrigin } from "../net/origin.js";
import { loadActor } from "../workspaces/actor.js";
import type { PeerUser } from "./peer.js";
import { SingleFlight } from "./single-flight.js";

export type UpgradeDecision =
  | {
      ok: true;
      docName: string;
      workspaceId: string;
      user: PeerUser;
      sessionId: string;
      /** The session's absolute end: an open socket keeps it from idling out, not from this. */
      sessionEndsAt: number;
      access: "write" | "read";
      /** Parts of the document a writer may not change (policy `reservedParts`); null: none. */
      reserved: ReservedParts | null;
    }
  | { ok: false; status: 401 | 403 | 404; reason: string };

/** What an upgrade is decided and completed on (ws reads the method and these headers). */
export interface UpgradeRequest {
  url: string | undefined;
  method: string | undefined;
  headers: Pick<
    IncomingHttpHeaders,
    | "origin"
    | "cookie"
    | "upgrade"
    | "sec-websocket-key"
    | "sec-websocket-version"
    | "sec-websocket-protocol"
    | "sec-websocket-extensions"
  >;
}

/**
 * Copies the few fields an upgrade needs, so the request (its stream state and every
 * header) does not live on while the decision waits for SQLite.
 */
export function upgradeRequestOf(req: IncomingMessage): UpgradeRequest {
  const h = req.headers;
  return {
    url: req.url,
    method: req.method,
    headers: {
      origin: h.origin,
      cookie: h.cookie,
      upgrade: h.upgrade,
      "sec-websocket-key": h["sec-websocket-key"],
      "sec-websocket-version": h["sec-websocket-version"],
      "sec-websocket-protocol": h["sec-websocket-protocol"],
      "sec-websocket-extensions": h["sec-websocket-extensions"],
    },
  };
}

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

interface SessionAuth {
  user: PeerUser;
  sessionId: string;
  sessionEndsAt: number;
}

async function validateSession(ctx: AppContext, token: string): Promise<SessionAuth | null> {
  const auth = await ctx.sessions.validate(token);
  return (
    auth && {
      user: { id: auth.user.id, name: auth.user.name },
      sessionId: auth.session.id,
      sessionEndsAt: ctx.sessions.lifetimeEndsAt(auth.session),
    }
  );
}

/**
 * `epoch` counts the access changes seen so far: lookups are shared only within one epoch,
 * so a decision taken again after a change never reuses a lookup that began before it.
 */
export type UpgradeAuthorizer = (req: UpgradeRequest, ip: string, epoch: number) => Promise<UpgradeDecision>;

/**
 * The upgrade decision of one collab server. Concurrent upgrades share their lookups of the
 * same session, document and member (see SingleFlight).
 */
export function createUpgradeAuthorizer(ctx: AppContext): UpgradeAuthorizer {
  // The peer user is made with the lookup, so the sockets of one burst share it.
  const sessions = new SingleFlight<SessionAuth | null>();
  const documents = new SingleFlight<DocumentRecord | null>();
  const actors = new SingleFlight<Actor>();

  return async function authorizeUpgrade(req, ip, epoch) {
    const docName = docNameFromPath(req.url);
    const parsed = docName === null ? null : parseDocName(docName);
    if (docName === null || parsed === null) return { ok: false, status: 404, reason: "no such document" };
    if (!isAllowedOrigin(ctx.config, req.headers.origin)) return { ok: false, status: 403, reason: "origin" };
    const token = readSessionToken(ctx.config, req.headers.cookie);
    const auth = token ? await sessions.run(`${epoch} ${token}`, () => validateSession(ctx, token)) : null;
    if (!token || !auth) return { ok: false, status: 401, reason: "no session" };

    const userId = auth.user.id;
    const [doc, actor] = await Promise.all([
      documents.run(`${epoch} ${docName}`, () => findDocumentByName(ctx.kysely, docName)),
      actors.run(`${epoch} ${userId} ${parsed.workspaceId}`, () =>
        loadActor(ctx.kysely, userId, parsed.workspaceId),
      ),
    ]);
    const access = doc && doc.workspaceId === parsed.workspaceId ? documentAccess(actor, doc) : "none";
    if (access === "none") {
      await ctx.audit.record({
        event: "document.access_refused",
        workspaceId: actor.role ? parsed.workspaceId : null,
        actorUserId: userId,
        target: docName,
        ip,
        detail: { via: "collab" },
      });
      // Members of the workspace learn the document does not exist; others learn nothing.
      if (!doc && actor.role && !actor.disabled)
        return { ok: false, status: 404, reason: "no such document" };
      return { ok: false, status: 403, reason: "forbidden" };
    }
    return {
      ok: true,
      docName,
      workspaceId: parsed.workspaceId,
      user: auth.user,
      sessionId: auth.sessionId,
      sessionEndsAt: auth.sessionEndsAt,
      access,
      reserved: access === "write" && doc ? reservedParts(actor, doc) : null,
    };
  };
}
