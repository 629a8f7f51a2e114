/**
 * A room's stored update log as the room counts it, and its compaction: the rows not yet
 * folded into the snapshot (count and bytes), the snapshot's size, the last row applied to the
 * room's document, and folding the log into a snapshot when it passes the thresholds.
 */
import * as Y from "yjs";
import type { Room } from "./room.js";
import type { LoadedDocument } from "./update-store.js";

export class RoomLog {
  /** The last row applied to the room's document (with other nodes: applied without a gap). */
  lastUpdateId: number;
  /** Rows and bytes in the log after the snapshot. */
  private count: number;
  private bytes: number;
  /** The snapshot's size; with the log's bytes, the document's size as stored. */
  private snapshotBytes: number;
  private compacting: Promise<void> | null = null;

  constructor(
    private readonly room: Room,
    loaded: LoadedDocument,
  ) {
    this.lastUpdateId = loaded.lastUpdateId;
    this.count = loaded.logCount;
    this.bytes = loaded.logBytes;
    this.snapshotBytes = loaded.snapshotBytes;
  }

  /** The document's size as stored (snapshot and log). */
  get storedBytes(): number {
    return this.snapshotBytes + this.bytes;
  }

  /** Whether the log holds rows a compaction would fold. */
  get hasRows(): boolean {
    return this.count > 0;
  }

  /** A row of `bytes` was added to the log (committed here, or by another node). */
  added(bytes: number): void {
    this.count++;
    this.bytes += bytes;
  }

  maybeCompact(): void {
    if (this.compacting) return;
    const { compactAfterUpdates, compactAfterBytes } = this.room.deps.limits;
    if (this.count < compactAfterUpdates && this.bytes < compactAfterBytes) return;
    this.compactNow({ whenWorth: true });
  }

  /**
   * Folds the log into a snapshot of the document as of the last applied row. `whenWorth`:
   * skipped unless the database's log past its snapshot is over the threshold (several nodes
   * reach the threshold together; one writes).
   */
  compactNow(opts: { whenWorth?: boolean } = {}): Promise<void> {
    if (this.compacting) return this.compacting;
    if (this.count === 0) return Promise.resolve();
    const { room } = this;
    // Taken synchronously: the doc holds exactly the rows up to lastUpdateId right now.
    const state = Y.encodeStateAsUpdate(room.doc);
    const upTo = this.lastUpdateId;
    const folded = { count: this.count, bytes: this.bytes };
    const { compactAfterUpdates, compactAfterBytes } = room.deps.limits;
    // The threshold again, on the rows the database still has after its snapshot: a node
    // whose count ran past it while another node compacted does not compact again.
    const worth = opts.whenWorth ? { rows: compactAfterUpdates, bytes: compactAfterBytes } : null;
    this.compacting = room.deps.store
      .compact(room.docName, state, upTo, worth)
      .then((done) => {
        // Written here or already by another node: the rows up to `upTo` left in the log
        // after the stored snapshot are what still counts.
        this.count += done.keptRows - folded.count;
        this.bytes += done.keptBytes - folded.bytes;
        this.snapshotBytes = done.snapshotBytes;
        if (done.written) room.deps.onCompacted?.(room.docName, upTo);
      })
      .catch((err) => room.deps.log.error("collab: compaction failed", { doc: room.docName, err }))
      .finally(() => {
        this.compacting = null;
        // Updates that arrived while compacting may already be over the threshold.
        if (!room.destroyed) this.maybeCompact();
      });
    return this.compacting;
  }

  /** Waits for a running compaction. */
  async settle(): Promise<void> {
    if (this.compacting) await this.compacting;
  }
}
