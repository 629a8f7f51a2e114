/** The audit records of what a caller did in the events' area. */
import type { AuditEvent } from "../audit/audit-log.js";
import type { AppContext, Caller } from "../context.js";

/** Something done to one event: its id as the target, its title first in the detail. */
export function auditEvent(
  app: AppContext,
  caller: Caller,
  event: { id: string; title: string },
  name: AuditEvent,
  detail: Record<string, unknown>,
): Promise<void> {
  return app.audit.byCaller(caller, name, event.id, { title: event.title, ...detail });
}
