/**
 * The consultation desk on top of a workspace world: two coordinators each staffing one desk
 * (北部 and 南部, as a city with a desk per ward), two 日常生活圏域, and another municipality
 * with its own secretariat and coordinator. Desks and areas are made through the API.
 */
import { createUser, createWorkspace, TEST_PASSWORD, type TestServer } from "./fixtures.js";
import { TestBrowser } from "./http-client.js";
import { type Person, type WorkspaceWorld, workspaceTest } from "./workspace-world.js";

export interface DeskWorld {
  coordinator: Person;
  /** Coordinator of the other desk of the same workspace. */
  otherCoordinator: Person;
  deskId: string;
  otherDeskId: string;
  areaIds: string[];
  /** Another municipality: its secretariat and coordinator. */
  elsewhere: { workspaceId: string; base: string; admin: Person; coordinator: Person };
}

async function loggedIn(server: TestServer, user: { id: string; email: string }): Promise<Person> {
  const browser = new TestBrowser(server.origin);
  const res = await browser.login(user.email, TEST_PASSWORD);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return { id: user.id, email: user.email, browser };
}

export async function seedDeskWorld(server: TestServer, w: WorkspaceWorld): Promise<DeskWorld> {
  const q = server.ctx.kysely;
  const coordinator = await loggedIn(
    server,
    await createUser(q, { workspaceId: w.workspaceId, role: "coordinator", name: "松本 彩" }),
  );
  const otherCoordinator = await loggedIn(
    server,
    await createUser(q, { workspaceId: w.workspaceId, role: "coordinator", name: "南部 担当" }),
  );
  const areaIds: string[] = [];
  for (const name of ["北部圏域", "南部圏域"]) {
    const area = await w.admin.browser.post<{ area: { id: string } }>(`${w.base}/areas`, { name });
    if (area.status !== 201) throw new Error(`area: ${JSON.stringify(area.body)}`);
    areaIds.push(area.body.area.id);
  }
  const desk = async (name: string, staff: string, areaId: string) => {
    const res = await w.admin.browser.post<{ desk: { id: string } }>(`${w.base}/desks`, {
      name,
      hours: "月〜金 9:00〜17:00（祝日・年末年始を除く）",
      phone: "04-7150-0000",
      howToConsult: "電話または窓口でご相談ください。",
      defaultMethod: "phone",
      defaultAreaId: areaId,
      public: true,
      staffIds: [staff],
    });
    if (res.status !== 201) throw new Error(`desk: ${JSON.stringify(res.body)}`);
    return res.body.desk.id;
  };
  const deskId = await desk("北部在宅医療・介護連携相談支援室", coordinator.id, areaIds[0]);
  const otherDeskId = await desk("南部在宅医療・介護連携相談支援室", otherCoordinator.id, areaIds[1]);

  const otherWid = await createWorkspace(q, { name: "柏市", lgCode: "122173" });
  const elsewhere = {
    workspaceId: otherWid,
    base: `/api/workspaces/${otherWid}`,
    admin: await loggedIn(server, await createUser(q, { workspaceId: otherWid, role: "secretariat" })),
    coordinator: await loggedIn(server, await createUser(q, { workspaceId: otherWid, role: "coordinator" })),
  };
  return { coordinator, otherCoordinator, deskId, otherDeskId, areaIds, elsewhere };
}

/** A new case's first contact, as the quick form sends it; `over` replaces fields. */
export function newConsultation(
  deskId: string,
  over: Record<string, unknown> = {},
  person: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    receivedAt: "2025-05-12T10:30",
    method: "phone",
    consulterType: "careManager",
    consulter: { name: "中村 恵子", organisation: "ひまわり居宅介護支援事業所", contact: "04-7100-1111" },
    topics: ["admission", "homeCareStart"],
    content: "退院予定の利用者について、訪問診療をしてくれる医療機関を探している。",
    responses: ["information", "connect"],
    responseDetail: "在宅療養支援診療所の一覧を送付し、地域連携室へつないだ。",
    referralOrganisation: "東葛病院 地域連携室",
    minutes: 20,
    followUpDue: "2025-05-19",
    followUpStatus: "open",
    case: {
      deskId,
      ageBand: "85to94",
      sex: "female",
      careLevel: "care2",
      living: "alone",
      condition: "heart",
      areaId: null,
      person: {
        name: "流山 花子",
        kana: "ナガレヤマ ハナコ",
        contact: "04-7150-1234",
        address: "千葉県流山市平和台1-1-1",
        birthDate: "1938-07-02",
        notes: "長女が市外在住",
        ...person,
      },
    },
    ...over,
  };
}

/**
 * `it` with a fresh server, workspace world and desk world for each test:
 *   import { deskTest as it } from "../testing/desk-world.js";
 *   it("…", async ({ server, world: w, desk: d }) => { … });
 */
export const deskTest = workspaceTest.extend<{ desk: DeskWorld }>({
  desk: async ({ server, world }, use) => {
    await use(await seedDeskWorld(server, world));
  },
});
