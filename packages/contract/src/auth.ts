/** Who is logged in: /api/auth (login, /me) and an accepted invitation answer this. */
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, ROLES } from "@tsumugi/domain";
import * as z from "zod";
import { EMAIL_MAX, Id, requiredText, Timestamp } from "./fields.js";

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

/** What POST /api/auth/login answers: a session, or (two-step verification) the step to take next. */
export const LoginResult = z.union([SessionInfo, SecondStep]);
export type LoginResult = z.infer<typeof LoginResult>;

export const Login = z.object({
  email: requiredText(EMAIL_MAX),
  password: z
    .string({ error: "required" })
    .min(1, { error: "required" })
    // Longer than any password the policy accepts: refused before hashing anything.
    .max(PASSWORD_MAX_LENGTH * 2, { error: "tooLong" }),
});
export type Login = z.infer<typeof Login>;

export const Logout = z.object({
  sessionId: z.string({ error: "format" }).optional().meta({
    description:
      "The session this logout ends: when the cookie now names another session (the browser logged in again), nothing is ended",
  }),
});
export type Logout = z.infer<typeof Logout>;

export const ChangePassword = z.object({
  currentPassword: z.string({ error: "required" }).min(1, { error: "required" }),
  newPassword: z.string({ error: "password.tooShort" }).meta({
    description: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not blank, common or made of the person's name or e-mail (password.tooShort, password.tooLong, password.blank, password.common)`,
  }),
});
export type ChangePassword = z.infer<typeof ChangePassword>;
