/**
 * The meeting as it is filed: title block, attendance by organisation, agenda, minutes and
 * outcomes, as plain text (form controls do not print well).
 */
import { caretColorFor, OUTCOME_TYPES } from "@tsumugi/domain";
import { RichTextEditor } from "../editor/RichTextEditor";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { useMeetingContext } from "./MeetingPage";

export function MeetingPrint({ user }: { user: { id: string; name: string } }) {
  const { attendance, members, agenda, outcomes, doc, provider } = useMeetingContext();
  const byOrg = new Map<string, string[]>();
  for (const m of members) {
    const status = attendance.get(m.userId);
    if (!status) continue;
    const org = m.organization || "—";
    byOrg.set(org, [...(byOrg.get(org) ?? []), `${m.name}（${t(`attendance.${status}` as MessageKey)}）`]);
  }
  return (
    <div className="meeting-print" data-testid="meeting-print">
      <h2>{t("meeting.tab.attendance")}</h2>
      <table className="grid-table">
        <tbody>
          {[...byOrg]
            .sort(([a], [b]) => a.localeCompare(b, "ja"))
            .map(([org, names]) => (
              <tr key={org}>
                <th scope="row">{org}</th>
                <td>{names.join("、")}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <h2>{t("meeting.tab.agenda")}</h2>
      <ol>
        {agenda.map((a) => (
          <li key={a.id}>
            {a.title}
            {(a.minutes > 0 || a.presenter) && (
              <span className="muted">
                （
                {[a.minutes > 0 ? t("meeting.agenda.duration", { minutes: a.minutes }) : "", a.presenter]
                  .filter(Boolean)
                  .join("・")}
                ）
              </span>
            )}
          </li>
        ))}
      </ol>
      <h2>{t("meeting.tab.minutes")}</h2>
      <RichTextEditor
        doc={doc}
        provider={provider}
        user={{ name: user.name, color: caretColorFor(user.id) }}
        editable={false}
      />
      {OUTCOME_TYPES.map((type) => {
        const list = outcomes.filter((o) => o.type === type.id);
        if (list.length === 0) return null;
        return (
          <section key={type.id}>
            <h2>{t(`outcomeType.${type.id}` as MessageKey)}</h2>
            <ul>
              {list.map((o) => (
                <li key={o.id}>{o.text}</li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
