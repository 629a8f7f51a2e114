/**
 * The demo workspace: 流山市 (千葉県, 122203) with its committee's groups, one account per
 * kind of user and a few documents with text, created once on first start. The logins are
 * returned on every start so `npm start` can print them.
 */
import {
  currentFiscalYear,
  docNameOf,
  fiscalYearLabel,
  newId,
  type Role,
  todayInJapan,
  type YearPlan,
} from "@tsumugi/domain";
import { insertUser } from "../auth/account-repository.js";
import { hashPassword } from "../auth/password.js";
import { storeInitialState } from "../collab/initial-state.js";
import type { AppContext } from "../context.js";
import { insertDocument } from "../documents/document-repository.js";
import { richTextUpdate } from "../documents/rich-text.js";
import { addGroupMember, insertGroup } from "../groups/group-repository.js";
import { insertMembership } from "../members/member-repository.js";
import { createPlanDocument, planTitle } from "../plan/plan-repository.js";
import type { QueryBuilder } from "../storage/query-builder.js";
import { findWorkspaceByLgCode, insertWorkspace } from "../workspaces/workspace-repository.js";
import { DOCUMENTS, GROUPS, TAKAMATSU_USER, USERS } from "./demo-committee.js";
import { seedDemoDesk } from "./demo-desk.js";
import { seedDemoDistributions } from "./demo-distributions.js";
import { seedDemoEvents } from "./demo-events.js";
import { NAGAREYAMA, seedIndicatorValues, seedRegion } from "./demo-indicators.js";
import { seedCurrentYearMeetings, seedDemoMeetings, seedTakamatsuMeetings } from "./demo-meetings.js";
import { seedDemoOutreach } from "./demo-outreach.js";
import { nagareyamaPlan2023, rolledOverPlan, takamatsuPlan } from "./demo-plan.js";
import { TAKAMATSU_DIVISIONS, TAKAMATSU_YEARS } from "./demo-plan-takamatsu.js";
import { seedDemoQuestionnaires } from "./demo-questionnaires.js";
import { seedDemoResources } from "./demo-resources.js";

export interface DemoSeed {
  workspaceName: string;
  /** True when this start created the workspace. */
  created: boolean;
  logins: { label: string; email: string; password: string }[];
}

export const DEMO_LG_CODE = "122203";
export const DEMO_PASSWORD = "tsumugi-demo-2026";
export const TAKAMATSU_LG_CODE = "372013";

export async function seedDemo(ctx: AppContext): Promise<DemoSeed | null> {
  const logins = [...USERS, TAKAMATSU_USER].map((u) => ({
    label: u.label,
    email: u.email,
    password: DEMO_PASSWORD,
  }));
  const existing = await findWorkspaceByLgCode(ctx.kysely, DEMO_LG_CODE);
  if (existing) return { workspaceName: existing.name, created: false, logins };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demo = await ctx.kysely.transaction().execute((trx) => createDemo(trx, passwordHash));
  // Another node seeded it meanwhile.
  if (!demo) return { workspaceName: "流山市", created: false, logins };
  await ctx.audit.record({
    event: "workspace.created",
    workspaceId: demo.workspaceId,
    actorUserId: null,
    target: demo.workspaceId,
    detail: { name: "流山市", demo: true },
  });
  // The demo's indicator values entered by its first user, the neighbours and the region groups.
  await ctx.kysely.transaction().execute(async (trx) => {
    await seedIndicatorValues(trx, demo.workspaceId, NAGAREYAMA, 0, demo.secretariatId);
    await seedRegion(trx, demo.workspaceId);
  });
  // The consultation desk's records are sealed with the personal data key, in their own steps.
  await seedDemoDesk(ctx, demo.workspaceId, demo.coordinatorId, demo.secretariatId);
  await seedDemoResources(ctx, demo.workspaceId, demo.secretariatId);
  const events = await seedDemoEvents(
    ctx,
    demo.workspaceId,
    demo.secretariatId,
    demo.trainingGroupId,
    demo.plans,
  );
  await seedDemoQuestionnaires(ctx, events);
  await seedDemoDistributions(ctx, demo.workspaceId, demo.secretariatId, events.lecture.id);
  await seedDemoOutreach(ctx, demo.workspaceId, demo.secretariatId, demo.trainingGroupId, events.lecture);
  ctx.log.info("demo workspace created", { lgCode: DEMO_LG_CODE });
  return { workspaceName: "流山市", created: true, logins };
}

/** Who and what of the demo workspace the later steps of the seed need. */
interface CreatedDemo {
  workspaceId: string;
  secretariatId: string;
  coordinatorId: string;
  /** 専門職研修班, which organises the demo's trainings. */
  trainingGroupId: string;
  /** 流山市's plans by 年度, as written. */
  plans: Map<number, YearPlan>;
}

/**
 * 流山市 and 高松市 through the repositories, as the app writes them, in `trx`; null when
 * 流山市 exists already.
 */
