/**
 * The directory entries linked to a plan action (取組), in the action's panel: each with its
 * kind, address and phone and a way to the directory; whoever writes the plan adds entries
 * found by name, address or service, and removes them. Links live on the server
 * (/resources/links), not in the plan's document.
 */
import type { ResourceLinkList, ResourceRef } from "@tsumugi/contract";
import { resourceKindLabel } from "@tsumugi/domain";
import { useCallback, useEffect, useMemo, useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import { resourcesApi } from "./resources-api";
import "./action-resources.css";
import "./kind-chips.css";

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : t("error.unknown"));

export function ActionResources({ wid, actionId }: { wid: string; actionId: string }) {
  const api = useMemo(() => resourcesApi(wid), [wid]);
  const [data, setData] = useState<ResourceLinkList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [text, setText] = useState("");
  const [hits, setHits] = useState<ResourceRef[] | null>(null);

  const load = useCallback(async () => {
    try {
      setData(await api.actionLinks([actionId]));
    } catch (e) {
      setError(messageOf(e));
    }
  }, [api, actionId]);
  useEffect(() => {
    void load();
  }, [load]);

  // Entries matching what is typed; an answer to an older text is dropped.
  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let current = true;
    api
      .lookup(q)
      .then((r) => {
        if (current) setHits(r.resources);
      })
      .catch((e) => current && setError(messageOf(e)));
    return () => {
      current = false;
    };
  }, [api, text]);

  if (!data) return error ? <ErrorBanner message={error} /> : null;
  const linked = data.resources;
  const change = async (rid: string, add: boolean) => {
    setError(null);
    try {
      if (add) await api.linkAction(rid, actionId);
      else await api.unlinkAction(rid, actionId);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const candidates = (hits ?? []).filter((h) => !linked.some((l) => l.id === h.id)).slice(0, 8);

  return (
    <fieldset className="wide action-resources" data-testid="action-resources">
      <legend>{t("resources.actionLinks.title")}</legend>
      <ErrorBanner message={error} />
      {linked.length === 0 && <p className="muted small">{t("resources.actionLinks.none")}</p>}
      <ul className="plain linked-resources">
        {linked.map((r) => (
          <li key={r.id} data-testid="action-resource">
            <span className={`kind-chip kind-${r.kind}`}>{resourceKindLabel(r.kind)}</span>{" "}
            <Link
              to={`/w/${wid}?tab=resources&q=${encodeURIComponent(r.name)}`}
              title={t("resources.actionLinks.open")}
            >
              {r.name}
            </Link>
            <span className="muted small">
              {" "}
              {r.address}
              {r.phone && ` ${t("resources.phone")} ${r.phone}`}
            </span>
            {data.canLink && (
              <button
                type="button"
                className="secondary small-button"
                aria-label={t("resources.actionLinks.removeLabel", { name: r.name })}
                data-testid="action-resource-remove"
                onClick={() => change(r.id, false)}
              >
                {t("resources.actionLinks.remove")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {data.canLink && (
        <div className="resource-picker">
          <label>
            <span className="small">{t("resources.actionLinks.search")}</span>
            <input
              type="search"
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="action-resource-search"
            />
          </label>
          {hits && candidates.length === 0 && (
            <p className="muted small">{t("resources.actionLinks.noHit")}</p>
          )}
          {candidates.length > 0 && (
            <ul className="plain resource-hits">
              {candidates.map((r) => (
                <li key={r.id} data-testid="action-resource-hit">
                  <button
                    type="button"
                    className="secondary small-button"
                    aria-label={t("resources.actionLinks.addLabel", { name: r.name })}
                    data-testid="action-resource-add"
                    onClick={() => change(r.id, true)}
                  >
                    {t("resources.actionLinks.add")}
                  </button>{" "}
                  {r.name}{" "}
                  <span className="muted small">
                    {resourceKindLabel(r.kind)}・{r.address}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
