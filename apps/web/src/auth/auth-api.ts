/**
 * The login, logout, session and password API (server: apps/server/src/auth/auth-routes.ts),
 * typed from @tsumugi/contract. The second step of a login and the 2FA settings are in
 * two-factor-api.ts.
 */
import type { ChangePassword, Login, LoginResult, Logout, SessionInfo } from "@tsumugi/contract";
import { api, get, post } from "../api/client";

/** Who is logged in: also the path under which the last answer is remembered for offline use. */
export const ME_PATH = "/api/auth/me";

export const authApi = {
  /** A session, or (two-step verification) the step to take next. */
  login: (body: Login) => post<LoginResult>("/api/auth/login", body),
  /** Ends the named session only if the cookie still belongs to it. */
  logout: (body: Logout, signal?: AbortSignal) => api<void>("POST", "/api/auth/logout", body, { signal }),
  me: () => get<SessionInfo>(ME_PATH),
  /** Ends the person's other sessions. */
  changePassword: (body: ChangePassword) => post<void>("/api/auth/password", body),
};
