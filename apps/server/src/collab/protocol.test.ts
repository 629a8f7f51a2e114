import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  decodeAwarenessUpdate,
  decodeClientMessage,
  encodeAwareness,
  encodeAwarenessUpdate,
  encodeSyncStep1,
  encodeUpdate,
  KEEPALIVE_MESSAGE,
  ProtocolError,
} from "./protocol.js";

describe("decodeClientMessage", () => {
  it("reads the messages y-websocket sends", () => {
    const doc = new Y.Doc();
    doc.getText("t").insert(0, "紡ぎ");
    const sv = Y.encodeStateVector(doc);
    expect(decodeClientMessage(encodeSyncStep1(sv))).toEqual({ type: "sync-step-1", stateVector: sv });
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientMessage(encodeUpdate(update))).toEqual({ type: "update", update });
    expect(decodeClientMessage(new Uint8Array([3]))).toEqual({ type: "query-awareness" });
    expect(decodeClientMessage(KEEPALIVE_MESSAGE).type).toBe("awareness");
  });

  it("refuses unknown types, truncated payloads and trailing bytes", () => {
    for (const bad of [[], [9], [0, 5, 0], [0, 2, 10, 1], [3, 0], [1]]) {
      expect(() => decodeClientMessage(new Uint8Array(bad))).toThrow(ProtocolError);
    }
  });
});

describe("awareness updates", () => {
  it("round-trip entries and refuse non-object states", () => {
    const entries = [
      { clientId: 7, clock: 3, state: { user: { name: "山田" } } },
      { clientId: 8, clock: 1, state: null },
    ];
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate(entries))).toEqual(entries);
    const bad = encodeAwareness(new Uint8Array([1, 7, 1, 1, 0x31])).slice(2);
    expect(() => decodeAwarenessUpdate(bad)).toThrow(ProtocolError);
  });
});
