/**
 * Announces changes that affect what open connections may do, so the collab endpoint can
 * close or downgrade sockets at once instead of at the next reconnect.
 */
import { EventEmitter } from "node:events";

export type AccessChange =
  /** These sessions ended (logout, expiry, password change, "end sessions"). */
  | { type: "sessions-ended"; sessionIds: readonly string[] }
  /** The user's role, group membership or disabled state changed in a workspace (or everywhere). */
  | { type: "user-access-changed"; userId: string; workspaceId: string | null }
  /** A document's own access changed (locked, unlocked): every connection re-checks. */
  | { type: "document-access-changed"; docName: string };

export class AccessEvents {
  private readonly emitter = new EventEmitter();
  /** Set on several nodes: carries each change to the other nodes (cluster/cluster-bus.ts). */
  relay: ((change: AccessChange) => void) | null = null;

  emit(change: AccessChange): void {
    this.deliver(change);
    this.relay?.(change);
  }

  /** A change announced on this node only (another node's, heard on the bus). */
  deliver(change: AccessChange): void {
    this.emitter.emit("change", change);
  }

  on(listener: (change: AccessChange) => void): () => void {
    this.emitter.on("change", listener);
    return () => this.emitter.off("change", listener);
  }
}
