/**
 * The quick entry form, fit for a phone call: one column in the order a call goes, every
 * control reachable by Tab, choices by typing (selects) or Space (checkboxes), Ctrl+Enter to
 * record. Defaults come from the desk (method, 圏域). Coded fields are kept as a draft on the
 * device (desk-draft.ts); identifying fields and free text never are.
 */
import type { ConsultationCase, Desk, DeskList, ResourceRef } from "@tsumugi/contract";
import {
  AGE_BANDS,
  CARE_LEVELS,
  CONSULTATION_METHODS,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  FOLLOW_UP_STATUSES,
  japanNow,
  LIVING_SITUATIONS,
  MAIN_CONDITIONS,
  receivedAtProblem,
  SEXES,
} from "@tsumugi/domain";
import { type FormEvent, type KeyboardEvent, useEffect, useMemo, useRef, useState } from "react";
import { ApiError, fieldMessage } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import type { DeskApi } from "./desk-api";
import { clearDraft, loadDraft, saveDraft } from "./desk-draft";
import { ReferralPicker } from "./ReferralPicker";

type Vocabulary = readonly { readonly id: string; readonly label: string }[];

interface Coded {
  deskId: string;
  receivedAt: string;
  method: string;
  consulterType: string;
  topics: string[];
  responses: string[];
  ageBand: string;
  sex: string;
  careLevel: string;
  living: string;
  condition: string;
  areaId: string;
  minutes: string;
  followUpDue: string;
  followUpStatus: string;
}

interface Texts {
  consulterName: string;
  consulterOrganisation: string;
  consulterContact: string;
  personName: string;
  personKana: string;
  personContact: string;
  personAddress: string;
  personBirthDate: string;
  personNotes: string;
  content: string;
  responseDetail: string;
  referral: string;
}

const EMPTY_TEXTS: Texts = {
  consulterName: "",
  consulterOrganisation: "",
  consulterContact: "",
  personName: "",
  personKana: "",
  personContact: "",
  personAddress: "",
  personBirthDate: "",
  personNotes: "",
  content: "",
  responseDetail: "",
  referral: "",
};

function defaultsOf(desk: Desk | undefined): Coded {
  return {
    deskId: desk?.id ?? "",
    receivedAt: japanNow(),
    method: desk?.defaultMethod ?? "phone",
    consulterType: "family",
    topics: [],
    responses: [],
    ageBand: "unknown",
    sex: "unknown",
    careLevel: "unknown",
    living: "unknown",
    condition: "unknown",
    areaId: desk?.defaultAreaId ?? "",
    minutes: "",
    followUpDue: "",
    followUpStatus: "none",
  };
}

/** Server field names (case.person.name …) as this form's. */
const SERVER_FIELD: Record<string, string> = {
  "case.deskId": "deskId",
  "case.areaId": "areaId",
  "case.ageBand": "ageBand",
  "case.sex": "sex",
  "case.careLevel": "careLevel",
  "case.living": "living",
  "case.condition": "condition",
  "case.person.name": "personName",
  "case.person.kana": "personKana",
  "case.person.contact": "personContact",
  "case.person.address": "personAddress",
  "case.person.birthDate": "personBirthDate",
  "case.person.notes": "personNotes",
  "consulter.name": "consulterName",
  "consulter.organisation": "consulterOrganisation",
  "consulter.contact": "consulterContact",
  referralOrganisation: "referral",
};

