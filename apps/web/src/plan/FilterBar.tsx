/**
 * The filter and sort controls above the problem and action lists, on one line: each select
 * says what it filters in its first option (場面：すべて), so the bar takes one row of the
 * projector's screen. The list's own buttons (add a row) sit at its end.
 */
import type { ReactNode } from "react";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";
import { itemOptions, sceneOptions } from "./choice-cells";
import type { RowFilter, SortKey } from "./filters";
import { usePlanContext } from "./plan-context";

export function FilterBar(props: {
  filter: RowFilter;
  onFilter(f: RowFilter): void;
  sort: SortKey;
  onSort(s: SortKey): void;
  statuses: readonly { id: string }[];
  statusPrefix: "actionStatus" | "problemStatus";
  sorts: readonly SortKey[];
  withPerson?: boolean;
  /** Rows shown. */
  count: number;
  children?: ReactNode;
}) {
  const { groups, members } = usePlanContext();
  const f = props.filter;
  const set = (patch: Partial<RowFilter>) => props.onFilter({ ...f, ...patch });
  const all = (label: string) => t("plan.filter.allOf", { label });
  return (
    <div className="filter-bar no-print" data-testid="filter-bar">
      <label className={f.scene ? "on" : ""}>
        <span className="visually-hidden">{t("plan.filter.scene")}</span>
        <select value={f.scene} onChange={(e) => set({ scene: e.target.value })} data-testid="filter-scene">
          <option value="">{all(t("plan.filter.scene"))}</option>
          {sceneOptions().map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className={f.item ? "on" : ""}>
        <span className="visually-hidden">{t("plan.filter.item")}</span>
        <select
          className="filter-item"
          value={f.item}
          onChange={(e) => set({ item: e.target.value })}
          data-testid="filter-item"
        >
          <option value="">{all(t("plan.filter.item"))}</option>
          {itemOptions().map((o) => (
            <option key={o.id} value={o.id}>
              {o.label} {t(`item.${o.id}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className={f.status ? "on" : ""}>
        <span className="visually-hidden">{t("plan.filter.status")}</span>
        <select
          value={f.status}
          onChange={(e) => set({ status: e.target.value })}
          data-testid="filter-status"
        >
          <option value="">{all(t("plan.filter.status"))}</option>
          {props.statuses.map((s) => (
            <option key={s.id} value={s.id}>
              {t(`${props.statusPrefix}.${s.id}` as MessageKey)}
            </option>
          ))}
        </select>
      </label>
      <label className={f.group ? "on" : ""}>
        <span className="visually-hidden">{t("plan.filter.group")}</span>
        <select
          value={f.group}
          onChange={(e) => set({ group: e.target.value })}
          data-testid="filter-group"
          title={
            f.group === ""
              ? all(t("plan.filter.group"))
              : f.group === "none"
                ? t("plan.noGroup")
                : (groups.find((g) => g.id === f.group)?.name ?? "")
          }
        >
          <option value="">{all(t("plan.filter.group"))}</option>
          <option value="none">{t("plan.noGroup")}</option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      {props.withPerson && (
        <label className={f.person ? "on" : ""}>
          <span className="visually-hidden">{t("plan.filter.person")}</span>
          <select
            value={f.person}
            onChange={(e) => set({ person: e.target.value })}
            data-testid="filter-person"
          >
            <option value="">{all(t("plan.filter.person"))}</option>
            <option value="none">{t("plan.noGroup")}</option>
            {members.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className={f.text ? "on" : ""}>
        <span className="visually-hidden">{t("plan.filter.text")}</span>
        <input
          type="search"
          value={f.text}
          placeholder={t("plan.filter.text")}
          onChange={(e) => set({ text: e.target.value })}
          data-testid="filter-text"
        />
      </label>
      <label className="sort">
        <span>{t("plan.sort")}</span>
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
      <span className="spacer" />
      <span className="muted count" data-testid="row-count">
        {t("plan.count", { count: props.count })}
      </span>
      {props.children}
    </div>
  );
}
