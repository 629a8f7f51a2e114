/**
 * A fiscal year's plan: one collaborative document shown through several live views (scene
 * board, lists, tables, schedule), the secretariat's dashboard and the year-end review.
 */

import type { Group, Member, Plan } from "@tsumugi/contract";
import {
  caretColorFor,
  fiscalYearLabel,
  migratePlanDoc,
  type PlanTable,
  planCompatibility,
} from "@tsumugi/domain";
import {
  createContext,
  memo,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { ApiError } from "../api/client";
import { useSession } from "../auth/session";
import { CollabLimitNotice } from "../collab/CollabLimitNotice";
import { PresenceList } from "../collab/PresenceList";
import { SyncIndicator } from "../collab/SyncIndicator";
import { hasUnsentChanges, syncStateOf } from "../collab/sync-state";
import { useCollabDocument, useSyncInputs } from "../collab/useCollabDocument";
import { useCollabPageHandlers, useUnsentWarning } from "../collab/useCollabPage";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { type IndicatorData, useIndicators } from "../indicators/useIndicators";
import { getRemembered, useReloadWhenServerBack } from "../offline/remembered";
import { ErrorBanner } from "../ui/Field";
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
import { PlanStore } from "./plan-store";
import { ReviewView } from "./ReviewView";
import "./plan-views.css";
import { RowPresence, setFocusedRow } from "./row-presence";
import { SceneBoard } from "./SceneBoard";
import { ScheduleView } from "./ScheduleView";

export const PLAN_VIEWS = [
  "board",
  "problems",
  "actions",
  "items",
  "years",
  "schedule",
  "dashboard",
  "review",
] as const;
export type PlanView = (typeof PLAN_VIEWS)[number];

/**
 * What every plan view shares. The value changes only when the page's own data does (the
 * plan, its groups, members, access): the rows themselves are read per table and per row from
 * `store`, so an edit re-renders the rows it touched and not the whole page.
 */
export interface PlanContextValue {
  wid: string;
  info: Plan;
  doc: Y.Doc;
  provider: WebsocketProvider;
  store: PlanStore;
  editable: boolean;
  /**
   * What the papers say of the program (the cover, the committee, the plan periods and their
   * 事業評価): written by the secretariat, read by everyone else.
   */
  papersEditable: boolean;
  groups: Group[];
  members: Member[];
  presence: RowPresence;
  /** 千葉県 流山市: how exports name the municipality. */
  municipality: string;
  /** The workspace's indicators, for the charts linked from actions and scenes. */
  indicators: IndicatorData | null;
  focusRow(table: PlanTable | null, id?: string | null): void;
  groupName(id: string | null): string;
  memberName(id: string | null): string;
}

const PlanContext = createContext<PlanContextValue | null>(null);

export function usePlanContext(): PlanContextValue {
  const value = useContext(PlanContext);
  if (!value) throw new Error("usePlanContext outside PlanPage");
  return value;
}

export function PlanPage() {
  const { wid = "", fy = "" } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { me } = useSession();
  const [info, setInfo] = useState<Plan | null>(null);
  const [groups, setGroups] = useState<Group[]>([]);
  const [members, setMembers] = useState<Member[]>([]);
  const [canCreate, setCanCreate] = useState(false);
  const [municipality, setMunicipality] = useState("");
  const [nextExists, setNextExists] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const base = `/api/workspaces/${wid}`;
      const [plan, g, m, detail, list] = await Promise.all([
        planApi(wid).get(fy),
        getRemembered<{ groups: Group[] }>(`${base}/groups`),
        getRemembered<{ members: Member[] }>(`${base}/members`),
        getRemembered<{ can: Record<string, boolean>; workspace: { name: string; prefecture: string } }>(
          base,
        ),
        planApi(wid).listRemembered(),
      ]);
      setInfo(plan.plan);
      setGroups(g.groups);
      setMembers(m.members);
      setCanCreate(Boolean(detail.can["plans.create"]));
      setMunicipality(`${detail.workspace.prefecture} ${detail.workspace.name}`);
      setNextExists(list.plans.some((p) => p.fiscalYear === plan.plan.fiscalYear + 1));
      setError(null);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }, [wid, fy]);
  useEffect(() => {
    void load();
  }, [load]);
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
      setError(err instanceof ApiError ? err.message : String(err));
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

/** The plan's store while `doc` is shown; a new store for another document. */
function usePlanStore(doc: Y.Doc | null): PlanStore | null {
  const [store, setStore] = useState<PlanStore | null>(null);
  useEffect(() => {
    if (!doc) {
      setStore(null);
      return;
    }
    const next = new PlanStore(doc);
    setStore(next);
    return () => next.destroy();
  }, [doc]);
  return store && store.doc === doc ? store : null;
}

function useRowPresence(provider: WebsocketProvider | null): RowPresence | null {
  const [presence, setPresence] = useState<{ provider: WebsocketProvider; rows: RowPresence } | null>(null);
  useEffect(() => {
    if (!provider) return;
    const rows = new RowPresence(provider);
    setPresence({ provider, rows });
    return () => rows.destroy();
  }, [provider]);
  return presence && presence.provider === provider ? presence.rows : null;
}

/** Sets --plan-sticky-top on the page to the height of the sticky tab bar. */
function useStickyOffset(
  pageRef: RefObject<HTMLElement | null>,
  tabsRef: RefObject<HTMLElement | null>,
  shown: boolean,
): void {
  useLayoutEffect(() => {
    const page = pageRef.current;
    const tabs = tabsRef.current;
    if (!shown || !page || !tabs) return;
    const set = () => page.style.setProperty("--plan-sticky-top", `${tabs.offsetHeight}px`);
    set();
    const observer = new ResizeObserver(set);
    observer.observe(tabs);
    return () => observer.disconnect();
  }, [pageRef, tabsRef, shown]);
}

function nextLabel(info: Plan): string {
  return fiscalYearLabel(info.fiscalYear + 1);
}
