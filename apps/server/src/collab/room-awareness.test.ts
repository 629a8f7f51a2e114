import * as decoding from "lib0/decoding";
import { getUnixTime } from "lib0/time";
import { afterEach, describe, expect, it, vi } from "vitest";
import { outdatedTimeout } from "y-protocols/awareness";
import type { CollabLimits } from "../config.js";
import { createLogger } from "../logger.js";
import type { Peer } from "./peer.js";
import { decodeAwarenessUpdate, encodeAwarenessUpdate, MESSAGE_AWARENESS } from "./protocol.js";
import { Room, type RoomDeps } from "./room.js";
import type { UpdateStore } from "./update-store.js";
import type { WriteBatcher } from "./write-batcher.js";

// Awareness never touches the store: a room with nothing stored needs none of it.
const deps: RoomDeps = {
  store: {} as UpdateStore,
  batcher: {} as WriteBatcher,
  limits: { compactAfterUpdates: 1000, compactAfterBytes: 1 << 20, maxAwarenessBytes: 8192 } as CollabLimits,
  log: createLogger("silent"),
  onWriteRefused: () => {},
  onApplied: () => {},
  takeWrite: () => ({ waitMs: 0, limit: null }),
  takeAwareness: () => true,
  onWriteLimited: () => {},
  onReservedRefused: () => {},
  onAwarenessDropped: () => {},
};

const emptyDocument = { parts: [], lastUpdateId: 0, logCount: 0, logBytes: 0, snapshotBytes: 0 };

function peer(userId: string, received: Uint8Array[]): Peer {
  return {
    user: { id: userId, name: userId },
    sessionId: "s",
    workspaceId: "w",
    access: "write",
    awarenessClientId: null,
    reserved: null,
    writeRefusalReported: false,
    awarenessLimitReported: false,
    send: (m) => received.push(m),
    close: () => {},
  };
}

/** The awareness entries in the messages a peer was sent. */
const awarenessSent = (messages: Uint8Array[]) =>
  messages.flatMap((m) => {
    const decoder = decoding.createDecoder(m);
    if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return [];
    return decodeAwarenessUpdate(decoding.readVarUint8Array(decoder));
  });

const rooms: Room[] = [];
const newRoom = () => {
  const room = new Room("ws1:doc:abc", emptyDocument, deps);
  rooms.push(room);
  return room;
};
afterEach(() => {
  for (const r of rooms.splice(0)) r.destroy();
});

describe("Room awareness", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("forgets a client silent for the timeout, and tells the others", () => {
    vi.useFakeTimers();
    const room = newRoom();
    const silentOnes: Uint8Array[] = [];
    const watcher: Uint8Array[] = [];
    const silent = peer("u1", silentOnes);
    room.join(silent);
    room.join(peer("u2", watcher));
    room.receive(silent, {
      type: "awareness",
      update: encodeAwarenessUpdate([{ clientId: 7, clock: 1, state: {} }]),
    });
    expect(room.awareness.getStates().has(7)).toBe(true);

    // y-protocols reads its clock through lib0 (not the faked Date): the client's last
    // message is moved back instead, and the awareness timer is run.
    const lastHeard = (ago: number) => {
      const meta = room.awareness.meta.get(7);
      if (meta) meta.lastUpdated = getUnixTime() - ago;
    };
    lastHeard(outdatedTimeout - 5_000);
    vi.advanceTimersByTime(outdatedTimeout / 10);
    expect(room.awareness.getStates().has(7)).toBe(true);

    watcher.length = 0;
    lastHeard(outdatedTimeout);
    vi.advanceTimersByTime(outdatedTimeout / 10);
    expect(room.awareness.getStates().has(7)).toBe(false);
    expect(awarenessSent(watcher)).toEqual([expect.objectContaining({ clientId: 7, state: null })]);
  });

  it("lets another node speak for a client id held here only as the same person, and never remove it", () => {
    const room = newRoom();
    const alice = peer("alice", []);
    room.join(alice);
    room.receive(alice, {
      type: "awareness",
      update: encodeAwarenessUpdate([{ clientId: 7, clock: 1, state: { cursor: 1 } }]),
    });
    const shown = () =>
      (room.awareness.getStates().get(7) as { user?: { userId: string } } | undefined)?.user;
    expect(shown()?.userId).toBe("alice");
    // Someone on another node claiming alice's client id (that node does not know it is hers).
    room.receiveRemoteAwareness(
      encodeAwarenessUpdate([
        { clientId: 7, clock: 5, state: { user: { userId: "mallory", name: "偽名" } } },
      ]),
    );
    expect(shown()?.userId).toBe("alice");
    room.receiveRemoteAwareness(encodeAwarenessUpdate([{ clientId: 7, clock: 6, state: null }]));
    expect(room.awareness.getStates().has(7)).toBe(true);
    // Entries for other ids in the same message still apply.
    room.receiveRemoteAwareness(
      encodeAwarenessUpdate([
        { clientId: 7, clock: 7, state: { user: { userId: "mallory" } } },
        { clientId: 9, clock: 1, state: { user: { userId: "bob", name: "bob" } } },
      ]),
    );
    expect(shown()?.userId).toBe("alice");
    expect(room.awareness.getStates().has(9)).toBe(true);
    // Alice herself, reconnected through another node before this one saw her socket die.
    room.receiveRemoteAwareness(
      encodeAwarenessUpdate([{ clientId: 7, clock: 8, state: { user: { userId: "alice", name: "alice" } } }]),
    );
    expect(alice.awarenessClientId).toBeNull();
    expect(shown()?.userId).toBe("alice");
  });

  it("does not let another node rewrite a presence shown for one person into another's", () => {
    const room = newRoom();
    room.receiveRemoteAwareness(
      encodeAwarenessUpdate([{ clientId: 9, clock: 1, state: { user: { userId: "bob", name: "bob" } } }]),
    );
    room.receiveRemoteAwareness(
      encodeAwarenessUpdate([{ clientId: 9, clock: 2, state: { user: { userId: "mallory", name: "bob" } } }]),
    );
    expect((room.awareness.getStates().get(9) as { user: { userId: string } }).user.userId).toBe("bob");
    // Once bob leaves, the id is free.
    room.receiveRemoteAwareness(encodeAwarenessUpdate([{ clientId: 9, clock: 3, state: null }]));
    expect(room.awareness.getStates().has(9)).toBe(false);
  });
});
