/**
 * Turns HTTP upgrade requests on /collab/<docName> into WebSockets: limited per client IP,
 * decided by the authoriser (session, Origin, policy), refused with a plain HTTP status when
 * not allowed, when the document is full or while the server stops, and decided again when
 * an access change happened while the upgrade waited.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { SharedWindowCounter } from "../cluster/shared-budgets.js";
import type { CollabLimits } from "../config.js";
import type { AppContext } from "../context.js";
import { clientIpOf } from "../net/client-ip.js";
import type { AccessWatcher } from "./access-watcher.js";
import {
  createUpgradeAuthorizer,
  type UpgradeDecision,
  type UpgradeRequest,
  upgradeRequestOf,
} from "./authorize-upgrade.js";
import { PeerWebSocket } from "./connection.js";
import type { Room } from "./room.js";
import type { RoomRegistry } from "./room-registry.js";

const STATUS_TEXT: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Access changes racing one upgrade are rare; a socket that keeps losing the race gets 503. */
const MAX_DECISIONS_PER_UPGRADE = 3;

/** Shared by every upgrading socket: a per-socket closure would outlive the upgrade. */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const text = STATUS_TEXT[status] ?? "Error";
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export type Admitted = Extract<UpgradeDecision, { ok: true }>;

export interface Upgrades {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function acceptUpgrades(deps: {
  ctx: AppContext;
  limits: CollabLimits;
  rooms: RoomRegistry;
  access: AccessWatcher;
  stopping: () => boolean;
  /** The WebSocket is open on `room`: from here ws handles the socket's errors. */
  opened(ws: PeerWebSocket, socket: Duplex, room: Room, admitted: Admitted): void;
}): Upgrades {
  const { ctx, limits, rooms, access, stopping } = deps;
  // Several nodes: counted together through Redis (cluster/shared-budgets.ts); each node alone
  // while Redis is away.
  const perIp = new SharedWindowCounter(
    "upgrades",
    limits.upgradesPerMinutePerIp,
    60_000,
    ctx.cluster ?? null,
  );
  const authorize = createUpgradeAuthorizer(ctx);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    // The server's peer set already tracks the open sockets; ws's own set would add a closure per socket.
    clientTracking: false,
    WebSocket: PeerWebSocket,
  });

  async function upgrade(req: UpgradeRequest, ip: string, socket: Duplex, head: Buffer): Promise<void> {
    if (stopping()) return refuse(socket, 503);
    if (!(await perIp.take(ip))) return refuse(socket, 429);
    for (let attempt = 0; attempt < MAX_DECISIONS_PER_UPGRADE; attempt++) {
      const epoch = access.epoch;
      const decision = await authorize(req, ip, epoch);
      if (!decision.ok) return refuse(socket, decision.status);
      if (rooms.occupancy(decision.docName) >= limits.maxConnectionsPerDocument) return refuse(socket, 503);
      const done = await rooms.reserve(decision.docName, async () => {
        const room = await rooms.open(decision.docName);
        if (stopping() || socket.destroyed) {
          rooms.scheduleUnload(room);
          refuse(socket, 503);
          return true;
        }
        // An access change while this upgrade waited reached only the open sockets, not this
        // one: decide again rather than open a socket on a decision that may be outdated.
        if (epoch !== access.epoch) {
          rooms.scheduleUnload(room);
          return false;
        }
        // ws reads only the method and the handshake headers of the request.
        wss.handleUpgrade(req as IncomingMessage, socket, head, (ws) => {
          socket.removeListener("error", destroyOnError);
          deps.opened(ws as PeerWebSocket, socket, room, decision);
        });
        return true;
      });
      if (done) return;
    }
    refuse(socket, 503);
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on("error", destroyOnError);
      // Only a copy of what the handshake needs waits for the database: the request itself dies young.
      const ip = clientIpOf(req, ctx.config.trustProxy);
      upgrade(upgradeRequestOf(req), ip, socket, head).catch((err) => {
        ctx.log.error("collab: upgrade failed", { err });
        refuse(socket, 500);
      });
    },
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  };
}
