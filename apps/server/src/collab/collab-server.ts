/**
 * The y-websocket endpoint at /collab/<docName>, put together from one part per concern:
 * upgrades (upgrades.ts: limits, authorisation, refusals), rooms (room-registry.ts: one Room
 * per loaded document, unloaded when idle), the room hooks (room-hooks.ts: budgets and
 * reports), access (access-watcher.ts: sessions ending, access changes), liveness
 * (liveness.ts: keepalive) and, with several nodes, the cluster (cluster-sync.ts). Every
 * update is stored through one write batcher before it is applied and broadcast.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as Y from "yjs";
import type { AppContext } from "../context.js";
import { watchAccess } from "./access-watcher.js";
import { followCluster, roomCluster } from "./cluster-sync.js";
import { type PeerHub, SocketPeer } from "./connection.js";
import { keepAlive } from "./liveness.js";
import { CLOSE } from "./peer.js";
import type { RoomDeps } from "./room.js";
import { roomHooks } from "./room-hooks.js";
import { RoomRegistry } from "./room-registry.js";
import { UpdateStore } from "./update-store.js";
import { acceptUpgrades } from "./upgrades.js";
import { WriteBatcher } from "./write-batcher.js";

export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Documents loaded in memory right now. */
  loadedDocuments(): string[];
  /** Open connections, optionally of one document. */
  connectionCount(docName?: string): number;
  /** Resolves when every received update is committed. */
  flush(): Promise<void>;
  /** Resolves when every received update is committed and running compactions are done. */
  settle(): Promise<void>;
  /**
   * A copy of a document as stored (the loaded room's state, or read from the database; with
   * other nodes, always read from the database, which holds every node's commits).
   */
  readDocument(docName: string): Promise<Y.Doc>;
  /**
   * Changes a document on the server's behalf (creating an action from a meeting outcome,
   * restoring a version): `change` edits a copy, and the resulting update is stored, then
   * applied and broadcast like a client's, so it is durable before anyone sees it.
   */
  mutate(docName: string, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** Subscribes to applied client updates: (docName, userId). Returns the unsubscribe. */
  onDocumentChanged(listener: (docName: string, userId: string) => void): () => void;
  /** Snapshots this node wrote (several nodes: one of them writes each). */
  readonly compactionsWritten: number;
  /** Stopping: new sockets are refused (503) while the open ones are closed. */
  readonly draining: boolean;
  /** Flushes, closes every socket (1001) and unloads every document. */
  close(): Promise<void>;
}

export function createCollabServer(ctx: AppContext): CollabServer {
  const { config, log } = ctx;
  const limits = config.collab;
  const bus = ctx.cluster ?? null;
  const store = new UpdateStore(ctx.db);
  const batcher = new WriteBatcher(store, log);
  const peers = new Set<SocketPeer>();
  const changeListeners = new Set<(docName: string, userId: string) => void>();
  let closing = false;
  let compactionsWritten = 0;

  const { close: closeBudgets, ...hooks } = roomHooks(ctx, limits);
  const roomDeps: RoomDeps = {
    store,
    batcher,
    limits,
    log,
    ...hooks,
    cluster: bus ? roomCluster(bus, limits.clusterGapWaitMs) : undefined,
    onCompacted: (docName, upTo) => {
      compactionsWritten++;
      log.debug("collab: compacted", { doc: docName, upTo, node: config.nodeId });
    },
    onApplied: (docName, userId) => {
      for (const listener of changeListeners) {
        try {
          listener(docName, userId);
        } catch (err) {
          log.error("collab: change listener failed", { doc: docName, err });
        }
      }
    },
  };
  const rooms = new RoomRegistry({ store, batcher, roomDeps, bus, unloadIdleMs: limits.unloadIdleMs, log });
  const access = watchAccess(ctx, peers, limits.sessionRecheckMs);
  const stopKeepalive = keepAlive(peers, limits.keepaliveMs);
  const stopCluster = bus
    ? followCluster({ bus, rooms, store, checkMs: limits.clusterCheckMs, log })
    : () => {};

  const hub: PeerHub = {
    maxBufferedBytes: limits.maxBufferedBytes,
    log,
    closed(peer) {
      peers.delete(peer);
      rooms.scheduleUnload(peer.room);
    },
  };
  const upgrades = acceptUpgrades({
    ctx,
    limits,
    rooms,
    access,
    stopping: () => closing,
    opened(ws, socket, room, d) {
      peers.add(
        new SocketPeer(ws, socket, room, d.user, d.sessionId, d.sessionEndsAt, d.access, d.reserved, hub),
      );
    },
  });

  return {
    handleUpgrade: upgrades.handleUpgrade,
    get compactionsWritten() {
      return compactionsWritten;
    },
    get draining() {
      return closing;
    },
    loadedDocuments: () => rooms.names(),
    connectionCount: (docName) => (docName ? (rooms.get(docName)?.peers.size ?? 0) : peers.size),
    flush: () => batcher.flush(),
    async settle() {
      await batcher.flush();
      await rooms.settle();
    },
    async readDocument(docName) {
      const copy = new Y.Doc();
      const room = bus ? undefined : rooms.get(docName);
      // This node's writes received so far are part of what is read.
      if (bus) await batcher.afterPending();
      if (room) {
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
        return copy;
      }
      const loaded = await store.load(docName);
      copy.transact(() => {
        for (const part of loaded.parts) Y.applyUpdate(copy, part);
      });
      return copy;
    },
    async mutate(docName, userId, change) {
      if (closing) throw new Error("collab server is closing");
      await rooms.reserve(docName, async () => {
        const room = await rooms.open(docName);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
        const before = Y.encodeStateVector(copy);
        change(copy);
        const update = Y.encodeStateAsUpdate(copy, before);
        copy.destroy();
        await room.applyFromServer(update, userId);
        rooms.scheduleUnload(room);
      });
    },
    onDocumentChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async close() {
      if (closing) return;
      closing = true;
      access.stop();
      stopCluster();
      stopKeepalive();
      closeBudgets();
      await batcher.flush();
      for (const peer of peers) peer.close(CLOSE.goingAway, "server shutting down");
      await rooms.unloadAll();
      for (const peer of peers) peer.terminate();
      await upgrades.close();
    },
  };
}
