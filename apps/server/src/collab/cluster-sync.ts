/**
 * Several nodes (REDIS_URL): how this node's rooms tell the others about committed updates
 * and presence, and how they find what they missed — after a reconnection to Redis, and by a
 * periodic comparison of each loaded document with the database's last sequence number.
 */
import type { ClusterBus } from "../cluster/cluster-bus.js";
import type { Logger } from "../logger.js";
import type { RoomCluster } from "./room.js";
import type { RoomRegistry } from "./room-registry.js";
import type { UpdateStore } from "./update-store.js";

/** What a room publishes to the other nodes. */
export function roomCluster(bus: ClusterBus, gapWaitMs: number): RoomCluster {
  return {
    publishUpdate: (docName, id, update) => bus.publishDoc(docName, { kind: "update", id, update }),
    publishAwareness: (docName, update) => bus.publishDoc(docName, { kind: "awareness", update }),
    gapWaitMs,
  };
}

/** Starts the catch-up on reconnection and the periodic check; returns the stop. */
export function followCluster(deps: {
  bus: ClusterBus;
  rooms: RoomRegistry;
  store: UpdateStore;
  checkMs: number;
  log: Logger;
}): () => void {
  const { bus, rooms, store, log } = deps;
  // Messages missed while Redis was away, or dropped: the database is ahead of a room.
  async function catchUpAll(onlyBehind: boolean): Promise<void> {
    const open = rooms.loaded();
    if (open.length === 0) return;
    const heads = onlyBehind ? await store.heads(open.map((r) => r.docName)) : null;
    for (const room of open) {
      if (!heads || (heads.get(room.docName) ?? 0) > room.appliedUpTo) await room.catchUp();
    }
  }
  const offReconnect = bus.onReconnect(() => {
    catchUpAll(false).catch((err) => log.error("collab: catching up after a reconnect failed", { err }));
  });
  const headCheck = setInterval(() => {
    catchUpAll(true).catch((err) => log.warn("collab: checking for missed updates failed", { err }));
  }, deps.checkMs);
  headCheck.unref();
  return () => {
    offReconnect();
    clearInterval(headCheck);
  };
}
