/** Small editing controls shared by the plan's lists and tables. */
import {
  eraOfIsoDate,
  FISCAL_MONTHS,
  ITEMS,
  itemMark,
  type PlanTable,
  planTextLimit,
  rowText,
  SCENES,
} from "@tsumugi/domain";
import { type ReactNode, useCallback, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { usePlanContext } from "./plan-context";
import { useRowVisitors } from "./row-presence";

/** Enter in a row's title moves to the same field of the next row, as in a spreadsheet. */
function focusNextField(current: HTMLElement, testId: string): void {
  const fields = [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  fields[fields.indexOf(current) + 1]?.focus();
}

/** Names of the others editing this row, in their colour. */
export function Visitors({ table, id }: { table: PlanTable; id: string }) {
  const { presence } = usePlanContext();
  const visitors = useRowVisitors(presence, table, id);
  if (visitors.length === 0) return null;
  return (
    <span className="visitors no-print" data-testid="row-visitors">
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
export function useVisitorStyle(table: PlanTable, id: string) {
  const { presence } = usePlanContext();
  const first = useRowVisitors(presence, table, id)[0];
  return first ? { boxShadow: `inset 4px 0 0 ${first.color}` } : undefined;
}

/**
 * Counts row renders for the browser tests (that typing in one row re-renders no other):
 * active only when a test defines `window.__tsumugiRenderProbe` before the app loads.
 */
export function countRender(kind: string, id: string): void {
  const probe = (globalThis as { __tsumugiRenderProbe?: Record<string, number> }).__tsumugiRenderProbe;
  if (probe) probe[`${kind}:${id}`] = (probe[`${kind}:${id}`] ?? 0) + 1;
}

/** The current string of a Y.Text, rendering again when it changes. */
export function useYText(text: Y.Text | null): string {
  return useSyncExternalStore(
    useCallback(
      (cb: () => void) => {
        if (!text) return () => {};
        text.observe(cb);
        return () => text.unobserve(cb);
      },
      [text],
    ),
    () => text?.toString() ?? "",
  );
}

/**
 * The whole text of a field for paper: a textarea prints only what fits in its box, so
 * printing shows this block instead (hidden on screen).
 */
export function PrintText({ text }: { text: Y.Text | null }) {
  const value = useYText(text);
  return <div className="print-text">{value}</div>;
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
    <>
      <CollabTextInput
        text={text}
        label={props.label}
        multiline={props.multiline}
        rows={props.rows}
        noLineBreaks={
          props.field === "title" ||
          props.field === "activity" ||
          (props.table === "goals" && props.field === "text")
        }
        onEnter={props.testId ? (el) => focusNextField(el, props.testId as string) : undefined}
        readOnly={!ctx.editable}
        testId={props.testId}
        placeholder={props.placeholder}
        className="cell-input"
        maxLength={planTextLimit(props.table, props.field)}
        onFocus={() => ctx.focusRow(props.table, props.id)}
        onBlur={() => ctx.focusRow(null)}
      />
      {props.multiline && <PrintText text={text} />}
    </>
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
  /**
   * Shows the chosen label whole, on as many lines as it needs (a long group name in a
   * narrow column), over the select that still takes the clicks, keys and touches.
   */
  wrap?: boolean;
}) {
  const shown = props.options.find((o) => o.id === props.value)?.label ?? props.allowEmpty ?? "";
  const select = (
    <select
      aria-label={props.label}
      title={shown}
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
  if (!props.wrap) return select;
  return (
    <span className={props.disabled ? "wrap-select disabled" : "wrap-select"}>
      <span className="wrap-select-text" aria-hidden="true">
        {shown}
      </span>
      {select}
    </span>
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

/** "令和5年4月" for "2023-04" (or a date of that month). */
export function monthLabel(value: string): string {
  const month = value.slice(0, 7);
  const { era, year } = eraOfIsoDate(`${month}-01`);
  return t("plan.month", {
    era,
    year: year === 1 ? t("plan.eraFirstYear") : year,
    month: Number(month.slice(5, 7)),
  });
}

/** A period as two short lines: 令和5年4月 / 〜令和6年3月. */
export function PeriodText({ start, end }: { start: string | null; end: string | null }) {
  if (!start && !end) return <span className="muted">{t("plan.noGroup")}</span>;
  return (
    <span className="period-text">
      <span>{start ? monthLabel(start) : ""}</span>
      <span>〜{end ? monthLabel(end) : ""}</span>
    </span>
  );
}

/** The scenes of a row as short tags (the full name is the tooltip). */
export function SceneTags({ scenes }: { scenes: readonly string[] }) {
  return (
    <span className="tags">
      {SCENES.filter((s) => scenes.includes(s.id)).map((s) => (
        <span
          key={s.id}
          className={`tag scene-tag scene-tag-${s.id}`}
          title={t(`scene.${s.id}` as MessageKey)}
        >
          {t(`sceneShort.${s.id}` as MessageKey)}
        </span>
      ))}
    </span>
  );
}

/** The items of a row as their marks: ア・ウ・キ (the full name is the tooltip). */
export function ItemMarks({ items }: { items: readonly string[] }) {
  return (
    <span className="tags">
      {ITEMS.filter((i) => items.includes(i.id)).map((i) => (
        <span
          key={i.id}
          className="tag item-tag"
          title={`${itemMark(i.id)} ${t(`item.${i.id}` as MessageKey)}`}
        >
          {i.mark}
        </span>
      ))}
    </span>
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

/** Opens (or closes) a row's detail panel. */
export function DetailsButton(props: {
  rowId: string;
  open: boolean;
  onOpen(id: string): void;
  testId: string;
}) {
  return (
    <button
      type="button"
      className="icon details-button"
      aria-expanded={props.open}
      aria-haspopup="dialog"
      onClick={() => props.onOpen(props.rowId)}
      data-testid={props.testId}
    >
      {t("plan.details")}
    </button>
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
