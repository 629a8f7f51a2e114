/**
 * A room on one of several nodes (REDIS_URL): which of the document's sequence numbers this
 * node has applied, the updates other nodes committed (heard on the bus, or read from the
 * database when one is missing), and telling the others of this node's commits.
 */
import * as Y from "yjs";
import type { Room } from "./room.js";

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

/** The room's side of the cluster; the room's log's `lastUpdateId` follows `applied.upTo`. */
export class RoomClusterSync {
  readonly applied: AppliedIds;
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private gapTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly room: Room,
    private readonly cluster: RoomCluster,
    lastUpdateId: number,
  ) {
    this.applied = new AppliedIds(lastUpdateId);
  }

  /** A row of this document committed by this node (already counted): told to the other nodes. */
  committed(rowId: number, update: Uint8Array): void {
    this.applied.add(rowId);
    this.room.log.lastUpdateId = this.applied.upTo;
    this.cluster.publishUpdate(this.room.docName, rowId, update);
    this.watchForGap();
  }

  /** An update another node committed (sequence `id`), heard on the bus. */
  receive(id: number, update: Uint8Array): void {
    if (this.applied.has(id)) return;
    this.applyRemote(id, update);
    this.watchForGap();
    this.room.log.maybeCompact();
  }

  private applyRemote(id: number, update: Uint8Array): void {
    const { room } = this;
    this.applied.add(id);
    room.log.lastUpdateId = this.applied.upTo;
    room.log.added(update.byteLength);
    try {
      Y.applyUpdate(room.doc, update, REMOTE);
    } catch (err) {
      room.deps.log.error("collab: a stored update could not be applied, skipped", {
        doc: room.docName,
        err,
      });
    }
  }

  /** A sequence number is missing: give the bus a moment, then read it from the database. */
  private watchForGap(): void {
    if (!this.applied.missing || this.gapTimer || this.room.destroyed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (this.applied.missing) void this.catchUp();
    }, this.cluster.gapWaitMs);
  }

  /**
   * Reads what this node has not applied (rows after `upTo`, or the snapshot and the rows
   * after it when another node folded rows this one never saw) and applies it. Called on a
   * gap, after a reconnection to Redis, and when the periodic check finds the database ahead.
   */
  catchUp(): Promise<void> {
    const { room, applied } = this;
    if (room.destroyed) return Promise.resolve();
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const missing = await room.deps.store.readAfter(room.docName, applied.upTo);
        if (room.destroyed) return;
        room.doc.transact(() => {
          if (missing.snapshot && missing.snapshot.lastUpdateId > applied.upTo) {
            Y.applyUpdate(room.doc, missing.snapshot.data, REMOTE);
            applied.coverUpTo(missing.snapshot.lastUpdateId);
          }
          for (const row of missing.rows) if (!applied.has(row.id)) this.applyRemote(row.id, row.data);
        }, REMOTE);
        room.log.lastUpdateId = applied.upTo;
      } while (this.catchUpAgain && !room.destroyed);
    })()
      .catch((err) =>
        room.deps.log.error("collab: catching up from the database failed", { doc: room.docName, err }),
      )
      .finally(() => {
        this.catchingUp = null;
        if (!room.destroyed) room.log.maybeCompact();
      });
    return this.catchingUp;
  }

  stop(): void {
    if (this.gapTimer) clearTimeout(this.gapTimer);
  }
}
