/** The audit records of what a caller did in the events' area. */
import type { AuditEvent } from "../audit/audit-log.js";
import type { AppContext, Caller } from "../context.js";

/** Records that the caller did `name` to `target` (an event, a request, a distribution …). */
export async function auditByCaller(
  app: AppContext,
  caller: Caller,
  name: AuditEvent,
  target: string,
  detail: Record<string, unknown>,
): Promise<void> {
  await app.audit.record({
    event: name,
    workspaceId: caller.workspaceId,
    actorUserId: caller.actor.userId,
    target,
    ip: caller.ip,
    detail,
  });
}

/** Something done to one event: its id as the target, its title first in the detail. */
export function auditEvent(
  app: AppContext,
  caller: Caller,
  event: { id: string; title: string },
  name: AuditEvent,
  detail: Record<string, unknown>,
): Promise<void> {
  return auditByCaller(app, caller, name, event.id, { title: event.title, ...detail });
}
