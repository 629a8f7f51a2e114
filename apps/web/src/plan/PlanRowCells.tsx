/**
 * The cells 課題一覧 and 取組一覧 share in their rows: the co-edited title with who else is on
 * the row, the 場面 and 項目 marks, the group and status choices, and the row's tools (details,
 * comments, move, delete). Each list puts them in its own columns, with its own cells between.
 */
import { ACTION_STATUSES, type ItemId, PROBLEM_STATUSES, type SceneId, setRowField } from "@tsumugi/domain";
import type { ReactNode } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { CommentsButton } from "./Comments";
import { Select } from "./choice-cells";
import type { PlanRowProps } from "./PlanRowList";
import { usePlanContext } from "./plan-context";
import { moveRow, removeRow } from "./plan-edits";
import { DetailsButton, RowTools, Visitors } from "./row-chrome";
import { ItemMarks, SceneTags } from "./shown-cells";
import { RowText } from "./text-cells";

type RowTable = "problems" | "actions";

/** The row's title (two lines), who else is on it, and what the list adds after them. */
export function TitleCell(props: { table: RowTable; kind: string; id: string; children?: ReactNode }) {
  return (
    <td className="cell-title" data-label={t("plan.col.title")}>
      <RowText
        table={props.table}
        id={props.id}
        field="title"
        label={t("plan.col.title")}
        testId={`${props.kind}-title`}
        multiline
        rows={2}
      />
      <Visitors table={props.table} id={props.id} />
      {props.children}
    </td>
  );
}

/** The 場面 and 項目 cells (edited in the detail panel). */
export function ScopeCells({ scenes, items }: { scenes: readonly SceneId[]; items: readonly ItemId[] }) {
  return (
    <>
      <td data-label={t("plan.col.scenes")}>
        <SceneTags scenes={scenes} />
      </td>
      <td data-label={t("plan.col.items")}>
        <ItemMarks items={items} />
      </td>
    </>
  );
}

/** The group in charge, one of the workspace's groups or none. */
export function GroupCell(props: { table: RowTable; id: string; value: string | null; testId?: string }) {
  const { doc, editable, groups } = usePlanContext();
  return (
    <td data-label={t("plan.col.group")}>
      <Select
        value={props.value}
        options={groups.map((g) => ({ id: g.id, label: g.name }))}
        allowEmpty={t("plan.noGroup")}
        label={t("plan.col.group")}
        wrap
        disabled={!editable}
        testId={props.testId}
        onChange={(v) => setRowField(doc, props.table, props.id, "ownerGroupId", v)}
      />
    </td>
  );
}

/** Each table's statuses, their labels, and the status a cleared choice goes back to. */
const STATUSES = {
  actions: { kind: "action", list: ACTION_STATUSES, prefix: "actionStatus", fallback: "notStarted" },
  problems: { kind: "problem", list: PROBLEM_STATUSES, prefix: "problemStatus", fallback: "open" },
} as const;

/** The row's status among its table's statuses. */
export function StatusCell(props: { table: RowTable; id: string; value: string }) {
  const { doc, editable } = usePlanContext();
  const statuses = STATUSES[props.table];
  return (
    <td data-label={t("plan.col.status")}>
      <Select
        value={props.value}
        options={statuses.list.map((s) => ({
          id: s.id,
          label: t(`${statuses.prefix}.${s.id}` as MessageKey),
        }))}
        label={t("plan.col.status")}
        disabled={!editable}
        testId={`${statuses.kind}-status`}
        onChange={(v) => setRowField(doc, props.table, props.id, "status", v ?? statuses.fallback)}
      />
    </td>
  );
}

/** The row's tools: its detail panel, its comments, and moving (manual order) or deleting it. */
export function RowToolsCell(
  props: PlanRowProps & { table: RowTable; kind: string; row: { id: string; title: string } },
) {
  const { store, doc, editable } = usePlanContext();
  const { table, kind, row } = props;
  return (
    <td className="cell-tools no-print">
      <span className="row-tools">
        <DetailsButton
          rowId={row.id}
          open={props.open}
          onOpen={props.onOpen}
          testId={`${kind}-details-toggle`}
        />
        <CommentsButton table={table} rowId={row.id} title={row.title} />
        <RowTools
          disabled={!editable || !props.manual}
          onUp={() => moveRow(doc, table, store.rows(table), row.id, -1)}
          onDown={() => moveRow(doc, table, store.rows(table), row.id, 1)}
          onDelete={() => {
            if (window.confirm(t("plan.confirmDelete", { title: row.title }))) removeRow(doc, table, row.id);
          }}
        />
      </span>
    </td>
  );
}
