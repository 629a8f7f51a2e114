import { GROUP_KINDS, type GroupKind } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError, del, patch, post, put } from "../api/client";
import type { Group } from "../api/types";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";

interface Props {
  wid: string;
  data: WorkspaceData;
  reload(): Promise<void>;
}

export function GroupsPanel({ wid, data, reload }: Props) {
  const manage = data.detail.can["groups.manage"];
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [name, setName] = useState("");
  const [kind, setKind] = useState<GroupKind>("team");
  const base = `/api/workspaces/${wid}/groups`;

  async function run(action: () => Promise<unknown>) {
    setError(null);
    setFields({});
    try {
      await action();
      await reload();
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
      return false;
    }
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    if (await run(() => post(base, { name, kind }))) setName("");
  }

  const memberName = (id: string) => data.members.find((m) => m.userId === id)?.name ?? id;
  return (
    <section>
      <ErrorBanner message={error} />
      {manage && (
        <form className="card inline-form" onSubmit={create} noValidate>
          <h3>{t("groups.add")}</h3>
          <Field label={t("groups.name")} error={fields.name}>
            <input value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label={t("groups.kind")} error={fields.kind}>
            <select value={kind} onChange={(e) => setKind(e.target.value as GroupKind)}>
              {GROUP_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`groupKind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t("common.create")}</button>
        </form>
      )}
      <div className="group-grid">
        {data.groups.map((g) => (
          <GroupCard
            key={g.id}
            group={g}
            manage={manage}
            memberName={memberName}
            data={data}
            base={base}
            run={run}
          />
        ))}
      </div>
    </section>
  );
}

function GroupCard(props: {
  group: Group;
  manage: boolean;
  memberName(id: string): string;
  data: WorkspaceData;
  base: string;
  run(action: () => Promise<unknown>): Promise<boolean>;
}) {
  const { group: g, manage, base, run } = props;
  const [adding, setAdding] = useState("");
  const candidates = props.data.members.filter((m) => !g.memberIds.includes(m.userId));
  return (
    <div className="card" data-testid="group-card">
      <h3>
        {g.name} <span className="badge">{t(`groupKind.${g.kind}`)}</span>
      </h3>
      <ul className="plain">
        {g.memberIds.map((id) => (
          <li key={id}>
            {props.memberName(id)}{" "}
            {manage && (
              <button
                type="button"
                className="link"
                onClick={() => run(() => del(`${base}/${g.id}/members/${id}`))}
              >
                {t("groups.removeMember")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {manage && (
        <div className="row">
          <select
            value={adding}
            onChange={(e) => setAdding(e.target.value)}
            aria-label={t("groups.addMember")}
          >
            <option value="">{t("groups.addMember")}</option>
            {candidates.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            disabled={!adding}
            onClick={() => run(() => put(`${base}/${g.id}/members/${adding}`)).then(() => setAdding(""))}
          >
            {t("common.create")}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const name = window.prompt(t("common.rename"), g.name);
              if (name && name !== g.name) void run(() => patch(`${base}/${g.id}`, { name }));
            }}
          >
            {t("common.rename")}
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => {
              if (window.confirm(t("groups.confirmDelete", { name: g.name })))
                void run(() => del(`${base}/${g.id}`));
            }}
          >
            {t("common.delete")}
          </button>
        </div>
      )}
    </div>
  );
}
