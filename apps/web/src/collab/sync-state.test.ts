import { describe, expect, it } from "vitest";
import { combinedSyncState, hasUnsentChanges, syncStateOf } from "./sync-state";

describe("sync state", () => {
  const base = {
    connection: "connected" as const,
    synced: true,
    loaded: true,
    localSeq: 3,
    savedSeq: 3,
    readOnly: false,
  };
  it("is saved only when connected, synced and every local change confirmed", () => {
    expect(syncStateOf(base)).toBe("saved");
    expect(syncStateOf({ ...base, localSeq: 4 })).toBe("syncing");
    expect(syncStateOf({ ...base, synced: false })).toBe("syncing");
  });
  it("says offline, and whether changes wait to be sent", () => {
    expect(syncStateOf({ ...base, connection: "disconnected" })).toBe("offline");
    expect(syncStateOf({ ...base, connection: "disconnected", localSeq: 5 })).toBe("offlineUnsent");
    expect(syncStateOf({ ...base, connection: "connecting", localSeq: 5 })).toBe("offlineUnsent");
  });
  it("says read-only when the server refuses to store this connection's changes, and does not warn", () => {
    const refused = { ...base, localSeq: 5, readOnly: true };
    expect(syncStateOf(refused)).toBe("readOnly");
    expect(hasUnsentChanges(refused)).toBe(false);
    expect(syncStateOf({ ...refused, connection: "disconnected" })).toBe("offlineUnsent");
    expect(hasUnsentChanges({ ...base, localSeq: 5 })).toBe(true);
  });
  it("says why the server stopped storing changes when a limit closed the connection", () => {
    const closed = { ...base, connection: "disconnected" as const, localSeq: 5 };
    expect(syncStateOf({ ...closed, limited: { reason: "documentTooLarge" } })).toBe("tooLarge");
    expect(syncStateOf({ ...closed, limited: { reason: "writeRate", retryAt: 0 } })).toBe("throttled");
    expect(hasUnsentChanges({ ...closed, limited: { reason: "documentTooLarge" } })).toBe(true);
    expect(combinedSyncState("offlineUnsent", "throttled", "saved")).toBe("throttled");
    // A change to the secretariat's fields: refused for good, the most pressing of all.
    expect(syncStateOf({ ...closed, limited: { reason: "reserved" } })).toBe("reserved");
    expect(combinedSyncState("tooLarge", "reserved", "saved")).toBe("reserved");
  });
  it("combines several documents into the most pressing state", () => {
    expect(combinedSyncState("saved", "offlineUnsent")).toBe("offlineUnsent");
    expect(combinedSyncState("offline", "saved")).toBe("offline");
    expect(combinedSyncState("saved", "syncing")).toBe("syncing");
    expect(combinedSyncState("saved", "saved")).toBe("saved");
  });
});
