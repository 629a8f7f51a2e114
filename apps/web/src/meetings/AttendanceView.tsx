/** Attendance: invited / attended / absent per person, grouped by organisation. */
import { ATTENDANCE, type Attendance, setAttendance } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { useMeetingContext } from "./meeting-context";
import { meetingsApi } from "./meetings-api";

export function AttendanceView() {
  const { attendance, members, doc, editable, meeting, wid, reload } = useMeetingContext();
  // Those who run the meeting invite (the calendar feed follows); others record attendance.
  const add = async (userId: string) => {
    if (meeting.abilities.edit) {
      await meetingsApi(wid).update(meeting.id, { invitees: [...meeting.invitees, userId] });
      await reload();
    } else setAttendance(doc, userId, "attended");
  };
  const listed = members.filter((m) => attendance.has(m.userId));
  const others = members.filter((m) => !attendance.has(m.userId) && !m.disabled);
  const byOrg = new Map<string, typeof listed>();
  for (const m of listed) {
    const org = m.organization || "—";
    byOrg.set(org, [...(byOrg.get(org) ?? []), m]);
  }
  const count = (status: Attendance) => [...attendance.values()].filter((s) => s === status).length;
  return (
    <section className="attendance" data-testid="attendance">
      <h2>{t("meeting.tab.attendance")}</h2>
      <p data-testid="attendance-count">
        {t("meeting.attendance.count", {
          attended: count("attended"),
          absent: count("absent"),
          invited: count("invited"),
        })}
      </p>
      <table className="grid-table">
        <thead>
          <tr>
            <th>{t("meeting.attendance.byOrg")}</th>
            <th>{t("members.name")}</th>
            <th>{t("meetings.state")}</th>
          </tr>
        </thead>
        <tbody>
          {[...byOrg]
            .sort(([a], [b]) => a.localeCompare(b, "ja"))
            .flatMap(([org, people]) =>
              people.map((m, i) => (
                <tr key={m.userId} data-testid="attendance-row">
                  {i === 0 && <th rowSpan={people.length}>{org}</th>}
                  <td className="nowrap">{m.name}</td>
                  <td>
                    <select
                      value={attendance.get(m.userId)}
                      disabled={!editable}
                      aria-label={`${m.name} ${t("meetings.state")}`}
                      data-testid="attendance-status"
                      onChange={(e) => setAttendance(doc, m.userId, e.target.value as Attendance)}
                    >
                      {ATTENDANCE.map((a) => (
                        <option key={a.id} value={a.id}>
                          {t(`attendance.${a.id}` as MessageKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              )),
            )}
        </tbody>
      </table>
      {editable && others.length > 0 && (
        <select
          className="no-print"
          value=""
          aria-label={t("meeting.attendance.add")}
          onChange={(e) => e.target.value && void add(e.target.value)}
        >
          <option value="">{t("meeting.attendance.add")}</option>
          {others.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}（{m.organization}）
            </option>
          ))}
        </select>
      )}
    </section>
  );
}
