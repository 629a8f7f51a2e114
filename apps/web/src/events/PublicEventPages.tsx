/**
 * The public side of events, without an account (phone first):
 * - /p/:lg/events — the municipality's trainings and lectures from today on;
 * - /p/:lg/events/:pid — one announcement and its registration form;
 * - /p/:lg/events/:pid/r/:token — the registrant's own page: status, the check-in code as a QR
 *   code to show at the door, the waiting position, cancelling.
 */
import type { PublicEvent, PublicEventDetail, RegistrationView } from "@tsumugi/contract";
import { formatIsoDate, formatTimeRange, PROFESSION_CHOICES } from "@tsumugi/domain";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../api/client";
import { QrCode } from "../auth/QrCode";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { formatSize, materialKind } from "./material-format";
import { publicEventsApi } from "./public-events-api";
import "./public-events.css";
import { DemoBadge } from "../ui/DemoBadge";
import { QuestionnaireInvite } from "./QuestionnaireInvite";

const kindLabel = (e: PublicEvent) => t(`eventKind.${e.kind}` as MessageKey);
const formatCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

function loadError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return t("publicEvents.offline");
}

/** 受付中 / 残り3席 / キャンセル待ち受付中 / 締切 … */
function StateBadge({ event }: { event: PublicEvent }) {
  const s = event.registrationState;
  const text =
    s === "open" && event.placesLeft !== null
      ? t("publicEvents.state.openLeft", { n: event.placesLeft })
      : t(`publicEvents.state.${s}` as MessageKey);
  return (
    <span className={`pe-state pe-state-${s}`} data-testid="public-event-state">
      {text}
    </span>
  );
}

function Header({ municipality }: { municipality: { name: string; prefecture: string } }) {
  return (
    <p className="pe-org">
      {municipality.prefecture} {municipality.name} {t("publicEvents.program")}
    </p>
  );
}

