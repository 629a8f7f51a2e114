import { t } from "../i18n/t";
import type { SyncState } from "./sync-state";

const LABEL = {
  saved: "sync.saved",
  syncing: "sync.syncing",
  offlineUnsent: "sync.offlineUnsent",
  offline: "sync.offline",
  readOnly: "sync.readOnly",
  tooLarge: "sync.tooLarge",
  throttled: "sync.throttled",
  reserved: "sync.reserved",
} as const;

export function SyncIndicator({ state }: { state: SyncState }) {
  return (
    <span className={`sync sync-${state}`} data-testid="sync-state" data-state={state} role="status">
      {t(LABEL[state])}
    </span>
  );
}
