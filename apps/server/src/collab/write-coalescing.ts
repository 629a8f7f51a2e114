/**
 * Holds back a socket's writes until the end of the current event-loop phase, so everything
 * sent to one client in that phase (a batch of committed updates, the awareness of several
 * people) leaves in one write — one system call instead of one per message, the server's
 * largest CPU cost with many people in one document. The sockets are uncorked in the
 * check phase of the same loop iteration, so no message waits for a timer.
 */
import type { Duplex } from "node:stream";

const corked = new Set<Duplex>();

function uncorkAll(): void {
  for (const socket of corked) socket.uncork();
  corked.clear();
}

export function coalesceWrites(socket: Duplex): void {
  if (corked.has(socket)) return;
  if (corked.size === 0) setImmediate(uncorkAll);
  socket.cork();
  corked.add(socket);
}
