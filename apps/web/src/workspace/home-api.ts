/** The home page's API (server: apps/server/src/home), typed from @tsumugi/contract. */
import type { Home } from "@tsumugi/contract";
import { getRemembered } from "../offline/remembered";

export function homeApi(wid: string) {
  return {
    /** Remembered for offline use. */
    get: () => getRemembered<Home>(`/api/workspaces/${wid}/home`),
  };
}
