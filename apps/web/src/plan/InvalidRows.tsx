/**
 * Rows the plan's rules reject (a title longer than its limit written by an older version or
 * an import, a status no longer known …) are left out of the lists, totals and exports; they
 * must not vanish. This panel shows each with what can be read of it and what is wrong, and
 * lets people fix it in place (shorten the text, put a value back to its default) or delete
 * it. A fixed row goes back to its list, and the panel says so.
 */
import {
  type FieldProblem,
  type InvalidRow,
  type Ordered,
  orderKeyAt,
  type PlanTable,
  planTextLimit,
  readRow,
  rowText,
  setRowField,
} from "@tsumugi/domain";
import { useEffect, useId, useRef, useState } from "react";
import type * as Y from "yjs";
import { CollabTextInput } from "../collab/CollabTextInput";
import { LimitHint } from "../collab/LimitHint";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { removeRow } from "./plan-edits";
import { type PlanStore, useInvalidRows } from "./plan-store";
import "./invalid-rows.css";

const TABLE_LABEL: Record<PlanTable, MessageKey> = {
  goals: "plan.goals",
  problems: "plan.problems",
  actions: "plan.actions",
  scheduleRows: "plan.invalid.table.scheduleRows",
  scheduleEvents: "plan.invalid.table.scheduleEvents",
  planPeriods: "plan.invalid.table.planPeriods",
};

/** How each field is named on the screens. */
const FIELD_LABEL: Record<string, MessageKey> = {
  id: "plan.invalid.field.id",
  order: "plan.invalid.field.order",
  title: "plan.col.title",
  detail: "plan.col.detail",
  code: "plan.goalCode",
  text: "plan.goalText",
  term: "plan.goalTerm",
  scene: "plan.invalid.field.scene",
  scenes: "plan.col.scenes",
  items: "plan.col.items",
  source: "plan.col.source",
  ownerGroupId: "plan.col.group",
  ownerUserId: "plan.col.person",
  ownerName: "plan.invalid.field.ownerName",
  status: "plan.col.status",
  progress: "plan.col.progress",
  weight: "plan.col.weight",
  goalCodes: "plan.col.goalCodes",
  "period.start": "plan.col.periodStart",
  "period.end": "plan.col.periodEnd",
  problemIds: "plan.col.problemsLinked",
  actionIds: "plan.col.actionsLinked",
  indicatorIds: "plan.invalid.field.indicatorIds",
  "evaluation.grade": "plan.col.grade",
  "evaluation.comment": "plan.col.comment",
  nextStep: "plan.col.nextStep",
  carriedFrom: "plan.col.carried",
  activity: "plan.schedule.activity",
  label: "plan.schedule.eventLabel",
  when: "plan.invalid.field.when",
  rowId: "plan.invalid.field.rowId",
  name: "plan.invalid.field.name",
  startFiscalYear: "plan.periods.start",
  endFiscalYear: "plan.periods.end",
  budget: "plan.col.budget",
  fundingSource: "plan.col.funding",
  series: "plan.periods.series",
  milestones: "plan.periods.milestones",
};

const fieldLabel = (field: string) => (FIELD_LABEL[field] ? t(FIELD_LABEL[field]) : field);

/** The field that names a row of each table. */
const NAME_FIELD: Record<PlanTable, string> = {
  goals: "code",
  problems: "title",
  actions: "title",
  scheduleRows: "activity",
  scheduleEvents: "label",
  planPeriods: "name",
};

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function nameOf(table: PlanTable, raw: Record<string, unknown> | null): string {
  const name = raw?.[NAME_FIELD[table]];
  return typeof name === "string" && name.trim() !== "" ? name : t("plan.invalid.untitled");
}

function problemText(p: FieldProblem): string {
  const field = fieldLabel(p.field);
  switch (p.kind) {
    case "tooLong":
      return t("plan.invalid.tooLong", { field, max: p.max ?? 0, length: p.length ?? 0 });
    case "empty":
      return t("plan.invalid.empty", { field });
    case "notText":
      return t("plan.invalid.notText", { field });
    case "range":
      return t("plan.invalid.range", { field });
    case "order":
      return t("plan.invalid.order", { field });
    case "notId":
      return t("plan.invalid.notId");
    case "notOrderKey":
      return t("plan.invalid.notOrderKey");
    case "notObject":
      return t("plan.invalid.notObject");
    default:
      return t("plan.invalid.unexpected", { field });
  }
}

const keyOf = (r: { table: PlanTable; id: string }) => `${r.table}:${r.id}`;

