/**
 * A room's write path, persist before broadcast: an update (a client's, or one the server
 * makes) is checked — the writer's access, the parts reserved to others, the document's size
 * and the person's write budget — handed to the write batcher, and applied to the room's
 * document only once committed. Only the room's document feeds other clients (live
 * broadcasts and sync step 2 for newcomers), so nobody can see a change a crash could lose.
 */
import * as Y from "yjs";
import { CLOSE, type Peer } from "./peer.js";
import { ProtocolError } from "./protocol.js";
import { partsTouched, UNKNOWN_PART } from "./reserved-parts.js";
import type { Room } from "./room.js";

export class RoomWrites {
  /** Bytes of updates handed to the batcher and not yet committed (or failed). */
  private pendingBytes = 0;
  /** Connections refused by a limit and about to be closed: their further updates are dropped. */
  private readonly limited = new WeakSet<Peer>();
  /**
   * Updates of writers with reserved parts, handed to the batcher and not yet applied: their
   * next updates build on them. Made on the first such update, dropped when empty.
   */
  private unapplied: Set<Uint8Array> | null = null;

  constructor(private readonly room: Room) {}

  /** A connection being closed for a refusal: it is answered nothing more. */
  refused(peer: Peer): boolean {
    return this.limited.has(peer);
  }

  /** A client's update (sync step 2 or update): stored, then applied and broadcast. */
  receive(peer: Peer, update: Uint8Array): void {
    const { room } = this;
    const { deps } = room;
    if (peer.access !== "write") {
      if (!peer.writeRefusalReported) {
        peer.writeRefusalReported = true;
        deps.onWriteRefused(peer, room.docName);
      }
      return;
    }
    if (isEmptyUpdate(update)) return;
    if (peer.reserved && this.touchesReserved(peer, update)) return;
    if (!this.admit(peer, update.byteLength)) return;
    this.pendingBytes += update.byteLength;
    if (peer.reserved) {
      this.unapplied ??= new Set();
      this.unapplied.add(update);
    }
    deps.batcher.enqueue({
      docName: room.docName,
      update,
      onCommitted: (rowId) => {
        this.pendingBytes -= update.byteLength;
        this.forgetUnapplied(update);
        room.stored(rowId, update);
        try {
          Y.applyUpdate(room.doc, update, peer);
          deps.onApplied(room.docName, peer.user.id);
        } catch (err) {
          deps.log.warn("collab: stored update could not be applied", { doc: room.docName, err });
          peer.close(CLOSE.malformed, "invalid update");
        }
        room.log.maybeCompact();
      },
      // Not stored, so not applied or forwarded: the client re-sends it after reconnecting.
      onFailed: () => {
        this.pendingBytes -= update.byteLength;
        this.forgetUnapplied(update);
        peer.close(CLOSE.internalError, "storage failure");
      },
    });
  }

  /** Stores an update made by the server for `userId`, then applies and broadcasts it. */
  fromServer(update: Uint8Array, userId: string): Promise<void> {
    if (isEmptyUpdate(update)) return Promise.resolve();
    const { room } = this;
    this.pendingBytes += update.byteLength;
    return new Promise((resolve, reject) => {
      room.deps.batcher.enqueue({
        docName: room.docName,
        update,
        onCommitted: (rowId) => {
          this.pendingBytes -= update.byteLength;
          room.stored(rowId, update);
          Y.applyUpdate(room.doc, update, null);
          room.deps.onApplied(room.docName, userId);
          room.log.maybeCompact();
          resolve();
        },
        onFailed: () => {
          this.pendingBytes -= update.byteLength;
          reject(new Error("storage failure"));
        },
      });
    });
  }

  private forgetUnapplied(update: Uint8Array): void {
    if (!this.unapplied?.delete(update)) return;
    if (this.unapplied.size === 0) this.unapplied = null;
  }

  /**
   * An update from a writer with reserved parts (policy `reservedParts`) that would change
   * one of them, or something it cannot place, is not stored: the socket is closed with
   * 4423 once the refusal is on record, and nothing else of the document changes.
   */
  private touchesReserved(peer: Peer, update: Uint8Array): boolean {
    const reserved = peer.reserved;
    if (!reserved) return false;
    const { room } = this;
    let names: string[];
    try {
      names = [...partsTouched(room.doc, update, this.unapplied ?? [])].filter(
        (name) => name === UNKNOWN_PART || reserved.isReserved(name),
      );
    } catch (err) {
      room.deps.log.warn("collab: an update could not be placed, refused", { doc: room.docName, err });
      names = [UNKNOWN_PART];
    }
    if (names.length === 0) return false;
    this.refuse(peer, CLOSE.reservedPart, "reserved part", () =>
      room.deps.onReservedRefused(peer, room.docName, { parts: reserved.id, names: names.sort() }),
    );
    return true;
  }

  /**
   * The document's size and the person's write rate: an update past either is not stored,
   * and the socket is closed with a code the app explains (what is stored stays as it is;
   * the client keeps the refused change and sends it again when it reconnects).
   */
  private admit(peer: Peer, bytes: number): boolean {
    const { deps, log } = this.room;
    const { maxDocumentBytes } = deps.limits;
    const size = log.storedBytes + this.pendingBytes;
    if (size + bytes > maxDocumentBytes) {
      this.refuseForLimit(peer, CLOSE.documentTooLarge, "document too large", {
        limit: "documentBytes",
        max: maxDocumentBytes,
        size,
        bytes,
      });
      // The log may hold more than the document needs: fold it, so the size counted is the real one.
      if (log.hasRows) void log.compactNow();
      return false;
    }
    const { waitMs, limit } = deps.takeWrite(peer.user.id, bytes);
    if (waitMs > 0) {
      const retry = Math.ceil(waitMs / 1000);
      this.refuseForLimit(peer, CLOSE.writeRateExceeded, `write rate exceeded; retry=${retry}`, {
        limit,
        bytes,
        retryAfterSeconds: retry,
      });
      return false;
    }
    return true;
  }

  private refuseForLimit(peer: Peer, code: number, reason: string, detail: Record<string, unknown>): void {
    this.refuse(peer, code, reason, () => this.room.deps.onWriteLimited(peer, this.room.docName, detail));
  }

  /** Drops the connection's further updates, records the refusal, then closes the socket. */
  private refuse(peer: Peer, code: number, reason: string, record: () => Promise<void> | void): void {
    this.limited.add(peer);
    void Promise.resolve()
      .then(record)
      .catch(() => {})
      .finally(() => peer.close(code, reason));
  }
}

/**
 * Rejects bytes that are not a Yjs update before they reach the store. An update with no
 * structs and no deletions (what a client sends when it has nothing new) is not stored.
 */
export function isEmptyUpdate(update: Uint8Array): boolean {
  // No structs and no deletions: what a client sends when it has nothing new.
  if (update.length === 2 && update[0] === 0 && update[1] === 0) return true;
  try {
    Y.decodeUpdate(update);
  } catch (err) {
    throw new ProtocolError(`invalid Yjs update: ${(err as Error).message}`);
  }
  return false;
}
