/** What a plan row shows without editing: its scenes, its items, its progress. */
import { ITEMS, itemMark, SCENES } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

/** The scenes of a row as short tags (the full name is the tooltip). */
export function SceneTags({ scenes }: { scenes: readonly string[] }) {
  return (
    <span className="tags">
      {SCENES.filter((s) => scenes.includes(s.id)).map((s) => (
        <span
          key={s.id}
          className={`tag scene-tag scene-tag-${s.id}`}
          title={t(`scene.${s.id}` as MessageKey)}
        >
          {t(`sceneShort.${s.id}` as MessageKey)}
        </span>
      ))}
    </span>
  );
}

/** The items of a row as their marks: ア・ウ・キ (the full name is the tooltip). */
export function ItemMarks({ items }: { items: readonly string[] }) {
  return (
    <span className="tags">
      {ITEMS.filter((i) => items.includes(i.id)).map((i) => (
        <span
          key={i.id}
          className="tag item-tag"
          title={`${itemMark(i.id)} ${t(`item.${i.id}` as MessageKey)}`}
        >
          {i.mark}
        </span>
      ))}
    </span>
  );
}

export function ProgressBar({ value, label }: { value: number; label?: string }) {
  const pct = Number.isFinite(value) ? Math.round(value) : null;
  return (
    <span className="progress" title={label}>
      <span className="progress-track">
        <span className="progress-fill" style={{ width: `${pct ?? 0}%` }} />
      </span>
      <span className="progress-num">{pct === null ? t("dashboard.noData") : `${pct}%`}</span>
    </span>
  );
}
