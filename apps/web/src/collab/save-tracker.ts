/**
 * Counts local changes and asks the server to confirm they are stored (Tsumugi's save
 * check, message type 7: docs/api.md). Unconfirmed changes are remembered in localStorage
 * so that after a reload with offline edits (kept by y-indexeddb) the page still knows
 * they have not reached the server.
 */
import { MESSAGE_SAVE_CHECK } from "@tsumugi/domain";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import type { SyncInputs, WriteLimit } from "./sync-state";

export class SaveTracker {
  private localSeq = 0;
  private savedSeq = 0;
  /** The server said this connection's changes are not stored. */
  private refused = false;
  /** The server closed the connection on a limit (see SyncInputs.limited). */
  private limited: WriteLimit | null = null;
  /** Content to show: synced once, a local copy loaded, or a local edit (never reset). */
  private loaded = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<() => void>();
  private snapshot: SyncInputs;
  private readonly unsentKey: string;

  constructor(
    private readonly provider: WebsocketProvider,
    doc: Y.Doc,
    docName: string,
    /** Origins whose updates are not local edits (the provider, IndexedDB). */
    private readonly foreignOrigins: readonly unknown[],
  ) {
    this.unsentKey = `tsumugi:unsent:${docName}`;
    if (localStorage.getItem(this.unsentKey)) this.localSeq = 1;
    this.snapshot = this.compute();
    doc.on("update", this.onUpdate);
    provider.on("status", this.onStatus);
    provider.on("sync", this.onSync);
    provider.messageHandlers[MESSAGE_SAVE_CHECK] = (_encoder, decoder) => {
      const seq = decoding.readVarUint(decoder);
      const stored = decoding.readVarUint(decoder) === 1;
      if (stored && seq > this.savedSeq) this.savedSeq = seq;
      if (!stored) this.refused = true;
      if (this.savedSeq >= this.localSeq) localStorage.removeItem(this.unsentKey);
      this.onChange();
    };
  }

  get inputs(): SyncInputs {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** This device's copy (IndexedDB) has been read into the document. */
  localCopyLoaded(hasContent: boolean): void {
    if (hasContent) this.loaded = true;
    this.onChange();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.provider.off("status", this.onStatus);
    this.provider.off("sync", this.onSync);
  }

  private onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (this.foreignOrigins.includes(origin)) return;
    this.localSeq++;
    this.loaded = true;
    localStorage.setItem(this.unsentKey, "1");
    this.onChange();
    this.scheduleCheck();
  };

  /** The server refused a change on a limit and closed the connection. */
  limit(limited: WriteLimit): void {
    this.limited = limited;
    this.onChange();
  }

  // A new connection is decided anew by the server: its answer may differ.
  private onStatus = ({ status }: { status: string }) => {
    if (status !== "connected") this.refused = false;
    else this.limited = null;
    this.onChange();
  };

  private onSync = (synced: boolean) => {
    if (synced) this.loaded = true;
    if (synced && this.localSeq > this.savedSeq) this.sendCheck();
    this.onChange();
  };

  private scheduleCheck(): void {
    if (this.timer) return;
    // A burst of keystrokes gets one check.
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sendCheck();
    }, 150);
  }

  private sendCheck(): void {
    const ws = this.provider.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN || !this.provider.synced) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SAVE_CHECK);
    encoding.writeVarUint(encoder, this.localSeq);
    ws.send(encoding.toUint8Array(encoder));
  }

  private compute(): SyncInputs {
    const p = this.provider;
    return {
      connection: p.wsconnected ? "connected" : p.wsconnecting ? "connecting" : "disconnected",
      synced: p.synced,
      loaded: this.loaded || p.synced,
      localSeq: this.localSeq,
      savedSeq: this.savedSeq,
      readOnly: this.refused,
      limited: this.limited,
    };
  }

  private onChange = () => {
    const next = this.compute();
    const prev = this.snapshot;
    if (
      prev.connection === next.connection &&
      prev.synced === next.synced &&
      prev.loaded === next.loaded &&
      prev.localSeq === next.localSeq &&
      prev.savedSeq === next.savedSeq &&
      prev.readOnly === next.readOnly &&
      prev.limited === next.limited
    ) {
      return;
    }
    this.snapshot = next;
    for (const l of this.listeners) l();
  };
}
