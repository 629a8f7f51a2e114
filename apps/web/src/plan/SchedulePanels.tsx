/** The yearly schedule's panels: an activity's details, and a new event in a month. */
import { fiscalYearOfPoint, isPeriodPoint, newId, PLAN_TEXT_LIMITS, setRowField } from "@tsumugi/domain";
import { useState } from "react";
import { LimitHint } from "../collab/LimitHint";
import { t } from "../i18n/t";
import { LinkedActions } from "../ui/LinkedActions";
import { usePlanContext } from "./plan-context";
import { addRow } from "./plan-edits";
import { useRow, useTable } from "./plan-store";
import { PanelField, RowPanel } from "./RowPanel";
import { RowText } from "./text-cells";

/** A schedule row's name and the actions it carries out, linked by id. */
export function ScheduleRowPanel({ id, onClose }: { id: string; onClose(): void }) {
  const { store, doc, editable } = usePlanContext();
  const row = useRow(store, "scheduleRows", id);
  const actions = useTable(store, "actions");
  if (!row)
    return (
      <RowPanel title={t("plan.panel.schedule")} onClose={onClose} testId="schedule-panel">
        <p className="notice">{t("plan.panel.gone")}</p>
      </RowPanel>
    );
  const set = (ids: string[]) => setRowField(doc, "scheduleRows", id, "actionIds", ids);
  return (
    <RowPanel title={t("plan.panel.schedule")} onClose={onClose} testId="schedule-panel">
      <div className="panel-grid">
        <PanelField label={t("plan.schedule.activity")} wide>
          <RowText table="scheduleRows" id={id} field="activity" label={t("plan.schedule.activity")} />
        </PanelField>
        <PanelField label={t("plan.col.actionsLinked")} wide>
          <LinkedActions
            actions={actions}
            linkedIds={row.actionIds}
            editable={editable}
            onChange={set}
            addLabel={t("plan.linkAction")}
            removeLabel={t("plan.delete")}
            removeTitle={t("plan.delete")}
          />
        </PanelField>
      </div>
    </RowPanel>
  );
}

export function EventForm(props: { fy: number; rowId: string; month: string; onDone(): void }) {
  const { doc } = usePlanContext();
  const [label, setLabel] = useState("");
  const [when, setWhen] = useState(props.month);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const value = when.trim();
    if (!isPeriodPoint(value) || fiscalYearOfPoint(value) !== props.fy) {
      setError(t("plan.schedule.badWhen"));
      return;
    }
    if (label.trim() === "") {
      setError(t("field.required"));
      return;
    }
    addRow(doc, "scheduleEvents", { id: newId(), rowId: props.rowId, when: value, label: label.trim() });
    props.onDone();
  };
  return (
    <form
      className="panel-form no-print"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      data-testid="event-form"
    >
      <label>
        {t("plan.schedule.eventLabel")}
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          maxLength={PLAN_TEXT_LIMITS.scheduleEvents.label}
          data-testid="event-label"
        />
        <LimitHint value={label} max={PLAN_TEXT_LIMITS.scheduleEvents.label} />
      </label>
      <label>
        {t("plan.schedule.eventWhen")}
        <input value={when} onChange={(e) => setWhen(e.target.value)} data-testid="event-when" />
      </label>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <button type="submit">{t("common.save")}</button>
      <button type="button" className="link" onClick={props.onDone}>
        {t("common.cancel")}
      </button>
    </form>
  );
}
