/**
 * What the sync indicator says. "Saved" means the server has answered a save check for
 * every local change (it answers only after committing them to its database), not merely
 * that they were handed to the socket.
 */
export type Connection = "connecting" | "connected" | "disconnected";

export interface SyncInputs {
  connection: Connection;
  /** The provider has exchanged state with the server since it (re)connected. */
  synced: boolean;
  /**
   * The document has content to show: it was synced with the server once, or this device
   * holds a copy (IndexedDB), or the person has edited it. Stays true when the connection
   * drops, so a page that has been shown never blanks offline.
   */
  loaded: boolean;
  /** Local changes made so far (a counter). */
  localSeq: number;
  /** The highest local change count the server confirmed as stored. */
  savedSeq: number;
  /**
   * The server answered that this connection's changes are not stored (it is read-only:
   * an observer, or access was reduced while editing). Forgotten on reconnect.
   */
  readOnly: boolean;
  /**
   * The server closed the connection because a change went past a limit (the document's
   * size, or this person's write rate) and did not store it. Forgotten on reconnect.
   */
  limited?: WriteLimit | null;
}

export type WriteLimit =
  | { reason: "documentTooLarge" }
  /** `retryAt`: when the app reconnects by itself (ms since the epoch). */
  | { reason: "writeRate"; retryAt: number }
  /** A change to a part this person may not change (the plan papers' secretariat-only fields). */
  | { reason: "reserved" };

export type SyncState =
  | "saved"
  | "syncing"
  | "offlineUnsent"
  | "offline"
  | "readOnly"
  | "tooLarge"
  | "throttled"
  | "reserved";

export function syncStateOf(i: SyncInputs): SyncState {
  if (i.limited && i.connection !== "connected")
    return i.limited.reason === "documentTooLarge"
      ? "tooLarge"
      : i.limited.reason === "reserved"
        ? "reserved"
        : "throttled";
  const unsent = i.localSeq > i.savedSeq;
  if (i.connection !== "connected") return unsent ? "offlineUnsent" : "offline";
  if (i.readOnly) return "readOnly";
  if (!i.synced || unsent) return "syncing";
  return "saved";
}

/** Changes that could still reach the server (a read-only connection's never will). */
export function hasUnsentChanges(i: SyncInputs): boolean {
  return !i.readOnly && i.localSeq > i.savedSeq;
}

const SEVERITY: readonly SyncState[] = [
  "reserved",
  "tooLarge",
  "throttled",
  "offlineUnsent",
  "offline",
  "syncing",
  "readOnly",
  "saved",
];

/** One indicator for a page with several documents (a meeting and its plan): the most pressing. */
export function combinedSyncState(...states: SyncState[]): SyncState {
  return SEVERITY.find((s) => states.includes(s)) ?? "saved";
}
