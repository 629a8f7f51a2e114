/**
 * What rooms ask of the server while they handle messages: each person's write and presence
 * budgets (over all their connections and documents), and the reports of what was refused
 * or dropped (log, and the audit log for writes). Rooms call these hooks; they keep no
 * budget or report state of their own.
 */
import { SharedTokenBuckets } from "../cluster/shared-budgets.js";
import type { CollabLimits } from "../config.js";
import type { AppContext } from "../context.js";
import type { Peer } from "./peer.js";
import type { RoomDeps } from "./room.js";

export type RoomHooks = Pick<
  RoomDeps,
  | "onWriteRefused"
  | "takeWrite"
  | "takeAwareness"
  | "onWriteLimited"
  | "onReservedRefused"
  | "onAwarenessDropped"
> & {
  /** Stops the budgets' exchanges with the other nodes. */
  close(): void;
};

export function roomHooks(
  ctx: Pick<AppContext, "audit" | "log" | "cluster">,
  limits: CollabLimits,
): RoomHooks {
  const { log } = ctx;
  // Per person (user id), over all their connections and documents. Several nodes: counted
  // together through Redis (cluster/shared-budgets.ts); each node alone while Redis is away.
  const budget = (name: string, perMinute: number) =>
    new SharedTokenBuckets(name, perMinute, ctx.cluster ?? null, { log });
  const writeBytes = budget("writeBytes", limits.writeBytesPerMinute);
  const writes = budget("writes", limits.writesPerMinute);
  const presence = budget("presence", limits.awarenessPerMinute);
  const audit = (entry: Parameters<AppContext["audit"]["record"]>[0]) =>
    ctx.audit.record(entry).catch((err) => log.error("audit failed", { err }));

  return {
    onWriteRefused: (peer: Peer, docName: string) => {
      log.warn("collab: write from a read-only connection dropped", { doc: docName, user: peer.user.id });
      void audit({
        event: "document.write_refused",
        workspaceId: peer.workspaceId,
        actorUserId: peer.user.id,
        target: docName,
      });
    },
    takeWrite: (userId: string, bytes: number) => {
      const count = writes.take(userId);
      if (count > 0) return { waitMs: count, limit: "writes" as const };
      const size = writeBytes.take(userId, bytes);
      // The update is refused: the count it took is given back.
      if (size > 0) writes.take(userId, -1);
      return size > 0 ? { waitMs: size, limit: "writeBytes" as const } : { waitMs: 0, limit: null };
    },
    takeAwareness: (userId: string) => presence.take(userId) === 0,
    onWriteLimited: (peer: Peer, docName: string, detail: Record<string, unknown>) => {
      log.warn("collab: update refused by a limit, closing the connection", {
        doc: docName,
        user: peer.user.id,
        ...detail,
      });
      // The socket is closed once this is on record (Room.refuse).
      return audit({
        event: "document.write_limited",
        workspaceId: peer.workspaceId,
        actorUserId: peer.user.id,
        target: docName,
        detail,
      });
    },
    onReservedRefused: (peer: Peer, docName: string, detail: { parts: string; names: string[] }) => {
      log.warn("collab: update to a part the writer may not change refused, closing the connection", {
        doc: docName,
        user: peer.user.id,
        ...detail,
      });
      // The socket is closed once this is on record (Room.refuse).
      return audit({
        event: "document.write_reserved",
        workspaceId: peer.workspaceId,
        actorUserId: peer.user.id,
        target: docName,
        detail,
      });
    },
    onAwarenessDropped: (peer: Peer, docName: string, reason: "size" | "rate") => {
      // Logged once per connection: a flood must not flood the log too.
      if (peer.awarenessLimitReported) return;
      peer.awarenessLimitReported = true;
      log.warn("collab: presence message dropped by a limit", { doc: docName, user: peer.user.id, reason });
    },
    close() {
      for (const b of [writes, writeBytes, presence]) b.close();
    },
  };
}
