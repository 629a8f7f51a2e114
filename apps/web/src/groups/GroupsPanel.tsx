import type { Group } from "@tsumugi/contract";
import { GROUP_KINDS, type GroupKind } from "@tsumugi/domain";
import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { ErrorBanner, Field } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { groupsApi } from "./groups-api";
import "./groups.css";

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
  const [parentId, setParentId] = useState("");
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
    if (await run(() => api.create({ name, kind, parentId: parentId || null }))) setName("");
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
          <Field label={t("groups.parent")} error={fields.parentId}>
            <select
              value={parentId}
              onChange={(e) => setParentId(e.target.value)}
              data-testid="group-new-parent"
            >
              <option value="">{t("groups.noParent")}</option>
              {data.groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit">{t("common.create")}</button>
        </form>
      )}
      {data.groups.some((g) => g.parentId) && <GroupOutline groups={data.groups} />}
      <div className="group-grid">
        {groupTree(data.groups).map(({ group: g, depth }) => (
          <GroupCard
            key={g.id}
            group={g}
            depth={depth}
            memberName={memberName}
            data={data}
            api={api}
            run={run}
          />
        ))}
      </div>
    </section>
  );
}

/**
 * The groups as the organisation chart orders them: each group followed by the groups under
 * it (全体会 → 部会 → 班), in order of creation within a level. A group whose parent is gone
 * is a top-level one.
 */
export function groupTree(groups: readonly Group[]): { group: Group; depth: number }[] {
  const ids = new Set(groups.map((g) => g.id));
  const out: { group: Group; depth: number }[] = [];
  const placed = new Set<string>();
  const visit = (parent: string | null, depth: number) => {
    for (const g of groups) {
      const p = g.parentId && ids.has(g.parentId) ? g.parentId : null;
      if (p !== parent || placed.has(g.id)) continue;
      placed.add(g.id);
      out.push({ group: g, depth });
      visit(g.id, depth + 1);
    }
  };
  visit(null, 0);
  // A damaged chain (a cycle) still shows every group.
  for (const g of groups) if (!placed.has(g.id)) out.push({ group: g, depth: 0 });
  return out;
}

/** The groups as an outline (全体会 › 部会 › 班), as the organisation chart reads. */
function GroupOutline({ groups }: { groups: readonly Group[] }) {
  const tree = groupTree(groups);
  const render = (from: number, depth: number): ReactNode[] => {
    const items: ReactNode[] = [];
    for (let i = from; i < tree.length && tree[i].depth >= depth; i++) {
      if (tree[i].depth !== depth) continue;
      const { group } = tree[i];
      const children = i + 1 < tree.length && tree[i + 1].depth > depth ? render(i + 1, depth + 1) : [];
      items.push(
        <li key={group.id}>
          {group.name}
          <span className="muted small">（{t(`groupKind.${group.kind}`)}）</span>
          {children.length > 0 && <ul>{children}</ul>}
        </li>,
      );
    }
    return items;
  };
  return (
    <nav className="card group-outline" aria-label={t("groups.outline")} data-testid="group-outline">
      <h3>{t("groups.outline")}</h3>
      <ul>{render(0, 0)}</ul>
    </nav>
  );
}

/** The group and the groups under it, which may not become its parent. */
function withDescendants(groups: readonly Group[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const g of groups) {
      if (g.parentId && out.has(g.parentId) && !out.has(g.id)) {
        out.add(g.id);
        grew = true;
      }
    }
  }
  return out;
}

function GroupCard(props: {
  group: Group;
  depth: number;
  memberName(id: string): string;
  data: WorkspaceData;
  api: GroupsApi;
  run(action: () => Promise<unknown>): Promise<boolean>;
}) {
  const { group: g, api, run } = props;
  const may = g.abilities;
  const [adding, setAdding] = useState("");
  const candidates = props.data.members.filter((m) => !g.memberIds.includes(m.userId));
  const groups = props.data.groups;
  const parent = groups.find((x) => x.id === g.parentId);
  const excluded = withDescendants(groups, g.id);
  return (
    <div
      className={`card group-card${props.depth > 0 ? " group-child" : ""}`}
      data-testid="group-card"
      data-depth={props.depth}
    >
      <h3>
        {g.name} <span className="badge">{t(`groupKind.${g.kind}`)}</span>
      </h3>
      {may.update ? (
        <label className="group-parent">
          {t("groups.parent")}
          <select
            value={g.parentId ?? ""}
            data-testid="group-parent"
            onChange={(e) => void run(() => api.update(g.id, { parentId: e.target.value || null }))}
          >
            <option value="">{t("groups.noParent")}</option>
            {groups
              .filter((x) => !excluded.has(x.id))
              .map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
          </select>
        </label>
      ) : (
        parent && (
          <p className="muted small" data-testid="group-parent-name">
            {t("groups.parent")}：{parent.name}
          </p>
        )
      )}
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