export function ConsultationForm(props: {
  wid: string;
  api: DeskApi;
  desks: DeskList;
  /** A later contact of this case (its desk and person are the case's). */
  forCase?: ConsultationCase;
  onSaved: (caseId: string, caseNo: number) => void;
}) {
  const { wid, api, desks, forCase } = props;
  const writable = desks.desks.filter((d) => d.abilities.writeRecords);
  const caseDesk = forCase ? desks.desks.find((d) => d.id === forCase.deskId) : undefined;
  const draftKey = forCase ? `${wid}:case:${forCase.id}` : wid;
  const [coded, setCoded] = useState<Coded>(() => {
    const base = defaultsOf(caseDesk ?? writable[0]);
    const draft = loadDraft(draftKey);
    if (!draft) return base;
    const merged = { ...base, ...draft } as Coded;
    // A desk the person no longer keeps is not offered.
    if (!writable.some((d) => d.id === merged.deskId)) merged.deskId = base.deskId;
    return merged;
  });
  const [restored] = useState(() => loadDraft(draftKey) !== null);
  const [texts, setTexts] = useState<Texts>(EMPTY_TEXTS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [saved, setSaved] = useState<{ caseId: string; caseNo: number } | null>(null);
  const [busy, setBusy] = useState(false);
  // The directory entry referred to: not identifying, but not kept in the device's draft either.
  const [referral, setReferral] = useState<ResourceRef | null>(null);
  const first = useRef<HTMLSelectElement | HTMLInputElement | null>(null);

  useEffect(() => {
    first.current?.focus();
  }, []);
  useEffect(() => {
    saveDraft(draftKey, coded as unknown as Record<string, unknown>);
  }, [draftKey, coded]);

  const desk = desks.desks.find((d) => d.id === coded.deskId);
  const set = <K extends keyof Coded>(k: K, v: Coded[K]) => setCoded((c) => ({ ...c, [k]: v }));
  const setText = (k: keyof Texts, v: string) => setTexts((x) => ({ ...x, [k]: v }));
  const readBack = useMemo(() => {
    const ms = Date.parse(`${coded.receivedAt}:00+09:00`);
    return Number.isFinite(ms) ? formatWarekiDateTime(ms) : "";
  }, [coded.receivedAt]);

  function changeDesk(id: string) {
    const d = desks.desks.find((x) => x.id === id);
    setCoded((c) => ({
      ...c,
      deskId: id,
      method: d?.defaultMethod ?? c.method,
      areaId: d?.defaultAreaId ?? c.areaId,
    }));
  }

  function check(): Record<string, string> {
    const e: Record<string, string> = {};
    const when = receivedAtProblem(coded.receivedAt);
    if (when) e.receivedAt = when;
    if (!texts.content.trim()) e.content = "required";
    if (coded.topics.length === 0) e.topics = "required";
    if (coded.responses.length === 0) e.responses = "required";
    if (!forCase && !coded.deskId) e.deskId = "required";
    if (coded.followUpStatus === "open" && !coded.followUpDue) e.followUpDue = "required";
    if (coded.minutes !== "" && !/^\d{1,3}$/.test(coded.minutes)) e.minutes = "format";
    return e;
  }

  async function submit(ev?: FormEvent) {
    ev?.preventDefault();
    if (busy) return;
    const found = check();
    setErrors(found);
    setSaved(null);
    if (Object.keys(found).length > 0) {
      setBanner(t("desk.entry.fixErrors"));
      return;
    }
    setBusy(true);
    setBanner(null);
    const contact = {
      receivedAt: coded.receivedAt,
      method: coded.method,
      consulterType: coded.consulterType,
      consulter: {
        name: texts.consulterName,
        organisation: texts.consulterOrganisation,
        contact: texts.consulterContact,
      },
      topics: coded.topics,
      content: texts.content,
      responses: coded.responses,
      responseDetail: texts.responseDetail,
      referralOrganisation: texts.referral,
      referralResourceId: referral?.id ?? null,
      minutes: coded.minutes === "" ? null : Number(coded.minutes),
      followUpDue: coded.followUpDue || null,
      followUpStatus: coded.followUpStatus,
    };
    try {
      const body = forCase
        ? { ...contact, caseId: forCase.id }
        : {
            ...contact,
            case: {
              deskId: coded.deskId,
              ageBand: coded.ageBand,
              sex: coded.sex,
              careLevel: coded.careLevel,
              living: coded.living,
              condition: coded.condition,
              areaId: coded.areaId || null,
              person: {
                name: texts.personName,
                kana: texts.personKana,
                contact: texts.personContact,
                address: texts.personAddress,
                birthDate: texts.personBirthDate,
                notes: texts.personNotes,
              },
            },
          };
      const res = await api.create(body as Parameters<DeskApi["create"]>[0]);
      clearDraft(draftKey);
      setSaved({ caseId: res.consultation.caseId, caseNo: res.caseNo });
      setTexts(EMPTY_TEXTS);
      setReferral(null);
      setCoded(defaultsOf(desk));
      setErrors({});
      props.onSaved(res.consultation.caseId, res.caseNo);
      first.current?.focus();
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length > 0) {
        const mapped: Record<string, string> = {};
        for (const [k, v] of Object.entries(err.fields)) mapped[SERVER_FIELD[k] ?? k] = v;
        setErrors(mapped);
        setBanner(t("desk.entry.fixErrors"));
      } else setBanner(err instanceof Error ? err.message : t("error.unknown"));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(ev: KeyboardEvent) {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      void submit();
    }
  }

  if (!forCase && writable.length === 0) return <p className="muted">{t("desk.noDesk")}</p>;

  const select = (k: keyof Coded, label: string, vocabulary: Vocabulary, testId: string) => (
    <Field label={label} error={errors[k]}>
      <select
        value={coded[k] as string}
        onChange={(e) => set(k, e.target.value as never)}
        data-testid={testId}
        aria-invalid={errors[k] ? true : undefined}
      >
        {vocabulary.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </select>
    </Field>
  );
  const text = (
    k: keyof Texts,
    label: string,
    testId: string,
    opts: { multiline?: boolean; type?: string; max?: number } = {},
  ) => (
    <Field label={label} error={errors[k]}>
      {opts.multiline ? (
        <textarea
          value={texts[k]}
          rows={4}
          maxLength={opts.max}
          onChange={(e) => setText(k, e.target.value)}
          data-testid={testId}
          aria-invalid={errors[k] ? true : undefined}
        />
      ) : (
        <input
          type={opts.type ?? "text"}
          value={texts[k]}
          maxLength={opts.max}
          autoComplete="off"
          onChange={(e) => setText(k, e.target.value)}
          data-testid={testId}
          aria-invalid={errors[k] ? true : undefined}
        />
      )}
    </Field>
  );
  const checks = (k: "topics" | "responses", label: string, vocabulary: Vocabulary) => (
    <fieldset className="desk-checks" aria-invalid={errors[k] ? true : undefined}>
      <legend>{label}</legend>
      {vocabulary.map((v) => (
        <label key={v.id} className="desk-check">
          <input
            type="checkbox"
            checked={coded[k].includes(v.id)}
            onChange={(e) =>
              set(k, e.target.checked ? [...coded[k], v.id] : coded[k].filter((x) => x !== v.id))
            }
            data-testid={`${k}-${v.id}`}
          />
          {v.label}
        </label>
      ))}
      {errors[k] && (
        <span className="field-error">
          {errors[k] === "required" ? t("desk.entry.chooseOne") : fieldMessage(errors[k])}
        </span>
      )}
    </fieldset>
  );

  return (
    <form
      className="desk-form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      data-testid="consultation-form"
    >
      <p className="muted small">
        {t("desk.entry.keys")}
        {desk?.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </p>
      {restored && <p className="notice small">{t("desk.entry.draftRestored")}</p>}
      <ErrorBanner message={banner} />
      {saved && (
        <p className="success" role="status" data-testid="consultation-saved">
          {t("desk.entry.saved", { no: saved.caseNo })}
        </p>
      )}
      <div className="desk-form-grid">
        {!forCase && (
          <Field label={t("desk.field.desk")} error={errors.deskId}>
            <select
              ref={(el) => {
                first.current = el;
              }}
              value={coded.deskId}
              onChange={(e) => changeDesk(e.target.value)}
              data-testid="entry-desk"
            >
              {writable.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t("desk.field.receivedAt")} error={errors.receivedAt}>
          <input
            ref={(el) => {
              if (forCase) first.current = el;
            }}
            type="datetime-local"
            value={coded.receivedAt}
            max={japanNow()}
            onChange={(e) => set("receivedAt", e.target.value)}
            data-testid="entry-received-at"
            aria-invalid={errors.receivedAt ? true : undefined}
          />
          {readBack && (
            <span className="muted small" data-testid="entry-received-readback">
              {readBack}
            </span>
          )}
        </Field>
        {select("method", t("desk.field.method"), CONSULTATION_METHODS, "entry-method")}
        {select("consulterType", t("desk.field.consulterType"), CONSULTER_TYPES, "entry-consulter-type")}
      </div>
      {checks("topics", t("desk.field.topics"), CONSULTATION_TOPICS)}
      {text("content", t("desk.field.content"), "entry-content", { multiline: true, max: 4000 })}
      {checks("responses", t("desk.field.responses"), CONSULTATION_RESPONSES)}
      {text("responseDetail", t("desk.field.responseDetail"), "entry-response-detail", {
        multiline: true,
        max: 4000,
      })}
      <ReferralPicker wid={wid} value={referral} onChange={setReferral} error={errors.referralResourceId} />
      <div className="desk-form-grid">
        {text("referral", t("desk.field.referral"), "entry-referral", { max: 200 })}
        <Field label={t("desk.field.minutes")} error={errors.minutes}>
          <input
            inputMode="numeric"
            value={coded.minutes}
            onChange={(e) =>
              set(
                "minutes",
                e.target.value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)),
              )
            }
            data-testid="entry-minutes"
          />
        </Field>
        {select(
          "followUpStatus",
          t("desk.field.followUpStatus"),
          FOLLOW_UP_STATUSES,
          "entry-follow-up-status",
        )}
        <Field label={t("desk.field.followUpDue")} error={errors.followUpDue}>
          <input
            type="date"
            value={coded.followUpDue}
            onChange={(e) => set("followUpDue", e.target.value)}
            data-testid="entry-follow-up-due"
          />
        </Field>
      </div>
      <fieldset className="desk-group">
        <legend>{t("desk.identifyingGroup")}</legend>
        <div className="desk-form-grid">
          {text("consulterName", t("desk.field.consulterName"), "entry-consulter-name", { max: 100 })}
          {text(
            "consulterOrganisation",
            t("desk.field.consulterOrganisation"),
            "entry-consulter-organisation",
            { max: 200 },
          )}
          {text("consulterContact", t("desk.field.consulterContact"), "entry-consulter-contact", {
            max: 200,
          })}
        </div>
        {!forCase && (
          <div className="desk-form-grid">
            {text("personName", t("desk.field.personName"), "entry-person-name", { max: 100 })}
            {text("personKana", t("desk.field.personKana"), "entry-person-kana", { max: 100 })}
            {text("personContact", t("desk.field.personContact"), "entry-person-contact", { max: 200 })}
            {text("personAddress", t("desk.field.personAddress"), "entry-person-address", { max: 300 })}
            {text("personBirthDate", t("desk.field.personBirthDate"), "entry-person-birth-date", {
              type: "date",
            })}
            {text("personNotes", t("desk.field.personNotes"), "entry-person-notes", { max: 2000 })}
          </div>
        )}
      </fieldset>
      {!forCase && (
        <fieldset className="desk-group">
          <legend>{t("desk.codedGroup")}</legend>
          <div className="desk-form-grid">
            {select("ageBand", t("desk.field.ageBand"), AGE_BANDS, "entry-age-band")}
            {select("sex", t("desk.field.sex"), SEXES, "entry-sex")}
            {select("careLevel", t("desk.field.careLevel"), CARE_LEVELS, "entry-care-level")}
            {select("living", t("desk.field.living"), LIVING_SITUATIONS, "entry-living")}
            {select("condition", t("desk.field.condition"), MAIN_CONDITIONS, "entry-condition")}
            {select(
              "areaId",
              t("desk.field.area"),
              [
                { id: "", label: t("desk.areaUnset") },
                ...desks.areas.map((a) => ({ id: a.id, label: a.name })),
              ],
              "entry-area",
            )}
          </div>
        </fieldset>
      )}
      <p className="muted small">{t("desk.entry.draftNote")}</p>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy} data-testid="entry-save">
          {busy ? t("desk.entry.saving") : t("desk.entry.save")}
        </button>
        <button
          type="button"
          onClick={() => {
            clearDraft(draftKey);
            setCoded(defaultsOf(desk));
            setTexts(EMPTY_TEXTS);
            setReferral(null);
            setErrors({});
            setBanner(null);
          }}
          data-testid="entry-discard"
        >
          {t("desk.entry.discardDraft")}
        </button>
      </div>
    </form>
  );
}
