/** One directory entry as a card (list, map), and the entry's fields as the domain reads them. */
import type { Resource } from "@tsumugi/contract";
import {
  contactMethodLabel,
  hoursSummary,
  type ResourceFields,
  resourceKindLabel,
  serviceTagLabel,
} from "@tsumugi/domain";
import type { ReactNode } from "react";
import { t } from "../i18n/t";
import { formatWarekiDate } from "../ui/dates";

/** The entry's fields as the domain reads them (tables, search). */
export function fieldsOf(r: Resource): ResourceFields {
  return {
    kind: r.kind,
    subtype: r.subtype,
    name: r.name,
    kana: r.kana,
    address: r.address,
    building: r.building,
    lat: r.lat,
    lng: r.lng,
    areaId: r.areaId,
    phone: r.phone,
    fax: r.fax,
    url: r.url,
    hours: r.hours,
    services: r.services,
    homeCareSupport: r.homeCareSupport,
    capacity: r.capacity,
    operator: r.operator,
    publicNote: r.publicNote,
    contact: r.contact,
    liaison: r.liaison,
    vacancy: r.vacancy,
  };
}

/** One entry: public fields, then the professionals-only ones marked as such. */
export function ResourceCard(props: {
  resource: Resource;
  areaName: (id: string | null) => string;
  children?: ReactNode;
}) {
  const r = props.resource;
  const hours = hoursSummary(r.hours);
  const contact = r.contact.hours || r.contact.note || r.contact.methods.length > 0;
  const liaison = r.liaison.department || r.liaison.phone;
  const vacancy = r.vacancy.beds !== null || r.vacancy.note;
  return (
    <article className="resource-card" data-testid="resource-card" data-resource-id={r.id}>
      <header>
        <span className={`kind-chip kind-${r.kind}`}>{resourceKindLabel(r.kind)}</span>
        {r.areaId && <span className="area-chip">{props.areaName(r.areaId)}</span>}
        {r.status === "closed" && <span className="badge warn">{t("resources.closed")}</span>}
        <h3>{r.name}</h3>
        {r.subtype && <span className="muted">{r.subtype}</span>}
      </header>
      <p className="resource-address">
        {r.address} {r.building}
      </p>
      <p>
        {r.phone && (
          <span>
            {t("resources.phone")} <a href={`tel:${r.phone}`}>{r.phone}</a>
          </span>
        )}
        {r.fax && (
          <span>
            {" "}
            ／ {t("resources.fax")} {r.fax}
          </span>
        )}
      </p>
      {hours && (
        <p>
          <span className="muted">{t("resources.hours")}：</span>
          {hours}
        </p>
      )}
      {(r.services.length > 0 || r.homeCareSupport) && (
        <ul className="service-chips plain">
          {r.homeCareSupport && <li className="strong">{t("resources.homeCareSupport")}</li>}
          {r.services.map((s) => (
            <li key={s}>{serviceTagLabel(s)}</li>
          ))}
        </ul>
      )}
      {(contact || liaison || vacancy) && (
        <dl className="professional" aria-label={t("resources.professionalOnly")}>
          <span className="badge">{t("resources.professionalOnly")}</span>
          {contact && (
            <>
              <dt>{t("resources.contact")}</dt>
              <dd data-testid="resource-contact">
                {r.contact.hours}
                {r.contact.methods.length > 0 &&
                  `（${r.contact.methods.map(contactMethodLabel).join("・")}）`}
                {r.contact.note && ` ${r.contact.note}`}
              </dd>
            </>
          )}
          {liaison && (
            <>
              <dt>{t("resources.liaison")}</dt>
              <dd>
                {r.liaison.department} {r.liaison.phone && `${t("resources.phone")} ${r.liaison.phone}`}{" "}
                {r.liaison.hours} {r.liaison.note}
              </dd>
            </>
          )}
          {vacancy && (
            <>
              <dt>{t("resources.vacancy")}</dt>
              <dd>
                {r.vacancy.beds !== null && t("resources.vacancyBeds", { n: r.vacancy.beds })}{" "}
                {r.vacancy.note}
                {r.vacancy.updatedAt !== null && (
                  <span className="muted">
                    {" "}
                    {t("resources.vacancyUpdated", { date: formatWarekiDate(r.vacancy.updatedAt) })}
                  </span>
                )}
              </dd>
            </>
          )}
        </dl>
      )}
      {r.lat === null && <p className="muted small">{t("resources.noPlace")}</p>}
      {props.children}
    </article>
  );
}
