/**
 * The desks: their public information (hours, contact, how to consult) and entry defaults,
 * kept current by the desk's coordinators and the secretariat and shown on the public desk
 * page (/p/<code>/desk) when 公開 is on; for the secretariat also new desks, each desk's
 * coordinators and the 日常生活圏域 (the list the resource directory uses too).
 */
import type { DeskList, Member } from "@tsumugi/contract";
import { useState } from "react";
import { AreasSettings } from "../areas/AreasSettings";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import { useApiForm } from "../ui/use-api-form";
import { DeskForm } from "./DeskForm";
import type { DeskApi } from "./desk-api";
import { StaffChoice } from "./StaffChoice";

export function DesksView(props: {
  wid: string;
  api: DeskApi;
  desks: DeskList;
  canManage: boolean;
  coordinators: Member[];
  onSaved: () => void;
}) {
  return (
    <div className="desk-desks" data-testid="desk-desks">
      <p>
        <a href={props.desks.publicPath} target="_blank" rel="noreferrer">
          {t("desk.examples.publicPage")}
        </a>
      </p>
      {props.desks.desks.map((d) => (
        <DeskForm
          // A form starts from the desk as read: new when its coordinators or its default area
          // change elsewhere (an area deleted into another below).
          key={`${d.id}:${d.staffIds.join(",")}:${d.defaultAreaId ?? ""}`}
          api={props.api}
          desk={d}
          areas={props.desks.areas}
          coordinators={props.coordinators}
          onSaved={props.onSaved}
        />
      ))}
      {props.canManage && (
        <>
          <NewDesk api={props.api} coordinators={props.coordinators} onSaved={props.onSaved} />
          <AreasSettings wid={props.wid} onChanged={props.onSaved} />
        </>
      )}
    </div>
  );
}

function NewDesk(props: { api: DeskApi; coordinators: Member[]; onSaved: () => void }) {
  const [name, setName] = useState("");
  const [staffIds, setStaffIds] = useState<string[]>([]);
  const form = useApiForm();
  const [created, setCreated] = useState(false);
  const create = form.onSubmit(async () => {
    setCreated(false);
    await props.api.createDesk({ name, staffIds });
    setName("");
    setStaffIds([]);
    setCreated(true);
    props.onSaved();
  });
  return (
    <form className="card desk-desk" onSubmit={create} data-testid="desk-new">
      <h3>{t("desk.desks.add")}</h3>
      <ErrorBanner message={form.error} />
      <Field label={t("desk.desks.name")} error={form.fields.name}>
        <input
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          data-testid="desk-new-name"
        />
      </Field>
      <StaffChoice
        coordinators={props.coordinators}
        value={staffIds}
        onChange={setStaffIds}
        testId="desk-new-staff"
      />
      <div className="actions">
        <button type="submit" className="primary" data-testid="desk-new-create">
          {t("desk.desks.create")}
        </button>
        {created && <span role="status">{t("desk.desks.created")}</span>}
      </div>
    </form>
  );
}
