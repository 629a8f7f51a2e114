/**
 * The y-websocket endpoint at /collab/<docName>: authorises upgrades, keeps one Room per
 * open document, persists through one write batcher, closes or downgrades sockets when a
 * user's access changes, keeps idle clients alive and unloads idle documents.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { documentAccess } from "@tsumugi/domain";
import { WebSocketServer } from "ws";
import * as Y from "yjs";
import type { AccessChange } from "../auth/access-events.js";
import { SharedTokenBuckets, SharedWindowCounter } from "../cluster/shared-budgets.js";
import type { AppContext } from "../context.js";
import { findDocumentByName } from "../documents/document-repository.js";
import { clientIpOf, forgetPeerAddress } from "../net/client-ip.js";
import { loadActor } from "../workspaces/actor.js";
import {
  createUpgradeAuthorizer,
  type UpgradeDecision,
  type UpgradeRequest,
  upgradeRequestOf,
} from "./authorize-upgrade.js";
import { type PeerHub, PeerWebSocket, SocketPeer } from "./connection.js";
import { CLOSE, type Peer } from "./peer.js";
import { KEEPALIVE_MESSAGE } from "./protocol.js";
import { Room, type RoomCluster } from "./room.js";
import { UpdateStore } from "./update-store.js";
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

const STATUS_TEXT: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/** Shared by every upgrading socket: a per-socket closure would outlive the upgrade. */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

/**
 * As often as y-protocols checks one Awareness (a tenth of its 30-second timeout); sockets
 * whose session reached its absolute lifetime are closed in the same sweep.
 */
const SWEEP_MS = 3_000;

/** Access changes racing one upgrade are rare; a socket that keeps losing the race gets 503. */
const MAX_DECISIONS_PER_UPGRADE = 3;

