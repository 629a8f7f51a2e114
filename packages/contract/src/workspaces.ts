/** A workspace (one municipality): /api/workspaces/{wid}. */
import { PREFECTURES, ROLES, validateLgCode, WORKSPACE_ACTIONS } from "@tsumugi/domain";
import * as z from "zod";
import { abilities, Id, requiredText } from "./fields.js";

export const Workspace = z
  .object({
    id: Id,
    name: z.string(),
    prefecture: z.string(),
    lgCode: z.string().meta({ description: "Local government code (地方公共団体コード)" }),
  })
  .meta({ id: "Workspace" });
export type Workspace = z.infer<typeof Workspace>;

export const WorkspaceDetail = z.object({
  workspace: Workspace,
  role: z.enum(ROLES).meta({ description: "The caller's role" }),
  groupIds: z.array(Id).meta({ description: "The caller's groups" }),
  can: abilities(WORKSPACE_ACTIONS, "What the caller may do in the workspace"),
});
export type WorkspaceDetail = z.infer<typeof WorkspaceDetail>;

export const WorkspaceResult = z.object({ workspace: Workspace });
export type WorkspaceResult = z.infer<typeof WorkspaceResult>;

export const UpdateWorkspace = z
  .object({
    name: requiredText(100),
    prefecture: requiredText(10).refine((p) => PREFECTURES.includes(p), { error: "unknown" }),
    // "format", "prefecture" or "check-digit"; that it is the prefecture's is checked with the
    // workspace's prefecture ("prefectureMismatch").
    lgCode: requiredText(6).superRefine((code, ctx) => {
      const problem = validateLgCode(code);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  })
  .partial();
export type UpdateWorkspace = z.infer<typeof UpdateWorkspace>;

/** /api/workspaces/{wid}/two-factor-policy: two-step verification made mandatory. */
export const TwoFactorPolicy = z
  .object({
    required: z.boolean().meta({ description: "Mandatory for the roles below" }),
    roles: z.array(z.enum(ROLES)).meta({ description: "The roles it is mandatory for" }),
  })
  .meta({ id: "TwoFactorPolicy" });
export type TwoFactorPolicy = z.infer<typeof TwoFactorPolicy>;

export const SetTwoFactorPolicy = z.object({ required: z.boolean({ error: "invalid" }) });
export type SetTwoFactorPolicy = z.infer<typeof SetTwoFactorPolicy>;

export const TwoFactorPolicyResult = z.object({ required: z.boolean() });
export type TwoFactorPolicyResult = z.infer<typeof TwoFactorPolicyResult>;
