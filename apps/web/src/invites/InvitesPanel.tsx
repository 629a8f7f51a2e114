import type { Group, Invite } from "@tsumugi/contract";
import { ROLES, type Role } from "@tsumugi/domain";
import { type FormEvent, useCallback, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/client";
import { t } from "../i18n/t";
import { formatWarekiDateTime } from "../ui/dates";
import { ErrorBanner, Field } from "../ui/Field";
import { invitesApi } from "./invites-api";

export function InvitesPanel({ wid, groups }: { wid: string; groups: Group[] }) {
  const api = useMemo(() => invitesApi(wid), [wid]);
  const [invites, setInvites] = useState<Invite[]>([]);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("member");
  const [groupIds, setGroupIds] = useState<string[]>([]);
  const [url, setUrl] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  const load = useCallback(async () => {
    setInvites((await api.list()).invites);
  }, [api]);
  useEffect(() => {
    load().catch((err) => setError(err instanceof ApiError ? err.message : String(err)));
  }, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setFields({});
    try {
      const res = await api.create({ email, role, groupIds });
      setUrl(res.url);
      setCopied(false);
      setEmail("");
      setGroupIds([]);
      await load();
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
    }
  }

  const groupName = (id: string) => groups.find((g) => g.id === id)?.name ?? "";
  return (
    <section>
      <form className="card inline-form" onSubmit={create} noValidate>
        <h3>{t("invites.new")}</h3>
        <ErrorBanner message={error} />
        <Field label={t("invites.email")} error={fields.email}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </Field>
        <Field label={t("invites.role")} error={fields.role}>
          <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="invite-role">
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <fieldset className="checks">
          <legend>{t("invites.groups")}</legend>
          {groups.map((g) => (
            <label key={g.id}>
              <input
                type="checkbox"
                checked={groupIds.includes(g.id)}
                onChange={(e) =>
                  setGroupIds(e.target.checked ? [...groupIds, g.id] : groupIds.filter((x) => x !== g.id))
                }
              />
              {g.name}
            </label>
          ))}
        </fieldset>
        <button type="submit" data-testid="invite-create">
          {t("common.create")}
        </button>
      </form>
      {url && (
        <div className="card notice">
          <p>{t("invites.created")}</p>
          <div className="row">
            <input readOnly value={url} data-testid="invite-url" className="grow" />
            <button
              type="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(url).catch(() => undefined);
                setCopied(true);
              }}
            >
              {copied ? t("common.copied") : t("common.copy")}
            </button>
          </div>
        </div>
      )}
      {invites.length === 0 ? (
        <p className="muted">{t("invites.empty")}</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>{t("invites.email")}</th>
              <th>{t("invites.role")}</th>
              <th>{t("invites.groups")}</th>
              <th>{t("invites.expires")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {invites.map((i) => (
              <tr key={i.id}>
                <td>{i.email ?? "—"}</td>
                <td>{t(`role.${i.role}`)}</td>
                <td>{i.groupIds.map(groupName).join("、")}</td>
                <td>{formatWarekiDateTime(i.expiresAt)}</td>
                <td>
                  {t(`invites.status.${i.status}`)}{" "}
                  {i.abilities.revoke && (
                    <button type="button" className="link" onClick={() => api.revoke(i.id).then(load)}>
                      {t("invites.revoke")}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
