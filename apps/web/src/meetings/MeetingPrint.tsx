/**
 * A meeting on paper (A4 portrait), as officials file and send it, in the words the domain
 * writes for every medium (`minutesPaper`, `noticePaper`: the Word files read the same):
 * - 議事録: 会議名 (（案） until fixed), 日時, 場所, 出席者 (委員・オブザーバー・事務局 apart, by
 *   body), 欠席者, 議題, 議事の経過 (the minutes), 決定事項 and the other outcomes, 署名欄 when
 *   the workspace asks for it;
 * - 開催通知: number and date lines, addressee, sender, 「…の開催について（通知）」, then 記:
 *   日時 (和暦, 曜日, 時分), 場所 and URL, 議題, how and by when to answer, and whom to ask.
 * Every page carries the municipality, the title, the print date and its number in its
 * margins. Text is plain text (form controls do not print well) and flows across pages.
 * The toolbar (not printed) sets the notice's number and date and offers the Word files.
 */
import {
  bodyLineText,
  caretColorFor,
  DEFAULT_MEETING_PAPER_SETTINGS,
  type MeetingPaperSettings,
  minutesPaper,
  noticePaper,
  PAPER_TEXT,
} from "@tsumugi/domain";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { RichTextEditor } from "../editor/RichTextEditor";
import { t } from "../i18n/t";
import { PrintMargins, usePrintDay } from "../ui/PrintMargins";
import { useMeetingContext } from "./meeting-context";
import { meetingPapersApi } from "./meeting-papers-api";
import "./meeting-print.css";

export type PrintKind = "minutes" | "notice";

/** The workspace's wording of its papers; the defaults until (or unless) it is read. */
function usePaperSettings(wid: string): MeetingPaperSettings {
  const [settings, setSettings] = useState<MeetingPaperSettings>(DEFAULT_MEETING_PAPER_SETTINGS);
  useEffect(() => {
    let live = true;
    meetingPapersApi(wid)
      .settings()
      .then((r) => live && setSettings(r.settings))
      .catch(() => {
        // Offline or refused: the papers fall back on what the workspace knows.
      });
    return () => {
      live = false;
    };
  }, [wid]);
  return settings;
}

export function MeetingPrint({ kind, user }: { kind: PrintKind; user: { id: string; name: string } }) {
  const { meeting, municipality, wid } = useMeetingContext();
  const settings = usePaperSettings(wid);
  const printDay = usePrintDay();
  const [number, setNumber] = useState("");
  const [date, setDate] = useState("");
  const noticeDate = date || printDay;
  const draft = meeting.minutesState !== "fixed";
  const title =
    kind === "notice"
      ? PAPER_TEXT.noticeTitle(meeting.title)
      : PAPER_TEXT.minutesTitle(meeting.title) + (draft ? PAPER_TEXT.draftMark : "");
  const api = meetingPapersApi(wid);
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
        {kind === "notice" && (
          <>
            <label>
              {t("papers.noticeNumber")}{" "}
              <input
                value={number}
                onChange={(e) => setNumber(e.target.value)}
                maxLength={30}
                size={8}
                placeholder={t("papers.noticeNumberHint")}
                data-testid="notice-number"
              />
            </label>
            <label>
              {t("papers.noticeDate")}{" "}
              <input
                type="date"
                value={noticeDate}
                onChange={(e) => setDate(e.target.value)}
                data-testid="notice-date"
              />
            </label>
          </>
        )}
        <button type="button" onClick={() => window.print()} data-testid="print-now">
          {t("print.now")}
        </button>
        <a
          className="button-link"
          href={
            kind === "notice"
              ? api.noticeDocxUrl(meeting.id, { number, date: noticeDate })
              : api.minutesDocxUrl(meeting.id)
          }
          data-testid="print-docx"
        >
          {t("papers.wordDownload")}
        </a>
      </div>
      {kind === "notice" ? (
        <Notice settings={settings} number={number} date={noticeDate} />
      ) : (
        <Minutes user={user} settings={settings} />
      )}
    </div>
  );
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <>
      {lines.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines of a printed text, in order, never reordered
        <div key={i}>{line}</div>
      ))}
    </>
  );
}

