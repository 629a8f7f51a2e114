/** One WebSocket connection to a document, as the room sees it. */
import type { DocumentAccess } from "@tsumugi/domain";

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
  /** The awareness client id this connection speaks for, bound on its first awareness message. */
  awarenessClientId: number | null;
  /** Set once a refused write of this connection has been logged and audited. */
  writeRefusalReported: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

/** WebSocket close codes the web app acts on (see docs/api.md). */
export const CLOSE = {
  normal: 1000,
  goingAway: 1001,
  tooBig: 1009,
  internalError: 1011,
  malformed: 4400,
  sessionEnded: 4401,
  accessChanged: 4403,
  /** In y-websocket's 45xx "try again later" range, so the client reconnects. */
  slowConsumer: 4508,
} as const;