/** How long opening a document waits for its Redis subscription before going on without. */
const SUBSCRIBE_WAIT_MS = 2_000;

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const text = STATUS_TEXT[status] ?? "Error";
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function createCollabServer(ctx: AppContext): CollabServer {
  const { config, log } = ctx;
  const limits = config.collab;
  const store = new UpdateStore(ctx.db);
  const batcher = new WriteBatcher(store, log);
  // Several nodes: counted together through Redis (cluster/shared-budgets.ts); each node alone
  // while Redis is away.
  const upgrades = new SharedWindowCounter(
    "upgrades",
    limits.upgradesPerMinutePerIp,
    60_000,
    ctx.cluster ?? null,
  );
  // Per person (user id), over all their connections and documents.
  const budget = (name: string, perMinute: number) =>
    new SharedTokenBuckets(name, perMinute, ctx.cluster ?? null, { log });
  const writeBytes = budget("writeBytes", limits.writeBytesPerMinute);
  const writes = budget("writes", limits.writesPerMinute);
  const presence = budget("presence", limits.awarenessPerMinute);
  const authorize = createUpgradeAuthorizer(ctx);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    perMessageDeflate: false,
    // `peers` already tracks the open sockets; ws's own set would add a closure per socket.
    clientTracking: false,
    WebSocket: PeerWebSocket,
  });
  const rooms = new Map<string, Room>();
  const loading = new Map<string, Promise<Room>>();
  const peers = new Set<SocketPeer>();
  const reserved = new Map<string, number>();
  const changeListeners = new Set<(docName: string, userId: string) => void>();
  let closing = false;
  let compactionsWritten = 0;
  const bus = ctx.cluster ?? null;
  const cluster: RoomCluster | undefined = bus
    ? {
        publishUpdate: (docName, id, update) => bus.publishDoc(docName, { kind: "update", id, update }),
        publishAwareness: (docName, update) => bus.publishDoc(docName, { kind: "awareness", update }),
        gapWaitMs: limits.clusterGapWaitMs,
      }
    : undefined;
  /** Counts access changes (sessions ended, roles, memberships, document access). */
  let accessEpoch = 0;

  const roomDeps = {
    store,
    batcher,
    limits,
    log,
    onWriteRefused: (peer: Peer, docName: string) => {
      log.warn("collab: write from a read-only connection dropped", { doc: docName, user: peer.user.id });
      void ctx.audit
        .record({
          event: "document.write_refused",
          workspaceId: peer.workspaceId,
          actorUserId: peer.user.id,
          target: docName,
        })
        .catch((err) => log.error("audit failed", { err }));
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
      return ctx.audit
        .record({
          event: "document.write_limited",
          workspaceId: peer.workspaceId,
          actorUserId: peer.user.id,
          target: docName,
          detail,
        })
        .catch((err) => log.error("audit failed", { err }));
    },
    onAwarenessDropped: (peer: Peer, docName: string, reason: "size" | "rate") => {
      // Logged once per connection: a flood must not flood the log too.
      if (peer.awarenessLimitReported) return;
      peer.awarenessLimitReported = true;
      log.warn("collab: presence message dropped by a limit", { doc: docName, user: peer.user.id, reason });
    },
    cluster,
    onCompacted: (docName: string, upTo: number) => {
      compactionsWritten++;
      log.debug("collab: compacted", { doc: docName, upTo, node: config.nodeId });
    },
    onApplied: (docName: string, userId: string) => {
      for (const listener of changeListeners) {
        try {
          listener(docName, userId);
        } catch (err) {
          log.error("collab: change listener failed", { doc: docName, err });
        }
      }
    },
  };

  async function openRoom(docName: string): Promise<Room> {
    const existing = rooms.get(docName);
    if (existing) return existing;
    let pending = loading.get(docName);
    if (!pending) {
      pending = store
        .load(docName)
        .then(async (loaded) => {
          const room = new Room(docName, loaded, roomDeps);
          if (bus) {
            const subscribed = bus.subscribeDoc(docName, (m) => {
              if (m.kind === "update") room.receiveRemote(m.id, m.update);
              else room.receiveRemoteAwareness(m.update);
            });
            // Redis away: the document opens anyway; the subscription is made on reconnection,
            // and the reconnection's catch-up reads what was missed.
            await Promise.race([
              subscribed.catch(() => {}),
              new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref()),
            ]);
            // Updates committed elsewhere between the load and the subscription.
            await room.catchUp();
          }
          rooms.set(docName, room);
          return room;
        })
        .finally(() => loading.delete(docName));
      loading.set(docName, pending);
    }
    return pending;
  }

  function scheduleUnload(room: Room): void {
    if (room.peers.size > 0 || room.unloadTimer) return;
    room.unloadTimer = setTimeout(async () => {
      room.unloadTimer = null;
      try {
        // Everything received must be on disk before the document leaves memory.
        await batcher.flush();
        await room.compactNow();
        await room.settle();
      } catch (err) {
        log.error("collab: unloading failed, keeping the document loaded", { doc: room.docName, err });
        return;
      }
      if (room.peers.size > 0 || rooms.get(room.docName) !== room || (reserved.get(room.docName) ?? 0) > 0)
        return;
      rooms.delete(room.docName);
      bus?.unsubscribeDoc(room.docName);
      room.destroy();
    }, limits.unloadIdleMs);
  }

  const hub: PeerHub = {
    maxBufferedBytes: limits.maxBufferedBytes,
    log,
    closed(peer) {
      peers.delete(peer);
      scheduleUnload(peer.room);
    },
  };

  function attach(
    ws: PeerWebSocket,
    socket: Duplex,
    room: Room,
    d: Extract<UpgradeDecision, { ok: true }>,
  ): void {
    // From here ws handles the socket's errors itself (it destroys the socket).
    socket.removeListener("error", destroyOnError);
    peers.add(new SocketPeer(ws, socket, room, d.user, d.sessionId, d.sessionEndsAt, d.access, hub));
  }

  async function upgrade(req: UpgradeRequest, ip: string, socket: Duplex, head: Buffer): Promise<void> {
    if (closing) return refuse(socket, 503);
    if (!(await upgrades.take(ip))) return refuse(socket, 429);
    for (let attempt = 0; attempt < MAX_DECISIONS_PER_UPGRADE; attempt++) {
      const epoch = accessEpoch;
      const decision = await authorize(req, ip, epoch);
      if (!decision.ok) return refuse(socket, decision.status);
      const count = (reserved.get(decision.docName) ?? 0) + (rooms.get(decision.docName)?.peers.size ?? 0);
      if (count >= limits.maxConnectionsPerDocument) return refuse(socket, 503);
      reserved.set(decision.docName, (reserved.get(decision.docName) ?? 0) + 1);
      try {
        const room = await openRoom(decision.docName);
        if (closing || socket.destroyed) {
          scheduleUnload(room);
          return refuse(socket, 503);
        }
        // An access change while this upgrade waited reached only the open sockets, not this
        // one: decide again rather than open a socket on a decision that may be outdated.
        if (epoch !== accessEpoch) {
          scheduleUnload(room);
          continue;
        }
        // ws reads only the method and the handshake headers of the request.
        wss.handleUpgrade(req as IncomingMessage, socket, head, (ws) =>
          attach(ws as PeerWebSocket, socket, room, decision),
        );
        return;
      } finally {
        const left = (reserved.get(decision.docName) ?? 1) - 1;
        if (left > 0) reserved.set(decision.docName, left);
        else reserved.delete(decision.docName);
      }
    }
    refuse(socket, 503);
  }

  function touchedBy(change: Exclude<AccessChange, { type: "sessions-ended" }>, peer: SocketPeer): boolean {
    if (change.type === "document-access-changed") return peer.docName === change.docName;
    if (peer.user.id !== change.userId) return false;
    return change.workspaceId === null || peer.workspaceId === change.workspaceId;
  }

  /** Peers whose frames are held while re-checks run, with how many re-checks hold each. */
  const holds = new Map<SocketPeer, number>();

  /**
   * Decides the access of every socket a change touches again. Their frames are held from
   * the moment the change is announced until their new decision, so no write lands on an
   * outdated one. The client reconnects on 4403 and learns its new access from the fresh
   * connection; frames held for a closed socket are dropped and sent again after that.
   */
  function recheckAccess(change: Exclude<AccessChange, { type: "sessions-ended" }>): void {
    for (const peer of peers) {
      if (!touchedBy(change, peer)) continue;
      holds.set(peer, (holds.get(peer) ?? 0) + 1);
      peer.hold();
      void decideAgain(peer).finally(() => {
        const left = (holds.get(peer) ?? 1) - 1;
        if (left > 0) return void holds.set(peer, left);
        holds.delete(peer);
        peer.release();
      });
    }
  }

  async function decideAgain(peer: SocketPeer): Promise<void> {
    try {
      const [actor, doc] = await Promise.all([
        loadActor(ctx.kysely, peer.user.id, peer.workspaceId),
        findDocumentByName(ctx.kysely, peer.docName),
      ]);
      const access = doc ? documentAccess(actor, doc) : "none";
      if (access !== peer.access) peer.close(CLOSE.accessChanged, "access changed");
    } catch (err) {
      log.error("collab: access re-check failed, closing the socket", { doc: peer.docName, err });
      peer.close(CLOSE.accessChanged, "access changed");
    }
  }

  // Messages missed while Redis was away, or dropped: the database is ahead of a room.
  async function catchUpAll(onlyBehind: boolean): Promise<void> {
    const open = [...rooms.values()];
    if (open.length === 0) return;
    const heads = onlyBehind ? await store.heads(open.map((r) => r.docName)) : null;
    for (const room of open) {
      if (!heads || (heads.get(room.docName) ?? 0) > room.appliedUpTo) await room.catchUp();
    }
  }
  const offReconnect = bus?.onReconnect(() => {
    catchUpAll(false).catch((err) => log.error("collab: catching up after a reconnect failed", { err }));
  });
  const headCheck = bus
    ? setInterval(() => {
        catchUpAll(true).catch((err) => log.warn("collab: checking for missed updates failed", { err }));
      }, limits.clusterCheckMs)
    : null;
  headCheck?.unref();

  const unsubscribe = ctx.events.on((change) => {
    accessEpoch++;
    if (change.type === "sessions-ended") {
      const ended = new Set(change.sessionIds);
      for (const peer of peers)
        if (ended.has(peer.sessionId)) peer.close(CLOSE.sessionEnded, "session ended");
    } else {
      recheckAccess(change);
    }
  });

  const keepalive = setInterval(() => {
    for (const peer of peers) peer.keepalive(KEEPALIVE_MESSAGE);
  }, limits.keepaliveMs);
  keepalive.unref();

  // One sweep for every room, instead of y-protocols' timer per document. An open socket
  // counts as use, so its session cannot idle out; it can only reach its absolute lifetime,
  // which is known, so that is acted on here at once rather than at the next re-check.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const room of rooms.values()) room.expireAwareness(now);
    for (const p of peers) if (now >= p.sessionEndsAt) p.close(CLOSE.sessionEnded, "session expired");
  }, SWEEP_MS);
  sweep.unref();

  // Sessions can also end in ways no event announces (another process, the database edited
  // by hand, a clock jump): re-validate them now and then.
  const sessionRecheck = setInterval(async () => {
    const bySession = new Map<string, SocketPeer[]>();
    for (const p of peers) {
      const list = bySession.get(p.sessionId);
      if (list) list.push(p);
      else bySession.set(p.sessionId, [p]);
    }
    for (const [sessionId, list] of bySession) {
      const valid = await ctx.sessions.stillValid(sessionId).catch(() => false);
      if (!valid) for (const p of list) p.close(CLOSE.sessionEnded, "session ended");
    }
  }, limits.sessionRecheckMs);
  sessionRecheck.unref();

  return {
    handleUpgrade(req, socket, head) {
      socket.on("error", destroyOnError);
      // Only a copy of what the handshake needs waits for SQLite: the request itself dies young.
      const ip = clientIpOf(req, config.trustProxy);
      forgetPeerAddress(socket);
      upgrade(upgradeRequestOf(req), ip, socket, head).catch((err) => {
        log.error("collab: upgrade failed", { err });
        refuse(socket, 500);
      });
    },
    get compactionsWritten() {
      return compactionsWritten;
    },
    get draining() {
      return closing;
    },
    loadedDocuments: () => [...rooms.keys()],
    connectionCount: (docName) => (docName ? (rooms.get(docName)?.peers.size ?? 0) : peers.size),
    flush: () => batcher.flush(),
    async settle() {
      await batcher.flush();
      await Promise.all([...rooms.values()].map((r) => r.settle()));
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
      reserved.set(docName, (reserved.get(docName) ?? 0) + 1);
      try {
        const room = await openRoom(docName);
        const copy = new Y.Doc();
        Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
        const before = Y.encodeStateVector(copy);
        change(copy);
        const update = Y.encodeStateAsUpdate(copy, before);
        copy.destroy();
        await room.applyFromServer(update, userId);
        scheduleUnload(room);
      } finally {
        const left = (reserved.get(docName) ?? 1) - 1;
        if (left > 0) reserved.set(docName, left);
        else reserved.delete(docName);
      }
    },
    onDocumentChanged(listener) {
      changeListeners.add(listener);
      return () => changeListeners.delete(listener);
    },
    async close() {
      if (closing) return;
      closing = true;
      unsubscribe();
      offReconnect?.();
      if (headCheck) clearInterval(headCheck);
      clearInterval(keepalive);
      clearInterval(sweep);
      clearInterval(sessionRecheck);
      for (const b of [writes, writeBytes, presence]) b.close();
      await batcher.flush();
      for (const peer of peers) peer.close(CLOSE.goingAway, "server shutting down");
      await Promise.all([...loading.values()].map((p) => p.catch(() => null)));
      await batcher.flush();
      for (const room of rooms.values()) {
        await room.compactNow();
        await room.settle();
        bus?.unsubscribeDoc(room.docName);
        room.destroy();
      }
      rooms.clear();
      for (const peer of peers) peer.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
