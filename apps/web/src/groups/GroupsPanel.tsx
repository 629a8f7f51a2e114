import type { Group } from "@tsumugi/contract";
import { GROUP_KINDS, type GroupKind } from "@tsumugi/domain";
import { type FormEvent, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { groupsApi } from "./groups-api";

interface Props {
  wid: string;
  data: WorkspaceData;
  reload(): Promise<void>;
}

type GroupsApi = ReturnType<typeof groupsApi>;

export function GroupsPanel({ wid, data, reload }: Props) {
  // Creating a group is a workspace-level ability; what may be done to each group, its own.
  const create = data.detail.can["groups.manage"];
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [name, setName] = useState("");
  const [kind, setKind] = useState<GroupKind>("team");
  const api = groupsApi(wid);

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

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run(() => api.create({ name, kind }))) setName("");
  }

  const memberName = (id: string) => data.members.find((m) => m.userId === id)?.name ?? id;
  return (
    <section>
      <ErrorBanner message={error} />
      {create && (
        <form className="card inline-form" onSubmit={submit} noValidate>
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
          <GroupCard key={g.id} group={g} memberName={memberName} data={data} api={api} run={run} />
        ))}
      </div>
    </section>
  );
}

function GroupCard(props: {
  group: Group;
  memberName(id: string): string;
  data: WorkspaceData;
  api: GroupsApi;
  run(action: () => Promise<unknown>): Promise<boolean>;
}) {
  const { group: g, api, run } = props;
  const may = g.abilities;
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
            {may.removeMember && (
              <button type="button" className="link" onClick={() => run(() => api.removeMember(g.id, id))}>
                {t("groups.removeMember")}
              </button>
            )}
          </li>
        ))}
      </ul>
      {(may.addMember || may.update || may.delete) && (
        <div className="row">
          {may.addMember && (
            <>
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
                onClick={() => run(() => api.addMember(g.id, adding)).then(() => setAdding(""))}
              >
                {t("common.create")}
              </button>
            </>
          )}
          {may.update && (
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const name = window.prompt(t("common.rename"), g.name);
                if (name && name !== g.name) void run(() => api.update(g.id, { name }));
              }}
            >
              {t("common.rename")}
            </button>
          )}
          {may.delete && (
            <button
              type="button"
              className="danger"
              onClick={() => {
                if (window.confirm(t("groups.confirmDelete", { name: g.name })))
                  void run(() => api.remove(g.id));
              }}
            >
              {t("common.delete")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
