/**
 * A fiscal year's plan: one collaborative document shown through several live views (scene
 * board, lists, tables, schedule), the secretariat's dashboard and the year-end review.
 */

import type { Plan } from "@tsumugi/contract";
import { caretColorFor, fiscalYearLabel, migratePlanDoc, planCompatibility } from "@tsumugi/domain";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useSession } from "../auth/session";
import { CollabLimitNotice } from "../collab/CollabLimitNotice";
import { PresenceList } from "../collab/PresenceList";
import { SyncIndicator } from "../collab/SyncIndicator";
import { hasUnsentChanges, syncStateOf } from "../collab/sync-state";
import { useCollabDocument, useSyncInputs } from "../collab/useCollabDocument";
import { useCollabPageHandlers, useUnsentWarning } from "../collab/useCollabPage";
import { groupsApi } from "../groups/groups-api";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { useIndicators } from "../indicators/useIndicators";
import { membersApi } from "../members/members-api";
import { useReloadWhenServerBack } from "../offline/remembered";
import { ErrorBanner } from "../ui/Field";
import { errorMessage } from "../ui/loaded";
import { useLoaded } from "../ui/use-loaded";
import { workspaceApi } from "../workspace/workspace-api";
import { ActionList } from "./ActionList";
import { DashboardView } from "./DashboardView";
import { InvalidRows } from "./InvalidRows";
import { ItemTable } from "./ItemTable";
import { MultiYearTable } from "./MultiYearTable";
import { PapersPrint } from "./PapersPrint";
import { PlanTransfer } from "./PlanTransfer";
import { PrintHeader } from "./PrintHeader";
import { ProblemList } from "./ProblemList";
import { planApi } from "./plan-api";
import { ReviewView } from "./ReviewView";
import "./plan-views.css";
import { PLAN_VIEWS, PlanContext, type PlanContextValue, type PlanView } from "./plan-context";
import { usePlanStore, useRowPresence, useStickyOffset } from "./plan-page-hooks";
import { setFocusedRow } from "./row-presence";
import { SceneBoard } from "./SceneBoard";
import { ScheduleView } from "./ScheduleView";

const NONE: never[] = [];

