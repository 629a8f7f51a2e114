/**
 * Changes announced per workspace (or other key) to the live event streams of this node, and
 * through `relay` to the other nodes (REDIS_URL), which `deliver` them to theirs: the meetings
 * lists and the indicator charts follow other people's changes without a reload.
 */
import { EventEmitter } from "node:events";

export class ChangeFeed<T> {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }
  /** Set on several nodes: carries each change to the other nodes. */
  relay: ((message: { key: string; change: T }) => void) | null = null;
  emit(key: string, change: T): void {
    this.deliver(key, change);
    this.relay?.({ key, change });
  }
  /** Announced on this node only (another node's change). */
  deliver(key: string, change: T): void {
    this.emitter.emit(key, change);
  }
  on(key: string, listener: (change: T) => void): () => void {
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }
}
