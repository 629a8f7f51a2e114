import { connect, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { coalesceWrites } from "./write-coalescing.js";

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function socketPair(): Promise<{ server: Socket; client: Socket }> {
  const listener = createServer();
  open.push(listener);
  const accepted = new Promise<Socket>((resolve) => listener.once("connection", resolve));
  await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
  const client = connect((listener.address() as { port: number }).port, "127.0.0.1");
  const server = await accepted;
  open.push({ close: () => client.destroy() }, { close: () => server.destroy() });
  return { server, client };
}

describe("coalesceWrites", () => {
  it("holds a socket's writes until the end of the loop phase, then sends them together", async () => {
    const { server, client } = await socketPair();
    let received = "";
    client.on("data", (d) => {
      received += d;
    });
    coalesceWrites(server);
    server.write("紡");
    coalesceWrites(server);
    server.write("ぎ");
    expect(server.writableCorked).toBe(1);
    expect(server.writableLength).toBeGreaterThan(0);
    await new Promise((r) => setImmediate(r));
    expect(server.writableCorked).toBe(0);
    await expect.poll(() => received, { timeout: 5_000, interval: 5 }).toBe("紡ぎ");
  });

  it("uncorks every socket written to in the phase", async () => {
    const a = await socketPair();
    const b = await socketPair();
    coalesceWrites(a.server);
    coalesceWrites(b.server);
    await new Promise((r) => setImmediate(r));
    expect([a.server.writableCorked, b.server.writableCorked]).toEqual([0, 0]);
  });
});
