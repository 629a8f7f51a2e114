/**
 * The door (当日受付), tablet first: the code from a registrant's page typed, pasted or sent by
 * a scanner (a QR code read by a phone's camera opens this tab with the code filled in), the
 * list searched by name, organisation or code with a large 受付 button per person, and people
 * who came without registering added by name. The list holds names: reading it is logged.
 */
import type { AttendanceSummary, Event, Participant } from "@tsumugi/contract";
import { type PROFESSION_IDS, readCheckInCode } from "@tsumugi/domain";
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { errorMessage } from "../ui/loaded";
import { useLoaded } from "../ui/use-loaded";
import { ProfessionSelect } from "./choice-selects";
import type { EventsApi } from "./events-api";

const formatCode = (code: string | null) => (code ? `${code.slice(0, 4)}-${code.slice(4)}` : "");
const fold = (s: string) =>
  s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-－]/g, "");

export function CheckInDesk(props: {
  api: EventsApi;
  event: Event;
  initialCode?: string | null;
  onAttendance(a: AttendanceSummary): void;
}) {
  const { api, event, onAttendance } = props;
  const [code, setCode] = useState("");
  const [query, setQuery] = useState("");
  const [result, setResult] = useState<{ text: string; kind: "ok" | "again" } | null>(null);
  const [busy, setBusy] = useState(false);
  const codeRef = useRef<HTMLInputElement>(null);
  const sentInitial = useRef(false);

  const { data, error, setData, setError } = useLoaded(
    useCallback(() => api.participants(event.id), [api, event.id]),
  );
  const list = data?.participants;

  const replace = useCallback(
    (p: Participant) =>
      setData((d) => ({
        ...d,
        participants: d.participants.some((x) => x.id === p.id)
          ? d.participants.map((x) => (x.id === p.id ? p : x))
          : [...d.participants, p],
      })),
    [setData],
  );

  const send = useCallback(
    async (body: { code?: string; participantId?: string; undo?: boolean }) => {
      setBusy(true);
      setError(null);
      setResult(null);
      try {
        const res = await api.checkIn(event.id, body);
        replace(res.participant);
        onAttendance(res.attendance);
        const who = res.participant.name || t(`profession.${res.participant.profession}` as MessageKey);
        setResult(
          body.undo
            ? { text: t("checkIn.undone", { name: who }), kind: "ok" }
            : res.alreadyCheckedIn
              ? { text: t("checkIn.already", { name: who }), kind: "again" }
              : { text: t("checkIn.done", { name: who }), kind: "ok" },
        );
        setCode("");
      } catch (err) {
        setError(errorMessage(err));
      }
      setBusy(false);
      codeRef.current?.focus();
    },
    [api, event.id, onAttendance, replace, setError],
  );

  // Opened from a QR code: check that code in once.
  useEffect(() => {
    if (props.initialCode && !sentInitial.current) {
      sentInitial.current = true;
      void send({ code: props.initialCode });
    }
  }, [props.initialCode, send]);

  const submitCode = (e: FormEvent) => {
    e.preventDefault();
    if (!readCheckInCode(code)) {
      setError(t("checkIn.codeFormat"));
      return;
    }
    void send({ code });
  };

  const people = useMemo(() => (list ?? []).filter((p) => p.status !== "cancelled"), [list]);
  const shown = useMemo(() => {
    const q = fold(query);
    if (!q) return people;
    return people.filter((p) =>
      [p.name, p.organisation, p.checkInCode ?? ""].some((v) => fold(v).includes(q)),
    );
  }, [people, query]);
  const checked = people.filter((p) => p.checkedInAt !== null).reduce((n, p) => n + p.headcount, 0);
  const expected = people.filter((p) => !p.walkIn && p.status === "registered").length;

  return (
    <div className="check-in" data-testid="check-in">
      <p className="check-in-count" data-testid="check-in-count">
        {t("checkIn.count", { checked, expected })}
      </p>
      {event.status === "cancelled" && <p className="notice">{t("events.doorCountsCancelled")}</p>}
      <form className="check-in-code row" onSubmit={submitCode}>
        <label className="grow">
          <span className="field-label">{t("checkIn.codeLabel")}</span>
          <input
            ref={codeRef}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="ABCD-2345"
            data-testid="check-in-code-input"
          />
        </label>
        <button
          type="submit"
          disabled={busy || event.status === "cancelled"}
          data-testid="check-in-code-submit"
        >
          {t("checkIn.submit")}
        </button>
      </form>
      <p className="muted small">{t("checkIn.codeHelp")}</p>
      {result && (
        <p className={`check-in-result ${result.kind}`} role="status" data-testid="check-in-result">
          {result.text}
        </p>
      )}
      <ErrorBanner message={error} />
      <label className="check-in-search">
        <span className="field-label">{t("checkIn.search")}</span>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="check-in-search"
        />
      </label>
      {list === undefined ? (
        <p className="muted">{t("common.loading")}</p>
      ) : shown.length === 0 ? (
        <p className="muted">{query ? t("checkIn.noMatch") : t("checkIn.nobody")}</p>
      ) : (
        <ul className="check-in-list" data-testid="check-in-list">
          {shown.map((p) => (
            <li key={p.id} className={p.checkedInAt ? "in" : ""} data-testid="check-in-row">
              <div className="who">
                <strong>{p.erased ? t("checkIn.erased") : p.name || t("checkIn.unnamed")}</strong>
                <span className="muted small">
                  {t(`profession.${p.profession}` as MessageKey)}
                  {p.organisation && `・${p.organisation}`}
                  {p.walkIn
                    ? `・${t("events.walkIns")}${p.headcount > 1 ? ` ${t("events.people", { n: p.headcount })}` : ""}`
                    : p.status === "waitlisted"
                      ? `・${t("checkIn.waitlisted")}`
                      : ` ${formatCode(p.checkInCode)}`}
                </span>
              </div>
              {p.checkedInAt ? (
                <button
                  type="button"
                  className="secondary"
                  disabled={busy}
                  onClick={() => void send({ participantId: p.id, undo: true })}
                  aria-label={t("checkIn.undoFor", { name: p.name })}
                >
                  {t("checkIn.undo")}
                </button>
              ) : (
                <button
                  type="button"
                  className="check-in-button"
                  disabled={busy || event.status === "cancelled"}
                  onClick={() => void send({ participantId: p.id })}
                  aria-label={t("checkIn.submitFor", { name: p.name })}
                  data-testid="check-in-row-button"
                >
                  {t("checkIn.submit")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <WalkInForm
        api={api}
        event={event}
        onAdded={(p) => {
          replace(p);
          void api.get(event.id).then((d) => onAttendance(d.attendance));
        }}
      />
    </div>
  );
}

function WalkInForm(props: { api: EventsApi; event: Event; onAdded(p: Participant): void }) {
  const [name, setName] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [profession, setProfession] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await props.api.addWalkIn(props.event.id, {
        name,
        organisation,
        profession: profession as (typeof PROFESSION_IDS)[number],
      });
      props.onAdded(res.participant);
      setName("");
      setOrganisation("");
      setProfession("");
    } catch (err) {
      if (err instanceof ApiError) {
        setFields(err.fields);
        setError(Object.keys(err.fields).length > 0 ? null : err.message);
      } else setError(String(err));
    }
    setBusy(false);
  };
  return (
    <section className="card walk-in" aria-labelledby="walk-in-title">
      <h3 id="walk-in-title">{t("checkIn.walkIn")}</h3>
      <p className="muted small">{t("checkIn.walkInHelp")}</p>
      <ErrorBanner message={error} />
      <form className="walk-in-form" onSubmit={submit} data-testid="walk-in-form">
        <Field label={t("checkIn.walkInName")} error={fields.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} data-testid="walk-in-name" />
        </Field>
        <Field label={t("events.organisationOptional")} error={fields.organisation}>
          <input value={organisation} onChange={(e) => setOrganisation(e.target.value)} />
        </Field>
        <Field label={t("events.profession")} error={fields.profession}>
          <ProfessionSelect value={profession} onChange={setProfession} testId="walk-in-profession" />
        </Field>
        <button
          type="submit"
          disabled={busy || props.event.status === "cancelled"}
          data-testid="walk-in-submit"
        >
          {t("checkIn.walkInAdd")}
        </button>
      </form>
    </section>
  );
}