export function InvalidRows({ store, doc, editable }: { store: PlanStore; doc: Y.Doc; editable: boolean }) {
  const invalid = useInvalidRows(store);
  const headingId = useId();
  // Rows that were listed here and are valid again: "fixed, back in the list".
  const listed = useRef(new Map<string, { table: PlanTable; id: string; name: string }>());
  const [fixed, setFixed] = useState<string[]>([]);
  useEffect(() => {
    const now = new Set(invalid.map(keyOf));
    const back: string[] = [];
    for (const [key, row] of listed.current) {
      if (now.has(key)) continue;
      listed.current.delete(key);
      if (store.row(row.table, row.id)) back.push(row.name);
    }
    for (const r of invalid) {
      listed.current.set(keyOf(r), {
        table: r.table,
        id: r.id,
        name: nameOf(r.table, readRow(doc, r.table, r.id)),
      });
    }
    if (back.length > 0) setFixed((f) => [...f, ...back].slice(-3));
  }, [invalid, store, doc]);

  if (invalid.length === 0 && fixed.length === 0) return null;
  return (
    <section className="invalid-rows no-print" data-testid="invalid-rows" aria-labelledby={headingId}>
      {invalid.length > 0 && (
        // Open at first; folded, the heading (how many rows) stays in view above the list.
        <details open>
          <summary>
            <h2 id={headingId}>{t("plan.invalidRows", { count: invalid.length })}</h2>
          </summary>
          <p className="small">{t("plan.invalid.explain")}</p>
          <ul className="invalid-list">
            {invalid.map((r) => (
              <InvalidRowItem key={keyOf(r)} row={r} doc={doc} store={store} editable={editable} />
            ))}
          </ul>
        </details>
      )}
      {fixed.length > 0 && (
        <p className="invalid-fixed" role="status" data-testid="invalid-fixed">
          {fixed.map((name) => t("plan.invalid.fixed", { title: shorten(name, 40) })).join(" ")}
          <button type="button" className="link" onClick={() => setFixed([])}>
            {t("common.close")}
          </button>
        </p>
      )}
    </section>
  );
}

function InvalidRowItem(props: { row: InvalidRow; doc: Y.Doc; store: PlanStore; editable: boolean }) {
  const { row, doc, store, editable } = props;
  const raw = readRow(doc, row.table, row.id);
  const name = nameOf(row.table, raw);
  const detail = typeof raw?.detail === "string" ? raw.detail : "";
  const problems: FieldProblem[] =
    row.problems.length > 0 ? row.problems : [{ field: "", kind: "notObject" }];
  const remove = () => {
    if (window.confirm(t("plan.confirmDelete", { title: shorten(name, 40) })))
      removeRow(doc, row.table, row.id);
  };
  return (
    <li className="invalid-row" data-testid="invalid-row" data-table={row.table} data-row-id={row.id}>
      <div className="invalid-row-head">
        <span className="badge">{t(TABLE_LABEL[row.table])}</span>
        <strong className="invalid-row-name" data-testid="invalid-row-name">
          {shorten(name, 80)}
        </strong>
        {editable && (
          <button type="button" className="danger" onClick={remove} data-testid="invalid-row-delete">
            {t("plan.invalid.delete")}
          </button>
        )}
      </div>
      {detail && <p className="muted small invalid-row-detail">{shorten(detail, 120)}</p>}
      <ul className="invalid-problems">
        {problems.map((p) => (
          <li key={`${p.field}:${p.kind}`} data-testid="invalid-problem">
            <span className="invalid-problem-text">{problemText(p)}</span>
            {editable && <ProblemFix row={row} problem={p} doc={doc} store={store} />}
          </li>
        ))}
      </ul>
    </li>
  );
}

/** What can be done about one problem, in place. */
function ProblemFix(props: { row: InvalidRow; problem: FieldProblem; doc: Y.Doc; store: PlanStore }) {
  const { row, problem, doc, store } = props;
  const { table, id } = row;
  const field = problem.field;
  if (problem.kind === "tooLong" || problem.kind === "empty") {
    const limit = planTextLimit(table, field);
    const text = rowText(doc, table, id, field);
    if (text) {
      return (
        <CollabTextInput
          text={text}
          label={fieldLabel(field)}
          multiline
          rows={(limit ?? 0) > 200 ? 4 : 2}
          maxLength={limit}
          className="cell-input invalid-text"
          testId="invalid-row-text"
        />
      );
    }
    return <PlainTextFix table={table} id={id} field={field} doc={doc} max={limit} />;
  }
  if (problem.kind === "notOrderKey") {
    return (
      <button
        type="button"
        onClick={() => {
          const rows = store.rows(table).filter((r): r is Extract<typeof r, Ordered> => "order" in r);
          setRowField(doc, table, id, "order", orderKeyAt(rows, rows.length));
        }}
      >
        {t("plan.invalid.toEnd")}
      </button>
    );
  }
  if (problem.fallback !== undefined && field !== "") {
    return (
      <button
        type="button"
        onClick={() => setRowField(doc, table, id, field, problem.fallback)}
        data-testid="invalid-row-reset"
      >
        {t("plan.invalid.reset", { field: fieldLabel(field) })}
      </button>
    );
  }
  return null;
}

/** A plain (not co-edited) text field of the row, saved when the field is left. */
function PlainTextFix(props: { table: PlanTable; id: string; field: string; doc: Y.Doc; max?: number }) {
  const { table, id, field, doc, max } = props;
  const current = readRow(doc, table, id)?.[field];
  const [value, setValue] = useState(typeof current === "string" ? current : "");
  const save = () => setRowField(doc, table, id, field, value.trim());
  return (
    <span className="invalid-plain">
      <input
        value={value}
        maxLength={max}
        aria-label={fieldLabel(field)}
        onChange={(e) => setValue(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === "Enter" && !e.nativeEvent.isComposing && save()}
      />
      {max !== undefined && <LimitHint value={value} max={max} />}
    </span>
  );
}
