/** The audit record of something a caller did to one event: its id as the target, its title first in the detail. */
import type { AuditEvent } from "../audit/audit-log.js";
import type { AppContext, Caller } from "../context.js";

export async function auditEvent(
  app: AppContext,
  caller: Caller,
  event: { id: string; title: string },
  name: AuditEvent,
  detail: Record<string, unknown>,
): Promise<void> {
  await app.audit.record({
    event: name,
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target: event.id,
    ip: caller.ip,
    detail: { title: event.title, ...detail },
  });
}
