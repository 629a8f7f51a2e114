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

// Two-step verification (2段階認証): /api/auth/login/code|enrol and /api/auth/two-factor.

/**
 * A code as people type it: six digits from the authenticator app or a recovery code; spaces,
 * hyphens and full-width digits are forgiven ("required" when nothing else is left).
 */
const SecondFactorCodeField = z
  .string({ error: "required" })
  .refine((code) => code.normalize("NFKC").replace(/[\s-]/g, "") !== "", { error: "required" })
  .meta({ description: "A TOTP code (6 digits) or a recovery code" });

export const SecondFactorCode = z.object({ code: SecondFactorCodeField });
export type SecondFactorCode = z.infer<typeof SecondFactorCode>;

/** Turning two-step verification off: the password and a code. */
export const DisableTwoFactor = z.object({
  password: z.string({ error: "required" }).min(1, { error: "required" }),
  code: SecondFactorCodeField,
});
export type DisableTwoFactor = z.infer<typeof DisableTwoFactor>;

export const TwoFactorStatus = z
  .object({
    enabled: z.boolean(),
    required: z
      .boolean()
      .meta({ description: "A workspace of the person makes it mandatory for their role" }),
    recoveryCodesLeft: z.number().int(),
  })
  .meta({ id: "TwoFactorStatus" });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/** A key being set up, for the authenticator app. */
export const TotpEnrolment = z
  .object({
    email: z.string(),
    secret: z.string().meta({ description: "The key in base32, grouped by four for typing by hand" }),
    uri: z.string().meta({ description: "The otpauth:// URI (shown as a QR code)" }),
  })
  .meta({ id: "TotpEnrolment" });
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

export const RecoveryCodes = z.object({
  recoveryCodes: z.array(z.string()).meta({ description: "Ten one-time codes, shown once" }),
});
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

/** The second step done: the session, and how many recovery codes are left when one was used. */
export const SecondStepResult = SessionInfo.extend({ recoveryCodesLeft: z.number().int().optional() });
export type SecondStepResult = z.infer<typeof SecondStepResult>;

/** Enrolment during a login done: the session and the recovery codes. */
export const EnrolResult = SessionInfo.extend(RecoveryCodes.shape);
export type EnrolResult = z.infer<typeof EnrolResult>;
