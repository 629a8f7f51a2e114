/**
 * Keeps awareness honest: a connection may only speak for its own awareness client id
 * (bound on first use, and not one another live connection already holds), and the user
 * shown in its state is the session's user, whatever the client claimed.
 */

import { caretColorFor, isCaretColor } from "@tsumugi/domain";
import type { Peer } from "./peer.js";
import { type AwarenessEntry, decodeAwarenessUpdate, encodeAwarenessUpdate } from "./protocol.js";

export interface GuardResult {
  /** The re-encoded update to apply, or null when nothing acceptable remains. */
  update: Uint8Array | null;
  /** Entries dropped because they spoke for another client id. */
  rejected: number;
}

/**
 * `ownerOf` finds the other live connection of the room that holds a client id. A
 * connection of the same user may take the id over: that is a reconnect whose old socket
 * the server has not yet seen die.
 */
export function guardAwarenessUpdate(
  peer: Peer,
  raw: Uint8Array,
  ownerOf: (clientId: number) => Peer | null,
): GuardResult {
  const entries = decodeAwarenessUpdate(raw);
  const accepted: AwarenessEntry[] = [];
  let rejected = 0;
  for (const entry of entries) {
    if (peer.awarenessClientId === null && entry.state !== null) {
      const owner = ownerOf(entry.clientId);
      if (owner === null || owner.user.id === peer.user.id) {
        if (owner) owner.awarenessClientId = null;
        peer.awarenessClientId = entry.clientId;
      }
    }
    if (entry.clientId !== peer.awarenessClientId) {
      rejected++;
      continue;
    }
    accepted.push({ ...entry, state: entry.state === null ? null : withSessionUser(peer, entry.state) });
  }
  return { update: accepted.length > 0 ? encodeAwarenessUpdate(accepted) : null, rejected };
}

function withSessionUser(peer: Peer, state: Record<string, unknown>): Record<string, unknown> {
  const claimed =
    typeof state.user === "object" && state.user !== null ? (state.user as Record<string, unknown>) : {};
  const color = isCaretColor(claimed.color) ? claimed.color : caretColorFor(peer.user.id);
  return {
    ...state,
    user: { name: peer.user.name, userId: peer.user.id, color, readOnly: peer.access === "read" },
  };
}
