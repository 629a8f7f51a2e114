/**
 * One 出前講座 request on the requests view: what the group asked (its contact is personal
 * data), the status steps (受付 → 調整中 → 決定 → 実施済 / お断り), the desk's note, and
 * 「この依頼から講座を作成」: the event form filled from the request. Each control is shown as
 * the request's `abilities` say (the policy's: who handles requests, and whether a lecture may
 * still be made from this one).
 */
import type { EventRequest, EventRequestList, WishedDate } from "@tsumugi/contract";
import { formatIsoDate, formatTimeRange, formatTimestamp, type RequestStatus } from "@tsumugi/domain";
import { useState } from "react";
import { Link } from "react-router";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { bodyOf, EventForm, type EventFormValues, formValuesOf } from "./EventForm";
import { organiserChoices } from "./event-organisers";
import type { EventsApi } from "./events-api";

const SLOT_TIMES: Record<WishedDate["slot"], [string, string]> = {
  am: ["10:00", "11:30"],
  pm: ["14:00", "15:30"],
  evening: ["18:30", "20:00"],
  any: ["10:00", "11:30"],
};

export const wishedText = (d: { date: string; slot: WishedDate["slot"] }) =>
  `${formatIsoDate(d.date)} ${t(`requests.slot.${d.slot}` as MessageKey)}`;

/** The lecture as the request describes it: the first wished date, the group as its audience. */
export function lectureValues(r: EventRequest, defaults: Partial<EventFormValues>): EventFormValues {
  const first = r.wishedDates[0];
  const [from, to] = SLOT_TIMES[first?.slot ?? "am"];
  const topic = r.topic.startsWith("出前講座") ? r.topic : `出前講座「${r.topic}」`;
  return formValuesOf(null, {
    kind: "outreachLecture",
    title: `${topic}（${r.groupName}）`,
    seriesId: r.seriesId ?? "",
    startsAt: first ? `${first.date}T${from}` : "",
    endsAt: first ? `${first.date}T${to}` : "",
    place: r.place,
    capacity: r.people === null ? "" : String(r.people),
    audience: "residents",
    audienceNote: r.groupName,
    ...defaults,
  });
}

export function RequestCard(props: {
  wid: string;
  api: EventsApi;
  data: WorkspaceData;
  request: EventRequest;
  /** The offered 出前講座 (series), for the lecture's series. */
  topics: EventRequestList["topics"];
  onChanged(r: EventRequest): void;
  reload(): Promise<void>;
}) {
  const { wid, api, request: r } = props;
  const [note, setNote] = useState(r.note);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [making, setMaking] = useState(false);
  const { groups, initialOrganiserIds } = organiserChoices(props.data);

  const save = async (body: { status?: RequestStatus; note?: string }, done: string) => {
    setError(null);
    setNotice(null);
    try {
      const res = await api.updateRequest(r.id, body);
      props.onChanged(res.request);
      setNote(res.request.note);
      setNotice(done);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  };
  const can = r.abilities;
  const titleId = `request-${r.id}`;

  return (
    <li
      className={`card request-card status-${r.status}`}
      aria-labelledby={titleId}
      data-testid="request-card"
    >
      <header className="request-head">
        <h3 id={titleId}>
          <span className="request-number">{t("requests.number", { n: r.number })}</span> {r.groupName}
        </h3>
        <span className={`badge request-status request-${r.status}`} data-testid="request-status">
          {t(`requestStatus.${r.status}` as MessageKey)}
        </span>
      </header>
      <dl className="request-facts">
        <dt>{t("requests.topic")}</dt>
        <dd>{r.topic}</dd>
        <dt>{t("requests.wishedDates")}</dt>
        <dd>
          <ol className="plain">
            {r.wishedDates.map((d, i) => (
              <li key={`${d.date}-${d.slot}`}>
                {t("requests.choice", { n: i + 1 })} {wishedText(d)}
              </li>
            ))}
          </ol>
        </dd>
        <dt>{t("requests.people")}</dt>
        <dd>{r.people === null ? "—" : t("events.people", { n: r.people })}</dd>
        <dt>{t("requests.place")}</dt>
        <dd>{r.place || "—"}</dd>
        <dt>{t("requests.contact")}</dt>
        <dd data-testid="request-contact">
          {r.erased ? (
            <span className="muted">{t("requests.erased")}</span>
          ) : (
            <>
              {r.contactName}
              <span className="request-contact-value">{r.contact}</span>
            </>
          )}
        </dd>
        {r.message && (
          <>
            <dt>{t("requests.message")}</dt>
            <dd className="request-message">{r.message}</dd>
          </>
        )}
        <dt>{t("requests.receivedAt")}</dt>
        <dd>{formatTimestamp(r.receivedAt)}</dd>
        {r.event && (
          <>
            <dt>{t("requests.lecture")}</dt>
            <dd data-testid="request-event">
              <Link to={`/w/${wid}/events/${r.event.id}`}>{r.event.title}</Link>
              <span className="muted small">
                {" "}
                {formatTimeRange(r.event.startsAt, null)}・{t(`eventStatus.${r.event.status}` as MessageKey)}
              </span>
            </dd>
          </>
        )}
      </dl>
      <ErrorBanner message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <div className="request-actions">
        {can.update &&
          r.nextStatuses.map((s) => (
            <button
              key={s}
              type="button"
              className={s === "declined" ? "secondary danger-text" : "secondary"}
              onClick={() => {
                if (s === "declined" && !window.confirm(t("requests.confirmDecline", { group: r.groupName })))
                  return;
                void save(
                  { status: s },
                  t("requests.moved", { status: t(`requestStatus.${s}` as MessageKey) }),
                );
              }}
              data-testid={`request-to-${s}`}
            >
              {t(`requests.to.${s}` as MessageKey)}
            </button>
          ))}
        {can.makeLecture && !making && (
          <button type="button" onClick={() => setMaking(true)} data-testid="request-make-event">
            {t("requests.makeEvent")}
          </button>
        )}
      </div>
      {can.update ? (
        <form
          className="request-note"
          onSubmit={(e) => {
            e.preventDefault();
            void save({ note }, t("events.saved"));
          }}
        >
          <label>
            <span>{t("requests.note")}</span>
            <textarea
              rows={2}
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.target.value)}
              data-testid="request-note"
            />
          </label>
          <button type="submit" className="secondary" disabled={note === r.note}>
            {t("requests.saveNote")}
          </button>
        </form>
      ) : (
        r.note && (
          <p className="request-note" data-testid="request-note-text">
            <span className="muted small">{t("requests.note")}</span> {r.note}
          </p>
        )
      )}
      {making && can.makeLecture && (
        <div className="request-make" data-testid="request-make">
          <h4>{t("requests.makeEventTitle")}</h4>
          <p className="muted small">{t("requests.makeEventHint")}</p>
          <EventForm
            initial={lectureValues(r, {
              organiserGroupIds: initialOrganiserIds,
            })}
            series={props.topics}
            groups={groups}
            submitLabel={t("requests.makeEventSubmit")}
            testId="request-event-form"
            onSubmit={async (v) => {
              await api.create({ ...bodyOf(v), requestId: r.id });
              setMaking(false);
              await props.reload();
            }}
          />
          <button type="button" className="link" onClick={() => setMaking(false)}>
            {t("common.cancel")}
          </button>
        </div>
      )}
    </li>
  );
}
