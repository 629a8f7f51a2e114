/** SQL on resource_settings: the directory's settings, one row per workspace (defaults until saved). */
import type { QueryBuilder } from "../storage/query-builder.js";

export interface SettingsRecord {
  publicEnabled: boolean;
  autoApply: boolean;
  staleMonths: number;
  linkDays: number;
  demo: boolean;
}

export const DEFAULT_SETTINGS: SettingsRecord = {
  publicEnabled: false,
  autoApply: false,
  staleMonths: 6,
  linkDays: 30,
  demo: false,
};

export async function getSettings(q: QueryBuilder, workspaceId: string): Promise<SettingsRecord> {
  const row = await q
    .selectFrom("resource_settings")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_SETTINGS };
  return {
    publicEnabled: row.public_enabled === 1,
    autoApply: row.auto_apply === 1,
    staleMonths: row.stale_months,
    linkDays: row.link_days,
    demo: row.demo === 1,
  };
}

export async function saveSettings(q: QueryBuilder, workspaceId: string, s: SettingsRecord): Promise<void> {
  const values = {
    public_enabled: s.publicEnabled ? 1 : 0,
    auto_apply: s.autoApply ? 1 : 0,
    stale_months: s.staleMonths,
    link_days: s.linkDays,
    demo: s.demo ? 1 : 0,
    updated_at: Date.now(),
  };
  await q
    .insertInto("resource_settings")
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) => oc.column("workspace_id").doUpdateSet(values))
    .execute();
}
