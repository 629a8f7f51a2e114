/**
 * What every page with collaborative documents does with the server's close codes and
 * unsent changes: an ended session goes to the login page with the reason (and back here
 * afterwards), an access change says so and reloads the page's data, and leaving with
 * unsent changes warns.
 */
import { useCallback, useEffect } from "react";
import { useNavigate } from "react-router";
import { t } from "../i18n/t";

export function useCollabPageHandlers(
  returnPath: string,
  reload: () => Promise<void>,
  notify: (message: string) => void,
) {
  const navigate = useNavigate();
  // The login page clears the ended session itself: clearing it here would make the login
  // guard redirect first, without saying why.
  const onSessionEnded = useCallback(() => {
    navigate(`/login?ended=1&next=${encodeURIComponent(returnPath)}`, { replace: true });
  }, [navigate, returnPath]);
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
