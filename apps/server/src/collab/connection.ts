/**
 * A Peer backed by a `ws` WebSocket: send with back-pressure, liveness tracking and the
 * socket's events.
 *
 * Hundreds of sockets stay open per process, mostly idle, so a connection keeps little:
 * no closures of its own (the listeners are shared functions that find their peer on the
 * socket), no copy of the request, and the document and workspace come from its room.
 */
import type { Duplex } from "node:stream";
import type { ReservedParts } from "@tsumugi/domain";
import WebSocket from "ws";
import type { Logger } from "../logger.js";
import { CLOSE, type Peer, type PeerUser } from "./peer.js";
import { decodeClientMessage, ProtocolError } from "./protocol.js";
import type { Room } from "./room.js";
import { coalesceWrites } from "./write-coalescing.js";

/** What all connections of one collab server share. */
export interface PeerHub {
  maxBufferedBytes: number;
  log: Logger;
  /** The socket closed: forget the peer. */
  closed(peer: SocketPeer): void;
}

/** The WebSocket class the server's WebSocketServer creates: it points at its peer. */
export class PeerWebSocket extends WebSocket {
  peer: SocketPeer | null = null;
}

/** A re-decision takes a few SQLite reads; a client sending more than this meanwhile is cut. */
const MAX_HELD_FRAMES = 1_000;

/** Keepalive state bits: one small integer instead of three fields per connection. */
const HEARD = 1; // something arrived since the last keepalive round (a message or a pong)
const SPOKE = 2; // something was sent since the last keepalive round
const AWAITING_PONG = 4; // a ping went out and nothing has arrived since

export class SocketPeer implements Peer {
  awarenessClientId: number | null = null;
  writeRefusalReported = false;
  awarenessLimitReported = false;
  private liveness = HEARD | SPOKE;
  /** Frames kept unhandled while this connection's access is being re-decided. */
  private held: Buffer[] | null = null;

  constructor(
    private readonly ws: PeerWebSocket,
    /** The TCP socket under `ws` (ws keeps it private). */
    private readonly socket: Duplex,
    readonly room: Room,
    readonly user: PeerUser,
    readonly sessionId: string,
    readonly sessionEndsAt: number,
    public access: "write" | "read",
    /** Parts of the document this writer may not change (policy `reservedParts`). */
    public reserved: ReservedParts | null,
    private readonly hub: PeerHub,
  ) {
    ws.peer = this;
    ws.on("message", onMessage);
    ws.on("pong", onPong);
    ws.on("error", onError);
    ws.on("close", onClose);
    room.join(this);
  }

  get docName(): string {
    return this.room.docName;
  }

  get workspaceId(): string {
    return this.room.workspaceId;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return;
    // A client that does not read fills our memory: cut it off instead.
    if (this.ws.bufferedAmount > this.hub.maxBufferedBytes) {
      this.hub.log.warn("collab: slow consumer disconnected", {
        doc: this.docName,
        user: this.user.id,
        buffered: this.ws.bufferedAmount,
      });
      this.close(CLOSE.slowConsumer, "slow consumer");
      return;
    }
    this.liveness |= SPOKE;
    // No per-message callback: a failed socket reports through its error and close events.
    coalesceWrites(this.socket);
    this.ws.send(message);
  }

  /** Handles one frame: decoded and given to the room, or the connection is closed. */
  receive(data: WebSocket.RawData, isBinary: boolean): void {
    // Once we close a socket (session ended, access changed) nothing more from it counts,
    // although frames keep arriving until the client sees the close.
    if (!this.isOpen) return;
    this.heardFrom();
    const bytes = data instanceof Buffer ? data : Buffer.concat(data as Buffer[]);
    if (this.held && isBinary) {
      if (this.held.length >= MAX_HELD_FRAMES) this.close(CLOSE.slowConsumer, "too many frames held");
      else this.held.push(bytes);
      return;
    }
    this.handle(bytes, isBinary);
  }

  /**
   * Keeps incoming frames unhandled until `release`: while an access change is re-decided,
   * a write must neither be applied on the old decision nor dropped (the client would not
   * send it again without reconnecting).
   */
  hold(): void {
    this.held ??= [];
  }

  /** Handles the frames kept since `hold`, in order. */
  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const bytes of held) {
      if (!this.isOpen) return;
      this.handle(bytes, true);
    }
  }

  private handle(bytes: Buffer, isBinary: boolean): void {
    try {
      if (!isBinary) throw new ProtocolError("text frame");
      this.room.receive(
        this,
        decodeClientMessage(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)),
      );
    } catch (err) {
      if (err instanceof ProtocolError) {
        this.hub.log.warn("collab: malformed message, closing the connection", {
          doc: this.docName,
          user: this.user.id,
          err: err.message,
        });
        this.close(CLOSE.malformed, "malformed message");
      } else {
        this.hub.log.error("collab: message handling failed", { doc: this.docName, err });
        this.close(CLOSE.internalError, "internal error");
      }
    }
  }

  /** A message or a pong arrived. */
  heardFrom(): void {
    this.liveness = (this.liveness | HEARD) & ~AWAITING_PONG;
  }

  /** One keepalive round: quiet clients are pinged, and told we are alive. */
  keepalive(message: Uint8Array): void {
    // A client that answered nothing since the last ping is gone.
    if (this.liveness & AWAITING_PONG) {
      this.terminate();
      return;
    }
    // Busy clients prove they are alive by talking; only quiet ones are pinged.
    if (!(this.liveness & HEARD) && this.isOpen) {
      this.liveness |= AWAITING_PONG;
      this.ws.ping();
    }
    if (!(this.liveness & SPOKE)) this.send(message);
    this.liveness &= AWAITING_PONG;
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.CLOSED || this.ws.readyState === WebSocket.CLOSING) return;
    this.ws.close(code, reason);
    // Do not wait for a client that never answers the closing handshake.
    setTimeout(terminateSocket, 2000, this.ws).unref();
  }

  terminate(): void {
    this.ws.terminate();
  }

  /** The socket closed: leave the room and let the server forget this peer. */
  closed(): void {
    this.ws.peer = null;
    this.room.leave(this);
    this.hub.closed(this);
  }

  socketError(err: Error): void {
    this.hub.log.warn("collab: socket error", { doc: this.docName, err: err.message });
  }
}

// ws calls its listeners with the socket as `this`: one set of functions serves them all.
const peerOf = (ws: WebSocket): SocketPeer | null => (ws as PeerWebSocket).peer;

function onMessage(this: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
  peerOf(this)?.receive(data, isBinary);
}

function onPong(this: WebSocket): void {
  peerOf(this)?.heardFrom();
}

function onError(this: WebSocket, err: Error): void {
  peerOf(this)?.socketError(err);
}

function onClose(this: WebSocket): void {
  peerOf(this)?.closed();
}

function terminateSocket(ws: WebSocket): void {
  ws.terminate();
}
