/**
 * Says why the server stopped storing this person's changes when it closed the connection
 * on a limit (the document's size, or too many changes too fast), and what to do. The
 * changes stay on this device; the page reconnects by itself after a rate limit. After a
 * refusal for size the person removes content, then reloads: the page then sends what is
 * left (a reload drops the editor's undo history, which would otherwise keep the removed
 * content in what is sent).
 */
import { useEffect, useState } from "react";
import "./collab-limit.css";
import { t } from "../i18n/t";
import { type CollabHandle, useSyncInputs } from "./useCollabDocument";

export function CollabLimitNotice({ handle }: { handle: CollabHandle | null }) {
  const limited = useSyncInputs(handle).limited;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (limited?.reason !== "writeRate") return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [limited]);
  if (!handle || !limited) return null;
  if (limited.reason === "reserved") return <ReservedNotice handle={handle} />;
  if (limited.reason === "writeRate") {
    const seconds = Math.max(1, Math.ceil((limited.retryAt - now) / 1000));
    return (
      <p className="collab-limit" role="alert" data-testid="collab-limit" data-reason="writeRate">
        {t("collab.limit.throttled", { seconds })}
      </p>
    );
  }
  return (
    <div className="collab-limit" role="alert" data-testid="collab-limit" data-reason="documentTooLarge">
      <p>{t("collab.limit.tooLarge")}</p>
      <button type="button" onClick={() => window.location.reload()} data-testid="collab-limit-retry">
        {t("collab.limit.retry")}
      </button>
    </div>
  );
}

/**
 * The server refused a change to a part only the secretariat may change (a role changed while
 * editing offline, or a change made outside the screens). What is stored is untouched; the
 * change stays on this device and would be refused again, so the person drops this device's
 * copy of the document and reads the stored one.
 */
function ReservedNotice({ handle }: { handle: CollabHandle }) {
  const [busy, setBusy] = useState(false);
  const discard = async () => {
    setBusy(true);
    // Closed and deleted; the reloaded page fills a fresh copy from the server.
    handle.provider.disconnect();
    await handle.local.clearData();
    window.location.reload();
  };
  return (
    <div className="collab-limit" role="alert" data-testid="collab-limit" data-reason="reserved">
      <p>{t("collab.limit.reserved")}</p>
      <button type="button" onClick={discard} disabled={busy} data-testid="collab-limit-discard">
        {t("collab.limit.discard")}
      </button>
    </div>
  );
}
