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
  isInJapan,
  liaisonTable,
  originOfAddress,
  type ProfessionalTable,
  RESOURCE_KINDS,
  type ResourceKind,
  resourceKindLabel,
  SERVICE_TAGS,
  type ServiceTag,
  searchDirectory,
  townCentres,
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
  /** Nearest first from: an address or 町名, an entry, or the device's position. */
  sort: "" | "town" | "entry" | "here";
  near: string;
  nearId: string;
  lat: string;
  lng: string;
}

/** Where "nearest first" measures from, or why it cannot. */
export type Origin = { lat: number; lng: number; label: string } | { problem: string } | null;

export function ResourcesPanel(props: {
  wid: string;
  canImport: boolean;
  canReview: boolean;
  /** The municipality's name (流山市): addresses are read after it. */
  municipality?: string;
}) {
  const { wid, canImport, canReview } = props;
  const municipality = props.municipality ?? "";
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
    sort: (["town", "entry", "here"].includes(params.get("sort") ?? "")
      ? params.get("sort")
      : "") as Filters["sort"],
    near: params.get("near") ?? "",
    nearId: params.get("nearId") ?? "",
    lat: params.get("lat") ?? "",
    lng: params.get("lng") ?? "",
  };
  const setFilters = (values: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(values)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  };
  const setFilter = (name: string, value: string) => setFilters({ [name]: value });
  const viewLink = (v: View) => {
    const next = new URLSearchParams(params);
    next.set("view", v);
    return `?${next}`;
  };

  const { text, kind, service, area, sort, near, nearId, lat, lng } = filters;
  const centres = useMemo(
    () =>
      townCentres(
        (data?.resources ?? []).filter((r) => r.status === "active"),
        municipality,
      ),
    [data, municipality],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: the origin is these five values
  const origin = useMemo(
    () => (data ? originOf(data, filters, centres, municipality) : null),
    [data, centres, municipality, sort, near, nearId, lat, lng],
  );
  const place = origin && "lat" in origin ? origin : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the filters are their values
  const found = useMemo(
    () => (data ? filtered(data, filters, place) : []),
    [data, text, kind, service, area, place],
  );
  const shown = found.map((h) => h.entry);
  const distances = new Map(found.map((h) => [h.entry.id, h.distanceKm]));
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
        <FilterBar
          filters={filters}
          areas={data.areas}
          setFilter={setFilter}
          setFilters={setFilters}
          count={shown.length}
          towns={centres.map((c) => c.town)}
          entries={data.resources}
          origin={origin}
        />
      )}
      {view === "list" && (
        <ResourceList
          entries={shown}
          areaName={areaName}
          sendLink={(r) => api.sendLink(r.id)}
          actionsOf={actionsOf}
          distanceOf={(id) => distances.get(id) ?? null}
          areas={data.areas}
          setArea={async (r, areaId) => {
            await api.update(r.id, { areaId });
            await reload();
          }}
        />
      )}
      {view === "map" && (
        <Deferred label={t("resources.map.loading")}>
          <ResourceMap
            entries={shown}
            origin={place}
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

function filtered(
  data: ResourceDirectory,
  f: Filters,
  from: { lat: number; lng: number } | null,
): { entry: Resource; distanceKm: number | null }[] {
  const entries = data.resources.map((r) => ({ id: r.id, r, status: r.status, fields: fieldsOf(r) }));
  const hits = searchDirectory(
    entries.filter((e) => !(f.sort === "entry" && e.id === f.nearId)),
    {
      text: f.text || undefined,
      kinds: f.kind ? [f.kind] : undefined,
      services: f.service ? [f.service] : undefined,
      areaId: f.area && f.area !== "none" ? f.area : null,
      from,
    },
  );
  return hits
    .filter((h) => f.area !== "none" || h.entry.r.areaId === null)
    .map((h) => ({ entry: h.entry.r, distanceKm: h.distanceKm }));
}

/** Where "nearest first" measures from, as the filters say (null when not sorting). */
function originOf(
  data: ResourceDirectory,
  f: Filters,
  centres: ReturnType<typeof townCentres>,
  municipality: string,
): Origin {
  if (f.sort === "town") {
    if (!f.near.trim()) return null;
    const town = originOfAddress(f.near, centres, municipality);
    return town
      ? { lat: town.lat, lng: town.lng, label: t("resources.near.townLabel", { town: town.town }) }
      : { problem: t("resources.near.unknownTown", { text: f.near }) };
  }
  if (f.sort === "entry") {
    const r = data.resources.find((x) => x.id === f.nearId);
    if (!r) return null;
    if (r.lat === null || r.lng === null)
      return { problem: t("resources.near.entryUnplaced", { name: r.name }) };
    return { lat: r.lat, lng: r.lng, label: r.name };
  }
  if (f.sort === "here") {
    const lat = Number(f.lat);
    const lng = Number(f.lng);
    if (!f.lat || !f.lng || !isInJapan(lat, lng)) return null;
    return { lat, lng, label: t("resources.near.hereLabel") };
  }
  return null;
}

/** "約350m", "約1.2km". */
export function distanceText(km: number): string {
  if (km < 1) return t("resources.near.metres", { n: Math.max(10, Math.round((km * 1000) / 10) * 10) });
  return t("resources.near.km", { n: km < 10 ? km.toFixed(1) : String(Math.round(km)) });
}

function FilterBar(props: {
  filters: Filters;
  areas: readonly ResourceArea[];
  setFilter: (name: string, value: string) => void;
  setFilters: (values: Record<string, string>) => void;
  count: number;
  towns: readonly string[];
  entries: readonly Resource[];
  origin: Origin;
}) {
  const { filters, setFilter } = props;
  const [locating, setLocating] = useState<string | null>(null);
  const locate = () => {
    if (!("geolocation" in navigator)) {
      setLocating(t("resources.near.hereFailed"));
      return;
    }
    setLocating(t("resources.near.locating"));
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(null);
        props.setFilters({
          sort: "here",
          lat: p.coords.latitude.toFixed(3),
          lng: p.coords.longitude.toFixed(3),
        });
      },
      () => setLocating(t("resources.near.hereFailed")),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };
  const placed = props.entries
    .filter((r) => r.status === "active" && r.lat !== null)
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.kana.localeCompare(b.kana, "ja"));
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
      <Field label={t("resources.near.sort")}>
        <select
          value={filters.sort}
          onChange={(e) => {
            const sort = e.target.value;
            props.setFilters({ sort, near: "", nearId: "", lat: "", lng: "" });
            if (sort === "here") locate();
          }}
          data-testid="resources-sort"
        >
          <option value="">{t("resources.near.none")}</option>
          <option value="town">{t("resources.near.town")}</option>
          <option value="entry">{t("resources.near.entry")}</option>
          <option value="here">{t("resources.near.here")}</option>
        </select>
      </Field>
      {filters.sort === "town" && (
        <Field label={t("resources.near.townInput")}>
          <input
            type="search"
            value={filters.near}
            list="resource-towns"
            placeholder={props.towns[0] ? t("resources.near.example", { town: props.towns[0] }) : undefined}
            onChange={(e) => setFilter("near", e.target.value)}
            data-testid="resources-near"
          />
          <datalist id="resource-towns">
            {props.towns.map((town) => (
              <option key={town} value={town} />
            ))}
          </datalist>
        </Field>
      )}
      {filters.sort === "entry" && (
        <Field label={t("resources.near.entryInput")}>
          <select
            value={filters.nearId}
            onChange={(e) => setFilter("nearId", e.target.value)}
            data-testid="resources-near-entry"
          >
            <option value="">{t("resources.near.choose")}</option>
            {placed.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}（{resourceKindLabel(r.kind)}）
              </option>
            ))}
          </select>
        </Field>
      )}
      {filters.sort === "here" && (
        <button type="button" className="secondary" onClick={locate} data-testid="resources-locate">
          {t("resources.near.again")}
        </button>
      )}
      <p className="resources-count" role="status" data-testid="resources-count">
        {t("resources.count", { n: props.count })}
        {props.origin && "label" in props.origin && (
          <span data-testid="resources-origin">
            {t(filters.sort === "town" ? "resources.near.fromTown" : "resources.near.from", {
              label: props.origin.label,
            })}
          </span>
        )}
      </p>
      {(locating || (props.origin && "problem" in props.origin)) && (
        <p className="resources-near-note" role="status" data-testid="resources-near-problem">
          {locating ?? (props.origin && "problem" in props.origin ? props.origin.problem : "")}
        </p>
      )}
    </div>
  );
}

