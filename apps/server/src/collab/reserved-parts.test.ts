import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { partsTouched, UNKNOWN_PART } from "./reserved-parts.js";

/** A server document and a client that synced with it. */
function synced(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  server.getText("profile.programName").insert(0, "流山市在宅医療介護連携推進事業");
  const row = new Y.Map<unknown>();
  server.getMap("problems").set("p1", row);
  row.set("title", new Y.Text("救急現場での情報不足"));
  // Something deleted long ago: every sync step 2 carries it in its delete set.
  server.getText("profile.programName").delete(0, 3);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** What the client sends for `edit`. */
function updateOf(client: Y.Doc, edit: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  edit(client);
  return Y.encodeStateAsUpdate(client, before);
}

describe("partsTouched", () => {
  it("names the top-level part of new items, nested ones included", () => {
    const { server, client } = synced();
    const title = updateOf(client, (d) =>
      ((d.getMap("problems").get("p1") as Y.Map<unknown>).get("title") as Y.Text).insert(0, "【至急】"),
    );
    expect([...partsTouched(server, title)]).toEqual(["problems"]);
    const profile = updateOf(client, (d) => d.getText("profile.programName").insert(0, "改"));
    expect([...partsTouched(server, profile)]).toEqual(["profile.programName"]);
  });

  it("counts deletions of live items only: a sync step 2's old deletions change nothing", () => {
    const { server, client } = synced();
    // The whole state the server lacks (nothing) with the client's whole delete set.
    expect([...partsTouched(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))]).toEqual([]);
    const deletion = updateOf(client, (d) => d.getText("profile.programName").delete(0, 2));
    expect([...partsTouched(server, deletion)]).toEqual(["profile.programName"]);
  });

  it("places an item on an earlier update not yet applied, and cannot place one built on something missing", () => {
    const { server, client } = synced();
    const text = (d: Y.Doc) => (d.getMap("problems").get("p1") as Y.Map<unknown>).get("title") as Y.Text;
    const first = updateOf(client, (d) => text(d).insert(0, "あ"));
    const second = updateOf(client, (d) => text(d).insert(1, "い"));
    expect([...partsTouched(server, second, [first])]).toEqual(["problems"]);
    expect([...partsTouched(server, second)]).toEqual([UNKNOWN_PART]);
  });
});
