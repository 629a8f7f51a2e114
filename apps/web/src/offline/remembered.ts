/** The app's one RememberedAnswers, and the hooks pages use with it. */
import { useEffect, useSyncExternalStore } from "react";
import { RememberedAnswers } from "./remembered-answers";

export const remembered = new RememberedAnswers({ storage: window.localStorage });

window.addEventListener("online", () => remembered.checkNow());

/** GET with the last answer as fallback while the server is unreachable. */
export const getRemembered = <T>(path: string) => remembered.get<T>(path);

export function useUsingOfflineCopies(): boolean {
  return useSyncExternalStore(
    (cb) => remembered.onChange(cb),
    () => remembered.isUsingCopies,
  );
}

/** Runs `reload` when the server answers again after the page was shown from copies. */
export function useReloadWhenServerBack(reload: () => unknown): void {
  useEffect(() => remembered.onServerBack(() => void reload()), [reload]);
}
