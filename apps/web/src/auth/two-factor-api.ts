/**
 * The two-step verification API (server: apps/server/src/auth/two-factor-routes.ts and
 * workspaces/two-factor-policy-routes.ts), typed from @tsumugi/contract.
 */
import type {
  DisableTwoFactor,
  EnrolResult,
  RecoveryCodes,
  SecondFactorCode,
  SecondStepResult,
  SetTwoFactorPolicy,
  TotpEnrolment,
  TwoFactorPolicy,
  TwoFactorPolicyResult,
  TwoFactorStatus,
} from "@tsumugi/contract";
import { api, get, post } from "../api/client";

/** The second step of a login (the challenge cookie set by the password). */
export const secondStepApi = {
  code: (body: SecondFactorCode) => post<SecondStepResult>("/api/auth/login/code", body),
  enrolment: () => get<TotpEnrolment>("/api/auth/login/enrol"),
  enrol: (body: SecondFactorCode) => post<EnrolResult>("/api/auth/login/enrol", body),
};

/** The logged-in person's own settings. */
export const twoFactorApi = {
  status: () => get<TwoFactorStatus>("/api/auth/two-factor"),
  setup: () => post<TotpEnrolment>("/api/auth/two-factor/setup"),
  enable: (body: SecondFactorCode) => post<RecoveryCodes>("/api/auth/two-factor/enable", body),
  renewRecoveryCodes: (body: SecondFactorCode) =>
    post<RecoveryCodes>("/api/auth/two-factor/recovery-codes", body),
  disable: (body: DisableTwoFactor) => post<void>("/api/auth/two-factor/disable", body),
};

/** The workspace's requirement (the secretariat's switch). */
export function twoFactorPolicyApi(wid: string) {
  const path = `/api/workspaces/${wid}/two-factor-policy`;
  return {
    get: () => get<TwoFactorPolicy>(path),
    set: (body: SetTwoFactorPolicy) => api<TwoFactorPolicyResult>("PUT", path, body),
  };
}
