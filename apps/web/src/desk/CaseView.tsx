/**
 * A case as the desk reads it (the server records the read): the person's identifying fields,
 * its coded fields, every contact with its referral, and from here a later contact and an
 * example drafted from a contact.
 */
import type { ConsultationCase, DeskList } from "@tsumugi/contract";
import {
  AGE_BANDS,
  CARE_LEVELS,
  CONSULTATION_METHODS,
  CONSULTATION_RESPONSES,
  CONSULTATION_TOPICS,
  CONSULTER_TYPES,
  labelOf,
} from "@tsumugi/domain";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { t } from "../i18n/t";
import { formatIsoDate, formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner } from "../ui/Field";
import { ConsultationForm } from "./ConsultationForm";
import type { DeskApi } from "./desk-api";
import { ExampleDraftForm } from "./ExampleForm";
import { referralHref, referralLabel } from "./ReferralPicker";

export function CaseView(props: {
  api: DeskApi;
  wid: string;
  caseId: string;
  desks: DeskList;
  deskName: (id: string) => string;
  areaName: (id: string | null) => string;
  onBack: () => void;
}) {
  const { api } = props;
  const [kase, setKase] = useState<ConsultationCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [drafting, setDrafting] = useState<string | null>(null);
  const load = useCallback(
    () =>
      api
        .openCase(props.caseId)
        .then((r) => setKase(r.case))
        .catch((e: Error) => setError(e.message)),
    [api, props.caseId],
  );
  useEffect(() => {
    void load();
  }, [load]);
  if (error) return <ErrorBanner message={error} />;
  if (!kase) return <p className="muted pad">{t("common.loading")}</p>;
  const none = t("desk.case.none");
  const p = kase.person;
  return (
    <article className="desk-case" data-testid="desk-case">
      <button type="button" className="link" onClick={props.onBack}>
        ← {t("desk.case.back")}
      </button>
      <h2>
        {t("desk.case.title", { no: kase.caseNo })}{" "}
        {kase.demo && <span className="badge demo">{t("desk.demoBadge")}</span>}
      </h2>
      <p className="muted small">{t("desk.case.readLogged")}</p>
      {kase.anonymised && <p className="notice">{t("desk.case.anonymised")}</p>}
      <dl className="desk-facts">
        <dt>{t("desk.field.desk")}</dt>
        <dd>{props.deskName(kase.deskId)}</dd>
        {p && (
          <>
            <dt>{t("desk.field.personName")}</dt>
            <dd data-testid="case-person-name">
              {p.name || none}
              {p.kana ? `（${p.kana}）` : ""}
            </dd>
            <dt>{t("desk.field.personContact")}</dt>
            <dd>{p.contact || none}</dd>
            <dt>{t("desk.field.personAddress")}</dt>
            <dd>{p.address || none}</dd>
            <dt>{t("desk.field.personBirthDate")}</dt>
            <dd>{p.birthDate ? formatIsoDate(p.birthDate) : none}</dd>
            <dt>{t("desk.field.personNotes")}</dt>
            <dd className="prewrap">{p.notes || none}</dd>
          </>
        )}
        <dt>{t("desk.field.ageBand")}</dt>
        <dd>{labelOfAny("ageBand", kase.ageBand)}</dd>
        <dt>{t("desk.field.careLevel")}</dt>
        <dd>{labelOfAny("careLevel", kase.careLevel)}</dd>
        <dt>{t("desk.field.area")}</dt>
        <dd>{props.areaName(kase.areaId)}</dd>
      </dl>
      <h3>{t("desk.case.contacts")}</h3>
      <ol className="desk-contacts">
        {kase.contacts.map((c) => (
          <li key={c.id} data-testid="case-contact">
            <p>
              <strong>{t("desk.case.contactNo", { seq: c.seq })}</strong>{" "}
              {formatWarekiDateTime(Date.parse(`${c.receivedAt}:00+09:00`))}・
              {labelOf(CONSULTATION_METHODS, c.method)}・{labelOf(CONSULTER_TYPES, c.consulterType)}
              {c.consulter.name
                ? `（${c.consulter.name}${c.consulter.organisation ? `／${c.consulter.organisation}` : ""}）`
                : ""}
            </p>
            <p className="muted small">
              {c.topics.map((x) => labelOf(CONSULTATION_TOPICS, x)).join("・")}
              {c.responses.length > 0 &&
                `／${t("desk.field.responses").replace("（複数可）", "")}：${c.responses.map((x) => labelOf(CONSULTATION_RESPONSES, x)).join("・")}`}
            </p>
            <p className="prewrap">{c.content}</p>
            {c.responseDetail && <p className="prewrap desk-response">{c.responseDetail}</p>}
            {(c.referralResource || c.referralOrganisation) && (
              <p className="small" data-testid="case-referral">
                {t("desk.case.referral")}：
                {c.referralResource && (
                  <>
                    <Link to={referralHref(c.referralResource)} data-testid="case-referral-link">
                      {referralLabel(c.referralResource)}
                    </Link>{" "}
                  </>
                )}
                {c.referralOrganisation}
              </p>
            )}
            {c.abilities.draftExample && !kase.anonymised && (
              <button type="button" onClick={() => setDrafting(c.id)} data-testid="draft-example">
                {t("desk.case.draftExample")}
              </button>
            )}
            {drafting === c.id && (
              <ExampleDraftForm api={api} consultationId={c.id} onDone={() => setDrafting(null)} />
            )}
          </li>
        ))}
      </ol>
      {kase.abilities.update && !adding && (
        <button type="button" onClick={() => setAdding(true)} data-testid="add-contact">
          {t("desk.case.addContact")}
        </button>
      )}
      {adding && (
        <ConsultationForm
          wid={props.wid}
          api={api}
          desks={props.desks}
          forCase={kase}
          onSaved={() => {
            setAdding(false);
            void load();
          }}
        />
      )}
    </article>
  );
}

function labelOfAny(kind: "ageBand" | "careLevel", id: string): string {
  return labelOf(kind === "ageBand" ? AGE_BANDS : CARE_LEVELS, id);
}
