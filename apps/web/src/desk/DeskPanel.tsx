/**
 * The consultation desk (相談支援) tab: only for the secretariat and coordinators (the server
 * refuses everyone else; the tab is not shown to them). Views: the records list with filters
 * and the exact-name search, the quick entry form, a case, statistics, published examples and
 * the desks' public information.
 */
import type { DeskList, Member } from "@tsumugi/contract";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Deferred, lazyNamed } from "../app/lazy";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { CaseView } from "./CaseView";
import { ConsultationForm } from "./ConsultationForm";
import { DesksView } from "./DesksView";
import { deskApi } from "./desk-api";
import { ExamplesView } from "./ExamplesView";
import { RecordsList } from "./RecordsList";
import "./desk.css";

// Recharts loads with the statistics, not with the records.
const DeskStatistics = lazyNamed(() => import("./DeskStatistics"), "DeskStatistics");

const VIEWS = ["list", "entry", "statistics", "examples", "desks"] as const;
type View = (typeof VIEWS)[number];

export function DeskPanel({
  wid,
  canManage,
  members,
}: {
  wid: string;
  /** The secretariat: new desks, their coordinators, the 日常生活圏域. */
  canManage: boolean;
  members: Member[];
}) {
  const api = useMemo(() => deskApi(wid), [wid]);
  const [params, setParams] = useSearchParams();
  const [desks, setDesks] = useState<DeskList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reloadDesks = useCallback(
    () =>
      api
        .desks()
        .then(setDesks)
        .catch((e: Error) => setError(e.message)),
    [api],
  );
  useEffect(() => {
    void reloadDesks();
  }, [reloadDesks]);
  const requested = params.get("view") as View | null;
  const view: View = requested && VIEWS.includes(requested) ? requested : "list";
  const caseId = params.get("case");
  const go = (next: Record<string, string | null>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === null) p.delete(k);
      else p.set(k, v);
    }
    setParams(p);
  };

  if (error) return <ErrorBanner message={error} />;
  if (!desks) return <p className="muted pad">{t("common.loading")}</p>;
  const deskName = (id: string) => desks.desks.find((d) => d.id === id)?.name ?? "";
  const areaName = (id: string | null) =>
    id ? (desks.areas.find((a) => a.id === id)?.name ?? "") : t("desk.areaUnset");

  return (
    <section className="desk-panel" data-testid="desk-panel">
      <p className="desk-confidential" role="note">
        {t("desk.confidential")}
      </p>
      <nav className="subtabs" aria-label={t("workspace.tab.desk")}>
        {VIEWS.map((v) => (
          <Link
            key={v}
            to={`?tab=desk&view=${v}`}
            className={v === view && !caseId ? "active" : ""}
            aria-current={v === view && !caseId ? "page" : undefined}
            data-testid={`desk-view-${v}`}
          >
            {t(`desk.view.${v}` as MessageKey)}
          </Link>
        ))}
      </nav>
      {caseId ? (
        <CaseView
          key={caseId}
          api={api}
          wid={wid}
          caseId={caseId}
          desks={desks}
          deskName={deskName}
          areaName={areaName}
          onBack={() => go({ case: null })}
        />
      ) : (
        <>
          {view === "list" && (
            <RecordsList api={api} desks={desks} deskName={deskName} onOpen={(id) => go({ case: id })} />
          )}
          {view === "entry" && (
            <ConsultationForm wid={wid} api={api} desks={desks} onSaved={() => undefined} />
          )}
          {view === "statistics" && (
            <Deferred>
              <DeskStatistics api={api} />
            </Deferred>
          )}
          {view === "examples" && <ExamplesView api={api} desks={desks} />}
          {view === "desks" && (
            <DesksView
              wid={wid}
              api={api}
              desks={desks}
              canManage={canManage}
              coordinators={members.filter((m) => m.role === "coordinator" && !m.disabled)}
              onSaved={reloadDesks}
            />
          )}
        </>
      )}
    </section>
  );
}
