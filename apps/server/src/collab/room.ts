/**
 * A loaded document and the connections editing it: loading, the sync protocol, and who is
 * here; one file per concern beside it — the write path, persist before broadcast
 * (`room-writes.ts`), presence (`room-awareness.ts`), the stored log and its compaction
 * (`room-log.ts`), and several nodes (`room-cluster.ts`).
 *
 * Durability rule: an update from a client is committed to SQLite (through the write
 * batcher) before it is applied to the server's Y.Doc, and only the server's Y.Doc feeds
 * other clients (live broadcasts and sync step 2 for newcomers). So nobody can see a
 * change that a crash could lose.
 */

import { parseDocName } from "@tsumugi/domain";
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";
import type { CollabLimits } from "../config.js";
import type { Logger } from "../logger.js";
import type { Peer } from "./peer.js";
import {
  type ClientMessage,
  encodeAwareness,
  encodeSaveCheckAnswer,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from "./protocol.js";
import { receiveAwareness, receiveRemoteAwareness } from "./room-awareness.js";
import { REMOTE, type RoomCluster, RoomClusterSync } from "./room-cluster.js";
import { RoomLog } from "./room-log.js";
import { RoomWrites } from "./room-writes.js";
import type { LoadedDocument, UpdateStore } from "./update-store.js";
import type { WriteBatcher } from "./write-batcher.js";

export { AppliedIds, REMOTE, type RoomCluster } from "./room-cluster.js";
export { isEmptyUpdate } from "./room-writes.js";

export interface RoomDeps {
  store: UpdateStore;
  batcher: WriteBatcher;
  limits: CollabLimits;
  log: Logger;
  /** Called once per connection when a read-only peer tries to write. */
  onWriteRefused(peer: Peer, docName: string): void;
  /** Called after a stored update has been applied (read models follow it). */
  onApplied(docName: string, userId: string): void;
  /**
   * Takes `bytes` (one update) from the person's write budget: 0 when taken, else the
   * milliseconds until it could be, and which budget ran out.
   */
  takeWrite(userId: string, bytes: number): { waitMs: number; limit: "writeBytes" | "writes" | null };
  /** Takes one presence message from the person's budget; false when it ran out. */
  takeAwareness(userId: string): boolean;
  /**
   * Called once per refusal of an update by a limit; the socket is closed once the promise
   * settles, so the refusal is on record before the person is told.
   */
  onWriteLimited(peer: Peer, docName: string, detail: Record<string, unknown>): Promise<void> | void;
  /**
   * Called once per refusal of an update touching a part the writer may not change (the
   * plan papers' secretariat-only fields); the socket is closed once the promise settles.
   */
  onReservedRefused(
    peer: Peer,
    docName: string,
    detail: { parts: string; names: string[] },
  ): Promise<void> | void;
  /** Called when a presence message is dropped by a limit. */
  onAwarenessDropped(peer: Peer, docName: string, reason: "size" | "rate"): void;
  /** Called when this room wrote a snapshot (not when another node had already). */
  onCompacted?(docName: string, upTo: number): void;
  /** Several nodes (REDIS_URL): how this room tells the others, and reads what it missed. */
  cluster?: RoomCluster;
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly peers = new Set<Peer>();
  /** The stored log as counted here, and its compaction. */
  readonly log: RoomLog;
  private readonly writes: RoomWrites;
  /** With other nodes: the sequence numbers applied here, and catching up. */
  private readonly cluster: RoomClusterSync | null;
  unloadTimer: NodeJS.Timeout | null = null;
  private gone = false;

  constructor(
    readonly docName: string,
    loaded: LoadedDocument,
    /** What the room calls on; read by its parts (writes, presence, log, cluster). */
    readonly deps: RoomDeps,
  ) {
    // One transaction for the whole history: far cheaper than merging the updates first.
    this.doc.transact(() => {
      for (const part of loaded.parts) {
        try {
          Y.applyUpdate(this.doc, part);
        } catch (err) {
          deps.log.error("collab: a stored update could not be applied, skipped", { doc: docName, err });
        }
      }
    });
    this.log = new RoomLog(this, loaded);
    this.writes = new RoomWrites(this);
    this.cluster = deps.cluster ? new RoomClusterSync(this, deps.cluster, loaded.lastUpdateId) : null;
    // Its own timer forgets clients silent for y-protocols' timeout (30 s): connected clients
    // renew their state every 15 s, so these are clients that stopped working.
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.listen();
    this.log.maybeCompact();
  }

  /** Derived, not stored: hundreds of rooms stay open and this is read rarely. */
  get workspaceId(): string {
    return parseDocName(this.docName)?.workspaceId ?? "";
  }

  /** Unloaded: timers and late callbacks leave it alone. */
  get destroyed(): boolean {
    return this.gone;
  }

  // Not in the constructor: closures made there would keep the loaded history alive.
  private listen(): void {
    this.doc.on("update", (update: Uint8Array, origin: unknown) =>
      this.broadcast(encodeUpdate(update), origin),
    );
    this.awareness.on(
      "update",
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        const changed = [...added, ...updated, ...removed];
        const update = encodeAwarenessUpdate(this.awareness, changed);
        // Sent to everyone, the sender too: the echo is what keeps its idle timer alive.
        this.broadcast(encodeAwareness(update), null);
        // Other nodes expire silent clients themselves, and never hear their own back.
        if (origin !== REMOTE && origin !== "timeout")
          this.deps.cluster?.publishAwareness(this.docName, update);
      },
    );
  }

  /** Greets a new connection: our state vector, and who is here. */
  join(peer: Peer): void {
    this.peers.add(peer);
    if (this.unloadTimer) {
      clearTimeout(this.unloadTimer);
      this.unloadTimer = null;
    }
    peer.send(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, present)));
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessClientId !== null && this.awareness.getStates().has(peer.awarenessClientId)) {
      removeAwarenessStates(this.awareness, [peer.awarenessClientId], null);
    }
  }

  /** Handles one decoded message; throws ProtocolError when the payload is invalid. */
  receive(peer: Peer, message: ClientMessage): void {
    // A connection being closed for a limit is answered nothing more: above all no save
    // acknowledgement, which would tell the client a refused change was stored.
    if (this.writes.refused(peer)) return;
    switch (message.type) {
      case "sync-step-1": {
        let diff: Uint8Array;
        try {
          diff = Y.encodeStateAsUpdate(this.doc, message.stateVector);
        } catch (err) {
          throw new ProtocolError(`invalid state vector: ${(err as Error).message}`);
        }
        peer.send(encodeSyncStep2(diff));
        return;
      }
      case "sync-step-2":
      case "update":
        this.writes.receive(peer, message.update);
        return;
      case "awareness":
        receiveAwareness(this, peer, message.update);
        return;
      case "save-check": {
        const { seq } = message;
        void this.deps.batcher
          .afterPending()
          .then(() => peer.send(encodeSaveCheckAnswer(seq, peer.access === "write")));
        return;
      }
      case "query-awareness": {
        const ids = [...this.awareness.getStates().keys()];
        peer.send(encodeAwareness(encodeAwarenessUpdate(this.awareness, ids)));
        return;
      }
    }
  }

  /** Stores an update made by the server for `userId`, then applies and broadcasts it. */
  applyFromServer(update: Uint8Array, userId: string): Promise<void> {
    return this.writes.fromServer(update, userId);
  }

  /** A row of this document committed by this node: counted, and told to the other nodes. */
  stored(rowId: number, update: Uint8Array): void {
    this.log.added(update.byteLength);
    if (this.cluster) this.cluster.committed(rowId, update);
    else this.log.lastUpdateId = rowId;
  }

  /** An update another node committed (sequence `id`), heard on the bus. */
  receiveRemote(id: number, update: Uint8Array): void {
    if (this.gone || !this.cluster) return;
    this.cluster.receive(id, update);
  }

  /** Another node's presence change (room-awareness.ts). */
  receiveRemoteAwareness(update: Uint8Array): void {
    if (this.gone) return;
    receiveRemoteAwareness(this, update);
  }

  /** Reads and applies what this node missed of the other nodes' updates (room-cluster.ts). */
  catchUp(): Promise<void> {
    if (!this.cluster || this.gone) return Promise.resolve();
    return this.cluster.catchUp();
  }

  /** The last sequence number applied here without a gap (compared with the database's). */
  get appliedUpTo(): number {
    return this.cluster?.applied.upTo ?? this.log.lastUpdateId;
  }

  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const p of this.peers) if (p !== origin) p.send(message);
  }

  /** Folds the log into a snapshot (room-log.ts). */
  compactNow(opts: { whenWorth?: boolean } = {}): Promise<void> {
    return this.log.compactNow(opts);
  }

  /** Waits for a running compaction. */
  settle(): Promise<void> {
    return this.log.settle();
  }

  destroy(): void {
    this.gone = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.cluster?.stop();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
