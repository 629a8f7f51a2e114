/**
 * A meeting: details and state, the agenda with meeting mode (current item and its timer),
 * live minutes, attendance, outcomes, the plan's changes since the previous meeting, the
 * minutes' correction round and version history. One collaborative document holds the
 * agenda, minutes, attendance and outcomes; the year's plan is opened alongside so agenda
 * items can edit the plan rows they are about.
 */

import type { Meeting as MeetingInfo } from "@tsumugi/contract";
import { caretColorFor } from "@tsumugi/domain";
import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { useSession } from "../auth/session";
import { CollabLimitNotice } from "../collab/CollabLimitNotice";
import { PresenceList } from "../collab/PresenceList";
import { SyncIndicator } from "../collab/SyncIndicator";
import { combinedSyncState, hasUnsentChanges, syncStateOf } from "../collab/sync-state";
import { useCollabDocument, useSyncInputs } from "../collab/useCollabDocument";
import { useCollabPageHandlers, useUnsentWarning } from "../collab/useCollabPage";
import { RichTextEditor } from "../editor/RichTextEditor";
import { groupsApi } from "../groups/groups-api";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { membersApi } from "../members/members-api";
import { useReloadWhenServerBack } from "../offline/remembered";
import { planApi } from "../plan/plan-api";
import { usePlan } from "../plan/usePlan";
import { DemoBadge } from "../ui/DemoBadge";
import { ErrorBanner } from "../ui/Field";
import { useLoaded } from "../ui/use-loaded";
import { VersionsPanel } from "../versions/VersionsPanel";
import { workspaceApi } from "../workspace/workspace-api";
import { AgendaView } from "./AgendaView";
import { AttendanceView } from "./AttendanceView";
import { ChangesView } from "./ChangesView";
import { MeetingActions } from "./MeetingActions";
import { MeetingDetailsForm } from "./MeetingDetailsForm";
import { MeetingPrint, type PrintKind } from "./MeetingPrint";
import { MinutesReview } from "./MinutesReview";
import { MeetingContext, type MeetingContextValue } from "./meeting-context";
import { meetingWhen } from "./meeting-format";
import { meetingsApi } from "./meetings-api";
import { OutcomesView } from "./OutcomesView";
import { useMeetingDoc } from "./useMeetingDoc";

const NONE: never[] = [];

const TABS = ["agenda", "minutes", "attendance", "outcomes", "changes", "review", "versions"] as const;
type Tab = (typeof TABS)[number];

