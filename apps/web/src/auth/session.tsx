/**
 * Who is logged in: loaded from /api/auth/me (the last answer while the server is unreachable),
 * refreshed after login and when the server is back, cleared on logout. A logout the server
 * could not hear yet is sent before anything else (offline/pending-logout.ts).
 */

import type { SessionInfo } from "@tsumugi/contract";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { ApiError } from "../api/client";
import { clearDeskDrafts } from "../desk/desk-draft";
import { getRemembered, pendingLogout, remembered, useReloadWhenServerBack } from "../offline/remembered";
import { ME_PATH } from "./auth-api";

interface SessionState {
  me: SessionInfo | null;
  loading: boolean;
  refresh(): Promise<SessionInfo | null>;
  setMe(me: SessionInfo | null): void;
  logout(): Promise<void>;
}

const WORKSPACE_PATH = /^\/api\/workspaces\/([^/?]+)/;

/** No copies are kept for workspaces the person no longer belongs to. */
function keepForSession(me: SessionInfo): void {
  const member = new Set(me.workspaces.map((w) => w.id));
  remembered.forgetWhere((path) => {
    const wid = WORKSPACE_PATH.exec(path)?.[1];
    return wid !== undefined && !member.has(wid);
  });
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);
  /** Bumped by every login and logout: an answer to a request sent before is outdated. */
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const asked = generation.current;
    try {
      // A logout this browser could not send yet goes first; until it is, nobody is shown.
      const next = (await pendingLogout.flush())
        ? await getRemembered<SessionInfo>(ME_PATH, keepForSession)
        : null;
      if (asked !== generation.current) return null;
      setMeState(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        if (asked === generation.current) setMeState(null);
        return null;
      }
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  // Another login (or none): what was remembered for the previous one must not be shown.
  const setMe = useCallback((next: SessionInfo | null) => {
    generation.current++;
    remembered.forgetAll();
    if (next) {
      pendingLogout.cancel();
      remembered.remember(ME_PATH, next);
      keepForSession(next);
    }
    setMeState(next);
  }, []);

  const logout = useCallback(async () => {
    // A copy saved by an older version has no session id: that logout names none.
    if (me) await pendingLogout.logout(typeof me.sessionId === "string" ? me.sessionId : null);
    // The consultation desk's entry drafts (coded fields only) do not outlive the session.
    clearDeskDrafts();
    setMe(null);
  }, [me, setMe]);

  useEffect(() => {
    refresh().catch(() => setLoading(false));
  }, [refresh]);
  useReloadWhenServerBack(refresh);

  const value = useMemo(
    () => ({ me, loading, refresh, setMe, logout }),
    [me, loading, refresh, setMe, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
