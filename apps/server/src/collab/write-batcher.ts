/**
 * Batches document writes per event-loop turn: every update received during one turn is
 * committed in a single SQLite transaction, then each write's callback runs (in arrival
 * order) so the room can apply and broadcast it. One batch is in flight at a time, which
 * keeps the log in arrival order.
 */
import type { Logger } from "../logger.js";
import type { PendingWrite, UpdateStore } from "./update-store.js";

interface QueuedWrite extends PendingWrite {
  onCommitted(rowId: number): void;
  onFailed(err: Error): void;
}

export class WriteBatcher {
  private queue: QueuedWrite[] = [];
  /** Resolved when the writes queued before them are committed. */
  private queuedBarriers: (() => void)[] = [];
  private inFlightBarriers: (() => void)[] = [];
  private scheduled = false;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly store: UpdateStore,
    private readonly log: Logger,
  ) {}

  enqueue(write: QueuedWrite): void {
    this.queue.push(write);
    this.schedule();
  }

  /** Number of writes waiting or being committed. */
  get pending(): number {
    return this.queue.length;
  }

  /**
   * Resolves once the writes enqueued before this call are committed (or failed), without
   * waiting for writes that arrive later — unlike `flush`, it returns under constant load.
   */
  afterPending(): Promise<void> {
    return new Promise((resolve) => {
      if (this.queue.length > 0) this.queuedBarriers.push(resolve);
      else if (this.inFlight) this.inFlightBarriers.push(resolve);
      else resolve();
    });
  }

  /** Resolves once everything enqueued so far is committed (or failed). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.inFlight) {
      if (this.inFlight) await this.inFlight;
      else await this.runBatch();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.inFlight) void this.runBatch();
    });
  }

  private runBatch(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return Promise.resolve();
    this.inFlightBarriers = this.queuedBarriers;
    this.queuedBarriers = [];
    this.inFlight = (async () => {
      try {
        const ids = await this.store.append(batch);
        for (const [i, w] of batch.entries()) this.notify(() => w.onCommitted(ids[i]));
      } catch (err) {
        this.log.error("collab: writing updates failed", { err, count: batch.length });
        for (const w of batch) this.notify(() => w.onFailed(err as Error));
      } finally {
        this.inFlight = null;
        for (const resolve of this.inFlightBarriers.splice(0)) resolve();
        if (this.queue.length > 0) this.schedule();
      }
    })();
    return this.inFlight;
  }

  private notify(callback: () => void): void {
    try {
      callback();
    } catch (err) {
      this.log.error("collab: write callback failed", { err });
    }
  }
}
