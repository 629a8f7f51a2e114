/**
 * The desks' public information (hours, contact, how to consult) and their entry defaults,
 * kept current by the desk's coordinators and the secretariat; shown on the public desk page
 * (/p/<code>/desk) when 公開 is on.
 */
import type { Desk, DeskList } from "@tsumugi/contract";
import { CONSULTATION_METHODS } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { DeskApi } from "./desk-api";

export function DesksView(props: { api: DeskApi; desks: DeskList; onSaved: () => void }) {
  return (
    <div className="desk-desks" data-testid="desk-desks">
      <p>
        <a href={props.desks.publicPath} target="_blank" rel="noreferrer">
          {t("desk.examples.publicPage")}
        </a>
      </p>
      {props.desks.desks.map((d) => (
        <DeskForm key={d.id} api={props.api} desk={d} areas={props.desks.areas} onSaved={props.onSaved} />
      ))}
    </div>
  );
}

function DeskForm(props: { api: DeskApi; desk: Desk; areas: DeskList["areas"]; onSaved: () => void }) {
  const d = props.desk;
  const [v, setV] = useState({
    hours: d.hours,
    phone: d.phone,
    email: d.email,
    address: d.address,
    howToConsult: d.howToConsult,
    defaultMethod: d.defaultMethod as string,
    defaultAreaId: d.defaultAreaId ?? "",
    public: d.public,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const editable = d.abilities.update;
  async function save(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.api.updateDesk(d.id, {
        ...v,
        defaultMethod: v.defaultMethod as Desk["defaultMethod"],
        defaultAreaId: v.defaultAreaId || null,
      });
      setSaved(true);
      setErrors({});
      setBanner(null);
      props.onSaved();
    } catch (e) {
      setErrors((e as { fields?: Record<string, string> }).fields ?? {});
      setBanner((e as Error).message);
      setSaved(false);
    }
  }
  const text = (k: "hours" | "phone" | "email" | "address", label: string) => (
    <Field label={label} error={errors[k]}>
      <input value={v[k]} disabled={!editable} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
    </Field>
  );
  return (
    <form className="card desk-desk" onSubmit={save}>
      <h3>
        {d.name} {d.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </h3>
      <ErrorBanner message={banner} />
      {text("hours", t("desk.desks.hours"))}
      {text("phone", t("desk.desks.phone"))}
      {text("email", t("desk.desks.email"))}
      {text("address", t("desk.desks.address"))}
      <Field label={t("desk.desks.howTo")} error={errors.howToConsult}>
        <textarea
          rows={3}
          value={v.howToConsult}
          disabled={!editable}
          onChange={(e) => setV({ ...v, howToConsult: e.target.value })}
        />
      </Field>
      <Field label={t("desk.desks.defaultMethod")}>
        <select
          value={v.defaultMethod}
          disabled={!editable}
          onChange={(e) => setV({ ...v, defaultMethod: e.target.value })}
        >
          {CONSULTATION_METHODS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("desk.desks.defaultArea")}>
        <select
          value={v.defaultAreaId}
          disabled={!editable}
          onChange={(e) => setV({ ...v, defaultAreaId: e.target.value })}
        >
          <option value="">{t("desk.areaUnset")}</option>
          {props.areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={v.public}
          disabled={!editable}
          onChange={(e) => setV({ ...v, public: e.target.checked })}
        />
        {t("desk.desks.public")}
      </label>
      {editable && (
        <div className="actions">
          <button type="submit" className="primary">
            {t("desk.desks.save")}
          </button>
          {saved && <span role="status">{t("desk.desks.saved")}</span>}
        </div>
      )}
    </form>
  );
}
