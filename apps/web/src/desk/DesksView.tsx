/**
 * The desks: their public information (hours, contact, how to consult) and entry defaults,
 * kept current by the desk's coordinators and the secretariat and shown on the public desk
 * page (/p/<code>/desk) when 公開 is on; for the secretariat also new desks, each desk's
 * coordinators and the 日常生活圏域 (the list the resource directory uses too).
 */
import type { Desk, DeskList, Member } from "@tsumugi/contract";
import { CONSULTATION_METHODS } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { AreasSettings } from "../areas/AreasSettings";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { DeskApi } from "./desk-api";

export function DesksView(props: {
  wid: string;
  api: DeskApi;
  desks: DeskList;
  canManage: boolean;
  coordinators: Member[];
  onSaved: () => void;
}) {
  return (
    <div className="desk-desks" data-testid="desk-desks">
      <p>
        <a href={props.desks.publicPath} target="_blank" rel="noreferrer">
          {t("desk.examples.publicPage")}
        </a>
      </p>
      {props.desks.desks.map((d) => (
        <DeskForm
          // A form starts from the desk as read: new when its coordinators or its default area
          // change elsewhere (an area deleted into another below).
          key={`${d.id}:${d.staffIds.join(",")}:${d.defaultAreaId ?? ""}`}
          api={props.api}
          desk={d}
          areas={props.desks.areas}
          coordinators={props.coordinators}
          onSaved={props.onSaved}
        />
      ))}
      {props.canManage && (
        <>
          <NewDesk api={props.api} coordinators={props.coordinators} onSaved={props.onSaved} />
          <AreasSettings wid={props.wid} onChanged={props.onSaved} />
        </>
      )}
    </div>
  );
}

function StaffChoice(props: {
  coordinators: Member[];
  value: string[];
  disabled?: boolean;
  onChange: (ids: string[]) => void;
  testId: string;
}) {
  return (
    <fieldset className="desk-checks" data-testid={props.testId}>
      <legend>{t("desk.desks.staff")}</legend>
      {props.coordinators.length === 0 && <p className="muted small">{t("desk.desks.noCoordinators")}</p>}
      {props.coordinators.map((m) => (
        <label key={m.userId} className="desk-check wraps">
          <input
            type="checkbox"
            disabled={props.disabled}
            checked={props.value.includes(m.userId)}
            onChange={(e) =>
              props.onChange(
                e.target.checked ? [...props.value, m.userId] : props.value.filter((x) => x !== m.userId),
              )
            }
          />
          {m.name}
          {m.organization ? `（${m.organization}）` : ""}
        </label>
      ))}
    </fieldset>
  );
}

function DeskForm(props: {
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
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const editable = d.abilities.update;
  async function remove() {
    try {
      await props.api.deleteDesk(d.id);
      setBanner(null);
      props.onSaved();
    } catch (e) {
      setBanner((e as Error).message);
      setConfirmDelete(false);
    }
  }
  async function save(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.api.updateDesk(d.id, {
        ...v,
        defaultMethod: v.defaultMethod as Desk["defaultMethod"],
        defaultAreaId: v.defaultAreaId || null,
        ...(d.abilities.manageStaff ? { staffIds } : {}),
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
    <form className="card desk-desk" onSubmit={save} data-testid="desk-form" data-desk-id={d.id}>
      <h3>
        {d.name} {d.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </h3>
      <ErrorBanner message={banner} />
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

function NewDesk(props: { api: DeskApi; coordinators: Member[]; onSaved: () => void }) {
  const [name, setName] = useState("");
  const [staffIds, setStaffIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  async function create(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.api.createDesk({ name, staffIds });
      setName("");
      setStaffIds([]);
      setErrors({});
      setBanner(null);
      setCreated(true);
      props.onSaved();
    } catch (e) {
      setErrors((e as { fields?: Record<string, string> }).fields ?? {});
      setBanner((e as Error).message);
      setCreated(false);
    }
  }
  return (
    <form className="card desk-desk" onSubmit={create} data-testid="desk-new">
      <h3>{t("desk.desks.add")}</h3>
      <ErrorBanner message={banner} />
      <Field label={t("desk.desks.name")} error={errors.name}>
        <input
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          data-testid="desk-new-name"
        />
      </Field>
      <StaffChoice
        coordinators={props.coordinators}
        value={staffIds}
        onChange={setStaffIds}
        testId="desk-new-staff"
      />
      <div className="actions">
        <button type="submit" className="primary" data-testid="desk-new-create">
          {t("desk.desks.create")}
        </button>
        {created && <span role="status">{t("desk.desks.created")}</span>}
      </div>
    </form>
  );
}
