/**
 * The documents this node has loaded: one Room per document, loaded once however many
 * connections ask at the same time, kept while connections or the server's own changes
 * use it, and unloaded once idle — only after everything received is stored and compacted.
 */
import type { ClusterBus } from "../cluster/cluster-bus.js";
import type { Logger } from "../logger.js";
import { Room, type RoomDeps } from "./room.js";
import type { UpdateStore } from "./update-store.js";
import type { WriteBatcher } from "./write-batcher.js";

/** How long opening a document waits for its Redis subscription before going on without. */
const SUBSCRIBE_WAIT_MS = 2_000;

export interface RoomRegistryDeps {
  store: UpdateStore;
  batcher: WriteBatcher;
  roomDeps: RoomDeps;
  /** Several nodes (REDIS_URL): a loaded document follows the other nodes' updates. */
  bus: ClusterBus | null;
  unloadIdleMs: number;
  log: Logger;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  /** Upgrades and server changes on their way into a document: it is not unloaded under them. */
  private readonly reserved = new Map<string, number>();

  constructor(private readonly deps: RoomRegistryDeps) {}

  get(docName: string): Room | undefined {
    return this.rooms.get(docName);
  }

  loaded(): Room[] {
    return [...this.rooms.values()];
  }

  names(): string[] {
    return [...this.rooms.keys()];
  }

  /** The document's connections, and those on their way in. */
  occupancy(docName: string): number {
    return (this.reserved.get(docName) ?? 0) + (this.rooms.get(docName)?.peers.size ?? 0);
  }

  /** Runs `fn` with the document reserved: an idle unload waits until it is done. */
  async reserve<T>(docName: string, fn: () => Promise<T>): Promise<T> {
    this.reserved.set(docName, (this.reserved.get(docName) ?? 0) + 1);
    try {
      return await fn();
    } finally {
      const left = (this.reserved.get(docName) ?? 1) - 1;
      if (left > 0) this.reserved.set(docName, left);
      else this.reserved.delete(docName);
    }
  }

  /** The loaded room, or the document loaded from the store (once for concurrent callers). */
  open(docName: string): Promise<Room> {
    const existing = this.rooms.get(docName);
    if (existing) return Promise.resolve(existing);
    let pending = this.loading.get(docName);
    if (!pending) {
      pending = this.load(docName).finally(() => this.loading.delete(docName));
      this.loading.set(docName, pending);
    }
    return pending;
  }

  private async load(docName: string): Promise<Room> {
    const { store, roomDeps, bus } = this.deps;
    const room = new Room(docName, await store.load(docName), roomDeps);
    if (bus) {
      const subscribed = bus.subscribeDoc(docName, (m) => {
        if (m.kind === "update") room.receiveRemote(m.id, m.update);
        else room.receiveRemoteAwareness(m.update);
      });
      // Redis away: the document opens anyway; the subscription is made on reconnection,
      // and the reconnection's catch-up reads what was missed.
      await Promise.race([
        subscribed.catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref()),
      ]);
      // Updates committed elsewhere between the load and the subscription.
      await room.catchUp();
    }
    this.rooms.set(docName, room);
    return room;
  }

  /** Unloads the room after it has been idle for a while (no connection, nothing reserved). */
  scheduleUnload(room: Room): void {
    if (room.peers.size > 0 || room.unloadTimer) return;
    room.unloadTimer = setTimeout(async () => {
      room.unloadTimer = null;
      try {
        // Everything received must be on disk before the document leaves memory.
        await this.deps.batcher.flush();
        await room.compactNow();
        await room.settle();
      } catch (err) {
        this.deps.log.error("collab: unloading failed, keeping the document loaded", {
          doc: room.docName,
          err,
        });
        return;
      }
      if (
        room.peers.size > 0 ||
        this.rooms.get(room.docName) !== room ||
        (this.reserved.get(room.docName) ?? 0) > 0
      )
        return;
      this.rooms.delete(room.docName);
      this.deps.bus?.unsubscribeDoc(room.docName);
      room.destroy();
    }, this.deps.unloadIdleMs);
  }

  /** Waits for running compactions of every loaded room. */
  async settle(): Promise<void> {
    await Promise.all(this.loaded().map((r) => r.settle()));
  }

  /**
   * Stopping: waits for documents being loaded, then compacts and unloads every room. The
   * caller has flushed the batcher and closed the connections.
   */
  async unloadAll(): Promise<void> {
    await Promise.all([...this.loading.values()].map((p) => p.catch(() => null)));
    await this.deps.batcher.flush();
    for (const room of this.rooms.values()) {
      await room.compactNow();
      await room.settle();
      this.deps.bus?.unsubscribeDoc(room.docName);
      room.destroy();
    }
    this.rooms.clear();
  }
}
