/** The pieces every page of the plan papers (計画書) is made of. */
import { type ItemId, itemMark } from "@tsumugi/domain";
import type { MessageKey } from "../i18n/messages.ja";
import { t } from "../i18n/t";

export const itemName = (id: ItemId) => `${itemMark(id)} ${t(`item.${id}` as MessageKey)}`;
export const sceneName = (id: string) => t(`scene.${id}` as MessageKey);

/** The city's own name in a municipality's name (千葉県 流山市 → 流山市). */
export function cityOf(municipality: string): string {
  const parts = municipality.trim().split(/\s+/);
  return parts[parts.length - 1] ?? municipality;
}

export function Lines({ values }: { values: readonly string[] }) {
  return (
    <ul className="paper-list">
      {values.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the same text may appear twice
        <li key={i}>{v}</li>
      ))}
    </ul>
  );
}

export function Page({
  title,
  children,
  testId,
}: {
  title?: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <section className="paper-page" data-testid={testId}>
      {title && <h2 className="paper-title">{title}</h2>}
      {children}
    </section>
  );
}
