import { connect, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { forgetPeerAddress } from "./client-ip.js";

const open: { close(): void }[] = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function acceptedSocket(): Promise<Socket> {
  const server = createServer();
  open.push(server);
  const accepted = new Promise<Socket>((resolve) => server.once("connection", resolve));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const client = connect(port, "127.0.0.1");
  open.push({ close: () => client.destroy() });
  const socket = await accepted;
  open.push({ close: () => socket.destroy() });
  return socket;
}

describe("forgetPeerAddress", () => {
  it("drops the socket's cached peer address and the address can still be read", async () => {
    const socket = await acceptedSocket();
    expect(socket.remoteAddress).toBe("127.0.0.1");
    expect((socket as Socket & { _peername?: unknown })._peername).toBeDefined();
    forgetPeerAddress(socket);
    expect((socket as Socket & { _peername?: unknown })._peername).toBeUndefined();
    expect(socket.remoteAddress).toBe("127.0.0.1");
  });

  it("leaves a socket that never read its address as it was", async () => {
    const socket = await acceptedSocket();
    forgetPeerAddress(socket);
    expect(Object.hasOwn(socket, "_peername")).toBe(false);
  });
});
