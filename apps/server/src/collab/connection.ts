/** A Peer backed by a `ws` WebSocket: send with back-pressure and liveness tracking. */
import WebSocket from "ws";
import type { Logger } from "../logger.js";
import { CLOSE, type Peer, type PeerUser } from "./peer.js";

let nextPeerId = 1;

export class SocketPeer implements Peer {
  readonly id = nextPeerId++;
  awarenessClientId: number | null = null;
  /** When the client last sent anything (a message or a pong). */
  lastReceivedAt = Date.now();
  /** A ping went out and no frame has arrived since. */
  awaitingPong = false;
  lastSentAt = Date.now();

  constructor(
    private readonly ws: WebSocket,
    readonly user: PeerUser,
    readonly sessionId: string,
    readonly token: string,
    readonly workspaceId: string,
    readonly docName: string,
    public access: "write" | "read",
    private readonly maxBufferedBytes: number,
    private readonly log: Logger,
  ) {}

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    // A client that does not read fills our memory: cut it off instead.
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.log.warn("collab: slow consumer disconnected", {
        peer: this.id,
        buffered: this.ws.bufferedAmount,
      });
      this.close(CLOSE.slowConsumer, "slow consumer");
      return;
    }
    this.lastSentAt = Date.now();
    // No per-message callback: a failed socket reports through its error and close events.
    this.ws.send(message);
  }

  /** Marks the client alive: it sent something. */
  heard(): void {
    this.lastReceivedAt = Date.now();
    this.awaitingPong = false;
  }

  ping(): void {
    if (!this.isOpen) return;
    this.awaitingPong = true;
    this.ws.ping();
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
    this.ws.close(code, reason);
    // Do not wait for a client that never answers the closing handshake.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  terminate(): void {
    this.ws.terminate();
  }
}
