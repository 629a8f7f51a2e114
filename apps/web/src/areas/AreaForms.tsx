/** The forms of the 日常生活圏域 list: add or edit an area, delete one into another. */
import type { Area } from "@tsumugi/contract";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { Field } from "../ui/Field";
import { parseTowns } from "./areas-api";

/** What names an area, the kinds that do only: 相談記録 64件・資源 5件. */
export function usageText(u: NonNullable<Area["usage"]>): string {
  const parts = [
    u.cases > 0 ? t("areas.usage.cases", { n: u.cases }) : "",
    u.desks > 0 ? t("areas.usage.desks", { n: u.desks }) : "",
    u.resources > 0 ? t("areas.usage.resources", { n: u.resources }) : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("・") : t("areas.unused");
}

/** Adds an area (no `area`) or edits one. */
export function AreaForm(props: {
  area?: Area;
  onSave: (body: { name: string; towns: string[] }) => Promise<void>;
  onCancel?: () => void;
}) {
  const [name, setName] = useState(props.area?.name ?? "");
  const [towns, setTowns] = useState((props.area?.towns ?? []).join("\n"));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const editing = props.area !== undefined;
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.onSave({ name: name.trim(), towns: parseTowns(towns) });
      setErrors({});
      if (!editing) {
        setName("");
        setTowns("");
      }
    } catch (e) {
      setErrors(e instanceof ApiError ? e.fields : {});
    }
  }
  const prefix = editing ? "area-edit" : "area-new";
  return (
    <form
      className={editing ? "areas-form" : "areas-form areas-add"}
      onSubmit={submit}
      data-testid={`${prefix}-form`}
    >
      {!editing && <h4>{t("areas.add")}</h4>}
      <Field label={t("areas.name")} error={errors.name}>
        <input
          value={name}
          maxLength={50}
          onChange={(e) => setName(e.target.value)}
          data-testid={`${prefix}-name`}
        />
      </Field>
      <Field label={t("areas.towns")} error={errors.towns}>
        <textarea
          rows={3}
          value={towns}
          onChange={(e) => setTowns(e.target.value)}
          data-testid={`${prefix}-towns`}
        />
      </Field>
      <div className="actions">
        <button type="submit" className="primary" data-testid={`${prefix}-save`}>
          {editing ? t("areas.save") : t("areas.add")}
        </button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            {t("areas.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}

/** Confirms a deletion; an area in use names the area that takes over. */
export function DeleteArea(props: {
  area: Area;
  others: Area[];
  onDelete: (moveTo: string | undefined) => Promise<void>;
  onCancel: () => void;
}) {
  const u = props.area.usage;
  const used = u !== undefined && u.cases + u.desks + u.resources > 0;
  const [moveTo, setMoveTo] = useState(props.others[0]?.id ?? "");
  const [error, setError] = useState<string | undefined>(undefined);
  async function submit(ev: FormEvent) {
    ev.preventDefault();
    try {
      await props.onDelete(used ? moveTo : undefined);
    } catch (e) {
      setError(e instanceof ApiError ? e.fields.moveTo : undefined);
    }
  }
  return (
    <form className="areas-delete" onSubmit={submit} data-testid="area-delete-form">
      <p>
        {t("areas.deleteConfirm", { name: props.area.name })}
        {u && used && ` ${usageText(u)}`}
      </p>
      {used && props.others.length === 0 ? (
        <p className="field-error">{t("areas.deleteNoTarget")}</p>
      ) : (
        used && (
          <>
            <Field label={t("areas.deleteMove")} error={error}>
              <select value={moveTo} onChange={(e) => setMoveTo(e.target.value)} data-testid="area-move-to">
                {props.others.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </Field>
            <p className="muted small">{t("areas.deleteMoveHelp")}</p>
          </>
        )
      )}
      <div className="actions">
        <button
          type="submit"
          className="danger"
          disabled={used && props.others.length === 0}
          data-testid="area-delete-confirm"
        >
          {t("areas.deleteDo")}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t("areas.cancel")}
        </button>
      </div>
    </form>
  );
}
