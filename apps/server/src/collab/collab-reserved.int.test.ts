/**
 * The plan papers' secretariat-only fields (profile texts, plan periods) enforced by the
 * collab server, with real y-websocket clients: a member's update touching one of them is
 * refused (4423, audited) and not stored, while the member's ordinary row edits and the
 * secretariat's edits to those fields are stored as usual.
 */
import {
  emptyYearPlan,
  orderAfterLast,
  profileText,
  rowText,
  setRowField,
  type YearPlan,
} from "@tsumugi/domain";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPlanDocument } from "../plan/plan-repository.js";
import { connectProvider, type ProviderClient, storedDocument, waitFor } from "../testing/collab-clients.js";
import {
  createSession,
  createUser,
  createWorkspace,
  startTestServer,
  type TestServer,
} from "../testing/fixtures.js";

let server: TestServer;
const clients: ProviderClient[] = [];
let docName: string;
let member: { cookie: string; id: string };
let office: { cookie: string; id: string };

const PROBLEM = "problem00001";
const PERIOD = "period000001";

function plan(): YearPlan {
  const order = orderAfterLast([]);
  return {
    ...emptyYearPlan(2025),
    profile: { ...emptyYearPlan(2025).profile, programName: "流山市在宅医療介護連携推進事業" },
    problems: [
      {
        id: PROBLEM,
        order,
        title: "救急現場での情報不足",
        detail: "",
        scenes: ["emergency"],
        items: [],
        source: "meeting",
        ownerGroupId: null,
        status: "open",
        actionIds: [],
      },
    ],
    planPeriods: [
      {
        id: PERIOD,
        order,
        name: "第9期",
        series: "流山市高齢者支援計画",
        startFiscalYear: 2024,
        endFiscalYear: 2026,
        milestones: [{ fiscalYear: 2026, label: "事業評価" }],
      },
    ],
  };
}

beforeEach(async () => {
  server = await startTestServer();
  const db = server.ctx.db;
  const workspaceId = await createWorkspace(db);
  const m = await createUser(db, { name: "山田 花子", workspaceId, role: "member" });
  const o = await createUser(db, { name: "高橋 美和", workspaceId, role: "secretariat" });
  member = { id: m.id, cookie: (await createSession(server, m.id)).cookie };
  office = { id: o.id, cookie: (await createSession(server, o.id)).cookie };
  docName = (
    await createPlanDocument(server.ctx.kysely, {
      workspaceId,
      fiscalYear: 2025,
      title: "令和7年度 在宅医療・介護連携推進事業計画",
      createdBy: o.id,
      plan: plan(),
    })
  ).document.docName;
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server.destroy();
});

async function open(cookie: string): Promise<ProviderClient> {
  const c = connectProvider(server.wsUrl, docName, { cookie, origin: server.origin });
  clients.push(c);
  await c.synced();
  return c;
}

const refusals = () =>
  server.ctx.db.all<{ actor_user_id: string; detail: string }>(
    "SELECT actor_user_id, detail FROM audit_log WHERE event = 'document.write_reserved'",
  );

describe("the plan papers' secretariat-only fields", () => {
  it("refuses a member's update to a profile text: closed with 4423, audited, nothing stored", async () => {
    const colleague = await open(office.cookie);
    const crafted = await open(member.cookie);
    // An ordinary edit first: stored.
    rowText(crafted.doc, "problems", PROBLEM, "title")?.insert(0, "【至急】");
    expect(await crafted.acknowledged()).toBe(true);

    profileText(crafted.doc, "programName").insert(0, "改ざん");
    await waitFor(() => crafted.closes.some((c) => c.code === 4423), "the member's socket closed with 4423");
    // y-websocket's client takes 44xx as final: it does not send the refused change again.
    expect(crafted.provider.shouldConnect).toBe(false);

    // The secretariat's copy never saw it; the row edit before it is there.
    rowText(colleague.doc, "problems", PROBLEM, "detail")?.insert(0, "確認済み");
    expect(await colleague.acknowledged()).toBe(true);
    expect(profileText(colleague.doc, "programName").toString()).toBe("流山市在宅医療介護連携推進事業");
    expect(rowText(colleague.doc, "problems", PROBLEM, "title")?.toString()).toBe(
      "【至急】救急現場での情報不足",
    );

    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, docName);
    expect(profileText(stored, "programName").toString()).toBe("流山市在宅医療介護連携推進事業");
    expect(rowText(stored, "problems", PROBLEM, "title")?.toString()).toBe("【至急】救急現場での情報不足");
    expect(rowText(stored, "problems", PROBLEM, "detail")?.toString()).toBe("確認済み");

    const [entry] = await refusals();
    expect(entry.actor_user_id).toBe(member.id);
    expect(JSON.parse(entry.detail)).toEqual({ parts: "planPapers", names: ["profile.programName"] });
  });

  it("refuses a member's change to a plan period and its milestones, and a deletion in a profile text", async () => {
    const period = await open(member.cookie);
    setRowField(period.doc, "planPeriods", PERIOD, "milestones", []);
    await waitFor(() => period.closes.some((c) => c.code === 4423), "refused");

    const deletion = await open(member.cookie);
    profileText(deletion.doc, "programName").delete(0, 3);
    await waitFor(() => deletion.closes.some((c) => c.code === 4423), "refused");

    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, docName);
    expect(profileText(stored, "programName").toString()).toBe("流山市在宅医療介護連携推進事業");
    const periods = stored.getMap<import("yjs").Map<unknown>>("planPeriods");
    expect(periods.get(PERIOD)?.get("milestones")).toEqual([{ fiscalYear: 2026, label: "事業評価" }]);
    expect((await refusals()).map((r) => JSON.parse(r.detail).names)).toEqual([
      ["planPeriods"],
      ["profile.programName"],
    ]);
  });

  it("stores the secretariat's edits to those fields, and a member's many row edits while they are being stored", async () => {
    const secretariat = await open(office.cookie);
    const writer = await open(member.cookie);
    profileText(secretariat.doc, "programName").insert(0, "令和7年度 ");
    setRowField(secretariat.doc, "planPeriods", PERIOD, "name", "第9期（改定）");
    expect(await secretariat.acknowledged()).toBe(true);
    await waitFor(
      () => profileText(writer.doc, "programName").toString().startsWith("令和7年度 "),
      "the member reads the secretariat's text",
    );
    // Typed one character at a time: each keystroke builds on the one before, which may not
    // be stored yet when it arrives.
    const title = rowText(writer.doc, "problems", PROBLEM, "title");
    for (const ch of "（消防と協議中）") title?.insert(title.length, ch);
    expect(await writer.acknowledged()).toBe(true);
    expect(writer.closes).toEqual([]);

    await server.collab.flush();
    const stored = await storedDocument(server.ctx.db, docName);
    expect(profileText(stored, "programName").toString()).toBe("令和7年度 流山市在宅医療介護連携推進事業");
    expect(rowText(stored, "problems", PROBLEM, "title")?.toString()).toBe(
      "救急現場での情報不足（消防と協議中）",
    );
    expect(await refusals()).toEqual([]);
  });
});
