/**
 * A meeting on paper (A4 portrait), as officials file and send it:
 * - 議事録: 会議名, 日時, 場所, 出席者 by organisation, 欠席者, 議題, 議事の経過 (the minutes),
 *   決定事項 and the other outcomes;
 * - 開催通知: addressee, sender, 「…の開催について（通知）」, then 記: 日時 (和暦, 曜日, 時分),
 *   場所 and URL, 議題, how and by when to answer about attendance, and whom to ask.
 * Every page carries the municipality, the title, the print date and its number in its
 * margins. Text is plain text (form controls do not print well) and flows across pages.
 */
import { caretColorFor, formatIsoDate, noticeDateTime, OUTCOME_TYPES, replyByDate } from "@tsumugi/domain";
import { Link } from "react-router";
import { RichTextEditor } from "../editor/RichTextEditor";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { PrintMargins, usePrintDay } from "../ui/PrintMargins";
import { useMeetingContext } from "./MeetingPage";
import "./meeting-print.css";

export type PrintKind = "minutes" | "notice";

export function MeetingPrint({ kind, user }: { kind: PrintKind; user: { id: string; name: string } }) {
  const { meeting, municipality } = useMeetingContext();
  const title =
    kind === "notice"
      ? t("print.notice.title", { title: meeting.title })
      : t("print.minutes.title", { title: meeting.title });
  return (
    <div className="meeting-print" data-testid="meeting-print" data-kind={kind}>
      <PrintMargins page="minutes" heading={[municipality, title].filter(Boolean).join("　")} />
      <div className="print-toolbar no-print">
        <Link to="?" className="muted">
          ← {t("print.back")}
        </Link>
        <Link to={`?print=${kind === "notice" ? "minutes" : "notice"}`} data-testid="print-switch">
          {kind === "notice" ? t("print.toMinutes") : t("print.toNotice")}
        </Link>
        <button type="button" onClick={() => window.print()} data-testid="print-now">
          {t("print.now")}
        </button>
      </div>
      {kind === "notice" ? <Notice /> : <Minutes user={user} />}
    </div>
  );
}

function Minutes({ user }: { user: { id: string; name: string } }) {
  const { meeting, attendance, members, agenda, outcomes, doc, provider } = useMeetingContext();
  const byOrg = (status: string) => {
    const orgs = new Map<string, string[]>();
    for (const m of members) {
      if (attendance.get(m.userId) !== status) continue;
      const org = m.organization || "—";
      orgs.set(org, [...(orgs.get(org) ?? []), m.name]);
    }
    return [...orgs].sort(([a], [b]) => a.localeCompare(b, "ja"));
  };
  const attended = byOrg("attended");
  const absent = byOrg("absent");
  return (
    <article className="print-doc">
      <h1>{t("print.minutes.title", { title: meeting.title })}</h1>
      <table className="print-facts">
        <tbody>
          <tr>
            <th scope="row">{t("meetings.when")}</th>
            <td>{noticeDateTime(meeting.startsAt, meeting.endsAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("meeting.place")}</th>
            <td>
              {[meeting.place, meeting.onlineUrl && t("print.online", { url: meeting.onlineUrl })]
                .filter(Boolean)
                .join("／") || "—"}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("print.attended")}</th>
            <td data-testid="print-attended">
              {attended.length === 0
                ? "—"
                : attended.map(([org, names]) => (
                    <div key={org}>
                      {org}　{names.join("、")}
                    </div>
                  ))}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("print.absent")}</th>
            <td>
              {absent.length === 0
                ? t("print.none")
                : absent.map(([org, names]) => (
                    <div key={org}>
                      {org}　{names.join("、")}
                    </div>
                  ))}
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{t("print.agenda")}</h2>
      {agenda.length === 0 ? (
        <p>{t("print.none")}</p>
      ) : (
        <ol className="print-agenda">
          {agenda.map((a) => (
            <li key={a.id}>
              {a.title}
              {a.presenter && <span>（{t("print.presenter", { name: a.presenter })}）</span>}
            </li>
          ))}
        </ol>
      )}
      <h2>{t("print.proceedings")}</h2>
      <RichTextEditor
        doc={doc}
        provider={provider}
        user={{ name: user.name, color: caretColorFor(user.id) }}
        editable={false}
        label={t("meeting.tab.minutes")}
      />
      {OUTCOME_TYPES.map((type) => {
        const list = outcomes.filter((o) => o.type === type.id);
        if (list.length === 0) return null;
        return (
          <section key={type.id}>
            <h2>{t(`print.outcomes.${type.id}` as MessageKey)}</h2>
            <ul>
              {list.map((o) => (
                <li key={o.id}>{o.text}</li>
              ))}
            </ul>
          </section>
        );
      })}
    </article>
  );
}

function Notice() {
  const { meeting, members, municipality, agenda } = useMeetingContext();
  const date = formatIsoDate(usePrintDay());
  const replyBy = formatIsoDate(replyByDate(meeting.startsAt));
  const secretariat = members.filter((m) => m.role === "secretariat" && !m.disabled);
  const sender = secretariat.find((m) => m.organization)?.organization || municipality;
  return (
    <article className="print-doc notice-doc">
      <p className="notice-date">{date}</p>
      <p className="notice-to">
        {t("print.notice.to", { kind: t(`meetingKind.${meeting.kind}` as MessageKey) })}
      </p>
      <p className="notice-from">
        {municipality}
        <br />
        {sender !== municipality && sender}
        {sender !== municipality && <br />}
        {t("print.notice.secretariat")}
      </p>
      <h1>{t("print.notice.title", { title: meeting.title })}</h1>
      <p className="notice-body">{t("print.notice.body")}</p>
      <p className="notice-ki">{t("print.notice.ki")}</p>
      <table className="print-facts notice-facts" data-testid="notice-facts">
        <tbody>
          <tr>
            <th scope="row">{t("print.notice.n1")}</th>
            <td>{noticeDateTime(meeting.startsAt, meeting.endsAt)}</td>
          </tr>
          <tr>
            <th scope="row">{t("print.notice.n2")}</th>
            <td>
              {meeting.place ||
                (meeting.onlineUrl ? t("print.notice.onlineOnly") : t("print.notice.placeLater"))}
              {meeting.onlineUrl && (
                <div className="notice-url">{t("print.online", { url: meeting.onlineUrl })}</div>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("print.notice.n3")}</th>
            <td>
              {agenda.length === 0 ? (
                t("print.notice.agendaLater")
              ) : (
                <ol className="print-agenda">
                  {agenda.map((a) => (
                    <li key={a.id}>
                      {a.title}
                      {a.presenter && <span>（{t("print.presenter", { name: a.presenter })}）</span>}
                    </li>
                  ))}
                </ol>
              )}
            </td>
          </tr>
          <tr>
            <th scope="row">{t("print.notice.n4")}</th>
            <td data-testid="notice-reply">{t("print.notice.reply", { date: replyBy })}</td>
          </tr>
          <tr>
            <th scope="row">{t("print.notice.n5")}</th>
            <td>
              {secretariat.length === 0
                ? t("print.notice.secretariat")
                : secretariat.map((m) => (
                    <div key={m.userId}>
                      {[m.organization, m.name].filter(Boolean).join("　")}
                      {m.email && `　${m.email}`}
                    </div>
                  ))}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="notice-end">{t("print.notice.end")}</p>
    </article>
  );
}
