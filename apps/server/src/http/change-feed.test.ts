import { describe, expect, it } from "vitest";
import { ChangeFeed } from "./change-feed.js";

describe("ChangeFeed", () => {
  it("announces a change to this node's listeners of its key and relays it once to the other nodes", () => {
    const feed = new ChangeFeed<readonly string[]>();
    const relayed: { key: string; change: readonly string[] }[] = [];
    feed.relay = (m) => relayed.push(m);
    const heard: (readonly string[])[] = [];
    const other: (readonly string[])[] = [];
    const off = feed.on("w1", (ids) => heard.push(ids));
    feed.on("w2", (ids) => other.push(ids));
    feed.emit("w1", ["i1"]);
    expect(heard).toEqual([["i1"]]);
    expect(other).toEqual([]);
    expect(relayed).toEqual([{ key: "w1", change: ["i1"] }]);
    // Another node's change is delivered here, not relayed back.
    feed.deliver("w1", ["i2"]);
    expect(heard).toEqual([["i1"], ["i2"]]);
    expect(relayed).toHaveLength(1);
    off();
    feed.emit("w1", ["i3"]);
    expect(heard).toHaveLength(2);
  });

  it("carries a change through a relay to another node's feed as the cluster bus does (JSON)", () => {
    const a = new ChangeFeed<string>();
    const b = new ChangeFeed<string>();
    a.relay = (m) => {
      const { key, change } = JSON.parse(JSON.stringify(m)) as typeof m;
      b.deliver(key, change);
    };
    const onB: string[] = [];
    b.on("w1", (id) => onB.push(id));
    a.emit("w1", "meeting1");
    expect(onB).toEqual(["meeting1"]);
  });
});