export function PublicEventsPage() {
  const { lg = "" } = useParams();
  const [data, setData] = useState<Awaited<ReturnType<ReturnType<typeof publicEventsApi>["list"]>> | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    publicEventsApi(lg)
      .list()
      .then(setData)
      .catch((e) => setError(loadError(e)));
  }, [lg]);
  useEffect(() => {
    if (data) document.title = `${t("publicEvents.title")}｜${data.municipality.name}`;
  }, [data]);
  if (!data)
    return (
      <main className="pe-page">
        {error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>}
      </main>
    );
  return (
    <main className="pe-page" data-testid="public-events">
      <Header municipality={data.municipality} />
      <h1>{t("publicEvents.title")}</h1>
      <p className="pe-request-link">
        <Link to={`/p/${lg}/lecture-request`} data-testid="request-link">
          {t("publicEvents.requestLink")}
        </Link>
      </p>
      {data.events.length === 0 ? (
        <p className="pe-empty">{t("publicEvents.none")}</p>
      ) : (
        <ul className="pe-list">
          {data.events.map((e) => (
            <li key={e.publicId} className="pe-card" data-testid="public-event-card">
              <p className="pe-meta">
                <span className="pe-kind">{kindLabel(e)}</span>
                <StateBadge event={e} />
                {e.demo && <DemoBadge />}
              </p>
              <h2>
                <Link to={`/p/${e.host.lgCode}/events/${e.publicId}`}>{e.title}</Link>
              </h2>
              <p className="pe-when">{formatTimeRange(e.startsAt, e.endsAt)}</p>
              {e.place && <p className="pe-place">{e.place}</p>}
              <p className="pe-audience">
                {t("publicEvents.audience")}：{t(`eventAudience.${e.audience}` as MessageKey)}
                {e.audienceNote && `（${e.audienceNote}）`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

function EventFacts({ event, showUrl = false }: { event: PublicEvent; showUrl?: boolean }) {
  return (
    <dl className="pe-facts">
      <dt>{t("publicEvents.when")}</dt>
      <dd data-testid="public-event-when">{formatTimeRange(event.startsAt, event.endsAt)}</dd>
      {event.place && (
        <>
          <dt>{t("publicEvents.place")}</dt>
          <dd>{event.place}</dd>
        </>
      )}
      {event.onlineUrl && (
        <>
          <dt>{t("publicEvents.online")}</dt>
          <dd className="pe-break">
            {showUrl ? (
              <a href={event.onlineUrl} rel="noopener noreferrer" target="_blank">
                {event.onlineUrl}
              </a>
            ) : (
              t("publicEvents.onlineNote")
            )}
          </dd>
        </>
      )}
      <dt>{t("publicEvents.audience")}</dt>
      <dd>
        {t(`eventAudience.${event.audience}` as MessageKey)}
        {event.audienceNote && `（${event.audienceNote}）`}
      </dd>
      <dt>{t("publicEvents.capacity")}</dt>
      <dd>
        {event.capacity === null
          ? t("publicEvents.noLimit")
          : t("publicEvents.capacityLeft", { capacity: event.capacity, n: event.placesLeft ?? 0 })}
      </dd>
      {event.registrationClosesAt && (
        <>
          <dt>{t("publicEvents.closesAt")}</dt>
          <dd>
            {formatIsoDate(event.registrationClosesAt.slice(0, 10))}
            {event.registrationClosesAt.slice(11, 16)}
          </dd>
        </>
      )}
      <dt>{t("publicEvents.host")}</dt>
      <dd>{event.organiserNote || [event.host, ...event.cohosts].map((m) => m.name).join("・")}</dd>
      {event.contact && (
        <>
          <dt>{t("publicEvents.contact")}</dt>
          <dd className="pe-break pe-pre">{event.contact}</dd>
        </>
      )}
    </dl>
  );
}

export function PublicEventPage() {
  const { lg = "", pid = "" } = useParams();
  const [data, setData] = useState<PublicEventDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    publicEventsApi(lg)
      .get(pid)
      .then(setData)
      .catch((e) => setError(loadError(e)));
  }, [lg, pid]);
  useEffect(() => {
    if (data) document.title = `${data.event.title}｜${data.municipality.name}`;
  }, [data]);
  if (!data)
    return (
      <main className="pe-page">
        {error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>}
      </main>
    );
  const { event } = data;
  return (
    <main className="pe-page" data-testid="public-event">
      <p className="pe-back">
        <Link to={`/p/${lg}/events`}>{t("publicEvents.backToList")}</Link>
      </p>
      <Header municipality={data.municipality} />
      <p className="pe-meta">
        <span className="pe-kind">{kindLabel(event)}</span>
        <StateBadge event={event} />
        {event.demo && <DemoBadge />}
      </p>
      <h1 data-testid="public-event-title">{event.title}</h1>
      <EventFacts event={event} />
      {event.theme && <p className="pe-theme">{event.theme}</p>}
      {data.materials.length > 0 && <PublicMaterials materials={data.materials} />}
      <section className="pe-register" aria-labelledby="register-title">
        <h2 id="register-title">{t("publicEvents.register")}</h2>
        {data.formToken ? (
          <RegistrationFormView lg={lg} pid={pid} detail={data} />
        ) : (
          <p className="pe-closed" data-testid="registration-closed">
            {t(`publicEvents.closed.${event.registrationState}` as MessageKey)}
          </p>
        )}
      </section>
    </main>
  );
}

/** Handouts the organisers offer to anyone (downloads). */
function PublicMaterials({ materials }: { materials: PublicEventDetail["materials"] }) {
  return (
    <section className="pe-materials" aria-labelledby="materials-title" data-testid="public-materials">
      <h2 id="materials-title">{t("publicEvents.materials")}</h2>
      <p className="pe-hint">{t("publicEvents.materialsHint")}</p>
      <ul>
        {materials.map((m) => (
          <li key={m.path}>
            <a href={m.path} download={m.name}>
              {m.name}
            </a>{" "}
            <span className="pe-hint">
              （{materialKind(m.type)}・{formatSize(m.size)}）
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface FormValues {
  name: string;
  organisation: string;
  profession: string;
  contact: string;
  note: string;
  consent: boolean;
  shareWithCohosts: boolean;
  website: string;
}

function RegistrationFormView({ lg, pid, detail }: { lg: string; pid: string; detail: PublicEventDetail }) {
  const navigate = useNavigate();
  const { event } = detail;
  const [v, setV] = useState<FormValues>({
    name: "",
    organisation: "",
    profession: "",
    contact: "",
    note: "",
    consent: false,
    shareWithCohosts: false,
    website: "",
  });
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [token, setToken] = useState(detail.formToken);
  const errorRef = useRef<HTMLDivElement>(null);
  const set = <K extends keyof FormValues>(k: K, value: FormValues[K]) => setV((x) => ({ ...x, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const res = await publicEventsApi(lg).register(pid, {
        ...v,
        profession: v.profession as (typeof PROFESSION_CHOICES)[number],
        consent: v.consent as true,
        formToken: token ?? "",
      });
      navigate(res.path, { replace: false });
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation") {
        setFields(err.fields);
        setError(t("publicEvents.fixFields"));
      } else if (err instanceof ApiError && err.code === "publicForm.refused") {
        // Sent too soon, or a stale page: what was typed stays; a fresh token when needed.
        if (err.fields.formToken === "tooFast") setError(t("publicEvents.tooFast"));
        else {
          try {
            setToken((await publicEventsApi(lg).get(pid)).formToken);
            setError(t("publicEvents.renewed"));
          } catch (e2) {
            setError(loadError(e2));
          }
        }
      } else if (err instanceof ApiError) {
        // Closed, full, already registered: the server says what to do.
        setError(err.message);
      } else setError(t("publicEvents.offline"));
      setBusy(false);
      requestAnimationFrame(() => errorRef.current?.scrollIntoView({ block: "center" }));
    }
  };

  return (
    <form className="pe-form" onSubmit={submit} noValidate data-testid="registration-form">
      <div ref={errorRef}>
        <ErrorBanner message={error} />
      </div>
      {event.registrationState === "waitingList" && (
        <p className="pe-notice" data-testid="waiting-notice">
          {t("publicEvents.waitingNotice")}
        </p>
      )}
      <Field label={`${t("publicEvents.name")}（${t("publicEvents.required")}）`} error={fields.name}>
        <input
          name="name"
          autoComplete="name"
          value={v.name}
          maxLength={50}
          onChange={(e) => set("name", e.target.value)}
          aria-invalid={Boolean(fields.name)}
          data-testid="reg-name"
        />
      </Field>
      <Field
        label={`${t("publicEvents.organisation")}（${t("publicEvents.optional")}）`}
        error={fields.organisation}
      >
        <input
          name="organization"
          autoComplete="organization"
          value={v.organisation}
          maxLength={100}
          onChange={(e) => set("organisation", e.target.value)}
          data-testid="reg-organisation"
        />
      </Field>
      <Field
        label={`${t("publicEvents.profession")}（${t("publicEvents.required")}）`}
        error={fields.profession}
      >
        <select
          value={v.profession}
          onChange={(e) => set("profession", e.target.value)}
          aria-invalid={Boolean(fields.profession)}
          data-testid="reg-profession"
        >
          <option value="">{t("events.choose")}</option>
          {PROFESSION_CHOICES.map((p) => (
            <option key={p} value={p}>
              {t(`profession.${p}` as MessageKey)}
            </option>
          ))}
        </select>
      </Field>
      <Field
        label={`${t("publicEvents.contactField")}（${t("publicEvents.required")}）`}
        error={fields.contact}
      >
        <input
          name="contact"
          inputMode="email"
          autoComplete="email"
          value={v.contact}
          maxLength={254}
          onChange={(e) => set("contact", e.target.value)}
          aria-invalid={Boolean(fields.contact)}
          data-testid="reg-contact"
        />
        <span className="pe-hint">{t("publicEvents.contactHint")}</span>
      </Field>
      <Field label={`${t("publicEvents.note")}（${t("publicEvents.optional")}）`} error={fields.note}>
        <textarea
          rows={3}
          value={v.note}
          maxLength={500}
          onChange={(e) => set("note", e.target.value)}
          data-testid="reg-note"
        />
        <span className="pe-hint">{t("publicEvents.noteHint")}</span>
      </Field>
      {/* People never see this field; programs that fill every field do. */}
      <div className="pe-trap" aria-hidden="true">
        <label>
          Website
          <input
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={v.website}
            onChange={(e) => set("website", e.target.value)}
          />
        </label>
      </div>
      <div className="pe-consent">
        <p>{t("publicEvents.consentText", { days: detail.retentionDays })}</p>
        <label className="pe-check">
          <input
            type="checkbox"
            checked={v.consent}
            onChange={(e) => set("consent", e.target.checked)}
            data-testid="reg-consent"
          />
          {t("publicEvents.consent")}
        </label>
        {fields.consent && <span className="field-error">{t("field.consent")}</span>}
        {event.cohosts.length > 0 && (
          <label className="pe-check">
            <input
              type="checkbox"
              checked={v.shareWithCohosts}
              onChange={(e) => set("shareWithCohosts", e.target.checked)}
              data-testid="reg-share"
            />
            {t("publicEvents.shareWithCohosts", {
              names: event.cohosts.map((c) => c.name).join("・"),
            })}
          </label>
        )}
      </div>
      <button type="submit" className="pe-submit" disabled={busy} data-testid="reg-submit">
        {event.registrationState === "waitingList"
          ? t("publicEvents.submitWaiting")
          : t("publicEvents.submit")}
      </button>
    </form>
  );
}

export function RegistrationPage() {
  const { lg = "", pid = "", token = "" } = useParams();
  const [data, setData] = useState<RegistrationView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    publicEventsApi(lg)
      .registration(pid, token)
      .then(setData)
      .catch((e) => setError(loadError(e)));
  }, [lg, pid, token]);
  useEffect(() => {
    document.title = t("publicEvents.receiptTitle");
  }, []);
  if (!data)
    return (
      <main className="pe-page">
        {error ? <ErrorBanner message={error} /> : <p className="muted">{t("common.loading")}</p>}
      </main>
    );
  const { event, registration: r } = data;
  const cancel = async () => {
    if (!window.confirm(t("publicEvents.confirmCancel", { title: event.title }))) return;
    setBusy(true);
    setError(null);
    try {
      setData(await publicEventsApi(lg).cancel(pid, token));
    } catch (e) {
      setError(loadError(e));
    }
    setBusy(false);
  };
  return (
    <main className="pe-page pe-receipt" data-testid="registration-page">
      <Header municipality={data.municipality} />
      <h1 data-testid="registration-status">
        {r.status === "registered"
          ? t("publicEvents.receipt.registered")
          : r.status === "waitlisted"
            ? t("publicEvents.receipt.waitlisted", { n: r.waitingPosition ?? "—" })
            : t("publicEvents.receipt.cancelled")}
      </h1>
      <ErrorBanner message={error} />
      {r.status === "registered" && r.checkInCode && (
        <section className="pe-ticket" aria-labelledby="ticket-title">
          <h2 id="ticket-title">{t("publicEvents.ticket")}</h2>
          {r.checkedIn ? (
            <p className="pe-notice" data-testid="checked-in">
              {t("publicEvents.checkedIn")}
            </p>
          ) : (
            <p>{t("publicEvents.ticketHelp")}</p>
          )}
          <QrCode
            text={r.checkInUrl ?? r.checkInCode}
            label={t("publicEvents.qrLabel", { code: formatCode(r.checkInCode) })}
            size={200}
          />
          <p className="pe-code" data-testid="check-in-code">
            {t("publicEvents.code")} <strong>{formatCode(r.checkInCode)}</strong>
          </p>
        </section>
      )}
      {r.status === "registered" && <QuestionnaireInvite publicId={event.publicId} token={token} />}
      {r.status === "waitlisted" && <p className="pe-notice">{t("publicEvents.waitingHelp")}</p>}
      {r.status !== "cancelled" && <p className="pe-keep">{t("publicEvents.keepThisPage")}</p>}
      <section aria-labelledby="event-title" className="pe-summary">
        <h2 id="event-title">
          <Link to={`/p/${event.host.lgCode}/events/${event.publicId}`}>{event.title}</Link>
        </h2>
        <EventFacts event={event} showUrl={r.status === "registered"} />
      </section>
      <section aria-labelledby="you-title" className="pe-summary">
        <h2 id="you-title">{t("publicEvents.yourEntry")}</h2>
        <dl className="pe-facts">
          <dt>{t("publicEvents.name")}</dt>
          <dd data-testid="registration-name">{r.name}</dd>
          {r.organisation && (
            <>
              <dt>{t("publicEvents.organisation")}</dt>
              <dd>{r.organisation}</dd>
            </>
          )}
          <dt>{t("publicEvents.profession")}</dt>
          <dd>{t(`profession.${r.profession}` as MessageKey)}</dd>
          <dt>{t("publicEvents.contactField")}</dt>
          <dd className="pe-break">{r.contact}</dd>
        </dl>
      </section>
      {r.cancellable && (
        <p>
          <button
            type="button"
            className="danger"
            onClick={cancel}
            disabled={busy}
            data-testid="registration-cancel"
          >
            {t("publicEvents.cancel")}
          </button>
        </p>
      )}
    </main>
  );
}
