/**
 * The frame every row list of the plan shares (課題一覧, 取組一覧): the filter bar with its
 * add button, the grid's columns and header, the rows in the chosen order, the detail panel
 * of the open row, and the focus moving to a new row's title once the store has it. Each list
 * gives its columns, its row and panel components and how a new row starts.
 */
import { type ItemId, type SceneId, setRowField } from "@tsumugi/domain";
import type { ComponentType } from "react";
import { useCallback, useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { Chips, itemOptions, sceneOptions } from "./choice-cells";
import { FilterBar } from "./FilterBar";
import { NO_FILTER, type RowFilter, type SortKey } from "./filters";
import { gridKeyDown } from "./grid-keys";
import { usePlanContext } from "./plan-context";
import { addRow } from "./plan-edits";
import { type PlanRow, useTableSelect } from "./plan-store";
import { focusRowControl, PanelField } from "./RowPanel";
import { RowText } from "./text-cells";

export interface PlanRowProps {
  id: string;
  /** Rows are in the manual order (moving up and down is offered). */
  manual: boolean;
  open: boolean;
  onOpen(id: string): void;
}

export interface PlanColumn {
  /** The `<col>` class (widths in plan-views.css). */
  col: string;
  label: MessageKey;
}

export function PlanRowList<T extends "problems" | "actions">(props: {
  table: T;
  /** "problem" or "action": the prefix of the list's test ids. */
  kind: string;
  columns: readonly PlanColumn[];
  statuses: readonly { id: string }[];
  statusPrefix: "actionStatus" | "problemStatus";
  sorts: readonly SortKey[];
  withPerson?: boolean;
  addLabel: MessageKey;
  /** The rows shown, in order, for a filter and sort. */
  select(
    rows: readonly PlanRow<T>[],
    filter: RowFilter,
    sort: SortKey,
    groupName: (id: string | null) => string,
  ): string[];
  /** A new row after `rows`, starting from what the filter shows. */
  newRow(rows: readonly PlanRow<T>[], filter: RowFilter): PlanRow<T>;
  Row: ComponentType<PlanRowProps>;
  Panel: ComponentType<{ id: string; onClose(): void }>;
}) {
  const { table, kind, select, Row, Panel } = props;
  const { store, editable, groupName } = usePlanContext();
  const [filter, setFilter] = useState(NO_FILTER);
  const [sort, setSort] = useState<SortKey>("manual");
  const ids = useTableSelect(
    store,
    table,
    useCallback(
      (rows: readonly PlanRow<T>[]) => select(rows, filter, sort, groupName),
      [select, filter, sort, groupName],
    ),
  );
  const [open, setOpen] = useState<string | null>(null);
  const onOpen = useCallback((id: string) => setOpen((current) => (current === id ? null : id)), []);
  const close = useCallback(() => {
    if (open) focusRowControl(open, `${kind}-details-toggle`);
    setOpen(null);
  }, [open, kind]);
  // A new row appears once the store has it: its title takes the focus then.
  const [focusId, setFocusId] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the rows change, until the new one is there
  useEffect(() => {
    if (!focusId) return;
    const el = document.querySelector<HTMLElement>(
      `[data-row-id="${focusId}"] [data-testid="${kind}-title"]`,
    );
    if (el) {
      el.focus();
      setFocusId(null);
    }
  }, [focusId, ids]);

  const add = () => {
    const row = props.newRow(store.rows(table), filter);
    addRow(store.doc, table, row);
    setFocusId(row.id);
  };

  return (
    <div className="plan-list" data-testid={`${kind}-list`}>
      <FilterBar
        filter={filter}
        onFilter={setFilter}
        sort={sort}
        onSort={setSort}
        statuses={props.statuses}
        statusPrefix={props.statusPrefix}
        sorts={props.sorts}
        withPerson={props.withPerson}
        count={ids.length}
      >
        {editable && (
          <button type="button" className="no-print" onClick={add} data-testid={`add-${kind}`}>
            {t(props.addLabel)}
          </button>
        )}
      </FilterBar>
      <table className={`grid-table plan-grid ${kind}-grid`} onKeyDown={gridKeyDown}>
        <colgroup>
          {props.columns.map((c) => (
            <col key={c.col} className={c.col} />
          ))}
          <col className="col-tools no-print" />
        </colgroup>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.col}>{t(c.label)}</th>
            ))}
            <th className="no-print">
              <span className="visually-hidden">{t("plan.col.tools")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => (
            <Row key={id} id={id} manual={sort === "manual"} open={open === id} onOpen={onOpen} />
          ))}
        </tbody>
      </table>
      {ids.length === 0 && <p className="muted">{t("plan.noRows")}</p>}
      {open && <Panel id={open} onClose={close} />}
    </div>
  );
}

/** The fields a 課題 and a 取組 share at the top of their detail panel. */
export function PlanRowPanelFields(props: {
  table: "problems" | "actions";
  kind: string;
  row: { id: string; scenes: readonly SceneId[]; items: readonly ItemId[] };
}) {
  const { doc, editable } = usePlanContext();
  const { table, kind, row } = props;
  return (
    <>
      <PanelField label={t("plan.col.title")} wide>
        <RowText
          table={table}
          id={row.id}
          field="title"
          label={t("plan.col.title")}
          multiline
          rows={3}
          testId={`panel-${kind}-title`}
        />
      </PanelField>
      <PanelField label={t("plan.col.detail")} wide>
        <RowText
          table={table}
          id={row.id}
          field="detail"
          label={t("plan.col.detail")}
          multiline
          rows={4}
          testId={`${kind}-detail`}
        />
      </PanelField>
      <PanelField label={t("plan.col.scenes")} wide>
        <Chips
          options={sceneOptions()}
          value={row.scenes}
          disabled={!editable}
          label={t("plan.col.scenes")}
          testId={`${kind}-scenes`}
          onChange={(v) => setRowField(doc, table, row.id, "scenes", v)}
        />
      </PanelField>
      <PanelField label={t("plan.col.items")} wide>
        <Chips
          options={itemOptions()}
          value={row.items}
          disabled={!editable}
          label={t("plan.col.items")}
          testId={`${kind}-items`}
          onChange={(v) => setRowField(doc, table, row.id, "items", v)}
        />
      </PanelField>
    </>
  );
}
