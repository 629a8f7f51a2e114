/** "前回の会議からの変更": plan rows added, changed (old → new) and closed since the last meeting. */
import type { MeetingPlanChanges } from "@tsumugi/contract";
import { formatMonthOrDate } from "@tsumugi/domain";
import { useEffect, useState } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { hasMessage, t } from "../i18n/t";
import { useMeetingContext } from "./meeting-context";
import { meetingWhen } from "./meeting-format";
import { meetingsApi } from "./meetings-api";

const FIELD_LABEL: Record<string, MessageKey> = {
  title: "plan.col.title",
  detail: "plan.col.detail",
  scenes: "plan.col.scenes",
  items: "plan.col.items",
  status: "plan.col.status",
  progress: "plan.col.progress",
  ownerGroupId: "plan.col.group",
  goalCodes: "plan.col.goalCodes",
  period: "plan.col.period",
  source: "plan.col.source",
  nextStep: "plan.col.nextStep",
  evaluation: "plan.col.grade",
  text: "plan.goalText",
  code: "plan.goalCode",
};

function valueText(field: string, table: string, value: unknown, groupName: (id: string) => string): string {
  if (value === null || value === undefined || value === "") return "—";
  if (field === "status") {
    const key = `${table === "problems" ? "problemStatus" : "actionStatus"}.${value}`;
    return hasMessage(key) ? t(key) : String(value);
  }
  if (field === "ownerGroupId") return groupName(String(value)) || String(value);
  if (field === "progress") return `${value}%`;
  if (field === "period") {
    const p = value as { start: string | null; end: string | null };
    return `${p.start ? formatMonthOrDate(p.start) : ""}〜${p.end ? formatMonthOrDate(p.end) : ""}`;
  }
  if (Array.isArray(value)) return value.join("、") || "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function ChangesView() {
  const { wid, meeting, groups } = useMeetingContext();
  const [report, setReport] = useState<MeetingPlanChanges | null>(null);
  useEffect(() => {
    void meetingsApi(wid).changes(meeting.id).then(setReport);
  }, [wid, meeting.id]);
  if (!report) return <p className="muted">{t("common.loading")}</p>;
  if (!report.previous) return <p className="muted">{t("meeting.changes.noPrevious")}</p>;
  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? "";
  return (
    <section data-testid="changes">
      <h2>
        {t("meeting.changes.since", {
          title: report.previous.title,
          date: meetingWhen({ startsAt: report.previous.startsAt, endsAt: null }),
        })}
      </h2>
      {report.changes.length === 0 && <p className="muted">{t("meeting.changes.none")}</p>}
      <ul className="plain change-list">
        {report.changes.map((c) => (
          <li key={`${c.table}-${c.id}`} className={`change change-${c.kind}`} data-testid="change">
            <span className="badge">{t(`meeting.changes.${c.kind}` as MessageKey)}</span>{" "}
            <span className="muted">{t(`dashboard.table.${c.table}` as MessageKey)}</span> {c.title}
            {c.fields.length > 0 && (
              <ul>
                {c.fields.map((f) => (
                  <li key={f.field} data-testid="change-field">
                    {t("meeting.changes.field", {
                      field: FIELD_LABEL[f.field] ? t(FIELD_LABEL[f.field]) : f.field,
                      before: valueText(f.field, c.table, f.before, groupName),
                      after: valueText(f.field, c.table, f.after, groupName),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
