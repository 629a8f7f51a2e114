/**
 * What every page with collaborative documents does with the server's close codes and
 * unsent changes: an ended session goes to the login page with the reason (and back here
 * afterwards), an access change says so and reloads the page's data, and leaving with
 * unsent changes warns.
 */

import { useCallback, useEffect } from "react";
import { useNavigate } from "react-router";
import { authApi } from "../auth/auth-api";
import { useSession } from "../auth/session";
import { t } from "../i18n/t";

const RELOGIN_CHECKS = 3;
const RELOGIN_CHECK_GAP_MS = 750;

export function useCollabPageHandlers(
  returnPath: string,
  reload: () => Promise<void>,
  notify: (message: string) => void,
) {
  const navigate = useNavigate();
  const userId = useSession().me?.user.id;
  // The same person may have logged in again in another tab: the cookie then holds a new
  // session and this page just reconnects (resolves true). Otherwise it goes to the login
  // page, which clears the ended session itself: clearing it here would make the login
  // guard redirect first, without saying why.
  const onSessionEnded = useCallback(async () => {
    // The socket closes as soon as the other tab's login replaces the session, before that
    // login's answer has given this browser the new cookie: ask again for a moment.
    for (let attempt = 1; attempt <= RELOGIN_CHECKS; attempt++) {
      const now = await authApi.me().catch(() => null);
      if (now && now.user.id === userId) return true;
      if (attempt < RELOGIN_CHECKS) await new Promise((r) => setTimeout(r, RELOGIN_CHECK_GAP_MS));
    }
    navigate(`/login?ended=1&next=${encodeURIComponent(returnPath)}`, { replace: true });
    return false;
  }, [navigate, returnPath, userId]);
  const onAccessChanged = useCallback(async () => {
    notify(t("editor.accessChanged"));
    await reload();
  }, [reload, notify]);
  return { onSessionEnded, onAccessChanged };
}

export function useUnsentWarning(unsent: boolean): void {
  useEffect(() => {
    if (!unsent) return;
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = t("editor.unsentWarning");
      return t("editor.unsentWarning");
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsent]);
}
