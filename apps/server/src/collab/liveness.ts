/**
 * Keeps connections alive and finds the dead ones: every round, a client that answered
 * nothing since the last ping is cut, quiet clients are pinged, and clients we sent nothing
 * to are sent the keepalive message (so proxies and the client's own timer see traffic).
 * One timer for all sockets; each keeps a few bits (SocketPeer.keepalive).
 */
import type { SocketPeer } from "./connection.js";
import { KEEPALIVE_MESSAGE } from "./protocol.js";

export function keepAlive(peers: ReadonlySet<SocketPeer>, intervalMs: number): () => void {
  const timer = setInterval(() => {
    for (const peer of peers) peer.keepalive(KEEPALIVE_MESSAGE);
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
