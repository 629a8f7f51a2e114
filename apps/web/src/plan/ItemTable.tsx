/**
 * The item table (事業項目表): items (ア)〜(ク) down, each with its 目的 and 国が示す具体的取組例
 * for this year (seed 004; edited live here, printed in the papers' 年次計画表), the year's
 * actions (【基金】 before funded ones) with goal codes, and the owners.
 */
import {
  fundingMark,
  ITEM_NOTE_MAX,
  ITEMS,
  type ItemId,
  type ItemNoteField,
  itemMark,
  itemNoteText,
  sortGoalCodes,
} from "@tsumugi/domain";
import { CollabTextInput } from "../collab/CollabTextInput";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { usePlanContext } from "./plan-context";
import { useTable } from "./plan-store";
import { PrintText } from "./text-cells";
import "./plan-papers.css";

const NOTE_LABEL: Record<ItemNoteField, MessageKey> = {
  purpose: "plan.itemNote.purpose",
  examples: "plan.itemNote.examples",
};

function ItemNote({ item, field }: { item: ItemId; field: ItemNoteField }) {
  const { doc, editable } = usePlanContext();
  const text = itemNoteText(doc, item, field);
  const label = t(NOTE_LABEL[field]);
  return (
    <div className="item-note">
      <span className="item-note-label">{label}</span>
      <CollabTextInput
        text={text}
        label={`${itemMark(item)} ${label}`}
        readOnly={!editable}
        multiline
        rows={3}
        testId={`item-${field}-${item}`}
        maxLength={ITEM_NOTE_MAX}
        className="cell-input"
      />
      <PrintText text={text} />
    </div>
  );
}

export function ItemTable() {
  const { store, groupName } = usePlanContext();
  const all = useTable(store, "actions");
  return (
    <table className="grid-table plan-grid item-table" data-testid="item-table">
      <colgroup>
        <col className="col-item" />
        <col className="col-item-notes" />
        <col />
        <col className="col-codes-wide" />
        <col className="col-groups" />
      </colgroup>
      <thead>
        <tr>
          <th>{t("plan.col.items")}</th>
          <th>{t("plan.itemNote.heading")}</th>
          <th>{t("plan.actions")}</th>
          <th>{t("plan.col.goalCodes")}</th>
          <th>{t("plan.col.group")}</th>
        </tr>
      </thead>
      <tbody>
        {ITEMS.map((item) => {
          const actions = all.filter((a) => a.items.includes(item.id));
          const goalCodes = sortGoalCodes(actions.flatMap((a) => a.goalCodes));
          const groups = [...new Set(actions.map((a) => groupName(a.ownerGroupId)).filter(Boolean))];
          return (
            <tr key={item.id} data-testid={`item-row-${item.id}`}>
              <th scope="row">
                {itemMark(item.id)} {t(`item.${item.id}` as MessageKey)}
              </th>
              <td className="item-notes" data-label={t("plan.itemNote.heading")}>
                <ItemNote item={item.id} field="purpose" />
                <ItemNote item={item.id} field="examples" />
              </td>
              <td data-label={t("plan.actions")}>
                <ul className="cell-list">
                  {actions.map((a) => (
                    <li key={a.id}>
                      {fundingMark(a.fundingSource)}
                      {a.title}
                      {a.goalCodes.length > 0 && (
                        <span className="muted">（{sortGoalCodes(a.goalCodes).join("、")}）</span>
                      )}
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
