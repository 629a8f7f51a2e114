/**
 * Presence (awareness) in a room: a connection's messages, within their size and the
 * person's budget, speak only for its own client id and show the session's person
 * (awareness-guard.ts); another node's, checked again against what that node cannot see.
 */
import { applyAwarenessUpdate } from "y-protocols/awareness";
import { guardAwarenessUpdate } from "./awareness-guard.js";
import type { Peer } from "./peer.js";
import { decodeAwarenessUpdate, encodeAwarenessUpdate } from "./protocol.js";
import type { Room } from "./room.js";
import { REMOTE } from "./room-cluster.js";

/** The person an awareness state shows (set by the awareness guard of the node that took it). */
function userIdOf(state: Record<string, unknown> | null): string | null {
  const user = state?.user;
  return typeof user === "object" &&
    user !== null &&
    typeof (user as { userId?: unknown }).userId === "string"
    ? (user as { userId: string }).userId
    : null;
}

/** The connection of the room (other than `asking`) that speaks for `clientId`. */
function ownerOf(room: Room, clientId: number, asking: Peer | null): Peer | null {
  for (const p of room.peers) if (p !== asking && p.awarenessClientId === clientId) return p;
  return null;
}

/** A presence message of one of the room's connections. */
export function receiveAwareness(room: Room, peer: Peer, message: Uint8Array): void {
  const { deps } = room;
  // Checked before decoding: an oversized state costs nothing but its bytes.
  if (message.byteLength > deps.limits.maxAwarenessBytes) {
    deps.onAwarenessDropped(peer, room.docName, "size");
    return;
  }
  if (!deps.takeAwareness(peer.user.id)) {
    deps.onAwarenessDropped(peer, room.docName, "rate");
    return;
  }
  const { update, rejected } = guardAwarenessUpdate(peer, message, (id) => ownerOf(room, id, peer));
  if (rejected > 0)
    deps.log.warn("collab: awareness for a foreign client id dropped", {
      doc: room.docName,
      user: peer.user.id,
    });
  if (update) applyAwarenessUpdate(room.awareness, update, peer);
}

/**
 * Another node's presence change, checked and bound to its person there, and checked again
 * here against what that node cannot see: a client id bound to a connection of this node
 * is spoken for only by the same person (their reconnection elsewhere takes it over) and
 * removed only by this node, and a client id whose presence shows one person is not
 * rewritten to show another (until it leaves or times out).
 */
export function receiveRemoteAwareness(room: Room, update: Uint8Array): void {
  try {
    const entries = decodeAwarenessUpdate(update);
    const accepted = entries.filter((entry) => {
      const local = ownerOf(room, entry.clientId, null);
      const claimed = userIdOf(entry.state);
      if (local) {
        if (entry.state === null || claimed !== local.user.id) return false;
        local.awarenessClientId = null;
        return true;
      }
      if (entry.state === null) return true;
      const shown = userIdOf(room.awareness.getStates().get(entry.clientId) ?? null);
      return shown === null || shown === claimed;
    });
    if (accepted.length < entries.length) {
      room.deps.log.warn("collab: presence from another node for a client id held by someone else dropped", {
        doc: room.docName,
        dropped: entries.length - accepted.length,
      });
    }
    if (accepted.length === 0) return;
    applyAwarenessUpdate(
      room.awareness,
      accepted.length === entries.length ? update : encodeAwarenessUpdate(accepted),
      REMOTE,
    );
  } catch (err) {
    room.deps.log.warn("collab: presence from another node could not be applied", {
      doc: room.docName,
      err,
    });
  }
}