function ResourceList(props: {
  entries: readonly Resource[];
  areaName: (id: string | null) => string;
  sendLink: (r: Resource) => Promise<CreatedUpdateLink>;
  actionsOf: (id: string) => string[];
  distanceOf: (id: string) => number | null;
  areas: readonly ResourceArea[];
  setArea: (r: Resource, areaId: string | null) => Promise<void>;
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
            {props.distanceOf(r.id) !== null && (
              <p className="resource-distance" data-testid="resource-distance">
                {distanceText(props.distanceOf(r.id) ?? 0)}
              </p>
            )}
            {props.actionsOf(r.id).length > 0 && (
              <p className="small" data-testid="resource-actions">
                <span className="muted">{t("resources.card.actions")}：</span>
                {props.actionsOf(r.id).join("、")}
              </p>
            )}
            {r.abilities.update && props.areas.length > 0 && (
              <AreaPicker resource={r} areas={props.areas} setArea={props.setArea} />
            )}
            {r.abilities.sendLink && <LinkIssuer send={() => props.sendLink(r)} />}
          </ResourceCard>
        </li>
      ))}
    </ul>
  );
}

/**
 * The entry's 日常生活圏域 (the workspace's one list, shared with the desk), for those who edit
 * entries. Set by hand, it is kept by later imports.
 */
function AreaPicker(props: {
  resource: Resource;
  areas: readonly ResourceArea[];
  setArea: (r: Resource, areaId: string | null) => Promise<void>;
}) {
  const { resource: r } = props;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="area-picker">
      <label>
        <span className="muted small">{t("resources.filter.area")}</span>{" "}
        <select
          value={r.areaId ?? ""}
          disabled={busy}
          aria-label={t("resources.areaOf", { name: r.name })}
          data-testid="resource-area"
          onChange={async (e) => {
            setBusy(true);
            setError(null);
            try {
              await props.setArea(r, e.target.value || null);
            } catch (err) {
              setError(err instanceof ApiError ? err.message : t("error.unknown"));
            } finally {
              setBusy(false);
            }
          }}
        >
          <option value="">{t("resources.filter.noArea")}</option>
          {props.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </label>
      <ErrorBanner message={error} />
    </div>
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
