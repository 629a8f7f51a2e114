/**
 * Where a contact was referred (他機関へつなぐ): an entry of the municipality's resource
 * directory, found by its name, kana, address or service, beside the organisation typed as
 * text (a department, a person's title). Keyboard only: type, Enter, Tab to a result, Enter.
 */
import type { ResourceRef } from "@tsumugi/contract";
import { labelOf, RESOURCE_KINDS } from "@tsumugi/domain";
import { type KeyboardEvent, useMemo, useState } from "react";
import { t } from "../i18n/t";
import { resourcesApi } from "../resources/resources-api";

export function referralLabel(r: ResourceRef): string {
  return `${r.name}（${labelOf(RESOURCE_KINDS, r.kind)}）`;
}

/** The directory's list opened on the entry (its name as the list's search). */
export function referralHref(r: ResourceRef): string {
  return `?tab=resources&view=list&q=${encodeURIComponent(r.name)}`;
}

export function ReferralPicker(props: {
  wid: string;
  value: ResourceRef | null;
  onChange: (value: ResourceRef | null) => void;
  error?: string;
}) {
  const api = useMemo(() => resourcesApi(props.wid), [props.wid]);
  const [text, setText] = useState("");
  const [hits, setHits] = useState<ResourceRef[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  async function search() {
    const q = text.trim();
    if (!q) return;
    try {
      const found = await api.lookup(q);
      setHits(found.resources.filter((r) => r.status === "active").slice(0, 8));
      setFailed(null);
    } catch (e) {
      setFailed((e as Error).message);
    }
  }
  function onKey(ev: KeyboardEvent<HTMLInputElement>) {
    // Enter searches here instead of saving the form.
    if (ev.key === "Enter" && !ev.ctrlKey && !ev.metaKey) {
      ev.preventDefault();
      void search();
    }
  }

  if (props.value) {
    return (
      <div className="desk-referral" data-testid="referral-chosen">
        <span className="field-label">{t("desk.referral.entry")}</span>
        <p>
          <strong>{referralLabel(props.value)}</strong>{" "}
          <button
            type="button"
            className="secondary"
            onClick={() => props.onChange(null)}
            data-testid="referral-clear"
          >
            {t("desk.referral.clear")}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="desk-referral" data-testid="referral-picker">
      <label className="field">
        <span className="field-label">{t("desk.referral.entry")}</span>
        <span className="desk-referral-search">
          <input
            type="search"
            value={text}
            maxLength={100}
            placeholder={t("desk.referral.placeholder")}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            data-testid="referral-search"
          />
          <button
            type="button"
            className="secondary"
            onClick={() => void search()}
            data-testid="referral-search-button"
          >
            {t("desk.referral.search")}
          </button>
        </span>
        {props.error && <span className="field-error">{t("desk.referral.unknown")}</span>}
      </label>
      {failed && (
        <p className="field-error" role="alert">
          {failed}
        </p>
      )}
      {hits && (
        <div role="status" data-testid="referral-results">
          {hits.length === 0 ? (
            <p className="muted small">{t("desk.referral.none")}</p>
          ) : (
            <ul className="desk-referral-hits">
              {hits.map((r) => (
                <li key={r.id}>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      props.onChange(r);
                      setHits(null);
                      setText("");
                    }}
                    data-testid="referral-hit"
                  >
                    {referralLabel(r)}
                  </button>
                  {r.address && <span className="muted small"> {r.address}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
