/**
 * Load clients: y-websocket's WebsocketProvider (what the web app uses) over `ws`, with
 * the headers a browser would send. Fan-out latency is measured on one clock: the typist
 * notes when it wrote the item with a given id, every other client notes when that item
 * arrived.
 */
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { BenchServer } from "./servers.js";

// Every WebsocketProvider in Node adds a process "exit" listener; a run holds ~1,000 at once.
process.setMaxListeners(0);

function headerWebSocket(headers: Record<string, string>): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as typeof WebSocket;
}

/** Send times of typed items, keyed "client:clock", shared by all clients of a run. */
export class LatencyProbe {
  private readonly sent = new Map<string, number>();
  readonly samples: number[] = [];
  recording = false;

  /** Characters typed while recording. */
  get sentCount(): number {
    return this.sent.size;
  }

  noteSend(doc: Y.Doc): void {
    if (!this.recording) return;
    this.sent.set(`${doc.clientID}:${Y.getState(doc.store, doc.clientID)}`, performance.now());
  }

  noteReceive(update: Uint8Array): void {
    if (this.sent.size === 0) return;
    const now = performance.now();
    for (const struct of Y.decodeUpdate(update).structs) {
      const at = this.sent.get(`${struct.id.client}:${struct.id.clock}`);
      if (at !== undefined) this.samples.push(now - at);
    }
  }
}

export class BenchClient {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText("bench");
  readonly provider: WebsocketProvider;
  private timers: NodeJS.Timeout[] = [];

  constructor(server: BenchServer, docName: string, probe: LatencyProbe | null) {
    this.provider = new WebsocketProvider(server.serverUrl, docName, this.doc, {
      WebSocketPolyfill: headerWebSocket(server.headers) as never,
      disableBc: true,
    });
    // As every editor does: the caret label of this person (y-prosemirror, Tiptap).
    this.provider.awareness.setLocalStateField("user", { name: "ベンチ 利用者", color: "#1f6feb" });
    if (probe) {
      this.doc.on("update", (update: Uint8Array, origin: unknown) => {
        if (origin === this.provider) probe.noteReceive(update);
      });
    }
  }

  synced(): Promise<void> {
    if (this.provider.synced) return Promise.resolve();
    return new Promise((resolve) => {
      const on = (s: boolean) => {
        if (!s) return;
        this.provider.off("sync", on);
        resolve();
      };
      this.provider.on("sync", on);
    });
  }

  /** Types `charsPerSecond` characters and moves the cursor `cursorHz` times a second. */
  startTyping(charsPerSecond: number, cursorHz: number, probe: LatencyProbe): void {
    const typeEvery = 1000 / charsPerSecond;
    const start = Math.random() * typeEvery;
    this.timers.push(
      setTimeout(() => {
        this.timers.push(
          setInterval(() => {
            probe.noteSend(this.doc);
            this.text.insert(Math.floor(Math.random() * (this.text.length + 1)), "あ");
          }, typeEvery),
        );
      }, start),
    );
    if (cursorHz > 0) {
      this.timers.push(
        setInterval(() => {
          const at = Math.floor(Math.random() * (this.text.length + 1));
          this.provider.awareness.setLocalStateField("cursor", { anchor: at, head: at });
        }, 1000 / cursorHz),
      );
    }
  }

  stopTyping(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  destroy(): void {
    this.stopTyping();
    this.provider.destroy();
    this.doc.destroy();
  }
}
