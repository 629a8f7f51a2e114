/** The filter and sort controls above the problem and action lists. */
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { itemOptions, sceneOptions } from "./cells";
import type { RowFilter, SortKey } from "./filters";
import { usePlanContext } from "./PlanPage";

export function FilterBar(props: {
  filter: RowFilter;
  onFilter(f: RowFilter): void;
  sort: SortKey;
  onSort(s: SortKey): void;
  statuses: readonly { id: string }[];
  statusPrefix: "actionStatus" | "problemStatus";
  sorts: readonly SortKey[];
  withPerson?: boolean;
}) {
  const { groups, members } = usePlanContext();
  const f = props.filter;
  const set = (patch: Partial<RowFilter>) => props.onFilter({ ...f, ...patch });
  const all = t("plan.filter.all");
  return (
    <div className="filter-bar no-print" data-testid="filter-bar">
      <label>
        {t("plan.filter.scene")}
        <select value={f.scene} onChange={(e) => set({ scene: e.target.value })} data-testid="filter-scene">
          <option value="">{all}</option>
          {sceneOptions().map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("plan.filter.item")}
        <select value={f.item} onChange={(e) => set({ item: e.target.value })} data-testid="filter-item">
          <option value="">{all}</option>
          {itemOptions().map((o) => (
            <option key={o.id} value={o.id}>
              {o.label} {t(`item.${o.id}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("plan.filter.status")}
        <select
          value={f.status}
          onChange={(e) => set({ status: e.target.value })}
          data-testid="filter-status"
        >
          <option value="">{all}</option>
          {props.statuses.map((s) => (
            <option key={s.id} value={s.id}>
              {t(`${props.statusPrefix}.${s.id}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("plan.filter.group")}
        <select value={f.group} onChange={(e) => set({ group: e.target.value })} data-testid="filter-group">
          <option value="">{all}</option>
          <option value="none">{t("plan.noGroup")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      {props.withPerson && (
        <label>
          {t("plan.filter.person")}
          <select
            value={f.person}
            onChange={(e) => set({ person: e.target.value })}
            data-testid="filter-person"
          >
            <option value="">{all}</option>
            <option value="none">{t("plan.noGroup")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t("plan.filter.text")}
        <input value={f.text} onChange={(e) => set({ text: e.target.value })} data-testid="filter-text" />
      </label>
      <label>
        {t("plan.sort")}
        <select
          value={props.sort}
          onChange={(e) => props.onSort(e.target.value as SortKey)}
          data-testid="sort"
        >
          {props.sorts.map((s) => (
            <option key={s} value={s}>
              {t(`plan.sort.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