export function MeetingPage() {
  const { wid = "", mid = "" } = useParams();
  const [params] = useSearchParams();
  const { me } = useSession();
  const [notice, setNotice] = useState<string | null>(null);

  const loaded = useLoaded(
    useCallback(async () => {
      const [m, g, ms, ws] = await Promise.all([
        meetingsApi(wid).get(mid),
        groupsApi(wid).list(),
        membersApi(wid).list(),
        workspaceApi(wid).get(),
      ]);
      const plan = await planApi(wid)
        .get(m.meeting.fiscalYear)
        .catch(() => null);
      return {
        meeting: m.meeting,
        groups: g.groups,
        members: ms.members,
        municipality: `${ws.workspace.prefecture} ${ws.workspace.name}`,
        planInfo: plan?.plan ?? null,
      };
    }, [wid, mid]),
  );
  const { error, setError, setData, reload: load } = loaded;
  const meeting = loaded.data?.meeting ?? null;
  const planInfo = loaded.data?.planInfo ?? null;
  const { members = NONE, groups = NONE, municipality = "" } = loaded.data ?? {};
  const setMeeting = useCallback((m: MeetingInfo) => setData((d) => ({ ...d, meeting: m })), [setData]);
  useReloadWhenServerBack(load);

  const { onSessionEnded, onAccessChanged } = useCollabPageHandlers(
    `/w/${wid}/meetings/${mid}`,
    load,
    setNotice,
  );
  const handle = useCollabDocument(meeting?.docName ?? null, { onSessionEnded, onAccessChanged });
  const planHandle = useCollabDocument(planInfo?.docName ?? null, { onSessionEnded, onAccessChanged });
  const inputs = useSyncInputs(handle);
  const planInputs = useSyncInputs(planHandle);
  // Once shown, the meeting and its plan stay shown (and editable) when the connection drops.
  const docState = useMeetingDoc(inputs.loaded ? (handle?.doc ?? null) : null);
  const planState = usePlan(planInputs.loaded ? (planHandle?.doc ?? null) : null);
  const unsent = hasUnsentChanges(inputs) || hasUnsentChanges(planInputs);

  useEffect(() => {
    if (!handle || !me) return;
    handle.provider.awareness.setLocalStateField("user", {
      name: me.user.name,
      color: caretColorFor(me.user.id),
    });
  }, [handle, me]);
  useUnsentWarning(unsent);

  // The server writes each change of state into the meeting's document: a page open here
  // asks for the meeting again (its state, and what this person may now do) without a reload.
  const announced = docState?.status ? `${docState.status.state}/${docState.status.minutesState}` : null;
  const shown = meeting ? `${meeting.state}/${meeting.minutesState}` : null;
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    if (announced === null || shownRef.current === null || announced === shownRef.current) return;
    // The state's own notice (started, under review, fixed) replaces 「権限が変更されました」.
    setNotice(announced.startsWith("inProgress/") ? t("meeting.startedNotice") : null);
    void load();
  }, [announced, load]);

  if (error) return <ErrorBanner message={error} />;
  if (!meeting || !me) return <p className="muted pad">{t("common.loading")}</p>;
  const requested = params.get("tab") as Tab | null;
  // ?print=minutes (or 1) shows the minutes as filed, ?print=notice the 開催通知.
  const print = params.get("print");
  const printKind: PrintKind | null = print === "notice" ? "notice" : print ? "minutes" : null;
  const printing = printKind !== null;
  const tab: Tab =
    requested && TABS.includes(requested) ? requested : meeting.state === "closed" ? "minutes" : "agenda";
  const editable = meeting.access === "write";

  const ctx: MeetingContextValue | null =
    handle && docState
      ? {
          ...docState,
          wid,
          meeting,
          doc: handle.doc,
          provider: handle.provider,
          editable,
          members,
          groups,
          municipality,
          plan:
            planInfo && planHandle && planState
              ? {
                  info: planInfo,
                  doc: planHandle.doc,
                  state: planState,
                  editable: planInfo.abilities.edit,
                }
              : null,
          reload: load,
        }
      : null;

  return (
    <main className="wide meeting-page" data-testid="meeting-page">
      <div className="doc-header no-print">
        <Link to={`/w/${wid}?tab=meetings`} className="muted">
          ← {t("common.back")}
        </Link>
        <h1 data-testid="meeting-title">{meeting.title}</h1>
        {meeting.demo && <DemoBadge />}
        <span className="badge" data-testid="meeting-state">
          {t(`meetingState.${meeting.state}` as MessageKey)}
        </span>
        {meeting.state === "closed" && (
          <span className="badge" data-testid="minutes-state">
            {t(`minutesState.${meeting.minutesState}` as MessageKey)}
          </span>
        )}
        <span className="spacer" />
        <MeetingActions wid={wid} meeting={meeting} onMoved={setMeeting} onError={setError} />
        <SyncIndicator
          state={
            planHandle ? combinedSyncState(syncStateOf(inputs), syncStateOf(planInputs)) : syncStateOf(inputs)
          }
        />
      </div>
      <CollabLimitNotice handle={handle} />
      <CollabLimitNotice handle={planHandle} />
      {!printing && (
        <div className="meeting-info">
          <h1 className="print-only">{meeting.title}</h1>
          <span>
            {t("meetings.when")}：{meetingWhen(meeting)}
          </span>
          {meeting.place && (
            <span>
              {t("meeting.place")}：{meeting.place}
            </span>
          )}
          {meeting.onlineUrl && (
            <span className="no-print">
              {t("meeting.online")}：
              <a href={meeting.onlineUrl} target="_blank" rel="noreferrer">
                {t("meeting.join")}
              </a>
            </span>
          )}
        </div>
      )}
      {meeting.abilities.edit && !printing && (
        <MeetingDetailsForm wid={wid} meeting={meeting} onSaved={setMeeting} />
      )}
      {notice && !(notice === t("editor.accessChanged") && meeting.minutesState !== "drafting") && (
        <p className="notice">{notice}</p>
      )}
      {meeting.minutesState === "fixed" && <p className="notice">{t("meeting.readOnlyFixed")}</p>}
      {meeting.state === "closed" && meeting.minutesState === "circulating" && (
        <p className="notice" data-testid="minutes-reviewing">
          {editable ? t("meeting.reviewingEditor") : t("meeting.reviewingReader")}{" "}
          {!editable && tab !== "review" && (
            <Link to="?tab=review" data-testid="minutes-reviewing-link">
              {t("meeting.reviewingLink")}
            </Link>
          )}
        </p>
      )}
      {!printing && (
        <nav className="tabs no-print">
          {TABS.map((x) => (
            <Link
              key={x}
              to={`?tab=${x}`}
              className={x === tab ? "active" : ""}
              aria-current={x === tab ? "page" : undefined}
              data-testid={`meeting-tab-${x}`}
            >
              {t(`meeting.tab.${x}` as MessageKey)}
            </Link>
          ))}
        </nav>
      )}
      <div className="plan-body">
        <section className="plan-view">
          {ctx ? (
            <MeetingContext.Provider value={ctx}>
              {printing ? (
                <MeetingPrint kind={printKind} user={me.user} />
              ) : (
                <>
                  {tab === "agenda" && (
                    <div className={meeting.state === "inProgress" ? "meeting-mode" : ""}>
                      <AgendaView />
                      {meeting.state === "inProgress" && (
                        <div>
                          <h2>{t("meeting.tab.minutes")}</h2>
                          <RichTextEditor
                            doc={ctx.doc}
                            provider={ctx.provider}
                            user={{ name: me.user.name, color: caretColorFor(me.user.id) }}
                            editable={editable}
                            label={t("meeting.tab.minutes")}
                            placeholder={t("meeting.minutesPlaceholder")}
                          />
                        </div>
                      )}
                    </div>
                  )}
                  {tab === "minutes" && (
                    <RichTextEditor
                      doc={ctx.doc}
                      provider={ctx.provider}
                      user={{ name: me.user.name, color: caretColorFor(me.user.id) }}
                      editable={editable}
                      label={t("meeting.tab.minutes")}
                      placeholder={t("meeting.minutesPlaceholder")}
                    />
                  )}
                  {tab === "attendance" && <AttendanceView />}
                  {tab === "outcomes" && <OutcomesView />}
                  {tab === "changes" && <ChangesView />}
                  {tab === "review" && <MinutesReview />}
                  {tab === "versions" && (
                    <VersionsPanel wid={wid} documentId={meeting.documentId} editable={editable} />
                  )}
                </>
              )}
            </MeetingContext.Provider>
          ) : (
            <p className="muted">{t("common.loading")}</p>
          )}
        </section>
        {handle && (
          <div className="no-print">
            <PresenceList provider={handle.provider} selfUserId={me.user.id} />
          </div>
        )}
      </div>
    </main>
  );
}
