/** A plan row's text fields, bound to their collaborative texts. */
import { type PlanTable, planTextLimit, rowText } from "@tsumugi/domain";
import { useCallback, useSyncExternalStore } from "react";
import type * as Y from "yjs";
import { CollabTextInput } from "../collab/CollabTextInput";
import { usePlanContext } from "./plan-context";

/** Enter in a row's title moves to the same field of the next row, as in a spreadsheet. */
function focusNextField(current: HTMLElement, testId: string): void {
  const fields = [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
  fields[fields.indexOf(current) + 1]?.focus();
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
