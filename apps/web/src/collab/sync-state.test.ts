import { describe, expect, it } from "vitest";
import { syncStateOf } from "./sync-state";

describe("sync state", () => {
  const base = { connection: "connected" as const, synced: true, localSeq: 3, savedSeq: 3 };
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
});
