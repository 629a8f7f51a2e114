/** The app's one RememberedAnswers and PendingLogout, and the hooks pages use with them. */
import { useEffect, useSyncExternalStore } from "react";
import { onSessionSeen } from "../api/client";
import { authApi } from "../auth/auth-api";
import { PendingLogout } from "./pending-logout";
import { type AnswerStorage, RememberedAnswers } from "./remembered-answers";

/** localStorage, or a store that lasts as long as the page where the browser forbids it. */
function deviceStorage(): AnswerStorage {
  try {
    const storage = window.localStorage;
    if (storage) {
      storage.getItem("tsumugi:probe");
      return storage;
    }
  } catch {
    // Site data blocked: fall through.
  }
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

const storage = deviceStorage();

export const remembered = new RememberedAnswers({ storage });
export const pendingLogout = new PendingLogout({
  storage,
  send: (sessionId, signal) => authApi.logout(sessionId ? { sessionId } : {}, signal),
});

// Copies are offered as long as the session may last; every answer tells how long that is,
// relative to now, so the two clocks need not agree.
onSessionSeen((expiresInMs) => remembered.keepUntil(Date.now() + expiresInMs));

window.addEventListener("online", () => {
  remembered.checkNow();
  void pendingLogout.flush();
});

/** GET with the last answer as fallback while the server is unreachable. */
export const getRemembered = <T>(path: string, onFresh?: (answer: T) => void) =>
  remembered.get<T>(path, onFresh);

const subscribeLogout = (cb: () => void) => pendingLogout.onChange(cb);
const logoutPending = () => pendingLogout.pending;
const subscribeCopies = (cb: () => void) => remembered.onChange(cb);
const usingCopies = () => remembered.isUsingCopies;

export function useLogoutPending(): boolean {
  return useSyncExternalStore(subscribeLogout, logoutPending);
}

export function useUsingOfflineCopies(): boolean {
  return useSyncExternalStore(subscribeCopies, usingCopies);
}

/**
 * Runs `reload` when the server answers again after the page was shown from copies. Its
 * failures are the page's to show (its own error state); none escapes unhandled.
 */
export function useReloadWhenServerBack(reload: () => unknown): void {
  useEffect(
    () =>
      remembered.onServerBack(() => {
        Promise.resolve()
          .then(reload)
          .catch(() => undefined);
      }),
    [reload],
  );
}