function Minutes({ user, settings }: { user: { id: string; name: string }; settings: MeetingPaperSettings }) {
  const { meeting, attendance, members, agenda, outcomes, doc, provider } = useMeetingContext();
  const paper = minutesPaper({ meeting, agenda, outcomes, people: members, attendance, settings });
  const bodies = (list: { organization: string; names: string[] }[]) =>
    list.length === 0 ? [PAPER_TEXT.none] : list.map(bodyLineText);
  const attendedRows: [string, string[], string][] = [
    [PAPER_TEXT.members, bodies(paper.people.members), "print-attended"],
    ...(paper.people.observers.length
      ? [
          [PAPER_TEXT.observers, bodies(paper.people.observers), "print-observers"] as [
            string,
            string[],
            string,
          ],
        ]
      : []),
    [PAPER_TEXT.secretariatRole, bodies(paper.people.secretariat), "print-secretariat"],
  ];
  return (
    <article className="print-doc">
      <h1>
        {paper.title}
        {paper.draft && PAPER_TEXT.draftMark}
      </h1>
      <table className="print-facts">
        <tbody>
          {paper.facts.map((f) => (
            <tr key={f.label}>
              <th scope="row" colSpan={2}>
                {f.label}
              </th>
              <td>
                <Lines lines={f.lines} />
              </td>
            </tr>
          ))}
          {attendedRows.map(([role, lines, testId], i) => (
            <tr key={role}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={attendedRows.length}>
                  {PAPER_TEXT.attended}
                </th>
              )}
              <th scope="row" className="print-role">
                {role}
              </th>
              <td data-testid={testId}>
                <Lines lines={lines} />
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row" colSpan={2}>
              {PAPER_TEXT.absent}
            </th>
            <td data-testid="print-absent">
              <Lines lines={bodies(paper.people.absent)} />
            </td>
          </tr>
        </tbody>
      </table>
      <h2>{PAPER_TEXT.agenda}</h2>
      {paper.agenda.length === 0 ? (
        <p>{PAPER_TEXT.none}</p>
      ) : (
        <div className="print-agenda">
          <Lines lines={paper.agenda} />
        </div>
      )}
      <h2>{PAPER_TEXT.proceedings}</h2>
      <RichTextEditor
        doc={doc}
        provider={provider}
        user={{ name: user.name, color: caretColorFor(user.id) }}
        editable={false}
        label={t("meeting.tab.minutes")}
      />
      {paper.outcomes.map((o) => (
        <section key={o.heading}>
          <h2>{o.heading}</h2>
          <ol>
            {o.items.map((text, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a printed list, in order
              <li key={i}>{text}</li>
            ))}
          </ol>
        </section>
      ))}
      {paper.signature && (
        <section className="print-signature" data-testid="print-signature">
          <p className="print-signature-statement">{paper.signature.statement}</p>
          <p>{paper.signature.dateLine}</p>
          {Array.from({ length: paper.signature.signers }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: identical signature lines
            <p key={i} className="print-signer">
              {PAPER_TEXT.signer}
              <span className="print-signer-line" />
            </p>
          ))}
        </section>
      )}
    </article>
  );
}

function Notice({
  settings,
  number,
  date,
}: {
  settings: MeetingPaperSettings;
  number: string;
  date: string;
}) {
  const { meeting, members, municipality, agenda, groups } = useMeetingContext();
  const paper = noticePaper({
    meeting,
    groupName: groups.find((g) => g.id === meeting.groupId)?.name ?? null,
    agenda,
    people: members,
    municipality,
    settings,
    date,
    number,
  });
  return (
    <article className="print-doc notice-doc">
      <p className="notice-date" data-testid="notice-number-line">
        {paper.numberLine}
      </p>
      <p className="notice-date">{paper.dateLine}</p>
      <p className="notice-to">{paper.addressee}</p>
      <p className="notice-from">
        <Lines lines={paper.senderLines} />
      </p>
      <h1>{paper.title}</h1>
      <p className="notice-body">{paper.body}</p>
      <p className="notice-ki">{PAPER_TEXT.ki}</p>
      <table className="notice-facts" data-testid="notice-facts">
        <tbody>
          {paper.items.map((item, i) => (
            <tr key={item.label}>
              <th scope="row">
                {i + 1}　{item.label}
              </th>
              <td data-testid={item.label === PAPER_TEXT.reply ? "notice-reply" : undefined}>
                <Lines lines={item.lines} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="notice-end">{PAPER_TEXT.end}</p>
    </article>
  );
}
