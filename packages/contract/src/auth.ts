/** Who is logged in: /api/auth (login, /me) and an accepted invitation answer this. */
import { ROLES } from "@tsumugi/domain";
import * as z from "zod";
import { Id, Timestamp } from "./fields.js";

export const User = z
  .object({ id: Id, email: z.string(), name: z.string(), organization: z.string() })
  .meta({ id: "User" });
export type User = z.infer<typeof User>;

export const WorkspaceMembership = z
  .object({
    id: Id,
    name: z.string(),
    prefecture: z.string(),
    lgCode: z.string().meta({ description: "Local government code (地方公共団体コード)" }),
    role: z.enum(ROLES).meta({ description: "The user's role in the workspace" }),
  })
  .meta({ id: "WorkspaceMembership" });
export type WorkspaceMembership = z.infer<typeof WorkspaceMembership>;

export const SessionInfo = z
  .object({
    user: User,
    workspaces: z
      .array(WorkspaceMembership)
      .meta({ description: "Workspaces where the user is an active member, by name" }),
    sessionId: z.string().meta({
      description: "Names this session (a later logout can say which session it ends); not a secret",
    }),
    sessionExpiresAt: Timestamp.meta({
      description:
        "When this session ends unless it is used again (ms since the epoch): the earlier of the idle timeout and the absolute lifetime",
    }),
  })
  .meta({ id: "SessionInfo" });
export type SessionInfo = z.infer<typeof SessionInfo>;

/** A correct password that opens no session yet: the second step (or the enrolment) comes next. */
export const SecondStep = z.object({ secondStep: z.enum(["code", "enrol"]) }).meta({ id: "SecondStep" });
export type SecondStep = z.infer<typeof SecondStep>;
