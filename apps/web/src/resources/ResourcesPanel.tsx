/**
 * The resource directory (医療・介護資源) for members of the workspace: the list with filters
 * (種別, できること, 日常生活圏域, text), the map (Leaflet, loaded only here), the professionals'
 * 連絡可能時間一覧表 and 病院連携窓口一覧表 (printable, as Excel from the server), and the
 * secretariat's open-data import with its field-by-field preview.
 */
import type {
  CreatedUpdateLink,
  Resource,
  ResourceArea,
  ResourceDirectory,
  ResourceLinkList,
  UpdateRequest,
} from "@tsumugi/contract";
import {
  contactTimesTable,
  liaisonTable,
  type ProfessionalTable,
  RESOURCE_KINDS,
  type ResourceKind,
  SERVICE_TAGS,
  type ServiceTag,
  searchDirectory,
} from "@tsumugi/domain";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { Deferred, lazyNamed } from "../app/lazy";
import { AreasSettings } from "../areas/AreasSettings";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import { fieldsOf, ResourceCard } from "./ResourceCard";
import { FIELD_LABELS, ResourceImport, shown } from "./ResourceImport";
import { resourcesApi } from "./resources-api";
import "./kind-chips.css";
import "./resources.css";

// Leaflet and the clustering load with the map view only.
const ResourceMap = lazyNamed(() => import("./ResourceMap"), "ResourceMap");

const VIEWS = ["list", "map", "contactTimes", "liaison", "import", "requests", "settings"] as const;
type View = (typeof VIEWS)[number];

export interface Filters {
  text: string;
  kind: ResourceKind | "";
  service: ServiceTag | "";
  area: string;
}

export function ResourcesPanel(props: { wid: string; canImport: boolean; canReview: boolean }) {
  const { wid, canImport, canReview } = props;
  const [params, setParams] = useSearchParams();
  const [data, setData] = useState<ResourceDirectory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => resourcesApi(wid), [wid]);
  const reload = useCallback(async () => {
    try {
      setData(await api.directory());
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error.unknown"));
    }
  }, [api]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // The plan actions (取組) entries are linked to, shown on their cards.
  const [links, setLinks] = useState<ResourceLinkList | null>(null);
  useEffect(() => {
    api
      .actionLinks()
      .then(setLinks)
      .catch(() => setLinks(null));
  }, [api]);

  const views = VIEWS.filter(
    (v) =>
      (v !== "import" || canImport) && (v !== "requests" || canReview) && (v !== "settings" || canImport),
  );
  const requested = params.get("view") as View | null;
  const view: View = requested && views.includes(requested) ? requested : "list";
  const filters: Filters = {
    text: params.get("q") ?? "",
    kind: (params.get("kind") ?? "") as Filters["kind"],
    service: (params.get("service") ?? "") as Filters["service"],
    area: params.get("area") ?? "",
  };
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const viewLink = (v: View) => {
    const next = new URLSearchParams(params);
    next.set("view", v);
    return `?${next}`;
  };

  const { text, kind, service, area } = filters;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are their four values
  const shown = useMemo(() => (data ? filtered(data, filters) : []), [data, text, kind, service, area]);
  if (error) return <ErrorBanner message={error} />;
  if (!data) return <p className="muted pad">{t("common.loading")}</p>;
  const areaName = (id: string | null) => data.areas.find((a) => a.id === id)?.name ?? "";
  const actionsOf = (id: string) =>
    (links?.links ?? [])
      .filter((l) => l.resourceId === id)
      .map((l) => links?.targets.find((x) => x.id === l.targetId)?.title)
      .filter((title): title is string => Boolean(title));

  return (
    <section className="resources" data-testid="resources">
      {data.settings.demo && (
        <p className="notice resources-demo" data-testid="resources-demo">
          {t("resources.demo")}
        </p>
      )}
      <nav className="resources-views no-print" aria-label={t("workspace.tab.resources")}>
        {views.map((v) => (
          <Link
            key={v}
            to={viewLink(v)}
            replace
            className={v === view ? "active" : ""}
            aria-current={v === view ? "page" : undefined}
            data-testid={`resources-view-${v}`}
          >
            {t(`resources.view.${v}`)}
          </Link>
        ))}
      </nav>
      {(view === "list" || view === "map") && (
        <FilterBar filters={filters} areas={data.areas} setFilter={setFilter} count={shown.length} />
      )}
      {view === "list" && (
        <ResourceList
          entries={shown}
          areaName={areaName}
          sendLink={(r) => api.sendLink(r.id)}
          actionsOf={actionsOf}
        />
      )}
      {view === "map" && (
        <Deferred label={t("resources.map.loading")}>
          <ResourceMap
            entries={shown}
            all={data.resources}
            areaName={areaName}
            canPlace={(r) => r.abilities.update}
            place={async (r, lat, lng) => {
              await api.update(r.id, { lat, lng });
              await reload();
            }}
          />
        </Deferred>
      )}
      {view === "contactTimes" && (
        <ProfessionalTableView
          table={contactTimesTable(tableEntries(data.resources), areaName)}
          excel={api.workbookUrl("contact-times")}
          testid="contact-times"
        />
      )}
      {view === "liaison" && (
        <ProfessionalTableView
          table={liaisonTable(tableEntries(data.resources))}
          excel={api.workbookUrl("liaison")}
          testid="liaison"
        />
      )}
      {view === "import" && <ResourceImport wid={wid} onImported={reload} />}
      {view === "requests" && <UpdateRequests wid={wid} onDecided={reload} />}
      {view === "settings" && (
        <>
          <DirectorySettings wid={wid} data={data} reload={reload} />
          {/* The one list of 日常生活圏域, shared with the consultation desk. */}
          <AreasSettings wid={wid} onChanged={() => void reload()} />
        </>
      )}
    </section>
  );
}

