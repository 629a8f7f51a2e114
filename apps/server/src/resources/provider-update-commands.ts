/**
 * Providers' updates: the secretariat sends an entry's provider a personal link (only its
 * hash is kept; a new one stops the earlier ones), the provider opens it and sends changes
 * without an account, and they are applied at once or kept for the secretariat to apply or
 * refuse, as the workspace's settings say.
 */
import { createHash } from "node:crypto";
import type { DecideUpdateRequest, ProviderUpdate } from "@tsumugi/contract";
import { changedFields, newId, type ResourceField, type ResourceFields } from "@tsumugi/domain";
import { randomString } from "../auth/secret-token.js";
import type { AppContext, Caller } from "../context.js";
import * as links from "./provider-update-repository.js";
import { alreadyDecided, linkInvalid, resourceNotFound } from "./resource-errors.js";
import { fieldsOfInput, markSources } from "./resource-fields.js";
import * as repo from "./resource-repository.js";
import { getSettings } from "./resource-settings-repository.js";

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new personal link for the entry's provider; earlier open links of the entry stop working. */
export async function sendUpdateLink(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
): Promise<{ link: links.UpdateLinkRecord; token: string }> {
  const settings = await getSettings(app.kysely, caller.workspaceId);
  const token = randomString(20);
  const now = Date.now();
  const link = {
    id: newId(),
    workspaceId: caller.workspaceId,
    resourceId: record.id,
    tokenHash: hashLinkToken(token),
    createdBy: caller.actor.userId,
    createdAt: now,
    expiresAt: now + settings.linkDays * 86_400_000,
    revokedAt: null,
    lastUsedAt: null,
  };
  await app.kysely.transaction().execute(async (trx) => {
    await links.revokeUpdateLinks(trx, record.id, now);
    await links.insertUpdateLink(trx, link);
  });
  await app.audit.byCaller(caller, "resource.link_sent", record.id, {
    name: record.fields.name,
    linkId: link.id,
    expiresAt: link.expiresAt,
  });
  return { link: { ...link, createdByName: "" }, token };
}

export async function revokeUpdateLinks(
  app: AppContext,
  caller: Caller,
  record: repo.ResourceRecord,
): Promise<void> {
  const count = await links.revokeUpdateLinks(app.kysely, record.id, Date.now());
  await app.audit.byCaller(caller, "resource.links_revoked", record.id, { name: record.fields.name, count });
}

/** The link of a token, while it is valid, with its entry. */
export async function openUpdateLink(
  app: AppContext,
  token: string,
): Promise<{ link: links.UpdateLinkRecord; resource: repo.ResourceRecord }> {
  if (!/^[a-z2-7]{20,64}$/.test(token)) throw linkInvalid();
  const link = await links.findUpdateLinkByHash(app.kysely, hashLinkToken(token));
  const now = Date.now();
  if (!link || link.revokedAt !== null || link.expiresAt <= now) throw linkInvalid();
  const resource = await repo.findResource(app.kysely, link.workspaceId, link.resourceId);
  if (resource?.status !== "active") throw linkInvalid();
  return { link, resource };
}

export async function recordProviderOpened(
  app: AppContext,
  link: links.UpdateLinkRecord,
  resource: repo.ResourceRecord,
  ip: string,
): Promise<void> {
  await links.touchUpdateLink(app.kysely, link.id, Date.now());
  await app.audit.record({
    event: "resource.provider_opened",
    workspaceId: link.workspaceId,
    actorUserId: null,
    target: resource.id,
    ip,
    detail: { name: resource.fields.name, linkId: link.id },
  });
}

/**
 * What a provider sent: applied at once when the workspace says so, else kept for the
 * secretariat. Sending the same values again changes nothing (but restates the vacancies).
 */
export async function submitProviderUpdate(
  app: AppContext,
  link: links.UpdateLinkRecord,
  resource: repo.ResourceRecord,
  input: ProviderUpdate,
  ip: string,
): Promise<"applied" | "pending" | "unchanged"> {
  const now = Date.now();
  const set = fieldsOfInput(input, resource.fields, now, { restateVacancy: true });
  const changed = changedFields(resource.fields, set).filter(
    (f) => f !== "vacancy" || !sameVacancy(resource.fields.vacancy, set.vacancy),
  );
  const restatesVacancy = set.vacancy !== undefined;
  if (changed.length === 0 && !restatesVacancy) return "unchanged";
  const settings = await getSettings(app.kysely, link.workspaceId);
  const fieldsToWrite = [...new Set([...changed, ...(restatesVacancy ? (["vacancy"] as const) : [])])];
  const changes = fieldsToWrite.map((f) => ({ field: f, before: resource.fields[f], after: set[f] }));
  const status = settings.autoApply ? "applied" : "pending";
  await app.kysely.transaction().execute(async (trx) => {
    await links.insertUpdateRequest(trx, {
      id: newId(),
      workspaceId: link.workspaceId,
      resourceId: resource.id,
      linkId: link.id,
      changes,
      status,
      submittedAt: now,
      decidedBy: null,
      decidedAt: settings.autoApply ? now : null,
    });
    if (settings.autoApply) await applyProviderChanges(trx, resource, changes, now);
    await links.touchUpdateLink(trx, link.id, now);
  });
  await app.audit.record({
    event: "resource.provider_submitted",
    workspaceId: link.workspaceId,
    actorUserId: null,
    target: resource.id,
    ip,
    detail: { name: resource.fields.name, linkId: link.id, fields: fieldsToWrite, status },
  });
  return changed.length === 0 ? "unchanged" : status;
}

function sameVacancy(a: ResourceFields["vacancy"], b: ResourceFields["vacancy"] | undefined): boolean {
  return b !== undefined && a.beds === b.beds && a.note === b.note;
}

async function applyProviderChanges(
  q: Parameters<typeof repo.updateResource>[0],
  resource: repo.ResourceRecord,
  changes: { field: ResourceField; after: unknown }[],
  now: number,
): Promise<void> {
  const fields = Object.fromEntries(changes.map((c) => [c.field, c.after])) as Partial<ResourceFields>;
  await repo.updateResource(q, resource.id, {
    fields,
    fieldSources: markSources(resource.fieldSources, Object.keys(fields) as ResourceField[], "provider"),
    confirmedAt: now,
    updatedAt: now,
  });
}

export async function decideUpdateRequest(
  app: AppContext,
  caller: Caller,
  request: links.UpdateRequestRecord,
  input: DecideUpdateRequest,
): Promise<links.UpdateRequestRecord> {
  const now = Date.now();
  const status = input.decision === "apply" ? "applied" : "rejected";
  await app.kysely.transaction().execute(async (trx) => {
    if (!(await links.decideUpdateRequest(trx, request.id, status, caller.actor.userId, now)))
      throw alreadyDecided();
    if (status === "applied") {
      const resource = await repo.findResource(trx, caller.workspaceId, request.resourceId);
      if (!resource) throw resourceNotFound();
      await applyProviderChanges(trx, resource, request.changes, now);
    }
  });
  await app.audit.byCaller(
    caller,
    status === "applied" ? "resource.update_applied" : "resource.update_rejected",
    request.resourceId,
    {
      name: request.resourceName,
      requestId: request.id,
      fields: request.changes.map((c) => c.field),
    },
  );
  return { ...request, status, decidedBy: caller.actor.userId, decidedAt: now };
}
