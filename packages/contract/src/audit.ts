/** The audit log (操作記録) as the secretariat reads it: /api/workspaces/{wid}/audit. */
import { AUDIT_KINDS, AUDIT_TARGET_KINDS, japanMidnight } from "@tsumugi/domain";
import * as z from "zod";
import { Timestamp } from "./fields.js";

/** A Japan calendar day, YYYY-MM-DD. */
const japanDay = z
  .string()
  .refine((day) => japanMidnight(day) !== null, { error: "format" })
  .meta({ description: "A day in Japan, YYYY-MM-DD" });

export const AuditQuery = z.object({
  before: z.coerce
    .number({ error: "format" })
    .int({ error: "format" })
    .optional()
    .meta({ description: "Entries older than this entry id (paging back)" }),
  limit: z.coerce
    .number({ error: "format" })
    .int({ error: "format" })
    .min(1, { error: "format" })
    .default(100)
    .meta({ description: "At most this many entries (500 at most)" }),
  actor: z.string().optional().meta({ description: "Only entries of this person (user id)" }),
  kind: z.enum(AUDIT_KINDS, { error: "unknown" }).optional(),
  from: japanDay.optional().meta({ description: "From this Japan day (YYYY-MM-DD), inclusive" }),
  to: japanDay.optional().meta({ description: "To this Japan day (YYYY-MM-DD), inclusive" }),
});
export type AuditQuery = z.input<typeof AuditQuery>;

export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: Timestamp,
    event: z.string().meta({ description: "The event's code (the domain's audit catalogue)" }),
    workspaceId: z.string().nullable(),
    actorUserId: z.string().nullable(),
    target: z.string().nullable(),
    ip: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    actorName: z.string().nullable().meta({ description: "Who acted, by name" }),
    targetKind: z.enum(AUDIT_TARGET_KINDS).nullable().meta({ description: "What `target` names" }),
    targetName: z.string().nullable().meta({ description: "What was acted on, by name" }),
    names: z
      .record(z.string(), z.string())
      .meta({ description: "Names of the ids inside `detail` (groups, plan actions, plans)" }),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ entries: z.array(AuditEntry).meta({ description: "Newest first" }) });
export type AuditList = z.infer<typeof AuditList>;
