/** The y-websocket endpoint at /collab/<docName>. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { AppContext } from "../context.js";

export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

export function createCollabServer(_ctx: AppContext): CollabServer {
  return {
    handleUpgrade(_req, socket) {
      socket.end("HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n");
    },
    async close() {},
  };
}
