/**
 * A loaded document and the connections editing it.
 *
 * Durability rule: an update from a client is committed to SQLite (through the write
 * batcher) before it is applied to the server's Y.Doc, and only the server's Y.Doc feeds
 * other clients (live broadcasts and sync step 2 for newcomers). So nobody can see a
 * change that a crash could lose.
 */

import { parseDocName } from "@tsumugi/domain";
import {
  Awareness,
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from "y-protocols/awareness";
import * as Y from "yjs";
import type { CollabLimits } from "../config.js";
import type { Logger } from "../logger.js";
import { guardAwarenessUpdate } from "./awareness-guard.js";
import { CLOSE, type Peer } from "./peer.js";
import {
  type ClientMessage,
  decodeAwarenessUpdate,
  encodeAwareness,
  encodeAwarenessUpdate as encodeAwarenessEntries,
  encodeSaveCheckAnswer,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  ProtocolError,
} from "./protocol.js";
import { partsTouched, UNKNOWN_PART } from "./reserved-parts.js";
import type { LoadedDocument, UpdateStore } from "./update-store.js";
import type { WriteBatcher } from "./write-batcher.js";

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

/** What a room needs when other nodes edit the same document (cluster/cluster-bus.ts). */
export interface RoomCluster {
  /** After the commit: the update with its per-document sequence. */
  publishUpdate(docName: string, id: number, update: Uint8Array): void;
  /** A presence change of one of this node's connections. */
  publishAwareness(docName: string, update: Uint8Array): void;
  /** How long to wait for a missing update on the bus before reading it from the database. */
  gapWaitMs: number;
}

/** The origin of changes that came from another node (never one of this node's peers). */
export const REMOTE = Symbol("remote");

/** The person an awareness state shows (set by the awareness guard of the node that took it). */
function userIdOf(state: Record<string, unknown> | null): string | null {
  const user = state?.user;
  return typeof user === "object" &&
    user !== null &&
    typeof (user as { userId?: unknown }).userId === "string"
    ? (user as { userId: string }).userId
    : null;
}

/**
 * Which of a document's sequence numbers this node has applied: all up to `upTo`, and
 * some beyond it (`ahead`) when they arrived out of order. On PostgreSQL the sequence has
 * no gaps, so `upTo < max` means an update is missing here.
 */
export class AppliedIds {
  private readonly ahead = new Set<number>();
  private max: number;

  constructor(public upTo: number) {
    this.max = upTo;
  }

  has(id: number): boolean {
    return id <= this.upTo || this.ahead.has(id);
  }

  add(id: number): void {
    if (this.has(id)) return;
    this.ahead.add(id);
    if (id > this.max) this.max = id;
    while (this.ahead.delete(this.upTo + 1)) this.upTo++;
  }

  /** Everything up to `id` is in (a snapshot covers it). */
  coverUpTo(id: number): void {
    if (id <= this.upTo) return;
    this.upTo = id;
    for (const a of this.ahead) if (a <= id) this.ahead.delete(a);
    while (this.ahead.delete(this.upTo + 1)) this.upTo++;
    if (id > this.max) this.max = id;
  }

  get missing(): boolean {
    return this.upTo < this.max;
  }
}

export class Room {
  readonly doc = new Y.Doc();
  readonly awareness: Awareness;
  readonly peers = new Set<Peer>();
  private lastUpdateId: number;
  private logCount: number;
  private logBytes: number;
  /** The snapshot's size; with logBytes, the document's size as stored. */
  private snapshotBytes: number;
  /** Bytes of updates handed to the batcher and not yet committed (or failed). */
  private pendingBytes = 0;
  /** Connections refused by a limit and about to be closed: their further updates are dropped. */
  private readonly limited = new WeakSet<Peer>();
  /**
   * Updates of writers with reserved parts, handed to the batcher and not yet applied: their
   * next updates build on them. Made on the first such update, dropped when empty.
   */
  private unapplied: Set<Uint8Array> | null = null;
  private compacting: Promise<void> | null = null;
  unloadTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  /** With other nodes: the sequence numbers applied here; lastUpdateId follows its `upTo`. */
  private readonly applied: AppliedIds | null;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private gapTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly docName: string,
    loaded: LoadedDocument,
    private readonly deps: RoomDeps,
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
    this.lastUpdateId = loaded.lastUpdateId;
    this.applied = deps.cluster ? new AppliedIds(loaded.lastUpdateId) : null;
    this.logCount = loaded.logCount;
    this.logBytes = loaded.logBytes;
    this.snapshotBytes = loaded.snapshotBytes;
    // Its own timer forgets clients silent for y-protocols' timeout (30 s): connected clients
    // renew their state every 15 s, so these are clients that stopped working.
    this.awareness = new Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.listen();
    this.maybeCompact();
  }

  /** Derived, not stored: hundreds of rooms stay open and this is read rarely. */
  get workspaceId(): string {
    return parseDocName(this.docName)?.workspaceId ?? "";
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
    if (this.limited.has(peer)) return;
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
        this.receiveUpdate(peer, message.update);
        return;
      case "awareness": {
        // Checked before decoding: an oversized state costs nothing but its bytes.
        if (message.update.byteLength > this.deps.limits.maxAwarenessBytes) {
          this.deps.onAwarenessDropped(peer, this.docName, "size");
          return;
        }
        if (!this.deps.takeAwareness(peer.user.id)) {
          this.deps.onAwarenessDropped(peer, this.docName, "rate");
          return;
        }
        const { update, rejected } = guardAwarenessUpdate(peer, message.update, (id) =>
          this.ownerOf(id, peer),
        );
        if (rejected > 0)
          this.deps.log.warn("collab: awareness for a foreign client id dropped", {
            doc: this.docName,
            user: peer.user.id,
          });
        if (update) applyAwarenessUpdate(this.awareness, update, peer);
        return;
      }
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

  private receiveUpdate(peer: Peer, update: Uint8Array): void {
    if (peer.access !== "write") {
      if (!peer.writeRefusalReported) {
        peer.writeRefusalReported = true;
        this.deps.onWriteRefused(peer, this.docName);
      }
      return;
    }
    if (isEmptyUpdate(update)) return;
    if (peer.reserved && this.touchesReserved(peer, update)) return;
    if (!this.admit(peer, update.byteLength)) return;
    this.pendingBytes += update.byteLength;
    if (peer.reserved) {
      this.unapplied ??= new Set();
      this.unapplied.add(update);
    }
    this.deps.batcher.enqueue({
      docName: this.docName,
      update,
      onCommitted: (rowId) => {
        this.pendingBytes -= update.byteLength;
        this.forgetUnapplied(update);
        this.noteStored(rowId, update);
        try {
          Y.applyUpdate(this.doc, update, peer);
          this.deps.onApplied(this.docName, peer.user.id);
        } catch (err) {
          this.deps.log.warn("collab: stored update could not be applied", { doc: this.docName, err });
          peer.close(CLOSE.malformed, "invalid update");
        }
        this.maybeCompact();
      },
      // Not stored, so not applied or forwarded: the client re-sends it after reconnecting.
      onFailed: () => {
        this.pendingBytes -= update.byteLength;
        this.forgetUnapplied(update);
        peer.close(CLOSE.internalError, "storage failure");
      },
    });
  }

  private forgetUnapplied(update: Uint8Array): void {
    if (!this.unapplied?.delete(update)) return;
    if (this.unapplied.size === 0) this.unapplied = null;
  }

  /**
   * An update from a writer with reserved parts (policy `reservedParts`) that would change
   * one of them, or something it cannot place, is not stored: the socket is closed with
   * 4423 once the refusal is on record, and nothing else of the document changes.
   */
  private touchesReserved(peer: Peer, update: Uint8Array): boolean {
    const reserved = peer.reserved;
    if (!reserved) return false;
    let names: string[];
    try {
      names = [...partsTouched(this.doc, update, this.unapplied ?? [])].filter(
        (name) => name === UNKNOWN_PART || reserved.isReserved(name),
      );
    } catch (err) {
      this.deps.log.warn("collab: an update could not be placed, refused", { doc: this.docName, err });
      names = [UNKNOWN_PART];
    }
    if (names.length === 0) return false;
    this.refuse(peer, CLOSE.reservedPart, "reserved part", () =>
      this.deps.onReservedRefused(peer, this.docName, { parts: reserved.id, names: names.sort() }),
    );
    return true;
  }

  /**
   * The document's size and the person's write rate: an update past either is not stored,
   * and the socket is closed with a code the app explains (what is stored stays as it is;
   * the client keeps the refused change and sends it again when it reconnects).
   */
  private admit(peer: Peer, bytes: number): boolean {
    const { maxDocumentBytes } = this.deps.limits;
    const size = this.snapshotBytes + this.logBytes + this.pendingBytes;
    if (size + bytes > maxDocumentBytes) {
      this.refuseForLimit(peer, CLOSE.documentTooLarge, "document too large", {
        limit: "documentBytes",
        max: maxDocumentBytes,
        size,
        bytes,
      });
      // The log may hold more than the document needs: fold it, so the size counted is the real one.
      if (this.logCount > 0) void this.compactNow();
      return false;
    }
    const { waitMs, limit } = this.deps.takeWrite(peer.user.id, bytes);
    if (waitMs > 0) {
      const retry = Math.ceil(waitMs / 1000);
      this.refuseForLimit(peer, CLOSE.writeRateExceeded, `write rate exceeded; retry=${retry}`, {
        limit,
        bytes,
        retryAfterSeconds: retry,
      });
      return false;
    }
    return true;
  }

  private refuseForLimit(peer: Peer, code: number, reason: string, detail: Record<string, unknown>): void {
    this.refuse(peer, code, reason, () => this.deps.onWriteLimited(peer, this.docName, detail));
  }

  /** Drops the connection's further updates, records the refusal, then closes the socket. */
  private refuse(peer: Peer, code: number, reason: string, record: () => Promise<void> | void): void {
    this.limited.add(peer);
    void Promise.resolve()
      .then(record)
      .catch(() => {})
      .finally(() => peer.close(code, reason));
  }

  /** Stores an update made by the server for `userId`, then applies and broadcasts it. */
  applyFromServer(update: Uint8Array, userId: string): Promise<void> {
    if (isEmptyUpdate(update)) return Promise.resolve();
    this.pendingBytes += update.byteLength;
    return new Promise((resolve, reject) => {
      this.deps.batcher.enqueue({
        docName: this.docName,
        update,
        onCommitted: (rowId) => {
          this.pendingBytes -= update.byteLength;
          this.noteStored(rowId, update);
          Y.applyUpdate(this.doc, update, null);
          this.deps.onApplied(this.docName, userId);
          this.maybeCompact();
          resolve();
        },
        onFailed: () => {
          this.pendingBytes -= update.byteLength;
          reject(new Error("storage failure"));
        },
      });
    });
  }

  /** A row of this document committed by this node: counted, and told to the other nodes. */
  private noteStored(rowId: number, update: Uint8Array): void {
    this.logCount++;
    this.logBytes += update.byteLength;
    if (!this.applied) {
      this.lastUpdateId = rowId;
      return;
    }
    this.applied.add(rowId);
    this.lastUpdateId = this.applied.upTo;
    this.deps.cluster?.publishUpdate(this.docName, rowId, update);
    this.watchForGap();
  }

  /** An update another node committed (sequence `id`), heard on the bus. */
  receiveRemote(id: number, update: Uint8Array): void {
    if (this.destroyed || !this.applied || this.applied.has(id)) return;
    this.applyRemote(id, update);
    this.watchForGap();
    this.maybeCompact();
  }

  /**
   * Another node's presence change, checked and bound to its person there, and checked again
   * here against what that node cannot see: a client id bound to a connection of this node
   * is spoken for only by the same person (their reconnection elsewhere takes it over) and
   * removed only by this node, and a client id whose presence shows one person is not
   * rewritten to show another (until it leaves or times out).
   */
  receiveRemoteAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      const entries = decodeAwarenessUpdate(update);
      const accepted = entries.filter((entry) => {
        const local = this.ownerOf(entry.clientId, null);
        const claimed = userIdOf(entry.state);
        if (local) {
          if (entry.state === null || claimed !== local.user.id) return false;
          local.awarenessClientId = null;
          return true;
        }
        if (entry.state === null) return true;
        const shown = userIdOf(this.awareness.getStates().get(entry.clientId) ?? null);
        return shown === null || shown === claimed;
      });
      if (accepted.length < entries.length) {
        this.deps.log.warn(
          "collab: presence from another node for a client id held by someone else dropped",
          {
            doc: this.docName,
            dropped: entries.length - accepted.length,
          },
        );
      }
      if (accepted.length === 0) return;
      applyAwarenessUpdate(
        this.awareness,
        accepted.length === entries.length ? update : encodeAwarenessEntries(accepted),
        REMOTE,
      );
    } catch (err) {
      this.deps.log.warn("collab: presence from another node could not be applied", {
        doc: this.docName,
        err,
      });
    }
  }

  private applyRemote(id: number, update: Uint8Array): void {
    if (!this.applied) return;
    this.applied.add(id);
    this.lastUpdateId = this.applied.upTo;
    this.logCount++;
    this.logBytes += update.byteLength;
    try {
      Y.applyUpdate(this.doc, update, REMOTE);
    } catch (err) {
      this.deps.log.error("collab: a stored update could not be applied, skipped", {
        doc: this.docName,
        err,
      });
    }
  }

  /** A sequence number is missing: give the bus a moment, then read it from the database. */
  private watchForGap(): void {
    if (!this.applied?.missing || this.gapTimer || this.destroyed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.applied?.missing) void this.catchUp();
    }, this.deps.cluster?.gapWaitMs ?? 0);
  }

  /**
   * Reads what this node has not applied (rows after `upTo`, or the snapshot and the rows
   * after it when another node folded rows this one never saw) and applies it. Called on a
   * gap, after a reconnection to Redis, and when the periodic check finds the database ahead.
   */
  catchUp(): Promise<void> {
    if (!this.applied || this.destroyed) return Promise.resolve();
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    const applied = this.applied;
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const missing = await this.deps.store.readAfter(this.docName, applied.upTo);
        if (this.destroyed) return;
        this.doc.transact(() => {
          if (missing.snapshot && missing.snapshot.lastUpdateId > applied.upTo) {
            Y.applyUpdate(this.doc, missing.snapshot.data, REMOTE);
            applied.coverUpTo(missing.snapshot.lastUpdateId);
          }
          for (const row of missing.rows) if (!applied.has(row.id)) this.applyRemote(row.id, row.data);
        }, REMOTE);
        this.lastUpdateId = applied.upTo;
      } while (this.catchUpAgain && !this.destroyed);
    })()
      .catch((err) =>
        this.deps.log.error("collab: catching up from the database failed", { doc: this.docName, err }),
      )
      .finally(() => {
        this.catchingUp = null;
        if (!this.destroyed) this.maybeCompact();
      });
    return this.catchingUp;
  }

  /** The last sequence number applied here without a gap (compared with the database's). */
  get appliedUpTo(): number {
    return this.applied?.upTo ?? this.lastUpdateId;
  }

  private ownerOf(clientId: number, asking: Peer | null): Peer | null {
    for (const p of this.peers) if (p !== asking && p.awarenessClientId === clientId) return p;
    return null;
  }

  private broadcast(message: Uint8Array, origin: unknown): void {
    for (const p of this.peers) if (p !== origin) p.send(message);
  }

  private maybeCompact(): void {
    if (this.compacting) return;
    const { compactAfterUpdates, compactAfterBytes } = this.deps.limits;
    if (this.logCount < compactAfterUpdates && this.logBytes < compactAfterBytes) return;
    this.compactNow({ whenWorth: true });
  }

  /**
   * Folds the log into a snapshot of the document as of the last applied row. `whenWorth`:
   * skipped unless the database's log past its snapshot is over the threshold (several nodes
   * reach the threshold together; one writes).
   */
  compactNow(opts: { whenWorth?: boolean } = {}): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.logCount === 0) return Promise.resolve();
    // Taken synchronously: the doc holds exactly the rows up to lastUpdateId right now.
    const state = Y.encodeStateAsUpdate(this.doc);
    const upTo = this.lastUpdateId;
    const folded = { count: this.logCount, bytes: this.logBytes };
    const { compactAfterUpdates, compactAfterBytes } = this.deps.limits;
    // The threshold again, on the rows the database still has after its snapshot: a node
    // whose count ran past it while another node compacted does not compact again.
    const worth = opts.whenWorth ? { rows: compactAfterUpdates, bytes: compactAfterBytes } : null;
    this.compacting = this.deps.store
      .compact(this.docName, state, upTo, worth)
      .then((done) => {
        // Written here or already by another node: the rows up to `upTo` left in the log
        // after the stored snapshot are what still counts.
        this.logCount += done.keptRows - folded.count;
        this.logBytes += done.keptBytes - folded.bytes;
        this.snapshotBytes = done.snapshotBytes;
        if (done.written) this.deps.onCompacted?.(this.docName, upTo);
      })
      .catch((err) => this.deps.log.error("collab: compaction failed", { doc: this.docName, err }))
      .finally(() => {
        this.compacting = null;
        // Updates that arrived while compacting may already be over the threshold.
        if (!this.destroyed) this.maybeCompact();
      });
    return this.compacting;
  }

  /** Waits for a running compaction. */
  async settle(): Promise<void> {
    if (this.compacting) await this.compacting;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    if (this.gapTimer) clearTimeout(this.gapTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/**
 * Rejects bytes that are not a Yjs update before they reach the store. An update with no
 * structs and no deletions (what a client sends when it has nothing new) is not stored.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  // No structs and no deletions: what a client sends when it has nothing new.
  if (update.length === 2 && update[0] === 0 && update[1] === 0) return true;
  try {
    Y.decodeUpdate(update);
  } catch (err) {
    throw new ProtocolError(`invalid Yjs update: ${(err as Error).message}`);
  }
  return false;
}
