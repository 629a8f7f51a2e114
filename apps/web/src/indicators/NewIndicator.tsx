/** The secretariat's form for a new indicator: code, name, type (S/P/O), kind, unit, normalisation. */
import type { CreateIndicator } from "@tsumugi/contract";
import { ITEMS, itemMark, SCENES } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { indicatorsApi } from "./indicators-api";

export function NewIndicator({ wid, onDone }: { wid: string; onDone(): void }) {
  const [form, setForm] = useState<Omit<CreateIndicator, "scenes" | "items" | "monthly">>({
    code: "",
    name: "",
    type: "P",
    kind: "count",
    unit: "",
    normalisation: "none",
    direction: "up",
    source: "",
    notes: "",
  });
  const [scenes, setScenes] = useState<CreateIndicator["scenes"]>([]);
  const [items, setItems] = useState<CreateIndicator["items"]>([]);
  const [monthly, setMonthly] = useState(false);
  const [fields, setFields] = useState<Record<string, string>>({});
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await indicatorsApi(wid).create({ ...form, scenes, items, monthly });
      setFields({});
      setForm({ ...form, code: "", name: "" });
      onDone();
    } catch (err) {
      if (err instanceof ApiError) setFields(err.fields);
    }
  };
  return (
    <details className="card">
      <summary data-testid="indicator-new">{t("indicators.new")}</summary>
      <form className="inline-form" onSubmit={submit}>
        <label>
          {t("indicators.code")}
          <input value={form.code} onChange={set("code")} />
          {fields.code && (
            <span className="field-error">
              {t(fields.code === "taken" ? "indicators.codeTaken" : "field.format")}
            </span>
          )}
        </label>
        <label>
          {t("indicators.name")}
          <input value={form.name} onChange={set("name")} />
          {fields.name && <span className="field-error">{t("field.required")}</span>}
        </label>
        <label>
          {t("indicators.type")}
          <select value={form.type} onChange={set("type")}>
            {(["S", "P", "O"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicatorType.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.kind")}
          <select value={form.kind} onChange={set("kind")}>
            {(["count", "rate", "yesno", "score"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicatorKind.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.unit")}
          <input value={form.unit} onChange={set("unit")} className="short" />
        </label>
        <label>
          {t("indicators.normalisation")}
          <select value={form.normalisation} onChange={set("normalisation")}>
            <option value="none">{t("indicators.per.none")}</option>
            {(["per10k75", "per10k65", "per10kPop"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicators.per.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.directionLabel")}
          <select value={form.direction} onChange={set("direction")}>
            {(["up", "down", "none"] as const).map((x) => (
              <option key={x} value={x}>
                {t(`indicators.direction.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("indicators.source")}
          <input value={form.source} onChange={set("source")} />
        </label>
        <label>
          {t("indicators.note")}
          <input value={form.notes} onChange={set("notes")} />
        </label>
        <fieldset className="checks">
          <legend>{t("plan.col.scenes")}</legend>
          {SCENES.map((x) => (
            <label key={x.id} className="check">
              <input
                type="checkbox"
                checked={scenes.includes(x.id)}
                onChange={(e) =>
                  setScenes(e.target.checked ? [...scenes, x.id] : scenes.filter((v) => v !== x.id))
                }
              />
              {t(`scene.${x.id}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="checks">
          <legend>{t("plan.col.items")}</legend>
          {ITEMS.map((x) => (
            <label key={x.id} className="check">
              <input
                type="checkbox"
                checked={items.includes(x.id)}
                onChange={(e) =>
                  setItems(e.target.checked ? [...items, x.id] : items.filter((v) => v !== x.id))
                }
              />
              {itemMark(x.id)}
            </label>
          ))}
        </fieldset>
        <label className="check">
          <input type="checkbox" checked={monthly} onChange={(e) => setMonthly(e.target.checked)} />
          {t("indicators.monthly")}
        </label>
        <button type="submit">{t("common.create")}</button>
      </form>
    </details>
  );
}
