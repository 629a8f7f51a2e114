import { caretColorFor } from "@tsumugi/domain";
import { useCallback, useState } from "react";
import { Link, useParams } from "react-router";
import { useSession } from "../auth/session";
import { CollabLimitNotice } from "../collab/CollabLimitNotice";
import { PresenceList } from "../collab/PresenceList";
import { SyncIndicator } from "../collab/SyncIndicator";
import { hasUnsentChanges, syncStateOf } from "../collab/sync-state";
import { useCollabDocument, useSyncInputs } from "../collab/useCollabDocument";
import { useCollabPageHandlers, useUnsentWarning } from "../collab/useCollabPage";
import { RichTextEditor } from "../editor/RichTextEditor";
import { t } from "../i18n/t";
import { useReloadWhenServerBack } from "../offline/remembered";
import { DemoBadge } from "../ui/DemoBadge";
import { ErrorBanner } from "../ui/Field";
import { useLoaded } from "../ui/use-loaded";
import { VersionsPanel } from "../versions/VersionsPanel";
import { DocumentComments } from "./DocumentComments";
import { DraftBar } from "./DraftBar";
import { documentsApi } from "./documents-api";

export function DocumentPage() {
  const { wid = "", did = "" } = useParams();
  const { me } = useSession();
  const [notice, setNotice] = useState<string | null>(null);

  const loaded = useLoaded(useCallback(async () => (await documentsApi(wid).get(did)).document, [wid, did]));
  const { error, setData, reload: load } = loaded;
  const info = loaded.data ?? null;
  useReloadWhenServerBack(load);

  const { onSessionEnded, onAccessChanged } = useCollabPageHandlers(`/w/${wid}/d/${did}`, load, setNotice);

  const handle = useCollabDocument(info?.docName ?? null, { onSessionEnded, onAccessChanged });
  const inputs = useSyncInputs(handle);
  const state = syncStateOf(inputs);
  const unsent = hasUnsentChanges(inputs);

  useUnsentWarning(unsent);

  if (error) return <ErrorBanner message={error} />;
  if (!info || !me) return <p className="muted pad">{t("common.loading")}</p>;
  const editable = info.abilities.edit;
  return (
    <main className="wide document-page">
      <div className="doc-header">
        <Link to={`/w/${wid}`} className="muted">
          ← {t("common.back")}
        </Link>
        <h1 data-testid="document-title">{info.title}</h1>
        {info.demo && <DemoBadge />}
        {!editable && (
          <span className="badge read" data-testid="read-only">
            {t("editor.readOnly")}
          </span>
        )}
        <span className="spacer" />
        <SyncIndicator state={state} />
      </div>
      <CollabLimitNotice handle={handle} />
      <DraftBar
        wid={wid}
        doc={info}
        onChange={(d) => {
          setData(() => d);
          void load();
        }}
      />
      {info.locked && info.draftStatus && <p className="notice">{t("drafts.locked")}</p>}
      {notice && <p className="notice">{notice}</p>}
      <div className="doc-body">
        {handle ? (
          <RichTextEditor
            doc={handle.doc}
            provider={handle.provider}
            user={{ name: me.user.name, color: caretColorFor(me.user.id) }}
            editable={editable}
            label={info.title}
            placeholder={t("drafts.placeholder")}
          />
        ) : (
          <p className="muted">{t("common.loading")}</p>
        )}
        {handle && <PresenceList provider={handle.provider} selfUserId={me.user.id} />}
      </div>
      <DocumentComments wid={wid} documentId={did} draftStatus={info.draftStatus} />
      <details className="card no-print">
        <summary data-testid="document-versions">{t("meeting.tab.versions")}</summary>
        <VersionsPanel wid={wid} documentId={did} editable={editable} />
      </details>
    </main>
  );
}
