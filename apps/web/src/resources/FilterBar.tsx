/**
 * The directory's filter bar: text, 種別, できること, 日常生活圏域, and "nearest first" from a
 * 町名, an entry or the device's position, with the count of entries shown.
 */
import type { Resource, ResourceArea } from "@tsumugi/contract";
import { RESOURCE_KINDS, resourceKindLabel, SERVICE_TAGS } from "@tsumugi/domain";
import { useState } from "react";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";
import type { Filters, Origin } from "./resource-filters";

export function FilterBar(props: {
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
