/**
 * A fiscal year's plan: one collaborative document shown through several live views (scene
 * board, lists, tables, schedule), the secretariat's dashboard and the year-end review.
 */
import {
  caretColorFor,
  fiscalYearLabel,
  migratePlanDoc,
  type PlanTable,
  planCompatibility,
} from "@tsumugi/domain";
import { createContext, useCallback, useContext, useEffect, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { ApiError, post } from "../api/client";
import type { Group, Member, PlanInfo } from "../api/types";
import { useSession } from "../auth/session";
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
import { ItemTable } from "./ItemTable";
import { MultiYearTable } from "./MultiYearTable";
import { PlanTransfer } from "./PlanTransfer";
import { ProblemList } from "./ProblemList";
import { ReviewView } from "./ReviewView";
import { type RowVisitor, setFocusedRow, useRowPresence } from "./row-presence";
import { SceneBoard } from "./SceneBoard";
import { ScheduleView } from "./ScheduleView";
import { type PlanState, usePlan } from "./usePlan";

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

export interface PlanContextValue extends PlanState {
  wid: string;
  info: PlanInfo;
  doc: Y.Doc;
  provider: WebsocketProvider;
  editable: boolean;
  groups: Group[];
  members: Member[];
  presence: Map<string, RowVisitor[]>;
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
  const [info, setInfo] = useState<PlanInfo | null>(null);
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
        getRemembered<{ plan: PlanInfo }>(`${base}/plans/${fy}`),
        getRemembered<{ groups: Group[] }>(`${base}/groups`),
        getRemembered<{ members: Member[] }>(`${base}/members`),
        getRemembered<{ can: Record<string, boolean>; workspace: { name: string; prefecture: string } }>(
          base,
        ),
        getRemembered<{ plans: PlanInfo[] }>(`${base}/plans`),
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
  const state = usePlan(inputs.loaded ? (handle?.doc ?? null) : null);
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

  useEffect(() => {
    if (
      handle &&
      inputs.synced &&
      info?.access === "write" &&
      planCompatibility(handle.doc) === "upgradable"
    ) {
      migratePlanDoc(handle.doc);
    }
  }, [handle, inputs.synced, info?.access]);

  useUnsentWarning(unsent);

  if (error) return <ErrorBanner message={error} />;
  if (!info || !me) return <p className="muted pad">{t("common.loading")}</p>;
  const requested = params.get("view") as PlanView | null;
  const view: PlanView = requested && PLAN_VIEWS.includes(requested) ? requested : "board";
  // A plan written by a newer version is read-only here; an older one is upgraded in place.
  const compatibility = state && handle ? planCompatibility(handle.doc) : "current";
  const editable = info.access === "write" && compatibility !== "newer";

  const createNext = async () => {
    const label = nextLabel(info);
    if (!window.confirm(t("plans.confirmNext", { label }))) return;
    try {
      await post(`/api/workspaces/${wid}/plans`, { fiscalYear: info.fiscalYear + 1, carryOver: true });
      navigate(`/w/${wid}/plans/${info.fiscalYear + 1}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };

  const ctx: PlanContextValue | null =
    handle && state
      ? {
          ...state,
          wid,
          info,
          doc: handle.doc,
          provider: handle.provider,
          editable,
          groups,
          members,
          presence,
          municipality,
          indicators,
          focusRow: (table, id = null) => setFocusedRow(handle.provider, table, id),
          groupName: (id) => groups.find((g) => g.id === id)?.name ?? "",
          memberName: (id) => members.find((m) => m.userId === id)?.name ?? "",
        }
      : null;

  return (
    <main className="wide plan-page" data-testid="plan-page">
      <div className="doc-header no-print">
        <Link to={`/w/${wid}?tab=plans`} className="muted">
          ← {t("common.back")}
        </Link>
        <h1 data-testid="plan-title">{info.title}</h1>
        {!editable && (
          <span className="badge read" data-testid="read-only">
            {t("editor.readOnly")}
          </span>
        )}
        <span className="spacer" />
        {canCreate && !nextExists && (
          <button type="button" onClick={createNext} data-testid="create-next-plan">
            {t("plans.createNext", { label: nextLabel(info) })}
          </button>
        )}
        <button type="button" onClick={() => window.print()}>
          {t("plan.print")}
        </button>
        <SyncIndicator state={syncStateOf(inputs)} />
      </div>
      <h1 className="print-only">{info.title}</h1>
      <nav className="tabs no-print">
        {PLAN_VIEWS.map((v) => (
          <Link
            key={v}
            to={`?view=${v}`}
            className={v === view ? "active" : ""}
            data-testid={`plan-view-${v}`}
          >
            {t(`plan.view.${v}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {notice && <p className="notice">{notice}</p>}
      {compatibility === "newer" && (
        <p className="notice" data-testid="newer-schema">
          {t("plan.newerSchema")}
        </p>
      )}
      {ctx && ctx.invalid.length > 0 && (
        <p className="notice" data-testid="invalid-rows">
          {t("plan.invalidRows", { count: ctx.invalid.length })}
        </p>
      )}
      <div className="plan-body">
        <section className="plan-view">
          {ctx ? (
            <PlanContext.Provider value={ctx}>
              <PlanTransfer view={view} />
              {view === "board" && <SceneBoard />}
              {view === "problems" && <ProblemList />}
              {view === "actions" && <ActionList />}
              {view === "items" && <ItemTable />}
              {view === "years" && <MultiYearTable />}
              {view === "schedule" && <ScheduleView />}
              {view === "dashboard" && <DashboardView />}
              {view === "review" && <ReviewView />}
            </PlanContext.Provider>
          ) : (
            <p className="muted">{t("plan.loading")}</p>
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

function nextLabel(info: PlanInfo): string {
  return fiscalYearLabel(info.fiscalYear + 1);
}
