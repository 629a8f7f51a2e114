/** The item table (事業項目表): items (ア)〜(ク) down, the year's actions with goal codes and owners. */
import { ITEMS, itemMark } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { usePlanContext } from "./PlanPage";
import { useTable } from "./plan-store";

export function ItemTable() {
  const { store, groupName } = usePlanContext();
  const all = useTable(store, "actions");
  return (
    <table className="grid-table plan-grid item-table" data-testid="item-table">
      <colgroup>
        <col className="col-item" />
        <col />
        <col className="col-codes-wide" />
        <col className="col-groups" />
      </colgroup>
      <thead>
        <tr>
          <th>{t("plan.col.items")}</th>
          <th>{t("plan.actions")}</th>
          <th>{t("plan.col.goalCodes")}</th>
          <th>{t("plan.col.group")}</th>
        </tr>
      </thead>
      <tbody>
        {ITEMS.map((item) => {
          const actions = all.filter((a) => a.items.includes(item.id));
          const goalCodes = [...new Set(actions.flatMap((a) => a.goalCodes))];
          const groups = [...new Set(actions.map((a) => groupName(a.ownerGroupId)).filter(Boolean))];
          return (
            <tr key={item.id} data-testid={`item-row-${item.id}`}>
              <th scope="row">
                {itemMark(item.id)} {t(`item.${item.id}` as MessageKey)}
              </th>
              <td data-label={t("plan.actions")}>
                <ul className="cell-list">
                  {actions.map((a) => (
                    <li key={a.id}>
                      {a.title}
                      {a.goalCodes.length > 0 && <span className="muted">（{a.goalCodes.join("、")}）</span>}
                    </li>
                  ))}
                </ul>
              </td>
              <td data-label={t("plan.col.goalCodes")}>{goalCodes.join("、")}</td>
              <td data-label={t("plan.col.group")}>{groups.join("、")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