export function PlanPage() {
  const { wid = "", fy = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const [notice, setNotice] = useState<string | null>(null);

  const loaded = useLoaded(
    useCallback(async () => {
      const [plan, g, m, detail, list] = await Promise.all([
        planApi(wid).get(fy),
        groupsApi(wid).list(),
        membersApi(wid).list(),
        workspaceApi(wid).get(),
        planApi(wid).listRemembered(),
      ]);
      return {
        info: plan.plan,
        groups: g.groups,
        members: m.members,
        canCreate: Boolean(detail.can["plans.create"]),
        municipality: `${detail.workspace.prefecture} ${detail.workspace.name}`,
        nextExists: list.plans.some((p) => p.fiscalYear === plan.plan.fiscalYear + 1),
      };
    }, [wid, fy]),
  );
  const { error, setError, reload: load } = loaded;
  const info = loaded.data?.info ?? null;
  const {
    groups = NONE,
    members = NONE,
    canCreate = false,
    municipality = "",
    nextExists = true,
  } = loaded.data ?? {};
  useReloadWhenServerBack(load);

  const { onSessionEnded, onAccessChanged } = useCollabPageHandlers(`/w/${wid}/plans/${fy}`, load, setNotice);
  const handle = useCollabDocument(info?.docName ?? null, { onSessionEnded, onAccessChanged });
  const inputs = useSyncInputs(handle);
  // Once shown, the plan stays shown (and editable) when the connection drops.
  const store = usePlanStore(inputs.loaded ? (handle?.doc ?? null) : null);
  const presence = useRowPresence(handle?.provider ?? null);
  const { data: indicators } = useIndicators(wid);
  const unsent = hasUnsentChanges(inputs);

  useEffect(() => {
    if (!handle || !me) return;
    handle.provider.awareness.setLocalStateField("user", {
      name: me.user.name,
      color: caretColorFor(me.user.id),
    });
  }, [handle, me]);

  // The upgrade rewrites plan periods, which only the secretariat may change (the server
  // refuses anyone else's update to them): it runs in a secretariat member's browser.
  useEffect(() => {
    if (
      handle &&
      inputs.synced &&
      info?.access === "write" &&
      canCreate &&
      planCompatibility(handle.doc) === "upgradable"
    ) {
      migratePlanDoc(handle.doc);
    }
  }, [handle, inputs.synced, info?.access, canCreate]);

  useUnsentWarning(unsent);

  // A plan written by a newer version is read-only here; an older one is upgraded in place.
  const compatibility = store && handle ? planCompatibility(handle.doc) : "current";

  const editable = info?.access === "write" && compatibility !== "newer";
  // The tabs stay on screen while the page scrolls; table headers stick just below them.
  const pageRef = useRef<HTMLElement>(null);
  const tabsRef = useRef<HTMLDivElement>(null);
  useStickyOffset(pageRef, tabsRef, Boolean(info && me));

  // Leaving one cell for another of the same row must not tell the others "left the row".
  const blurTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const ctx = useMemo<PlanContextValue | null>(() => {
    if (!handle || !store || !presence || !info) return null;
    return {
      wid,
      info,
      doc: handle.doc,
      provider: handle.provider,
      store,
      editable,
      papersEditable: editable && info.abilities.editPapers,
      groups,
      members,
      presence,
      municipality,
      indicators,
      focusRow: (table, id = null) => {
        if (blurTimer.current) clearTimeout(blurTimer.current);
        blurTimer.current = null;
        if (table) setFocusedRow(handle.provider, table, id);
        else blurTimer.current = setTimeout(() => setFocusedRow(handle.provider, null, null), 0);
      },
      groupName: (id) => groups.find((g) => g.id === id)?.name ?? "",
      memberName: (id) => members.find((m) => m.userId === id)?.name ?? "",
    };
  }, [handle, store, presence, info, wid, editable, groups, members, municipality, indicators]);

  if (error) return <ErrorBanner message={error} />;
  if (!info || !me) return <p className="muted pad">{t("common.loading")}</p>;
  const requested = params.get("view") as PlanView | null;
  // The papers' print view (計画書) is opened from the export dialog, not a tab of its own.
  const papers = params.get("view") === "papers";
  const view: PlanView = requested && PLAN_VIEWS.includes(requested) ? requested : "board";

  const createNext = async () => {
    const label = nextLabel(info);
    if (!window.confirm(t("plans.confirmNext", { label }))) return;
    try {
      await planApi(wid).create({ fiscalYear: info.fiscalYear + 1, carryOver: true });
      navigate(`/w/${wid}/plans/${info.fiscalYear + 1}`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <main className="wide plan-page" data-testid="plan-page" ref={pageRef}>
      <header className="plan-head no-print">
        <Link to={`/w/${wid}?tab=plans`} className="back-link">
          ← {t("common.back")}
        </Link>
        <h1 data-testid="plan-title">{info.title}</h1>
        {!editable && (
          <span className="badge read" data-testid="read-only">
            {t("editor.readOnly")}
          </span>
        )}
        <span className="spacer" />
        {handle && (
          <div className="plan-presence">
            <PresenceList provider={handle.provider} selfUserId={me.user.id} />
          </div>
        )}
        <SyncIndicator state={syncStateOf(inputs)} />
        {canCreate && !nextExists && (
          <button type="button" onClick={createNext} data-testid="create-next-plan">
            {t("plans.createNext", { label: nextLabel(info) })}
          </button>
        )}
      </header>
      {!papers && (
        <PrintHeader
          municipality={municipality}
          title={info.title}
          view={t(`plan.view.${view}` as MessageKey)}
        />
      )}
      <div className="plan-tabs no-print" ref={tabsRef}>
        <nav className="tabs" aria-label={t("plan.views")}>
          {PLAN_VIEWS.map((v) => (
            <Link
              key={v}
              to={`?view=${v}`}
              className={v === view && !papers ? "active" : ""}
              aria-current={v === view && !papers ? "page" : undefined}
              data-testid={`plan-view-${v}`}
            >
              {t(`plan.view.${v}` as MessageKey)}
            </Link>
          ))}
        </nav>
        <span className="spacer" />
        {ctx && (
          <PlanContext.Provider value={ctx}>
            <PlanTransfer view={view} />
          </PlanContext.Provider>
        )}
        <button type="button" className="secondary" onClick={() => window.print()} data-testid="plan-print">
          {t("plan.print")}
        </button>
      </div>
      <CollabLimitNotice handle={handle} />
      {notice && <p className="notice no-print">{notice}</p>}
      {compatibility === "newer" && (
        <p className="notice no-print" data-testid="newer-schema">
          {t("plan.newerSchema")}
        </p>
      )}
      {store && handle && <InvalidRows store={store} doc={handle.doc} editable={editable} />}
      <section className="plan-view">
        {ctx ? (
          papers ? (
            <PlanContext.Provider value={ctx}>
              <PapersPrint />
            </PlanContext.Provider>
          ) : (
            <PlanBody ctx={ctx} view={view} />
          )
        ) : (
          <p className="muted">{t("plan.loading")}</p>
        )}
      </section>
    </main>
  );
}

/**
 * The selected view. Memoised: the page itself renders again on every keystroke (the sync
 * state), the views only when what they read changes.
 */
const PlanBody = memo(function PlanBody({ ctx, view }: { ctx: PlanContextValue; view: PlanView }) {
  return (
    <PlanContext.Provider value={ctx}>
      {view === "board" && <SceneBoard />}
      {view === "problems" && <ProblemList />}
      {view === "actions" && <ActionList />}
      {view === "items" && <ItemTable />}
      {view === "years" && <MultiYearTable />}
      {view === "schedule" && <ScheduleView />}
      {view === "dashboard" && <DashboardView />}
      {view === "review" && <ReviewView />}
    </PlanContext.Provider>
  );
});

function nextLabel(info: Plan): string {
  return fiscalYearLabel(info.fiscalYear + 1);
}
