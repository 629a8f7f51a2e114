/** The answer to a 出前講座 request: its 受付番号 and what was sent. */
import type { PublicRequestPage as FormPage } from "@tsumugi/contract";
import { formatIsoDate } from "@tsumugi/domain";
import { Link } from "react-router";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { MunicipalityLine } from "./public-form";
import { bodyOf, type Values } from "./request-form-values";

export function PublicRequestDone({
  lg,
  municipality,
  number,
  sent: values,
}: {
  lg: string;
  municipality: FormPage["municipality"];
  number: number;
  sent: Values;
}) {
  const sent = bodyOf(values, "");
  return (
    <main className="pe-page" data-testid="request-done">
      <MunicipalityLine municipality={municipality} />
      <h1>{t("publicRequest.doneTitle")}</h1>
      <section className="pe-ticket" aria-labelledby="number-title">
        <h2 id="number-title">{t("publicRequest.doneNumber")}</h2>
        <p className="pe-code">
          <strong data-testid="request-number">{number}</strong>
        </p>
      </section>
      <p>{t("publicRequest.doneText")}</p>
      <section className="pe-summary" aria-labelledby="sent-title">
        <h2 id="sent-title">{t("publicRequest.doneSummary")}</h2>
        <dl className="pe-facts">
          <dt>{t("publicRequest.groupName")}</dt>
          <dd>{sent.groupName}</dd>
          <dt>{t("publicRequest.topic")}</dt>
          <dd>{sent.topic}</dd>
          <dt>{t("publicRequest.wishedDates")}</dt>
          <dd>
            {sent.wishedDates.map((d, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the wishes as sent, in their fixed order
              <div key={i}>
                {t("publicRequest.wishedDate", { n: i + 1 })}：{formatIsoDate(d.date)}{" "}
                {t(`requests.slot.${d.slot}` as MessageKey)}
              </div>
            ))}
          </dd>
          <dt>{t("publicRequest.people")}</dt>
          <dd>
            {String(sent.people)}
            {t("publicRequest.peopleUnit")}
          </dd>
          {sent.place && (
            <>
              <dt>{t("publicRequest.place")}</dt>
              <dd>{sent.place}</dd>
            </>
          )}
          <dt>{t("publicRequest.contactName")}</dt>
          <dd>{sent.contactName}</dd>
          <dt>{t("publicRequest.contact")}</dt>
          <dd className="pe-break">{sent.contact}</dd>
        </dl>
      </section>
      <p>
        <Link to={`/p/${lg}/events`}>{t("publicRequest.toEvents")}</Link>
      </p>
    </main>
  );
}
