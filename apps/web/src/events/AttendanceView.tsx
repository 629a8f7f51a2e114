/** An event's attendance: registered, waiting and attended, by profession and by organisation. */
import type { AttendanceSummary, Event } from "@tsumugi/contract";
import { PROFESSION_IDS } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

export function AttendanceView({ attendance: a, event }: { attendance: AttendanceSummary; event: Event }) {
  const rows = PROFESSION_IDS.map((p) => a.byProfession.find((c) => c.profession === p)).filter(
    (c): c is AttendanceSummary["byProfession"][number] => c !== undefined,
  );
  return (
    <section className="attendance" data-testid="attendance">
      <dl className="figures">
        <div>
          <dt>{t("events.registered")}</dt>
          <dd>{t("events.people", { n: a.registered })}</dd>
        </div>
        <div>
          <dt>{t("participantStatus.waitlisted")}</dt>
          <dd>{t("events.people", { n: a.waitlisted })}</dd>
        </div>
        <div>
          <dt>{t("events.attended")}</dt>
          <dd data-testid="attended-total">{t("events.people", { n: a.attended })}</dd>
        </div>
        <div>
          <dt>{t("events.walkIns")}</dt>
          <dd>{t("events.people", { n: a.walkIns })}</dd>
        </div>
      </dl>
      {event.status !== "held" && <p className="muted small">{t("events.attendanceNotHeld")}</p>}
      <div className="attendance-tables">
        <table className="grid-table" data-testid="by-profession">
          <caption>{t("events.byProfession")}</caption>
          <thead>
            <tr>
              <th>{t("events.profession")}</th>
              <th>{t("events.registered")}</th>
              <th>{t("events.attended")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.profession}>
                <th scope="row">{t(`profession.${c.profession}` as MessageKey)}</th>
                <td className="num">{c.registered}</td>
                <td className="num">{c.attended}</td>
              </tr>
            ))}
            <tr className="total">
              <th scope="row">{t("events.total")}</th>
              <td className="num">{a.registered}</td>
              <td className="num">{a.attended}</td>
            </tr>
          </tbody>
        </table>
        <table className="grid-table" data-testid="by-organisation">
          <caption>{t("events.byOrganisation")}</caption>
          <thead>
            <tr>
              <th>{t("events.organisation")}</th>
              <th>{t("events.attended")}</th>
            </tr>
          </thead>
          <tbody>
            {a.byOrganisation.map((o) => (
              <tr key={o.organisation}>
                <th scope="row">{o.organisation || t("events.noOrganisation")}</th>
                <td className="num">{o.attended}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
