/**
 * Shares one in-flight lookup among the callers that ask for the same key at the same
 * time. A burst of upgrades (every client reconnecting after a restart, someone's tabs
 * coming back online together) then costs one query per session, document and member
 * instead of one per socket. A settled answer is never reused, so each caller's answer is
 * read after it asked.
 */
export class SingleFlight<V> {
  private readonly inFlight = new Map<string, Promise<V>>();

  run(key: string, lookup: () => Promise<V>): Promise<V> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const started = lookup().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** Lookups in flight right now. */
  get size(): number {
    return this.inFlight.size;
  }
}
