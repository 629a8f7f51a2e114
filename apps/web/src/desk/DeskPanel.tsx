/**
 * The consultation desk (相談支援) tab: only for the secretariat and coordinators (the server
 * refuses everyone else; the tab is not shown to them). Views: the records list with filters
 * and the exact-name search, the quick entry form, a case, statistics, published examples and
 * the desks' public information.
 */
import type { ConsultationCase, ConsultationList, DeskList, Member } from "@tsumugi/contract";
import {
  AGE_BANDS,
  CARE_LEVELS,
  CONSULTATION_METHODS,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  currentFiscalYear,
  FOLLOW_UP_STATUSES,
  fiscalYearLabel,
  labelOf,
} from "@tsumugi/domain";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { Deferred, lazyNamed } from "../app/lazy";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { formatIsoDate, formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import { ConsultationForm } from "./ConsultationForm";
import { DesksView } from "./DesksView";
import { type DeskApi, deskApi } from "./desk-api";
import { ExamplesView } from "./ExamplesView";
import { referralHref, referralLabel } from "./ReferralPicker";
import "../ui/table-scroll.css";
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
              <DeskStatistics api={api} desks={desks} />
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

const FOLLOW_UP_FILTERS = ["open", "overdue", "done", "none"] as const;

function RecordsList(props: {
  api: DeskApi;
  desks: DeskList;
  deskName: (id: string) => string;
  onOpen: (caseId: string) => void;
}) {
  const { api, desks } = props;
  const [filters, setFilters] = useState<Record<string, string>>({
    fy: String(currentFiscalYear()),
    month: "",
    deskId: "",
    areaId: "",
    method: "",
    consulterType: "",
    topic: "",
    followUp: "",
  });
  const [page, setPage] = useState(1);
  const [list, setList] = useState<ConsultationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [found, setFound] = useState<
    { id: string; caseNo: number; deskId: string; lastContactAt: string; contacts: number }[] | null
  >(null);
  useEffect(() => {
    let live = true;
    api
      .list({ ...filters, page: String(page) })
      .then((l) => {
        if (live) {
          setList(l);
          setError(null);
        }
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api, filters, page]);
  const setFilter = (k: string, v: string) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: v }));
  };
  async function search(ev: FormEvent) {
    ev.preventDefault();
    if (!name.trim()) return;
    try {
      setFound((await api.search(name)).cases);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }
  const years = Array.from({ length: 6 }, (_, i) => currentFiscalYear() - i);
  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  const filterSelect = (k: string, label: string, options: { id: string; label: string }[]) => (
    <Field label={label}>
      <select value={filters[k]} onChange={(e) => setFilter(k, e.target.value)} data-testid={`filter-${k}`}>
        <option value="">{t("desk.list.all")}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <div className="desk-list">
      <form className="desk-search" onSubmit={search} data-testid="desk-search">
        <Field label={t("desk.search.label")}>
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="off"
            data-testid="search-name"
          />
        </Field>
        <button type="submit" data-testid="search-button">
          {t("desk.search.button")}
        </button>
        <p className="muted small">{t("desk.search.note")}</p>
        {found && (
          <div data-testid="search-results">
            <p>
              {found.length === 0 ? t("desk.search.none") : t("desk.search.results", { n: found.length })}
            </p>
            <ul className="plain">
              {found.map((c) => (
                <li key={c.id}>
                  <button type="button" className="link" onClick={() => props.onOpen(c.id)}>
                    {t("desk.case.title", { no: c.caseNo })}
                  </button>{" "}
                  <span className="muted small">
                    {props.deskName(c.deskId)}・
                    {formatIsoDate(c.lastContactAt.slice(0, 10), { weekday: true })}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
      <fieldset className="desk-filters">
        <legend>{t("desk.list.filters")}</legend>
        {filterSelect(
          "fy",
          t("desk.list.fiscalYear"),
          years.map((y) => ({ id: String(y), label: fiscalYearLabel(y) })),
        )}
        {filterSelect(
          "month",
          t("desk.list.month"),
          [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => ({ id: String(m), label: `${m}月` })),
        )}
        {desks.desks.length > 1 &&
          filterSelect(
            "deskId",
            t("desk.field.desk"),
            desks.desks.map((d) => ({ id: d.id, label: d.name })),
          )}
        {filterSelect(
          "areaId",
          t("desk.field.area"),
          desks.areas.map((a) => ({ id: a.id, label: a.name })),
        )}
        {filterSelect("method", t("desk.field.method"), [...CONSULTATION_METHODS])}
        {filterSelect("consulterType", t("desk.field.consulterType"), [...CONSULTER_TYPES])}
        {filterSelect("topic", t("desk.field.topics").replace("（複数可）", ""), [...CONSULTATION_TOPICS])}
        {filterSelect(
          "followUp",
          t("desk.list.followUp"),
          FOLLOW_UP_FILTERS.map((f) => ({ id: f, label: t(`desk.followUp.${f}` as MessageKey) })),
        )}
      </fieldset>
      <ErrorBanner message={error} />
      {list && (
        <>
          <p data-testid="desk-list-total">{t("desk.list.total", { n: list.total })}</p>
          {list.consultations.length === 0 ? (
            <p className="muted">{t("desk.list.empty")}</p>
          ) : (
            <div className="table-scroll">
              <table className="desk-table" data-testid="desk-list">
                <thead>
                  <tr>
                    <th scope="col">{t("desk.list.no")}</th>
                    <th scope="col">{t("desk.list.receivedAt")}</th>
                    <th scope="col">{t("desk.field.method")}</th>
                    <th scope="col">{t("desk.field.consulterType")}</th>
                    <th scope="col">{t("desk.field.topics").replace("（複数可）", "")}</th>
                    <th scope="col">{t("desk.list.followUp")}</th>
                    {desks.desks.length > 1 && <th scope="col">{t("desk.field.desk")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.consultations.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <button
                          type="button"
                          className="link"
                          onClick={() => props.onOpen(c.caseId)}
                          data-testid="open-case"
                        >
                          {c.caseNo}
                          {c.seq > 1 ? `-${c.seq}` : ""}
                        </button>
                        {c.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
                      </td>
                      <td className="nowrap">
                        {formatWarekiDateTime(Date.parse(`${c.receivedAt}:00+09:00`))}
                      </td>
                      <td>{labelOf(CONSULTATION_METHODS, c.method)}</td>
                      <td>{labelOf(CONSULTER_TYPES, c.consulterType)}</td>
                      <td>{c.topics.map((x) => labelOf(CONSULTATION_TOPICS, x)).join("・")}</td>
                      <td>
                        {labelOf(FOLLOW_UP_STATUSES, c.followUpStatus)}
                        {c.followUpDue && c.followUpStatus === "open"
                          ? `（${formatIsoDate(c.followUpDue, { weekday: true })}）`
                          : ""}
                      </td>
                      {desks.desks.length > 1 && <td>{props.deskName(c.deskId)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {pages > 1 && (
            <div className="actions">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                {t("desk.list.prev")}
              </button>
              <span>{t("desk.list.page", { page, pages })}</span>
              <button
                type="button"
                disabled={page >= pages}
                onClick={() => setPage(page + 1)}
                data-testid="list-next"
              >
                {t("desk.list.more")}
              </button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function CaseView(props: {
  api: DeskApi;
  wid: string;
  caseId: string;
  desks: DeskList;
  deskName: (id: string) => string;
  areaName: (id: string | null) => string;
  onBack: () => void;
}) {
  const { api } = props;
  const [kase, setKase] = useState<ConsultationCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [drafting, setDrafting] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api
        .openCase(props.caseId)
        .then((r) => setKase(r.case))
        .catch((e: Error) => setError(e.message)),
    [api, props.caseId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <ErrorBanner message={error} />;
  if (!kase) return <p className="muted pad">{t("common.loading")}</p>;
  const none = t("desk.case.none");
  const p = kase.person;
  return (
    <article className="desk-case" data-testid="desk-case">
      <button type="button" className="link" onClick={props.onBack}>
        ← {t("desk.case.back")}
      </button>
      <h2>
        {t("desk.case.title", { no: kase.caseNo })}{" "}
        {kase.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </h2>
      <p className="muted small">{t("desk.case.readLogged")}</p>
      {kase.anonymised && <p className="notice">{t("desk.case.anonymised")}</p>}
      <dl className="desk-facts">
        <dt>{t("desk.field.desk")}</dt>
        <dd>{props.deskName(kase.deskId)}</dd>
        {p && (
          <>
            <dt>{t("desk.field.personName")}</dt>
            <dd data-testid="case-person-name">
              {p.name || none}
              {p.kana ? `（${p.kana}）` : ""}
            </dd>
            <dt>{t("desk.field.personContact")}</dt>
            <dd>{p.contact || none}</dd>
            <dt>{t("desk.field.personAddress")}</dt>
            <dd>{p.address || none}</dd>
            <dt>{t("desk.field.personBirthDate")}</dt>
            <dd>{p.birthDate ? formatIsoDate(p.birthDate) : none}</dd>
            <dt>{t("desk.field.personNotes")}</dt>
            <dd className="prewrap">{p.notes || none}</dd>
          </>
        )}
        <dt>{t("desk.field.ageBand")}</dt>
        <dd>{labelOfAny("ageBand", kase.ageBand)}</dd>
        <dt>{t("desk.field.careLevel")}</dt>
        <dd>{labelOfAny("careLevel", kase.careLevel)}</dd>
        <dt>{t("desk.field.area")}</dt>
        <dd>{props.areaName(kase.areaId)}</dd>
      </dl>
      <h3>{t("desk.case.contacts")}</h3>
      <ol className="desk-contacts">
        {kase.contacts.map((c) => (
          <li key={c.id} data-testid="case-contact">
            <p>
              <strong>{t("desk.case.contactNo", { seq: c.seq })}</strong>{" "}
              {formatWarekiDateTime(Date.parse(`${c.receivedAt}:00+09:00`))}・
              {labelOf(CONSULTATION_METHODS, c.method)}・{labelOf(CONSULTER_TYPES, c.consulterType)}
              {c.consulter.name
                ? `（${c.consulter.name}${c.consulter.organisation ? `／${c.consulter.organisation}` : ""}）`
                : ""}
            </p>
            <p className="muted small">
              {c.topics.map((x) => labelOf(CONSULTATION_TOPICS, x)).join("・")}
              {c.responses.length > 0 &&
                `／${t("desk.field.responses").replace("（複数可）", "")}：${c.responses.map((x) => labelOf(CONSULTATION_RESPONSES, x)).join("・")}`}
            </p>
            <p className="prewrap">{c.content}</p>
            {c.responseDetail && <p className="prewrap desk-response">{c.responseDetail}</p>}
            {(c.referralResource || c.referralOrganisation) && (
              <p className="small" data-testid="case-referral">
                {t("desk.case.referral")}：
                {c.referralResource && (
                  <>
                    <Link to={referralHref(c.referralResource)} data-testid="case-referral-link">
                      {referralLabel(c.referralResource)}
                    </Link>{" "}
                  </>
                )}
                {c.referralOrganisation}
              </p>
            )}
            {c.abilities.draftExample && !kase.anonymised && (
              <button type="button" onClick={() => setDrafting(c.id)} data-testid="draft-example">
                {t("desk.case.draftExample")}
              </button>
            )}
            {drafting === c.id && (
              <ExampleDraftForm api={api} consultationId={c.id} onDone={() => setDrafting(null)} />
            )}
          </li>
        ))}
      </ol>
      {kase.abilities.update && !adding && (
        <button type="button" onClick={() => setAdding(true)} data-testid="add-contact">
          {t("desk.case.addContact")}
        </button>
      )}
      {adding && (
        <ConsultationForm
          wid={props.wid}
          api={api}
          desks={props.desks}
          forCase={kase}
          onSaved={() => {
            setAdding(false);
            void load();
          }}
        />
      )}
    </article>
  );
}

function labelOfAny(kind: "ageBand" | "careLevel", id: string): string {
  return labelOf(kind === "ageBand" ? AGE_BANDS : CARE_LEVELS, id);
}

function ExampleDraftForm(props: { api: DeskApi; consultationId: string; onDone: () => void }) {
  const [title, setTitle] = useState("");
  const [question, setQuestion] = useState("");
  const [answer, setAnswer] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  async function save(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.api.createExample({ consultationId: props.consultationId, title, question, answer });
      setDone(true);
      setErrors({});
      setBanner(null);
    } catch (e) {
      const err = e as { fields?: Record<string, string>; message: string };
      setErrors(err.fields ?? {});
      setBanner(err.message);
    }
  }
  if (done)
    return (
      <p className="success" role="status" data-testid="example-created">
        {t("desk.examples.created")}
      </p>
    );
  return (
    <form className="desk-example-form" onSubmit={save} data-testid="example-draft-form">
      <p className="muted small">{t("desk.examples.identifyingHelp")}</p>
      <ErrorBanner message={banner} />
      <Field label={t("desk.examples.title")} error={errors.title}>
        <input
          value={title}
          maxLength={100}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="example-title"
        />
      </Field>
      <Field label={t("desk.examples.question")} error={errors.question}>
        <textarea
          value={question}
          rows={3}
          onChange={(e) => setQuestion(e.target.value)}
          data-testid="example-question"
        />
      </Field>
      <Field label={t("desk.examples.answer")} error={errors.answer}>
        <textarea
          value={answer}
          rows={3}
          onChange={(e) => setAnswer(e.target.value)}
          data-testid="example-answer"
        />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" data-testid="example-save">
          {t("desk.examples.save")}
        </button>
        <button type="button" onClick={props.onDone}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
