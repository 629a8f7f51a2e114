/**
 * One open collaborative document: its Y.Doc kept in IndexedDB (offline edits survive a
 * reload) and synced with the server through y-websocket's provider, the save tracker
 * behind the sync indicator, and the server's close codes turned into app behaviour.
 */
import { CLOSE, COLLAB_PATH, retryAfterSeconds } from "@tsumugi/domain";
import { useEffect, useState, useSyncExternalStore } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { SaveTracker } from "./save-tracker";
import type { SyncInputs } from "./sync-state";

export interface CollabHandle {
  doc: Y.Doc;
  provider: WebsocketProvider;
  tracker: SaveTracker;
  /** This device's copy (IndexedDB). */
  local: IndexeddbPersistence;
}

function collabUrl(): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}${COLLAB_PATH}`;
}

export function useCollabDocument(
  docName: string | null,
  /** onSessionEnded resolves whether the person is still logged in (then it reconnects). */
  handlers: { onSessionEnded(): Promise<boolean>; onAccessChanged(): Promise<void> },
): CollabHandle | null {
  const [handle, setHandle] = useState<CollabHandle | null>(null);
  const { onSessionEnded, onAccessChanged } = handlers;

  useEffect(() => {
    if (!docName) return;
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`tsumugi:${docName}`, doc);
    const provider = new WebsocketProvider(collabUrl(), docName, doc, { disableBc: true });
    const tracker = new SaveTracker(provider, doc, docName, [provider, local]);
    // Reconnecting after an asynchronous check must not revive a provider already destroyed.
    let alive = true;
    // What this device kept from an earlier visit can be shown before (or without) the server.
    void local.whenSynced.then(() => {
      if (alive) tracker.localCopyLoaded(doc.store.clients.size > 0);
    });
    const reconnect = () => {
      if (alive) provider.connect();
    };
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    provider.on("closed", (event) => {
      if (event.code === CLOSE.sessionEnded) {
        void onSessionEnded().then((stillIn) => {
          if (stillIn) reconnect();
        });
      } else if (event.code === CLOSE.accessChanged) {
        // Re-read our access, then reconnect: the new connection carries it.
        void onAccessChanged().finally(reconnect);
      } else if (event.code === CLOSE.documentTooLarge) {
        // Reconnecting would send the same change again: the person decides (CollabLimitNotice).
        tracker.limit({ reason: "documentTooLarge" });
      } else if (event.code === CLOSE.reservedPart) {
        // Sending it again would be refused again: the person drops this device's copy.
        tracker.limit({ reason: "reserved" });
      } else if (event.code === CLOSE.writeRateExceeded) {
        const seconds = retryAfterSeconds(event.reason) ?? 60;
        tracker.limit({ reason: "writeRate", retryAt: Date.now() + seconds * 1000 });
        if (retryTimer) clearTimeout(retryTimer);
        retryTimer = setTimeout(reconnect, seconds * 1000);
      }
    });
    // The browser knows before the socket does: show オフライン at once, reconnect when back.
    const goOffline = () => provider.disconnect();
    const goOnline = () => provider.connect();
    window.addEventListener("offline", goOffline);
    window.addEventListener("online", goOnline);
    if (!navigator.onLine) provider.disconnect();
    setHandle({ doc, provider, tracker, local });
    return () => {
      alive = false;
      if (retryTimer) clearTimeout(retryTimer);
      window.removeEventListener("offline", goOffline);
      window.removeEventListener("online", goOnline);
      tracker.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
      setHandle(null);
    };
  }, [docName, onSessionEnded, onAccessChanged]);

  return handle;
}

const OFFLINE: SyncInputs = {
  connection: "connecting",
  synced: false,
  loaded: false,
  localSeq: 0,
  savedSeq: 0,
  readOnly: false,
};

export function useSyncInputs(handle: CollabHandle | null): SyncInputs {
  return useSyncExternalStore(
    (cb) => (handle ? handle.tracker.subscribe(cb) : () => {}),
    () => (handle ? handle.tracker.inputs : OFFLINE),
  );
}
