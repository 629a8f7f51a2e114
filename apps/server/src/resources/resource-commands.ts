/**
 * Changes to the directory's entries, its settings and the entries' links to plan actions.
 * Each command writes (in one transaction when it writes twice), then records the audit
 * entry. A field written here is marked as set by hand, so a later import leaves it. Whether
 * the caller may is the route's question to the policy; whether an area is the workspace's
 * is the route's body check.
 */
import type { CreateResource, UpdateResource, UpdateResourceSettings } from "@tsumugi/contract";
import {
  blankResourceFields,
  changedFields,
  newId,
  type ResourceField,
  type ResourceFields,
} from "@tsumugi/domain";
import type { AppContext, Caller } from "../context.js";
import { fieldsOfInput, markSources } from "./resource-fields.js";
import { addLink, type LinkTargetKind, removeLink } from "./resource-link-repository.js";
import * as repo from "./resource-repository.js";
import { getSettings, type SettingsRecord, saveSettings } from "./resource-settings-repository.js";

export async function createResource(
  app: AppContext,
  caller: Caller,
  input: CreateResource,
): Promise<repo.ResourceRecord> {
  const now = Date.now();
  const blank = blankResourceFields(input.kind);
  const set = fieldsOfInput(input, blank, now);
  const fields: ResourceFields = { ...blank, ...set };
  const record: repo.ResourceRecord = {
    id: newId(),
    workspaceId: caller.workspaceId,
    fields,
    status: "active",
    published: input.published ?? true,
    sourceScope: null,
    sourceKey: null,
    fieldSources: markSources({}, Object.keys(set) as ResourceField[], "manual"),
    lastImportId: null,
    confirmedAt: now,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  await repo.insertResource(app.kysely, record);
  await app.audit.byCaller(caller, "resource.created", record.id, { name: fields.name, kind: fields.kind });
  return record;
}

export async function updateResource(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
  input: UpdateResource,
): Promise<repo.ResourceRecord> {
  const now = Date.now();
  const set = fieldsOfInput(input, record.fields, now);
  const changed = changedFields(record.fields, set);
  const fields = { ...record.fields, ...set };
  const statusChange = input.status && input.status !== record.status ? input.status : undefined;
  const change: repo.ResourceChange = {
    fields: Object.fromEntries(changed.map((f) => [f, fields[f]])),
    fieldSources: markSources(record.fieldSources, changed, "manual"),
    ...(input.published !== undefined ? { published: input.published } : {}),
    ...(statusChange ? { status: statusChange, closedAt: statusChange === "closed" ? now : null } : {}),
    ...(input.confirmed ? { confirmedAt: now } : {}),
    updatedAt: now,
  };
  await repo.updateResource(app.kysely, record.id, change);
  const event =
    statusChange === "closed"
      ? "resource.closed"
      : statusChange === "active"
        ? "resource.reopened"
        : "resource.updated";
  await app.audit.byCaller(caller, event, record.id, {
    name: fields.name,
    fields: changed,
    ...(input.confirmed ? { confirmed: true } : {}),
  });
  return {
    ...record,
    fields,
    fieldSources: change.fieldSources ?? record.fieldSources,
    published: input.published ?? record.published,
    status: statusChange ?? record.status,
    closedAt: statusChange ? (statusChange === "closed" ? now : null) : record.closedAt,
    confirmedAt: input.confirmed ? now : record.confirmedAt,
    updatedAt: now,
  };
}

export async function deleteResource(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
): Promise<void> {
  await repo.deleteResource(app.kysely, record.id);
  await app.audit.byCaller(caller, "resource.deleted", record.id, { name: record.fields.name });
}

export async function updateSettings(
  app: AppContext,
  caller: Caller,
  input: UpdateResourceSettings,
): Promise<SettingsRecord> {
  const settings = await app.kysely.transaction().execute(async (trx) => {
    const current = await getSettings(trx, caller.workspaceId);
    const next = { ...current, ...input };
    await saveSettings(trx, caller.workspaceId, next);
    return next;
  });
  await app.audit.byCaller(caller, "resource.settings_updated", null, { ...input });
  return settings;
}

export async function setResourceLink(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
  targetKind: LinkTargetKind,
  targetId: string,
  linked: boolean,
): Promise<void> {
  const changed = linked
    ? await addLink(
        app.kysely,
        caller.workspaceId,
        { resourceId: record.id, targetKind, targetId, createdAt: Date.now() },
        caller.actor.userId,
      )
    : await removeLink(app.kysely, record.id, targetKind, targetId);
  if (!changed) return;
  await app.audit.byCaller(caller, linked ? "resource.linked" : "resource.unlinked", record.id, {
    name: record.fields.name,
    targetKind,
    ...(targetKind === "planAction" ? { actionId: targetId } : { targetId }),
  });
}
