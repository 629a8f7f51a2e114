/**
 * GET/PUT /api/workspaces/:wid/two-factor-policy — the secretariat makes two-step verification
 * mandatory for the workspace's secretariat and coordinators (they enrol at their next login).
 */
import { SetTwoFactorPolicy, TwoFactorPolicy, TwoFactorPolicyResult } from "@tsumugi/contract";
import { Hono } from "hono";
import { TWO_FACTOR_POLICY_ROLES } from "../auth/two-factor.js";
import type { AppEnv } from "../http/env.js";
import { allowIn, callerOf, describe, jsonBody } from "../http/operation.js";
import { setTwoFactorPolicy } from "./workspace-commands.js";
import { twoFactorRequired } from "./workspace-repository.js";

const tag = "workspaces";

export function twoFactorPolicyRoutes(): Hono<AppEnv> {
  const r = new Hono<AppEnv>();

  r.get(
    "/",
    describe({
      summary: "Whether two-step verification is mandatory for the secretariat and coordinators",
      tag,
      response: TwoFactorPolicy,
    }),
    allowIn("workspace.read"),
    async (c) =>
      c.json({
        required: await twoFactorRequired(c.var.app.kysely, c.var.workspaceId),
        roles: [...TWO_FACTOR_POLICY_ROLES],
      } satisfies TwoFactorPolicy),
  );

  r.put(
    "/",
    describe({
      summary: "Make two-step verification mandatory (or not) for the secretariat and coordinators",
      description:
        "409 `twoFactor.enableFirst` when the caller, making it mandatory, does not use two-step verification.",
      tag,
      response: TwoFactorPolicyResult,
      errors: [409],
    }),
    jsonBody(SetTwoFactorPolicy),
    allowIn("members.manage"),
    async (c) => {
      const required = await setTwoFactorPolicy(c.var.app, callerOf(c), c.req.valid("json").required);
      return c.json({ required } satisfies TwoFactorPolicyResult);
    },
  );

  return r;
}