async function createDemo(trx: QueryBuilder, passwordHash: string): Promise<CreatedDemo | null> {
  const now = Date.now();
  const wid = newId();
  const added = await insertWorkspace(
    trx,
    { id: wid, name: "流山市", prefecture: "千葉県", lgCode: DEMO_LG_CODE },
    now,
  );
  if (!added) return null;
  const groupIds = new Map<string, string>();
  for (const g of GROUPS) {
    const id = newId();
    groupIds.set(g.key, id);
    await insertGroup(trx, {
      id,
      workspaceId: wid,
      name: g.name,
      kind: g.kind,
      parentId: g.parent ? (groupIds.get(g.parent) ?? null) : null,
      createdAt: now,
    });
  }
  const userIds = new Map<string, string>();
  for (const u of USERS) {
    const uid = newId();
    userIds.set(u.email, uid);
    await insertUser(trx, {
      id: uid,
      email: u.email,
      name: u.name,
      organization: u.organization,
      passwordHash,
      createdAt: now,
    });
    await insertMembership(trx, { workspaceId: wid, userId: uid, role: u.role, createdAt: now });
    for (const g of u.groups) await addGroupMember(trx, groupIds.get(g) ?? "", uid);
  }
  const idOf = (role: Role) => userIds.get(USERS.find((u) => u.role === role)?.email ?? "") ?? "";
  // The secretariat (the first user) made the documents, the plan and the meetings.
  const firstUser = idOf("secretariat");
  for (const d of DOCUMENTS) {
    const did = newId();
    const docName = docNameOf(wid, did);
    await insertDocument(trx, {
      id: did,
      workspaceId: wid,
      groupId: d.group ? (groupIds.get(d.group) ?? null) : null,
      kind: d.kind,
      title: d.title,
      docName,
      fiscalYear: null,
      locked: false,
      reviewing: false,
      draftStatus: d.kind === "draft" ? "drafting" : null,
      publicId: null,
      createdBy: firstUser,
      createdAt: now,
      updatedAt: now,
      demo: true,
    });
    await storeInitialState(trx, docName, richTextUpdate(d.paragraphs));
  }
  const plan = nagareyamaPlan2023(groupIds);
  const plans = new Map([[2023, plan]]);
  const plan2023 = await createPlanDocument(trx, {
    workspaceId: wid,
    fiscalYear: 2023,
    title: planTitle(fiscalYearLabel(2023)),
    createdBy: firstUser,
    plan,
  });
  // The prefecture's observer was not at the first meeting.
  const committee = USERS.filter((u) => u.role !== "observer");
  await seedDemoMeetings(trx, {
    workspaceId: wid,
    userIds: [...userIds.values()],
    absentUserIds: USERS.filter((u) => !committee.includes(u)).map((u) => userIds.get(u.email) ?? ""),
    secretariatId: firstUser,
    planDocName: plan2023.document.docName,
    planState: plan2023.initialState,
    linkedActionId: plan.actions.find((a) => a.title.includes("消防"))?.id ?? null,
  });
  // Today is a later 年度: the plan carried over into it, and its meetings, so that the
  // dashboard, the overdue lists and 次の会議 show a living year.
  const today = todayInJapan();
  const thisYear = currentFiscalYear();
  if (thisYear > 2023) {
    const carried = rolledOverPlan(plan, thisYear);
    plans.set(thisYear, carried);
    await createPlanDocument(trx, {
      workspaceId: wid,
      fiscalYear: thisYear,
      title: planTitle(fiscalYearLabel(thisYear)),
      createdBy: firstUser,
      plan: carried,
    });
    await seedCurrentYearMeetings(trx, {
      workspaceId: wid,
      userIds: [...userIds.values()],
      secretariatId: firstUser,
      fiscalYear: thisYear,
      today,
    });
  }
  await createTakamatsu(trx, passwordHash, now);
  return {
    workspaceId: wid,
    secretariatId: firstUser,
    coordinatorId: idOf("coordinator"),
    trainingGroupId: groupIds.get("professional") ?? "",
    plans,
  };
}

/**
 * 高松市 (香川県): a second municipality with its FY2014–FY2018 multi-year plan (目的 and
 * 国が示す具体的取組例 per item), its 在宅医療連携会議 and four 部会, and the meetings its table plans.
 */
async function createTakamatsu(trx: QueryBuilder, passwordHash: string, now: number): Promise<void> {
  const wid = newId();
  await insertWorkspace(
    trx,
    { id: wid, name: "高松市", prefecture: "香川県", lgCode: TAKAMATSU_LG_CODE },
    now,
  );
  const uid = newId();
  await insertUser(trx, {
    id: uid,
    email: TAKAMATSU_USER.email,
    name: TAKAMATSU_USER.name,
    organization: TAKAMATSU_USER.organization,
    passwordHash,
    createdAt: now,
  });
  await insertMembership(trx, { workspaceId: wid, userId: uid, role: "secretariat", createdAt: now });
  let council: string | null = null;
  for (const [i, name] of ["在宅医療連携会議", ...TAKAMATSU_DIVISIONS].entries()) {
    const id = newId();
    council ??= id;
    await insertGroup(trx, {
      id,
      workspaceId: wid,
      name,
      kind: i === 0 ? "plenary" : "division",
      parentId: null,
      createdAt: now,
    });
  }
  await seedTakamatsuMeetings(trx, { workspaceId: wid, secretariatId: uid, groupId: council });
  for (const fy of TAKAMATSU_YEARS) {
    await createPlanDocument(trx, {
      workspaceId: wid,
      fiscalYear: fy,
      title: planTitle(fiscalYearLabel(fy)),
      createdBy: uid,
      plan: takamatsuPlan(fy),
    });
  }
}
