/** The client's IP: the socket's peer, or the first X-Forwarded-For hop behind a trusted proxy. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * net.Socket keeps the peer address object it read for `remoteAddress` for the socket's
 * lifetime. A WebSocket stays open for hours and its address was needed once, at the
 * upgrade, so the copy is dropped; reading `remoteAddress` again still works.
 */
export function forgetPeerAddress(socket: Duplex): void {
  const s = socket as Duplex & { _peername?: unknown };
  if (s._peername !== undefined) s._peername = undefined;
}
