import { ROLES, type Role } from "@tsumugi/domain";
import { useState } from "react";
import { ApiError, patch, post } from "../api/client";
import type { Member } from "../api/types";
import { t } from "../i18n/t";
import { ErrorBanner } from "../ui/Field";
import type { WorkspaceData } from "../workspace/useWorkspace";

interface Props {
  wid: string;
  data: WorkspaceData;
  reload(): Promise<void>;
}

export function MembersPanel({ wid, data, reload }: Props) {
  const manage = data.detail.can["members.manage"];
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

  const base = `/api/workspaces/${wid}/members`;
  return (
    <section>
      <ErrorBanner message={error} />
      {notice && <p className="notice">{notice}</p>}
      <table className="list" data-testid="member-list">
        <thead>
          <tr>
            <th>{t("members.name")}</th>
            <th>{t("members.organization")}</th>
            <th>{t("members.role")}</th>
            <th>{t("members.groups")}</th>
            <th>{t("members.status")}</th>
            {manage && <th />}
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
                {manage ? (
                  <select
                    value={m.role}
                    aria-label={t("members.role")}
                    onChange={(e) =>
                      run(() => patch(`${base}/${m.userId}`, { role: e.target.value as Role }))
                    }
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
              {manage && (
                <td className="actions">
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      if (!m.disabled && !window.confirm(t("members.confirmDisable", { name: m.name })))
                        return;
                      void run(() => patch(`${base}/${m.userId}`, { disabled: !m.disabled }));
                    }}
                  >
                    {m.disabled ? t("members.enable") : t("members.disable")}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      run(
                        () => post(`${base}/${m.userId}/end-sessions`),
                        t("members.endSessionsDone", { name: m.name }),
                      )
                    }
                  >
                    {t("members.endSessions")}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
