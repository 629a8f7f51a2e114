/** The workspace's meetings by 年度, creating one, the decisions search and the calendar feed. */

import type { DecisionList } from "@tsumugi/contract";
import {
  currentFiscalYear,
  MEETING_KINDS,
  MEETING_PLACE_MAX,
  MEETING_TITLE_MAX,
  type MeetingKind,
} from "@tsumugi/domain";
import { type FormEvent, useCallback, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError } from "../api/client";
import { CalendarFeed } from "../calendar/CalendarFeed";
import { LimitHint } from "../collab/LimitHint";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { DemoBadge } from "../ui/DemoBadge";
import { ErrorBanner, Field } from "../ui/Field";
import { FiscalYearSelect, fiscalYearChoices } from "../ui/FiscalYearSelect";
import { useLoaded } from "../ui/use-loaded";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { MeetingPaperSettingsForm } from "./MeetingPaperSettings";
import { meetingWhen, meetingWhenTyped } from "./meeting-format";
import { meetingsApi } from "./meetings-api";
import { useMeetingEvents } from "./useMeetingEvents";

export function MeetingsPanel({ wid, data }: { wid: string; data: WorkspaceData }) {
  const [fy, setFy] = useState<number | null>(null);
  const current = currentFiscalYear();

  const {
    data: all,
    error,
    reload,
  } = useLoaded(useCallback(async () => (await meetingsApi(wid).list()).meetings, [wid]));
  // Other people's new meetings and state changes appear without a reload.
  useMeetingEvents(
    wid,
    useCallback(() => void reload(), [reload]),
  );

  // The years that have meetings, this year and next; shown first: this year if it has
  // meetings, else the latest year that has.
  const withMeetings = [...new Set((all ?? []).map((m) => m.fiscalYear))];
  const year =
    fy ?? (withMeetings.includes(current) || withMeetings.length === 0 ? current : Math.max(...withMeetings));
  const meetings = all?.filter((m) => m.fiscalYear === year) ?? null;

  // Offered as the server says: the secretariat runs any meeting, a group's members its meetings.
  const canCreate = data.detail.can["meetings.plenary"] || data.groups.some((g) => g.abilities.createMeeting);
  return (
    <section data-testid="meetings-panel">
      <ErrorBanner message={error} />
      <FiscalYearSelect
        value={year}
        years={fiscalYearChoices([...withMeetings, current, current + 1])}
        onChange={setFy}
        testId="meetings-year"
      />
      {meetings?.length === 0 && <p className="muted">{t("meetings.empty")}</p>}
      {meetings && meetings.length > 0 && (
        <table className="grid-table meetings-table">
          <thead>
            <tr>
              <th>{t("meetings.when")}</th>
              <th>{t("meetings.name")}</th>
              <th>{t("meetings.kind")}</th>
              <th>{t("meetings.state")}</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr key={m.id}>
                <td>{meetingWhen(m)}</td>
                <td>
                  <Link to={`/w/${wid}/meetings/${m.id}`} data-testid="meeting-link">
                    {m.title}
                  </Link>
                  {m.demo && <DemoBadge />}
                </td>
                <td>{t(`meetingKind.${m.kind}` as MessageKey)}</td>
                <td>
                  {m.state === "closed"
                    ? t("meetings.closedWithMinutes", {
                        minutes: t(`minutesState.${m.minutesState}` as MessageKey),
                      })
                    : t(`meetingState.${m.state}` as MessageKey)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCreate && <NewMeeting wid={wid} data={data} />}
      <Decisions wid={wid} />
      <CalendarFeed wid={wid} />
      <MeetingPaperSettingsForm wid={wid} />
    </section>
  );
}

function NewMeeting({ wid, data }: { wid: string; data: WorkspaceData }) {
  const navigate = useNavigate();
  // Whoever may run meetings of the whole committee may run any group's too.
  const isSecretariat = data.detail.can["meetings.plenary"];
  const groups = data.groups.filter((g) => g.abilities.createMeeting);
  const [kind, setKind] = useState<MeetingKind>(isSecretariat ? "liaison" : "team");
  const [groupId, setGroupId] = useState<string>(isSecretariat ? "" : (groups[0]?.id ?? ""));
  const [title, setTitle] = useState("");
  const [startsAt, setStartsAt] = useState("");
  const [endsAt, setEndsAt] = useState("");
  const [place, setPlace] = useState("");
  const [onlineUrl, setOnlineUrl] = useState("");
  const [invitees, setInvitees] = useState<string[]>([]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const active = data.members.filter((m) => !m.disabled);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const res = await meetingsApi(wid).create({
        kind,
        groupId: groupId || null,
        title,
        startsAt,
        endsAt: endsAt || null,
        place,
        onlineUrl,
        invitees,
      });
      navigate(`/w/${wid}/meetings/${res.meeting.id}`);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields ?? {});
      } else setError(String(err));
    }
  };

  const selectGroup = (id: string) => {
    setGroupId(id);
    // Inviting a group's meeting starts from the group's members.
    const group = data.groups.find((g) => g.id === id);
    setInvitees(group ? group.memberIds : active.map((m) => m.userId));
  };

  return (
    <details className="card new-meeting">
      <summary data-testid="meeting-new">{t("meetings.new")}</summary>
      <form onSubmit={submit} className="form-grid">
        <ErrorBanner message={error} />
        <Field label={t("meetings.kind")} error={fields.kind}>
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as MeetingKind)}
            data-testid="meeting-kind"
          >
            {MEETING_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {t(`meetingKind.${k.id}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("meetings.group")} error={fields.groupId}>
          <select value={groupId} onChange={(e) => selectGroup(e.target.value)} data-testid="meeting-group">
            {isSecretariat && <option value="">{t("meetings.wholeCommittee")}</option>}
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("meetings.title")} error={fields.title}>
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={MEETING_TITLE_MAX} />
          <LimitHint value={title} max={MEETING_TITLE_MAX} />
        </Field>
        <Field label={t("meetings.startsAt")} error={fields.startsAt}>
          <input
            type="datetime-local"
            value={startsAt}
            onChange={(e) => setStartsAt(e.target.value)}
            data-testid="meeting-starts"
            required
          />
        </Field>
        <Field label={t("meetings.endsAt")} error={fields.endsAt}>
          <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} />
        </Field>
        <p className="muted small" data-testid="meeting-when-typed" aria-live="polite">
          {meetingWhenTyped(startsAt, endsAt)}
        </p>
        <Field label={t("meetings.place")} error={fields.place}>
          <input
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            maxLength={MEETING_PLACE_MAX}
            data-testid="meeting-place"
          />
          <LimitHint value={place} max={MEETING_PLACE_MAX} />
        </Field>
        <Field label={t("meetings.onlineUrl")} error={fields.onlineUrl}>
          <input value={onlineUrl} onChange={(e) => setOnlineUrl(e.target.value)} data-testid="meeting-url" />
        </Field>
        <fieldset className="checks">
          <legend>{t("meetings.invitees")}</legend>
          {active.map((m) => (
            <label key={m.userId} className="check">
              <input
                type="checkbox"
                checked={invitees.includes(m.userId)}
                onChange={(e) =>
                  setInvitees(
                    e.target.checked ? [...invitees, m.userId] : invitees.filter((x) => x !== m.userId),
                  )
                }
                data-testid="meeting-invitee"
              />
              {m.name}
              <span className="muted">{m.organization}</span>
            </label>
          ))}
        </fieldset>
        {fields.invitees && <span className="field-error">{t("field.unknown")}</span>}
        <button type="submit" data-testid="meeting-create">
          {t("common.create")}
        </button>
      </form>
    </details>
  );
}

function Decisions({ wid }: { wid: string }) {
  const [q, setQ] = useState("");
  const [rows, setRows] = useState<DecisionList["decisions"] | null>(null);
  const search = async (e: FormEvent) => {
    e.preventDefault();
    const res = await meetingsApi(wid).decisions(q);
    setRows(res.decisions);
  };
  return (
    <details className="card">
      <summary>{t("meetings.decisions")}</summary>
      <form onSubmit={search} className="row">
        <input value={q} onChange={(e) => setQ(e.target.value)} aria-label={t("meetings.decisions")} />
        <button type="submit">{t("meetings.decisions")}</button>
      </form>
      {rows?.length === 0 && <p className="muted">{t("meetings.decisionsEmpty")}</p>}
      <ul className="plain">
        {rows?.map((d) => (
          <li key={`${d.meetingId}-${d.id}`}>
            {d.text}{" "}
            <Link to={`/w/${wid}/meetings/${d.meetingId}`} className="muted">
              {d.meetingTitle}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}
