/**
 * The directory's list of cards, with each entry's distance, its linked plan actions (取組),
 * its 日常生活圏域 for those who edit entries, and the provider's update link.
 */
import type { CreatedUpdateLink, Resource, ResourceArea } from "@tsumugi/contract";
import { useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";
import { ResourceCard } from "./ResourceCard";
import { distanceText } from "./resource-filters";

export function ResourceList(props: {
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
