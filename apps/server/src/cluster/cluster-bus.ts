/**
 * Messages between Tsumugi nodes over Redis (or Valkey) pub/sub, for `REDIS_URL=redis://…`.
 *
 * Redis holds nothing durable: PostgreSQL is the record. Pub/sub may drop messages (a
 * reconnect, a restarted Redis), so what must not be lost is never only here:
 * - a document update is published after its commit, with its per-document sequence; a node
 *   that sees a gap, or whose connection to Redis comes back, reads the missing rows from
 *   the database (collab/room.ts `catchUp`);
 * - presence is resent by every client every 15 s;
 * - access changes are also caught by the periodic session and access re-checks.
 *
 * One channel per open document (`tsumugi:doc:<docName>`, subscribed while the document is
 * loaded on this node) and one per kind of event (`tsumugi:event:<topic>`). A message names
 * the node that sent it; a node ignores its own.
 */
import { createClient, type RedisClientType } from "redis";
import type { Logger } from "../logger.js";

export type DocMessage =
  | { kind: "update"; id: number; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array };

const KIND_UPDATE = 1;
const KIND_AWARENESS = 2;
const PREFIX = "tsumugi:";

/** kind (1 byte), sender length (1 byte), sender, [sequence (float64) for updates], payload. */
export function encodeDocMessage(nodeId: string, m: DocMessage): Buffer {
  const sender = Buffer.from(nodeId, "utf8");
  const head = Buffer.alloc(2 + sender.length + (m.kind === "update" ? 8 : 0));
  head[0] = m.kind === "update" ? KIND_UPDATE : KIND_AWARENESS;
  head[1] = sender.length;
  sender.copy(head, 2);
  if (m.kind === "update") head.writeDoubleBE(m.id, 2 + sender.length);
  return Buffer.concat([head, m.update]);
}

export function decodeDocMessage(buf: Buffer): { sender: string; message: DocMessage } | null {
  if (buf.length < 2) return null;
  const senderEnd = 2 + buf[1];
  const sender = buf.subarray(2, senderEnd).toString("utf8");
  if (buf[0] === KIND_UPDATE) {
    if (buf.length < senderEnd + 8) return null;
    const id = buf.readDoubleBE(senderEnd);
    return { sender, message: { kind: "update", id, update: new Uint8Array(buf.subarray(senderEnd + 8)) } };
  }
  if (buf[0] === KIND_AWARENESS) {
    return { sender, message: { kind: "awareness", update: new Uint8Array(buf.subarray(senderEnd)) } };
  }
  return null;
}

export class ClusterBus {
  private readonly docListeners = new Map<string, (m: DocMessage) => void>();
  private readonly eventListeners = new Map<string, (payload: unknown) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private connectedOnce = false;
  private closed = false;

  private constructor(
    readonly nodeId: string,
    private readonly pub: RedisClientType,
    private readonly sub: RedisClientType,
    private readonly log: Logger,
  ) {
    // After the first connection, every "ready" of the subscriber is a reconnect: messages
    // may have been missed meanwhile (node-redis subscribes again on its own).
    sub.on("ready", () => {
      if (!this.connectedOnce) {
        this.connectedOnce = true;
        return;
      }
      log.warn("cluster: reconnected to Redis, catching up", { node: nodeId });
      for (const listener of this.reconnectListeners) listener();
    });
  }

  static async connect(url: string, nodeId: string, log: Logger): Promise<ClusterBus> {
    if (Buffer.byteLength(nodeId) > 255) throw new Error("NODE_ID is longer than 255 bytes");
    const make = () => {
      const client = createClient({
        url,
        socket: {
          // Retried for ever, at most every 2 s: a node outlives a Redis restart.
          reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000),
          connectTimeout: 5_000,
        },
      }) as RedisClientType;
      let reported = false;
      client.on("error", (err: Error) => {
        if (reported) return;
        reported = true;
        log.warn("cluster: Redis connection lost, retrying", { node: nodeId, err: err.message });
      });
      client.on("ready", () => {
        reported = false;
      });
      return client;
    };
    const pub = make();
    const sub = make();
    const bus = new ClusterBus(nodeId, pub, sub, log);
    await Promise.all([pub.connect(), sub.connect()]);
    return bus;
  }

  /** Whether the connection to Redis is up now. */
  get available(): boolean {
    return this.pub.isReady;
  }

  /** Plain commands (GET, SET, DEL, EVAL) on the publishing connection, for shared counters. */
  get kv(): Pick<RedisClientType, "get" | "set" | "del" | "eval"> {
    return this.pub;
  }

  /** Whether Redis answers now (for /api/ready). */
  async ping(): Promise<boolean> {
    if (!this.pub.isReady) return false;
    try {
      return (await withTimeout(this.pub.ping(), 2_000)) === "PONG";
    } catch {
      return false;
    }
  }

  /** Called after each reconnection to Redis (not the first connection). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  publishDoc(docName: string, message: DocMessage): void {
    if (this.closed) return;
    this.pub
      .publish(PREFIX + "doc:" + docName, encodeDocMessage(this.nodeId, message))
      .catch((err: Error) => this.log.warn("cluster: publish failed", { doc: docName, err: err.message }));
  }

  /** Receives other nodes' messages about `docName` until `unsubscribeDoc`. */
  async subscribeDoc(docName: string, listener: (m: DocMessage) => void): Promise<void> {
    this.docListeners.set(docName, listener);
    await this.sub.subscribe(
      PREFIX + "doc:" + docName,
      (buf: Buffer) => {
        const decoded = decodeDocMessage(buf);
        if (!decoded || decoded.sender === this.nodeId) return;
        this.docListeners.get(docName)?.(decoded.message);
      },
      true,
    );
  }

  unsubscribeDoc(docName: string): void {
    this.docListeners.delete(docName);
    if (this.closed) return;
    this.sub.unsubscribe(PREFIX + "doc:" + docName).catch(() => {});
  }

  /**
   * Carries `emit` of an in-process event source to every node: returns the function that
   * publishes a payload; other nodes' payloads are handed to `deliver` (never published again).
   */
  async relay<T>(topic: string, deliver: (payload: T) => void): Promise<(payload: T) => void> {
    const channel = PREFIX + "event:" + topic;
    this.eventListeners.set(topic, deliver as (payload: unknown) => void);
    await this.sub.subscribe(channel, (raw: string) => {
      try {
        const { sender, payload } = JSON.parse(raw) as { sender: string; payload: T };
        if (sender !== this.nodeId) this.eventListeners.get(topic)?.(payload);
      } catch (err) {
        this.log.warn("cluster: unreadable event dropped", { topic, err });
      }
    });
    return (payload: T) => {
      if (this.closed) return;
      this.pub
        .publish(channel, JSON.stringify({ sender: this.nodeId, payload }))
        .catch((err: Error) => this.log.warn("cluster: publish failed", { topic, err: err.message }));
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.pub.close().catch(() => {}), this.sub.close().catch(() => {})]);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
