/**
 * The views of a tab (一覧, シリーズ … or 一覧表, 推移 …) as buttons under the workspace's tabs:
 * `area` names each view's label (`<area>.view.<view>` in the catalogue) and test id
 * (`<area>-view-<view>`).
 */
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

export function ViewTabs<V extends string>({
  area,
  views,
  current,
  onSelect,
  label,
}: {
  area: string;
  views: readonly V[];
  current: V;
  onSelect(view: V): void;
  /** The navigation's accessible name, when it has one. */
  label?: string;
}) {
  return (
    <nav className="subtabs" aria-label={label}>
      {views.map((v) => (
        <button
          key={v}
          type="button"
          className={v === current ? "link active" : "link"}
          aria-current={v === current ? "page" : undefined}
          onClick={() => onSelect(v)}
          data-testid={`${area}-view-${v}`}
        >
          {t(`${area}.view.${v}` as MessageKey)}
        </button>
      ))}
    </nav>
  );
}
