/** What surrounds a plan row's cells: who else is in it, its tools, its details button. */
import type { PlanTable } from "@tsumugi/domain";
import type { ReactNode } from "react";
import { t } from "../i18n/t";
import { usePlanContext } from "./plan-context";
import { useRowVisitors } from "./row-presence";

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
