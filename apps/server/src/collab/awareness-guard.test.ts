import { caretColorFor } from "@tsumugi/domain";
import { describe, expect, it } from "vitest";
import { guardAwarenessUpdate } from "./awareness-guard.js";
import type { Peer } from "./peer.js";
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from "./protocol.js";

function peer(userId: string, name: string): Peer {
  return {
    user: { id: userId, name },
    sessionId: "s",
    workspaceId: "w",
    access: "write",
    awarenessClientId: null,
    reserved: null,
    writeRefusalReported: false,
    awarenessLimitReported: false,
    send: () => {},
    close: () => {},
  };
}

const update = (clientId: number, state: Record<string, unknown> | null, clock = 1) =>
  encodeAwarenessUpdate([{ clientId, clock, state }]);

describe("guardAwarenessUpdate", () => {
  it("binds the first client id and stamps the session user over the claimed one", () => {
    const p = peer("u1", "山田 花子");
    const r = guardAwarenessUpdate(
      p,
      update(5, { user: { name: "偽名", color: "#abcdef" }, cursor: 3 }),
      () => null,
    );
    expect(p.awarenessClientId).toBe(5);
    expect(decodeAwarenessUpdate(r.update as Uint8Array)[0].state).toEqual({
      user: { name: "山田 花子", userId: "u1", color: "#abcdef", readOnly: false },
      cursor: 3,
    });
  });

  it("drops entries for other client ids and keeps a safe colour", () => {
    const p = peer("u1", "山田");
    guardAwarenessUpdate(p, update(5, {}), () => null);
    const r = guardAwarenessUpdate(p, update(6, { user: { color: "red;}" } }), () => null);
    expect(r).toEqual({ update: null, rejected: 1 });
    const own = guardAwarenessUpdate(p, update(5, { user: { color: "javascript:x" } }, 2), () => null);
    expect(decodeAwarenessUpdate(own.update as Uint8Array)[0].state?.user).toMatchObject({
      color: caretColorFor("u1"),
    });
  });

  it("does not bind an id held by another user's connection, but lets the same user take it over", () => {
    const holder = peer("u2", "佐藤");
    holder.awarenessClientId = 9;
    const intruder = peer("u1", "山田");
    expect(guardAwarenessUpdate(intruder, update(9, {}), () => holder).rejected).toBe(1);
    expect(intruder.awarenessClientId).toBeNull();
    const reconnect = peer("u2", "佐藤");
    expect(guardAwarenessUpdate(reconnect, update(9, {}), () => holder).rejected).toBe(0);
    expect(reconnect.awarenessClientId).toBe(9);
    expect(holder.awarenessClientId).toBeNull();
  });
});
