/**
 * Who is logged in: loaded from /api/auth/me (the last answer while the server is unreachable),
 * refreshed after login and when the server is back, cleared on logout.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError, post } from "../api/client";
import type { Me } from "../api/types";
import { getRemembered, remembered, useReloadWhenServerBack } from "../offline/remembered";

interface SessionState {
  me: Me | null;
  loading: boolean;
  refresh(): Promise<Me | null>;
  setMe(me: Me | null): void;
  logout(): Promise<void>;
}

const ME = "/api/auth/me";

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const next = await getRemembered<Me>(ME);
      setMeState(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMeState(null);
        return null;
      }
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  // Another login (or none): what was remembered for the previous one must not be shown.
  const setMe = useCallback((next: Me | null) => {
    remembered.forgetAll();
    if (next) remembered.remember(ME, next);
    setMeState(next);
  }, []);

  const logout = useCallback(async () => {
    await post("/api/auth/logout").catch(() => undefined);
    setMe(null);
  }, [setMe]);

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
