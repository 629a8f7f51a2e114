/** One WebSocket connection to a document, as the room sees it. */
import type { DocumentAccess, ReservedParts } from "@tsumugi/domain";

export interface PeerUser {
  id: string;
  name: string;
}

export interface Peer {
  readonly user: PeerUser;
  readonly sessionId: string;
  readonly workspaceId: string;
  /** "write" or "read"; read-only peers' document updates are dropped. */
  access: Exclude<DocumentAccess, "none">;
  /** Parts of the document this writer may not change (policy `reservedParts`); null: none. */
  reserved: ReservedParts | null;
  /** The awareness client id this connection speaks for, bound on its first awareness message. */
  awarenessClientId: number | null;
  /** Set once a refused write of this connection has been logged and audited. */
  writeRefusalReported: boolean;
  /** Set once a presence message of this connection dropped by a limit has been logged. */
  awarenessLimitReported: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** WebSocket close codes the web app acts on: shared with it (domain wire.ts). */
export { CLOSE } from "@tsumugi/domain";
