/**
 * The detail panel of a plan row: the secondary fields that do not fit in the table, beside
 * it, edited live like the cells. It does not block the table (others keep editing, and so
 * may you); Escape or the close button closes it and the focus goes back to the row.
 */
import { type ReactNode, useEffect, useId, useRef } from "react";
import { t } from "../i18n/t";

export function RowPanel(props: { title: string; onClose(): void; children: ReactNode; testId: string }) {
  const ref = useRef<HTMLElement>(null);
  const headingId = useId();
  // The first field takes the focus once, when the panel opens.
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(".row-panel-body :is(textarea, input, select, button)")?.focus();
  }, []);
  return (
    <aside
      ref={ref}
      className="row-panel no-print"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      data-testid={props.testId}
      onKeyDown={(e) => {
        if (e.key === "Escape" && !e.nativeEvent.isComposing) {
          e.preventDefault();
          props.onClose();
        }
      }}
    >
      <header className="row-panel-head">
        <h2 id={headingId}>{props.title}</h2>
        <button type="button" className="icon" onClick={props.onClose} data-testid="row-panel-close">
          {t("plan.panel.close")}
        </button>
      </header>
      <div className="row-panel-body">{props.children}</div>
    </aside>
  );
}

/** A labelled field of the panel. */
export function PanelField(props: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={props.wide ? "panel-field wide" : "panel-field"}>
      <span className="panel-label">{props.label}</span>
      {props.children}
    </div>
  );
}

/** Moves the focus back to the control that opened a row's panel. */
export function focusRowControl(rowId: string, testId: string): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`tr[data-row-id="${rowId}"] [data-testid="${testId}"]`)?.focus(),
  );
}
