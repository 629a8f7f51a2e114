/** Small editing controls shared by the plan's lists and tables. */
import {
  eraOfIsoDate,
  FISCAL_MONTHS,
  ITEMS,
  itemMark,
  type PlanTable,
  rowText,
  SCENES,
} from "@tsumugi/domain";
import type { ReactNode } from "react";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { usePlanContext } from "./PlanPage";
import { type RowVisitor, rowKey } from "./row-presence";

/** Enter in a row's title moves to the same field of the next row, as in a spreadsheet. */
function focusNextField(current: HTMLElement, testId: string): void {
  const fields = [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  fields[fields.indexOf(current) + 1]?.focus();
}

/** Names of the others editing this row, in their colour. */
export function Visitors({ table, id }: { table: PlanTable; id: string }) {
  const { presence } = usePlanContext();
  const visitors: RowVisitor[] = presence.get(rowKey(table, id)) ?? [];
  if (visitors.length === 0) return null;
  return (
    <span className="visitors" data-testid="row-visitors">
      {visitors.map((v) => (
        <span
          key={v.userId}
          className="visitor"
          style={{ borderColor: v.color, color: v.color }}
          title={t("plan.editingBy", { name: v.name })}
        >
          {v.name}
        </span>
      ))}
    </span>
  );
}

/** The row's border takes the colour of someone editing it. */
export function visitorStyle(presence: Map<string, RowVisitor[]>, table: PlanTable, id: string) {
  const first = presence.get(rowKey(table, id))?.[0];
  return first ? { boxShadow: `inset 4px 0 0 ${first.color}` } : undefined;
}

/** A text field of a row, bound to its collaborative text. */
export function RowText(props: {
  table: PlanTable;
  id: string;
  field: string;
  label: string;
  multiline?: boolean;
  rows?: number;
  testId?: string;
  placeholder?: string;
}) {
  const ctx = usePlanContext();
  const text = rowText(ctx.doc, props.table, props.id, props.field);
  if (!text) return null;
  return (
    <CollabTextInput
      text={text}
      label={props.label}
      multiline={props.multiline}
      rows={props.rows}
      noLineBreaks={props.field === "title" || props.field === "activity"}
      onEnter={props.testId ? (el) => focusNextField(el, props.testId as string) : undefined}
      readOnly={!ctx.editable}
      testId={props.testId}
      placeholder={props.placeholder}
      className="cell-input"
      onFocus={() => ctx.focusRow(props.table, props.id)}
      onBlur={() => ctx.focusRow(null)}
    />
  );
}

export function Chips<T extends string>(props: {
  options: readonly { id: T; label: string; title?: string }[];
  value: readonly T[];
  disabled: boolean;
  label: string;
  onChange(next: T[]): void;
  testId?: string;
}) {
  return (
    <fieldset className="chips" aria-label={props.label} data-testid={props.testId}>
      {props.options.map((o) => {
        const on = props.value.includes(o.id);
        return (
          <button
            key={o.id}
            type="button"
            className={on ? "chip on" : "chip"}
            aria-pressed={on}
            disabled={props.disabled}
            title={o.title ?? o.label}
            onClick={() =>
              props.onChange(on ? props.value.filter((v) => v !== o.id) : [...props.value, o.id])
            }
          >
            {o.label}
          </button>
        );
      })}
    </fieldset>
  );
}

export const sceneOptions = () => SCENES.map((s) => ({ id: s.id, label: t(`scene.${s.id}` as MessageKey) }));
/** Short scene names for the chips in crowded table cells (the full name is the tooltip). */
export const sceneChipOptions = () =>
  SCENES.map((s) => ({
    id: s.id,
    label: t(`sceneShort.${s.id}` as MessageKey),
    title: t(`scene.${s.id}` as MessageKey),
  }));
export const itemOptions = () => ITEMS.map((i) => ({ id: i.id, label: itemMark(i.id) }));

export function Select<T extends string>(props: {
  value: T | null;
  options: readonly { id: T; label: string }[];
  label: string;
  disabled: boolean;
  allowEmpty?: string;
  onChange(value: T | null): void;
  testId?: string;
}) {
  return (
    <select
      aria-label={props.label}
      value={props.value ?? ""}
      disabled={props.disabled}
      data-testid={props.testId}
      onChange={(e) => props.onChange(e.target.value === "" ? null : (e.target.value as T))}
    >
      {props.allowEmpty !== undefined && <option value="">{props.allowEmpty}</option>}
      {props.options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * A month of the 年度 around `fiscalYear` (April of the year before to March of the year
 * after), labelled in 和暦 as officials write it; "" means not set.
 */
export function MonthSelect(props: {
  value: string | null;
  fiscalYear: number;
  label: string;
  disabled: boolean;
  onChange(value: string | null): void;
}) {
  const months: string[] = [];
  for (let fy = props.fiscalYear - 1; fy <= props.fiscalYear + 1; fy++) {
    for (const m of FISCAL_MONTHS) months.push(`${m >= 4 ? fy : fy + 1}-${String(m).padStart(2, "0")}`);
  }
  const current = props.value?.slice(0, 7) ?? "";
  if (current && !months.includes(current)) months.push(current);
  return (
    <select
      aria-label={props.label}
      value={current}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.target.value === "" ? null : e.target.value)}
    >
      <option value="">{t("plan.noGroup")}</option>
      {months.map((m) => {
        const { era, year } = eraOfIsoDate(`${m}-01`);
        return (
          <option key={m} value={m}>
            {t("plan.month", {
              era,
              year: year === 1 ? t("plan.eraFirstYear") : year,
              month: Number(m.slice(5, 7)),
            })}
          </option>
        );
      })}
    </select>
  );
}

export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const pct = Number.isFinite(value) ? Math.round(value) : null;
  return (
    <span className="progress" title={label}>
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${pct ?? 0}%` }} />
      </span>
      <span className="progress-num">{pct === null ? t("dashboard.noData") : `${pct}%`}</span>
    </span>
  );
}

export function RowTools(props: {
  onUp(): void;
  onDown(): void;
  onDelete(): void;
  disabled: boolean;
  children?: ReactNode;
}) {
  return (
    <span className="row-tools">
      <button
        type="button"
        className="icon"
        onClick={props.onUp}
        disabled={props.disabled}
        title={t("plan.moveUp")}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon"
        onClick={props.onDown}
        disabled={props.disabled}
        title={t("plan.moveDown")}
      >
        ↓
      </button>
      {props.children}
      <button
        type="button"
        className="icon danger"
        onClick={props.onDelete}
        disabled={props.disabled}
        title={t("plan.delete")}
        data-testid="row-delete"
      >
        ×
      </button>
    </span>
  );
}