function tableEntries(resources: readonly Resource[]) {
  return resources
    .filter((r) => r.status === "active")
    .map((r) => ({ id: r.id, status: r.status, fields: fieldsOf(r) }));
}

function filtered(data: ResourceDirectory, f: Filters): Resource[] {
  const entries = data.resources.map((r) => ({ id: r.id, r, status: r.status, fields: fieldsOf(r) }));
  const hits = searchDirectory(entries, {
    text: f.text || undefined,
    kinds: f.kind ? [f.kind] : undefined,
    services: f.service ? [f.service] : undefined,
    areaId: f.area && f.area !== "none" ? f.area : null,
  });
  return hits.map((h) => h.entry.r).filter((r) => f.area !== "none" || r.areaId === null);
}

function FilterBar(props: {
  filters: Filters;
  areas: readonly ResourceArea[];
  setFilter: (name: string, value: string) => void;
  count: number;
}) {
  const { filters, setFilter } = props;
  return (
    <div className="resources-filters no-print" data-testid="resources-filters">
      <Field label={t("resources.filter.text")}>
        <input
          type="search"
          value={filters.text}
          onChange={(e) => setFilter("q", e.target.value)}
          data-testid="resources-filter-text"
        />
      </Field>
      <Field label={t("resources.filter.kind")}>
        <select
          value={filters.kind}
          onChange={(e) => setFilter("kind", e.target.value)}
          data-testid="resources-filter-kind"
        >
          <option value="">{t("resources.filter.any")}</option>
          {RESOURCE_KINDS.map((k) => (
            <option key={k.id} value={k.id}>
              {k.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("resources.filter.service")}>
        <select
          value={filters.service}
          onChange={(e) => setFilter("service", e.target.value)}
          data-testid="resources-filter-service"
        >
          <option value="">{t("resources.filter.any")}</option>
          {SERVICE_TAGS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("resources.filter.area")}>
        <select
          value={filters.area}
          onChange={(e) => setFilter("area", e.target.value)}
          data-testid="resources-filter-area"
        >
          <option value="">{t("resources.filter.any")}</option>
          {props.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          <option value="none">{t("resources.filter.noArea")}</option>
        </select>
      </Field>
      <p className="resources-count" role="status" data-testid="resources-count">
        {t("resources.count", { n: props.count })}
      </p>
    </div>
  );
}

function ResourceList(props: {
  entries: readonly Resource[];
  areaName: (id: string | null) => string;
  sendLink: (r: Resource) => Promise<CreatedUpdateLink>;
  actionsOf: (id: string) => string[];
}) {
  if (props.entries.length === 0)
    return (
      <p className="muted" data-testid="resources-empty">
        {t("resources.empty")}
      </p>
    );
  return (
    <ul className="resource-cards plain" data-testid="resource-list">
      {props.entries.map((r) => (
        <li key={r.id}>
          <ResourceCard resource={r} areaName={props.areaName}>
            {props.actionsOf(r.id).length > 0 && (
              <p className="small" data-testid="resource-actions">
                <span className="muted">{t("resources.card.actions")}：</span>
                {props.actionsOf(r.id).join("、")}
              </p>
            )}
            {r.abilities.sendLink && <LinkIssuer send={() => props.sendLink(r)} />}
          </ResourceCard>
        </li>
      ))}
    </ul>
  );
}

/** Issues a provider's update link and shows it once. */
function LinkIssuer({ send }: { send: () => Promise<CreatedUpdateLink> }) {
  const [created, setCreated] = useState<CreatedUpdateLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (created)
    return (
      <div className="issued-link" data-testid="issued-link">
        <p className="small">
          {t("resources.link.issued", { date: formatWarekiDate(created.link.expiresAt) })}
        </p>
        <input readOnly value={created.url} onFocus={(e) => e.target.select()} data-testid="issued-url" />
      </div>
    );
  return (
    <>
      <ErrorBanner message={error} />
      <button
        type="button"
        className="secondary small-button"
        data-testid="issue-link"
        onClick={async () => {
          try {
            setCreated(await send());
          } catch (e) {
            setError(e instanceof ApiError ? e.message : t("error.unknown"));
          }
        }}
      >
        {t("resources.link.issue")}
      </button>
    </>
  );
}

const MONTH_MS = 30.44 * 86_400_000;

/** The secretariat's settings, and the entries nobody has confirmed for the months set. */
function DirectorySettings(props: { wid: string; data: ResourceDirectory; reload: () => Promise<void> }) {
  const api = useMemo(() => resourcesApi(props.wid), [props.wid]);
  const { settings } = props.data;
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async (body: Parameters<typeof api.settings>[0]) => {
    setError(null);
    setSaved(false);
    try {
      await api.settings(body);
      await props.reload();
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error.unknown"));
    }
  };
  const cutoff = Date.now() - settings.staleMonths * MONTH_MS;
  const stale = props.data.resources.filter(
    (r) => r.status === "active" && (r.confirmedAt === null || r.confirmedAt < cutoff),
  );
  return (
    <section className="directory-settings" data-testid="resources-settings">
      <ErrorBanner message={error} />
      {saved && (
        <p className="notice" role="status">
          {t("resources.settings.saved")}
        </p>
      )}
      <label className="check-line">
        <input
          type="checkbox"
          checked={settings.publicEnabled}
          onChange={(e) => save({ publicEnabled: e.target.checked })}
          data-testid="settings-public"
        />{" "}
        {t("resources.settings.public")}
      </label>
      <label className="check-line">
        <input
          type="checkbox"
          checked={settings.autoApply}
          onChange={(e) => save({ autoApply: e.target.checked })}
          data-testid="settings-auto-apply"
        />{" "}
        {t("resources.settings.autoApply")}
      </label>
      <div className="settings-numbers">
        <Field label={t("resources.settings.staleMonths")}>
          <select
            value={settings.staleMonths}
            onChange={(e) => save({ staleMonths: Number(e.target.value) })}
            data-testid="settings-stale-months"
          >
            {[3, 6, 12, 24].map((n) => (
              <option key={n} value={n}>
                {t("resources.settings.months", { n })}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("resources.settings.linkDays")}>
          <select value={settings.linkDays} onChange={(e) => save({ linkDays: Number(e.target.value) })}>
            {[7, 14, 30, 60, 90].map((n) => (
              <option key={n} value={n}>
                {t("resources.settings.days", { n })}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <h3>{t("resources.settings.stale", { months: settings.staleMonths, n: stale.length })}</h3>
      <ul className="stale-list" data-testid="stale-list">
        {stale.map((r) => (
          <li key={r.id}>
            {r.name}{" "}
            <span className="muted small">
              {r.confirmedAt === null
                ? t("resources.settings.neverConfirmed")
                : t("resources.settings.confirmedAt", { date: formatWarekiDate(r.confirmedAt) })}
            </span>{" "}
            {r.abilities.update && (
              <button
                type="button"
                className="secondary small-button"
                onClick={async () => {
                  try {
                    await api.update(r.id, { confirmed: true });
                    await props.reload();
                  } catch (e) {
                    setError(e instanceof ApiError ? e.message : t("error.unknown"));
                  }
                }}
              >
                {t("resources.settings.confirm")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What providers sent through their links: the secretariat applies or sets aside each. */
function UpdateRequests({ wid, onDecided }: { wid: string; onDecided: () => Promise<void> }) {
  const api = useMemo(() => resourcesApi(wid), [wid]);
  const [requests, setRequests] = useState<UpdateRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setRequests((await api.requests()).requests);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t("error.unknown"));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <ErrorBanner message={error} />;
  if (!requests) return <p className="muted">{t("common.loading")}</p>;
  if (requests.length === 0) return <p className="muted">{t("resources.requests.empty")}</p>;
  return (
    <ul className="update-requests plain" data-testid="update-requests">
      {requests.map((q) => (
        <li key={q.id} className="resource-card" data-testid="update-request">
          <h3>
            {q.resourceName} <span className="badge">{t(`resources.requests.${q.status}`)}</span>
          </h3>
          <p className="muted small">
            {t("resources.requests.submitted", { date: formatWarekiDate(q.submittedAt) })}
          </p>
          <div className="table-scroll">
            <table className="grid-table">
              <thead>
                <tr>
                  <th scope="col">項目</th>
                  <th scope="col">{t("resources.import.before")}</th>
                  <th scope="col">変更後</th>
                </tr>
              </thead>
              <tbody>
                {q.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{FIELD_LABELS[c.field] ?? c.field}</th>
                    <td>{shown(c.before, c.field)}</td>
                    <td>{shown(c.after, c.field)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {q.status === "pending" && (
            <p className="request-actions">
              {(["apply", "reject"] as const).map((decision) => (
                <button
                  key={decision}
                  type="button"
                  className={decision === "apply" ? "primary" : "secondary"}
                  data-testid={`request-${decision}`}
                  onClick={async () => {
                    try {
                      await api.decide(q.id, { decision });
                      await load();
                      await onDecided();
                    } catch (e) {
                      setError(e instanceof ApiError ? e.message : t("error.unknown"));
                    }
                  }}
                >
                  {t(`resources.requests.${decision}`)}
                </button>
              ))}
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

function ProfessionalTableView(props: { table: ProfessionalTable; excel: string; testid: string }) {
  const { table } = props;
  return (
    <div className="professional-table" data-testid={`table-${props.testid}`}>
      <div className="toolbar no-print">
        <button type="button" onClick={() => window.print()} data-testid="resources-print">
          {t("resources.print")}
        </button>
        <a className="button" href={props.excel} download data-testid="resources-excel">
          {t("resources.excel")}
        </a>
      </div>
      <h2>{table.title}</h2>
      <p className="muted small">{t("resources.tableNote")}</p>
      {table.groups.length === 0 && <p className="muted">{t("resources.tableEmpty")}</p>}
      {table.groups.map((g) => (
        <div key={g.label} className="table-scroll">
          <table className="grid-table">
            <caption>{g.label}</caption>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {g.rows.map((row) => (
                <tr key={row.id}>
                  {row.cells.map((cell, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed per table
                    <td key={i} data-label={table.columns[i]}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
