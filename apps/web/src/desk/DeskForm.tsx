/**
 * One desk's public information (hours, contact, how to consult, 公開) and entry defaults, kept
 * by its coordinators and the secretariat; its coordinators and deletion for the secretariat.
 */
import type { Desk, DeskList, Member } from "@tsumugi/contract";
import { CONSULTATION_METHODS } from "@tsumugi/domain";
import { useState } from "react";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import type { DeskApi } from "./desk-api";
import { StaffChoice } from "./StaffChoice";

export function DeskForm(props: {
  api: DeskApi;
  desk: Desk;
  areas: DeskList["areas"];
  coordinators: Member[];
  onSaved: () => void;
}) {
  const d = props.desk;
  const [v, setV] = useState({
    name: d.name,
    hours: d.hours,
    phone: d.phone,
    email: d.email,
    address: d.address,
    howToConsult: d.howToConsult,
    defaultMethod: d.defaultMethod as string,
    defaultAreaId: d.defaultAreaId ?? "",
    public: d.public,
  });
  const [staffIds, setStaffIds] = useState(d.staffIds);
  const form = useApiForm();
  const errors = form.fields;
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const editable = d.abilities.update;
  async function remove() {
    if (await form.run(() => props.api.deleteDesk(d.id))) props.onSaved();
    else setConfirmDelete(false);
  }
  const save = form.onSubmit(async () => {
    setSaved(false);
    await props.api.updateDesk(d.id, {
      ...v,
      defaultMethod: v.defaultMethod as Desk["defaultMethod"],
      defaultAreaId: v.defaultAreaId || null,
      ...(d.abilities.manageStaff ? { staffIds } : {}),
    });
    setSaved(true);
    props.onSaved();
  });
  const text = (k: "hours" | "phone" | "email" | "address", label: string) => (
    <Field label={label} error={errors[k]}>
      <input value={v[k]} disabled={!editable} onChange={(e) => setV({ ...v, [k]: e.target.value })} />
    </Field>
  );
  return (
    <form className="card desk-desk" onSubmit={save} data-testid="desk-form" data-desk-id={d.id}>
      <h3>
        {d.name} {d.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </h3>
      <ErrorBanner message={form.error} />
      {editable && (
        <Field label={t("desk.desks.name")} error={errors.name}>
          <input
            value={v.name}
            maxLength={100}
            onChange={(e) => setV({ ...v, name: e.target.value })}
            data-testid="desk-name"
          />
        </Field>
      )}
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
      <label className="desk-check">
        <input
          type="checkbox"
          checked={v.public}
          disabled={!editable}
          onChange={(e) => setV({ ...v, public: e.target.checked })}
        />
        {t("desk.desks.public")}
      </label>
      {d.abilities.manageStaff && (
        <StaffChoice
          coordinators={props.coordinators}
          value={staffIds}
          onChange={setStaffIds}
          testId="desk-staff"
        />
      )}
      {errors.staffIds && <ErrorBanner message={t("field.notCoordinator")} />}
      {editable && (
        <div className="actions">
          <button type="submit" className="primary" data-testid="desk-save">
            {t("desk.desks.save")}
          </button>
          {saved && <span role="status">{t("desk.desks.saved")}</span>}
          {d.abilities.delete && !confirmDelete && (
            <button
              type="button"
              className="danger"
              onClick={() => setConfirmDelete(true)}
              data-testid="desk-delete"
            >
              {t("desk.desks.delete")}
            </button>
          )}
        </div>
      )}
      {confirmDelete && (
        <div className="desk-delete-confirm" data-testid="desk-delete-form">
          <p>{t("desk.desks.deleteConfirm", { name: d.name })}</p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              onClick={() => void remove()}
              data-testid="desk-delete-confirm"
            >
              {t("desk.desks.deleteDo")}
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              {t("desk.desks.deleteCancel")}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}
