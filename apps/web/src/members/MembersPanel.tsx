import type { Member } from "@tsumugi/contract";
import { ROLES, type Role } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError } from "../api/client";
import { TwoFactorPolicy } from "../auth/TwoFactorPolicy";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";
import { membersApi } from "./members-api";

interface Props {
  wid: string;
  data: WorkspaceData;
  reload(): Promise<void>;
}

export function MembersPanel({ wid, data, reload }: Props) {
  const api = membersApi(wid);
  // Controls come from each member's abilities (what the server would accept).
  const actions = data.members.some(
    (m) => m.abilities.disable || m.abilities.enable || m.abilities.endSessions,
  );
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const groupNames = (m: Member) =>
    data.groups
      .filter((g) => m.groupIds.includes(g.id))
      .map((g) => g.name)
      .join("、");

  async function run(action: () => Promise<unknown>, done?: string) {
    setError(null);
    setNotice(null);
    try {
      await action();
      if (done) setNotice(done);
      await reload();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("error.unknown"));
    }
  }

  return (
    <section>
      <ErrorBanner message={error} />
      {notice && <p className="notice">{notice}</p>}
      {data.detail.can["members.manage"] && <TwoFactorPolicy wid={wid} />}
      <table className="list" data-testid="member-list">
        <thead>
          <tr>
            <th>{t("members.name")}</th>
            <th>{t("members.organization")}</th>
            <th>{t("members.role")}</th>
            <th>{t("members.groups")}</th>
            <th>{t("members.status")}</th>
            {actions && <th />}
          </tr>
        </thead>
        <tbody>
          {data.members.map((m) => (
            <tr key={m.userId} className={m.disabled ? "disabled" : ""}>
              <td>
                {m.name}
                <div className="muted small">{m.email}</div>
              </td>
              <td>{m.organization}</td>
              <td>
                {m.abilities.changeRole ? (
                  <select
                    value={m.role}
                    aria-label={t("members.role")}
                    onChange={(e) => run(() => api.update(m.userId, { role: e.target.value as Role }))}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`role.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`role.${m.role}`)
                )}
              </td>
              <td>{groupNames(m)}</td>
              <td>{m.disabled ? t("members.disabled") : t("members.active")}</td>
              {actions && (
                <td className="actions">
                  {(m.abilities.disable || m.abilities.enable) && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        if (!m.disabled && !window.confirm(t("members.confirmDisable", { name: m.name })))
                          return;
                        void run(() => api.update(m.userId, { disabled: !m.disabled }));
                      }}
                    >
                      {m.disabled ? t("members.enable") : t("members.disable")}
                    </button>
                  )}
                  {m.abilities.endSessions && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() =>
                        run(() => api.endSessions(m.userId), t("members.endSessionsDone", { name: m.name }))
                      }
                    >
                      {t("members.endSessions")}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
