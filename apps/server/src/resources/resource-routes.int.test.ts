import { readFileSync } from "node:fs";
import { currentFiscalYear } from "@tsumugi/domain";
import { describe, expect } from "vitest";
import { createDocument, createUser, createWorkspace, TEST_PASSWORD } from "../testing/fixtures.js";
import { TestBrowser } from "../testing/http-client.js";
import { workspaceTest as it, type WorkspaceWorld } from "../testing/workspace-world.js";

const SAMPLES = new URL("../seed/open-data/", import.meta.url);
const sample = (name: string) => readFileSync(new URL(name, SAMPLES)).toString("base64");

type Preview = {
  format: string | null;
  encoding: string;
  totalRows: number;
  areaRows: number;
  problems: { row: number; column: string; severity: string; message: string }[];
  added: { key: string; name: string; kind: string }[];
  changed: {
    id: string;
    key: string;
    changes: { field: string; before: unknown; after: unknown; kept: boolean }[];
  }[];
  gone: { key: string; name: string }[];
  summary: { added: number; changed: number; gone: number; kept: number };
  canImport: boolean;
  digest: string;
};
type Entry = Record<string, unknown> & {
  id: string;
  name: string;
  sourceKey: string | null;
  status: string;
  phone: string;
  fieldSources: Record<string, string>;
  abilities: Record<string, boolean>;
};
type Directory = { resources: Entry[]; areas: { id: string; name: string }[] };

/** Previews then imports a sample file as the secretariat; answers the preview. */
async function importSample(
  w: WorkspaceWorld,
  fileName: string,
  content = sample(fileName),
): Promise<Preview> {
  const preview = await w.admin.browser.post<Preview>(`${w.base}/resources/imports/preview`, {
    fileName,
    content,
  });
  expect(preview.status).toBe(200);
  const done = await w.admin.browser.post(`${w.base}/resources/imports`, {
    fileName,
    content,
    confirm: preview.body.digest,
  });
  expect(done.status, JSON.stringify(done.body)).toBe(201);
  return preview.body;
}

const PROFESSIONAL = {
  contact: { hours: "平日13:00〜14:00（専用）", methods: ["phone", "fax"], note: "連絡可能時間ひみつメモ" },
  liaison: {
    department: "地域医療連携室ひみつ",
    phone: "04-7100-9876",
    fax: "04-7100-9877",
    email: "renkei-secret@example.jp",
    hours: "平日8:30〜17:00",
    note: "入退院の相談はこちら",
  },
  vacancy: { beds: 3, note: "空床メモひみつ" },
};

describe("resource directory", () => {
  it("is read by every member with professionals-only fields, and edited by the secretariat and coordinators", async ({
    server,
    world: w,
  }) => {
    const refused = await w.member.browser.post(`${w.base}/resources`, { kind: "clinic", name: "x" });
    expect(refused.status).toBe(403);
    const created = await w.admin.browser.post<{ resource: Entry }>(`${w.base}/resources`, {
      kind: "hospital",
      name: "つむぎ総合病院",
      address: "千葉県流山市おおたかの森東三丁目1番地",
      lat: 35.8702,
      lng: 139.9305,
      services: ["emergencyBeds", "respite"],
      homeCareSupport: true,
      ...PROFESSIONAL,
    });
    expect(created.status).toBe(201);
    const id = created.body.resource.id;
    expect(created.body.resource.fieldSources).toMatchObject({ name: "manual", liaison: "manual" });
    expect(created.body.resource.vacancy).toMatchObject({ beds: 3, note: "空床メモひみつ" });
    expect((created.body.resource.vacancy as { updatedAt: number }).updatedAt).toBeGreaterThan(0);

    const asObserver = await w.observer.browser.get<Directory>(`${w.base}/resources`);
    expect(asObserver.body.resources[0]).toMatchObject({
      name: "つむぎ総合病院",
      liaison: PROFESSIONAL.liaison,
    });
    expect(Object.values(asObserver.body.resources[0].abilities).some(Boolean)).toBe(false);

    const bad = await w.admin.browser.patch(`${w.base}/resources/${id}`, {
      name: "",
      url: "javascript:alert(1)",
      services: ["flying"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { fields: { name: "required", url: "url", "services.0": "unknown" } },
    });
    const swapped = await w.admin.browser.patch(`${w.base}/resources/${id}`, { lat: 139.9, lng: 35.87 });
    expect(swapped.body).toMatchObject({ error: { fields: { lng: "outsideJapan" } } });
    expect((await w.observer.browser.patch(`${w.base}/resources/${id}`, { phone: "1" })).status).toBe(403);

    // A coordinator edits entries; closing one (廃止・休止) is the secretariat's.
    const coordinator = await createUser(server.ctx.kysely, {
      workspaceId: w.workspaceId,
      role: "coordinator",
    });
    const asCoordinator = new TestBrowser(server.origin);
    expect((await asCoordinator.login(coordinator.email, TEST_PASSWORD)).status).toBe(200);
    const edited = await asCoordinator.patch<{ resource: Entry }>(`${w.base}/resources/${id}`, {
      phone: "04-7100-0000",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.resource.abilities).toMatchObject({ update: true, close: false });
    expect((await asCoordinator.patch(`${w.base}/resources/${id}`, { status: "closed" })).status).toBe(403);
    const unchanged = await w.admin.browser.get<{ resource: Entry }>(`${w.base}/resources/${id}`);
    expect(unchanged.body.resource).toMatchObject({ status: "active", phone: "04-7100-0000" });
    const closed = await w.admin.browser.patch<{ resource: Entry }>(`${w.base}/resources/${id}`, {
      status: "closed",
    });
    expect(closed.body.resource.status).toBe("closed");
    // Reopening is an edit.
    const reopened = await asCoordinator.patch<{ resource: Entry }>(`${w.base}/resources/${id}`, {
      status: "active",
    });
    expect(reopened.body.resource.status).toBe("active");
  });

  it("imports 介護サービス情報公表 open data: preview field by field, nothing written until confirmed, the municipality's rows only", async ({
    server,
    world: w,
  }) => {
    const content = sample("jigyosho_130.csv");
    const preview = await w.admin.browser.post<Preview>(`${w.base}/resources/imports/preview`, {
      fileName: "jigyosho_130.csv",
      content,
    });
    expect(preview.body).toMatchObject({ format: "kaigo", encoding: "utf-8-bom", totalRows: 6, areaRows: 4 });
    expect(preview.body.added.map((a) => a.key)).toEqual([
      "1262190011",
      "1262190029",
      "1262190037",
      "1262190045",
    ]);
    // the URL column holding an e-mail address is reported and left out
    expect(preview.body.problems).toMatchObject([{ row: 3, column: "URL", severity: "warning" }]);
    expect((await w.admin.browser.get<Directory>(`${w.base}/resources`)).body.resources).toEqual([]);

    // A wrong digest (someone else's preview, or an edited file) writes nothing.
    const wrong = await w.admin.browser.post(`${w.base}/resources/imports`, {
      fileName: "jigyosho_130.csv",
      content,
      confirm: "0".repeat(64),
    });
    expect(wrong.status).toBe(409);
    expect(
      (await w.member.browser.post(`${w.base}/resources/imports/preview`, { fileName: "a.csv", content }))
        .status,
    ).toBe(403);
    await importSample(w, "jigyosho_130.csv", content);
    const dir = (await w.admin.browser.get<Directory>(`${w.base}/resources`)).body;
    expect(dir.resources.map((r) => [r.sourceKey, r.kind])).toEqual(
      expect.arrayContaining([["1262190011", "visitingNursing"]]),
    );
    const history = await w.admin.browser.get<{ imports: Record<string, unknown>[] }>(
      `${w.base}/resources/imports`,
    );
    expect(history.body.imports[0]).toMatchObject({
      sourceLabel: "介護サービス情報公表システム オープンデータ",
      fileName: "jigyosho_130.csv",
      added: 4,
      problems: 1,
    });
    const audit = await server.ctx.db.all<{ event: string }>(
      "SELECT event FROM audit_log WHERE event = 'resource.imported'",
    );
    expect(audit).toHaveLength(1);
  });

  it("re-imports without overwriting what was set by hand, closes entries gone from the source, and reads Shift_JIS", async ({
    world: w,
  }) => {
    await importSample(w, "jigyosho_430.csv");
    const before = (await w.admin.browser.get<Directory>(`${w.base}/resources`)).body.resources;
    const tsumugi = before.find((r) => r.sourceKey === "1272100011") as Entry;
    // The municipality corrects the phone number and adds contact times by hand.
    await w.admin.browser.patch(`${w.base}/resources/${tsumugi.id}`, {
      phone: "04-7100-0000",
      contact: PROFESSIONAL.contact,
    });

    // The same data saved by a spreadsheet as Shift_JIS, one office gone, one renamed.
    const text = readFileSync(new URL("jigyosho_430.csv", SAMPLES), "utf8")
      .split("\r\n")
      .filter((line) => !line.includes("1272100052"))
      .join("\r\n")
      .replace("ケアプランつむぎ,", "ケアプランつむぎ流山,");
    const sjis = await shiftJis(text);
    const preview = await w.admin.browser.post<Preview>(`${w.base}/resources/imports/preview`, {
      fileName: "jigyosho_430.csv",
      content: sjis,
    });
    expect(preview.body.encoding).toBe("shift_jis");
    expect(preview.body.gone.map((g) => g.key)).toEqual(["1272100052"]);
    const change = preview.body.changed.find((c) => c.key === "1272100011");
    expect(change?.changes).toEqual(
      expect.arrayContaining([
        { field: "name", before: "ケアプランつむぎ", after: "ケアプランつむぎ流山", kept: false },
        { field: "phone", before: "04-7100-0000", after: "04-7100-1101", kept: true },
      ]),
    );
    await importSample(w, "jigyosho_430.csv", sjis);
    const after = (await w.admin.browser.get<Directory>(`${w.base}/resources`)).body.resources;
    const kept = after.find((r) => r.id === tsumugi.id) as Entry;
    expect(kept).toMatchObject({
      name: "ケアプランつむぎ流山",
      phone: "04-7100-0000",
      contact: PROFESSIONAL.contact,
    });
    expect(kept.fieldSources).toMatchObject({ name: "import", phone: "manual" });
    expect(after.find((r) => r.sourceKey === "1272100052")?.status).toBe("closed");
  });

  it("places imported entries in 日常生活圏域 by town, and keeps an area set by hand through re-imports", async ({
    world: w,
  }) => {
    const area = async (name: string, towns: string[]) =>
      (await w.admin.browser.post<{ area: { id: string } }>(`${w.base}/areas`, { name, towns })).body.area.id;
    const central = await area("中部", ["おおたかの森北", "おおたかの森南"]);
    const south = await area("南部", ["平和台", "南流山"]);
    await importSample(w, "jigyosho_430.csv");
    const list = async () => (await w.admin.browser.get<Directory>(`${w.base}/resources`)).body.resources;
    const tsumugi = (await list()).find((r) => r.sourceKey === "1272100011") as Entry;
    expect(tsumugi.areaId).toBe(central);
    expect((await list()).find((r) => r.sourceKey === "1272100029")?.areaId).toBe(south);

    // The secretariat moves the entry to 南部 by hand; an area not on the list is refused.
    const moved = await w.admin.browser.patch<{ resource: Entry }>(`${w.base}/resources/${tsumugi.id}`, {
      areaId: south,
    });
    expect(moved.status).toBe(200);
    expect(moved.body.resource.fieldSources.areaId).toBe("manual");
    const refused = await w.admin.browser.patch<{ error: { fields: Record<string, string> } }>(
      `${w.base}/resources/${tsumugi.id}`,
      { areaId: "area0000000000000000099" },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({ areaId: "unknown" });
    expect(
      (await w.member.browser.patch(`${w.base}/resources/${tsumugi.id}`, { areaId: central })).status,
    ).toBe(403);

    // Imported again: the area set by hand stays; the filter by area finds it there.
    await importSample(w, "jigyosho_430.csv");
    expect((await list()).find((r) => r.id === tsumugi.id)?.areaId).toBe(south);
    const inSouth = await w.member.browser.get<{ hits: { resource: { id: string } }[] }>(
      `${w.base}/resources/search?area=${south}`,
    );
    expect(inSouth.body.hits.map((h) => h.resource.id)).toContain(tsumugi.id);
  });

  it("refuses a file with missing columns, unknown bytes or bad keys, with row-level Japanese errors", async ({
    world: w,
  }) => {
    const missing = Buffer.from("\ufeff事業所番号,サービスの種類\r\n1272100011,居宅介護支援\r\n").toString(
      "base64",
    );
    const p1 = await w.admin.browser.post<Preview>(`${w.base}/resources/imports/preview`, {
      fileName: "x.csv",
      content: missing,
    });
    expect(p1.body.canImport).toBe(false);
    expect(p1.body.problems[0].message).toContain("必要な列がありません");
    const refused = await w.admin.browser.post(`${w.base}/resources/imports`, {
      fileName: "x.csv",
      content: missing,
      confirm: p1.body.digest,
    });
    expect(refused.status).toBe(422);

    const garbage = Buffer.from([0x82, 0xff, 0xfe, 0x80, 0x81]).toString("base64");
    const p2 = await w.admin.browser.post(`${w.base}/resources/imports/preview`, {
      fileName: "x.csv",
      content: garbage,
    });
    expect(p2.status).toBe(400);
    expect(p2.body).toMatchObject({ error: { code: "resource.fileUnreadable" } });

    const text = readFileSync(new URL("jigyosho_430.csv", SAMPLES), "utf8").replace(
      ",1272100029,",
      ",272100029,",
    );
    const lines = text.split("\r\n");
    lines.splice(2, 0, lines[1]); // a duplicate of the first office
    const p3 = await w.admin.browser.post<Preview>(`${w.base}/resources/imports/preview`, {
      fileName: "jigyosho_430.csv",
      content: Buffer.from(lines.join("\r\n")).toString("base64"),
    });
    expect(p3.body.problems.map((p) => [p.row, p.column, p.severity])).toEqual([
      [3, "事業所番号", "error"],
      [4, "事業所番号", "error"],
    ]);
    expect(p3.body.canImport).toBe(true);
    expect(p3.body.added).toHaveLength(4);
  });

  it("imports 医療情報ネット facilities and hours, keeping 13-digit IDs as strings", async ({ world: w }) => {
    const clinics = await importSample(w, "02-1_clinic_facility_info_20250601.csv");
    expect(clinics.added.map((a) => a.key)).toContain("1220110000018");
    const hours = await importSample(w, "02-2_clinic_speciality_hours_20250601.csv");
    expect(hours.summary.changed).toBe(4);
    const dir = (await w.admin.browser.get<Directory>(`${w.base}/resources`)).body.resources;
    const otaka = dir.find((r) => r.sourceKey === "1220110000018") as Entry;
    expect(otaka.hours).toMatchObject({ mon: "9:00〜12:30／14:30〜18:00", sat: "9:00〜12:30", sun: "休診" });
    expect(dir.find((r) => r.sourceKey === "1220110000050")).toMatchObject({ lat: null, lng: null });
    const history = await w.admin.browser.get<{ imports: { dataDate: string }[] }>(
      `${w.base}/resources/imports`,
    );
    expect(history.body.imports.map((i) => i.dataDate)).toEqual(["2025-06-01", "2025-06-01"]);
  });
});

describe("indicators", () => {
  it("counts 訪問看護ステーション数 and the others from the open entries, for the current 年度 only", async ({
    world: w,
  }) => {
    type Indicators = {
      indicators: { id: string; code: string }[];
      values: { indicatorId: string; fiscalYear: number; value: number | null; source: string }[];
    };
    const read = async () => {
      const res = await w.member.browser.get<Indicators>(`${w.base}/indicators`);
      const idOf = (code: string) => res.body.indicators.find((i) => i.code === code)?.id;
      return (code: string) => res.body.values.filter((v) => v.indicatorId === idOf(code));
    };
    // An empty directory counts nothing: figures entered by hand stay.
    expect((await read())("S04")).toEqual([]);
    await importSample(w, "jigyosho_130.csv");
    await importSample(w, "02-1_clinic_facility_info_20250601.csv");
    const values = await read();
    const fy = currentFiscalYear();
    expect(values("S04")).toEqual([
      expect.objectContaining({ fiscalYear: fy, value: 4, source: expect.stringContaining("資源一覧") }),
    ]);
    expect(values("S05")).toEqual([expect.objectContaining({ fiscalYear: fy, value: 0 })]);
    const dir = await w.admin.browser.get<Directory>(`${w.base}/resources`);
    const nursing = dir.body.resources.find((r) => r.kind === "visitingNursing");
    await w.admin.browser.patch(`${w.base}/resources/${nursing?.id}`, { status: "closed" });
    expect((await read())("S04")[0].value).toBe(3);
    const clinics = (await read())("S01")[0].value ?? 0;
    const plain = dir.body.resources.find((r) => r.kind === "clinic" && r.homeCareSupport === false);
    await w.admin.browser.patch(`${w.base}/resources/${plain?.id}`, { homeCareSupport: true });
    expect((await read())("S01")[0].value).toBe(clinics + 1);
  });
});

describe("another municipality", () => {
  it("never reads, changes or links this workspace's entries, by id or through its own workspace", async ({
    server,
    world: w,
  }) => {
    const created = await w.admin.browser.post<{ resource: Entry }>(`${w.base}/resources`, {
      kind: "clinic",
      name: "つむぎクリニック",
      ...PROFESSIONAL,
    });
    const id = created.body.resource.id;
    const otherId = await createWorkspace(server.ctx.kysely, { name: "柏市", lgCode: "122173" });
    const other = await createUser(server.ctx.kysely, { workspaceId: otherId, role: "secretariat" });
    const browser = new TestBrowser(server.origin);
    expect((await browser.login(other.email, TEST_PASSWORD)).status).toBe(200);
    const otherBase = `/api/workspaces/${otherId}`;
    // Through this workspace's address: not a member, so the workspace is not found at all.
    expect((await browser.get(`${w.base}/resources`)).status).toBe(404);
    expect((await browser.get(`${w.base}/resources/${id}`)).status).toBe(404);
    // Through its own workspace with this workspace's entry id: not found, and nothing changed.
    expect((await browser.get(`${otherBase}/resources/${id}`)).status).toBe(404);
    expect((await browser.patch(`${otherBase}/resources/${id}`, { name: "乗っ取り" })).status).toBe(404);
    expect((await browser.delete(`${otherBase}/resources/${id}`)).status).toBe(404);
    expect((await browser.post(`${otherBase}/resources/${id}/update-links`, {})).status).toBe(404);
    const own = await browser.get<Directory>(`${otherBase}/resources`);
    expect(own.body.resources).toEqual([]);
    const lookup = await browser.get<{ resources: unknown[] }>(`${otherBase}/resources/lookup?q=つむぎ`);
    expect(lookup.body.resources).toEqual([]);
    const still = await w.admin.browser.get<{ resource: Entry }>(`${w.base}/resources/${id}`);
    expect(still.body.resource.name).toBe("つむぎクリニック");
  });
});

describe("public directory", () => {
  it("shows public fields only, in JSON and HTML, escaped, and only when the municipality opened it", async ({
    server,
    world: w,
  }) => {
    const created = await w.admin.browser.post<{ resource: Entry }>(`${w.base}/resources`, {
      kind: "clinic",
      name: '<script>alert("x")</script>クリニック',
      address: "千葉県流山市1",
      phone: "04-7100-1111",
      publicNote: "<img src=x onerror=alert(1)>",
      services: ["homeVisits"],
      ...PROFESSIONAL,
    });
    expect(created.status).toBe(201);
    const anonymous = new TestBrowser(server.origin);
    expect((await anonymous.get("/api/public/resources/122203")).status).toBe(404);
    expect((await anonymous.get("/p/122203/resources")).status).toBe(404);
    expect(
      (await w.member.browser.patch(`${w.base}/resources/settings`, { publicEnabled: true })).status,
    ).toBe(403);
    expect(
      (await w.admin.browser.patch(`${w.base}/resources/settings`, { publicEnabled: true })).status,
    ).toBe(200);

    const json = await anonymous.get<{ resources: Record<string, unknown>[] }>(
      "/api/public/resources/122203",
    );
    expect(json.status).toBe(200);
    expect(Object.keys(json.body.resources[0]).sort()).toEqual(
      [
        "id",
        "kind",
        "subtype",
        "name",
        "kana",
        "address",
        "building",
        "lat",
        "lng",
        "area",
        "phone",
        "fax",
        "url",
        "hours",
        "services",
        "homeCareSupport",
        "publicNote",
      ].sort(),
    );
    const page = await anonymous.get<string>("/p/122203/resources");
    expect(page.status).toBe(200);
    for (const text of [JSON.stringify(json.body), page.body]) {
      for (const secret of [
        "連絡可能時間ひみつメモ",
        "平日13:00〜14:00（専用）",
        "地域医療連携室ひみつ",
        "04-7100-9876",
        "renkei-secret@example.jp",
        "空床メモひみつ",
        "入退院の相談はこちら",
      ])
        expect(text, secret).not.toContain(secret);
    }
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).not.toContain("<img src=x");
    expect(page.body).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;クリニック");
    expect(page.body).toContain("訪問診療");
    const filtered = await anonymous.get<string>("/p/122203/resources?kind=hospital");
    expect(filtered.body).toContain('data-testid="public-empty"');
  });
  it("searches by name, kana, kind and services, and sorts nearest first from a 町名 or a point", async ({
    server,
    world: w,
  }) => {
    const entries = [
      {
        kind: "clinic",
        name: "江戸川台こもれびクリニック",
        kana: "エドガワダイコモレビクリニック",
        address: "千葉県流山市江戸川台東一丁目5番地",
        lat: 35.8975,
        lng: 139.8965,
        services: ["homeVisits", "endOfLife"],
      },
      {
        kind: "pharmacy",
        name: "江戸川台ひなた薬局",
        kana: "エドガワダイヒナタヤッキョク",
        address: "千葉県流山市江戸川台東二丁目1番地",
        lat: 35.898,
        lng: 139.8958,
        services: [],
      },
      {
        kind: "visitingNursing",
        name: "前平井あおば訪問看護",
        kana: "マエヒライアオバ",
        address: "千葉県流山市前平井100番地",
        lat: 35.852,
        lng: 139.926,
        services: [],
      },
      {
        kind: "dental",
        name: "駒木台いろは歯科",
        kana: "コマギダイイロハシカ",
        address: "千葉県流山市駒木台5番地",
        lat: null,
        lng: null,
        services: [],
      },
    ];
    for (const e of entries) expect((await w.admin.browser.post(`${w.base}/resources`, e)).status).toBe(201);
    await w.admin.browser.patch(`${w.base}/resources/settings`, { publicEnabled: true });
    const anonymous = new TestBrowser(server.origin);
    const page = async (query: string) => {
      const res = await anonymous.get<string>(`/p/122203/resources?${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    const names = (body: string) => [...body.matchAll(/<h4>([^<]+)/g)].map((m) => m[1]?.trim());

    // Text over the service's label, the kind's label and the kana (hiragana typed too).
    expect(names(await page(`q=${encodeURIComponent("看取り")}`))).toEqual(["江戸川台こもれびクリニック"]);
    expect(names(await page(`q=${encodeURIComponent("訪問看護")}`))).toEqual(["前平井あおば訪問看護"]);
    expect(names(await page(`q=${encodeURIComponent("ひなた")}`))).toEqual(["江戸川台ひなた薬局"]);
    expect(names(await page(`q=${encodeURIComponent("こまぎだい")}`))).toEqual(["駒木台いろは歯科"]);

    // From an address: its 町名's centre (the entries there), nearest first, unplaced ones last.
    const fromTown = await page(`near=${encodeURIComponent("流山市前平井119")}`);
    expect(fromTown).toContain("近い順（前平井付近から）");
    expect(names(fromTown)).toEqual([
      "前平井あおば訪問看護",
      "江戸川台こもれびクリニック",
      "江戸川台ひなた薬局",
      "駒木台いろは歯科",
    ]);
    expect(fromTown).toMatch(/前平井あおば訪問看護[\s\S]*?約10m/);
    // From a point (the device's position): the page says so; the kind filter still applies.
    const fromHere = await page("lat=35.898&lng=139.896&from=here&kind=pharmacy");
    expect(fromHere).toContain("近い順（現在地から）");
    expect(names(fromHere)).toEqual(["江戸川台ひなた薬局"]);
    expect(names(await page("lat=35.853&lng=139.925"))[0]).toBe("前平井あおば訪問看護");

    // A town the directory does not know, or a point outside Japan: said, escaped, list unsorted.
    const unknown = await page(`near=${encodeURIComponent("<b>どこか</b>")}`);
    expect(unknown).toContain("「&lt;b&gt;どこか&lt;/b&gt;」の町名が見つかりませんでした");
    expect(unknown).not.toContain("<b>どこか");
    expect(unknown).not.toContain('data-testid="public-nearest"');
    expect(await page("lat=10&lng=10")).toContain("場所を読み取れませんでした");
    // The towns known are offered as choices.
    expect(fromTown).toContain('<option value="江戸川台東">');
  });
});

describe("providers' update links", () => {
  it("let a provider update hours, contact times, services and vacancies without an account; the secretariat approves", async ({
    server,
    world: w,
  }) => {
    const created = await w.admin.browser.post<{ resource: Entry }>(`${w.base}/resources`, {
      kind: "shortStay",
      name: "ショートステイ前平井",
    });
    const id = created.body.resource.id;
    expect((await w.member.browser.post(`${w.base}/resources/${id}/update-links`)).status).toBe(403);
    const first = await w.admin.browser.post<{ url: string }>(`${w.base}/resources/${id}/update-links`);
    const second = await w.admin.browser.post<{ url: string; link: { expiresAt: number } }>(
      `${w.base}/resources/${id}/update-links`,
    );
    expect(second.status).toBe(201);
    expect(second.body.link.expiresAt - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const token = new URL(second.body.url).pathname.split("/").pop() as string;
    const oldToken = new URL(first.body.url).pathname.split("/").pop() as string;
    const stored = await server.ctx.db.all<{ token_hash: string }>(
      "SELECT token_hash FROM resource_update_links",
    );
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    const provider = new TestBrowser(server.origin);
    expect((await provider.get(`/api/provider/${oldToken}`)).status).toBe(404);
    const view = await provider.get<{ resource: { name: string } }>(`/api/provider/${token}`);
    expect(view.body.resource.name).toBe("ショートステイ前平井");
    const sent = await provider.post<{ status: string }>(`/api/provider/${token}`, {
      hours: { mon: "9:00〜17:00", tue: "", wed: "", thu: "", fri: "", sat: "", sun: "", hol: "", note: "" },
      vacancy: { beds: 2, note: "男性1・女性1" },
      services: ["dementia"],
    });
    expect(sent.body.status).toBe("pending");
    let entry = (await w.admin.browser.get<{ resource: Entry }>(`${w.base}/resources/${id}`)).body.resource;
    expect(entry.vacancy).toMatchObject({ beds: null });

    const requests = await w.admin.browser.get<{
      requests: { id: string; status: string; changes: { field: string }[] }[];
    }>(`${w.base}/resources/update-requests`);
    expect(requests.body.requests[0].changes.map((c) => c.field).sort()).toEqual([
      "hours",
      "services",
      "vacancy",
    ]);
    const decided = await w.admin.browser.post(
      `${w.base}/resources/update-requests/${requests.body.requests[0].id}`,
      {
        decision: "apply",
      },
    );
    expect(decided.status).toBe(200);
    expect(
      (
        await w.admin.browser.post(`${w.base}/resources/update-requests/${requests.body.requests[0].id}`, {
          decision: "reject",
        })
      ).status,
    ).toBe(409);
    entry = (await w.admin.browser.get<{ resource: Entry }>(`${w.base}/resources/${id}`)).body.resource;
    expect(entry.vacancy).toMatchObject({ beds: 2, note: "男性1・女性1" });
    expect(entry.fieldSources).toMatchObject({ vacancy: "provider", hours: "provider" });
    expect(entry.confirmedAt).toBeGreaterThan(0);

    // Auto-apply, then revoke.
    await w.admin.browser.patch(`${w.base}/resources/settings`, { autoApply: true });
    const again = await provider.post<{ status: string }>(`/api/provider/${token}`, {
      vacancy: { beds: 0, note: "" },
    });
    expect(again.body.status).toBe("applied");
    expect((await w.admin.browser.delete(`${w.base}/resources/${id}/update-links`)).status).toBe(204);
    expect((await provider.get(`/api/provider/${token}`)).status).toBe(404);
    const events = await server.ctx.db.all<{ event: string; actor_user_id: string | null }>(
      "SELECT event, actor_user_id FROM audit_log WHERE event LIKE 'resource.%' ORDER BY id",
    );
    expect(events.map((e) => e.event)).toEqual([
      "resource.created",
      "resource.link_sent",
      "resource.link_sent",
      "resource.provider_opened",
      "resource.provider_submitted",
      "resource.update_applied",
      "resource.settings_updated",
      "resource.provider_submitted",
      "resource.links_revoked",
    ]);
    // what the provider did is recorded without a user (they have no account)
    expect(
      events.filter((e) => e.event.startsWith("resource.provider_")).every((e) => e.actor_user_id === null),
    ).toBe(true);
  });
});

describe("search and links", () => {
  it("finds who can do a service near a point, and links entries to plan actions", async ({
    server,
    world: w,
  }) => {
    const add = async (name: string, lat: number, lng: number, services: string[]) =>
      (
        await w.admin.browser.post<{ resource: Entry }>(`${w.base}/resources`, {
          kind: "clinic",
          name,
          lat,
          lng,
          services,
        })
      ).body.resource.id;
    const near = await add("近い在宅クリニック", 35.857, 139.903, ["homeVisits", "endOfLife"]);
    await add("遠い在宅クリニック", 35.9, 139.95, ["homeVisits", "endOfLife"]);
    await add("看取りなし", 35.857, 139.903, ["homeVisits"]);
    const found = await w.member.browser.get<{ hits: { resource: { name: string }; distanceKm: number }[] }>(
      `${w.base}/resources/search?services=homeVisits,endOfLife&lat=35.8563&lng=139.9027`,
    );
    expect(found.body.hits.map((h) => h.resource.name)).toEqual(["近い在宅クリニック", "遠い在宅クリニック"]);
    expect(found.body.hits[0].distanceKm).toBeLessThan(1);
    const within = await w.member.browser.get<{ hits: unknown[] }>(
      `${w.base}/resources/search?services=homeVisits&lat=35.8563&lng=139.9027&radiusKm=2`,
    );
    expect(within.body.hits).toHaveLength(2);
    // The query is validated by its schema: a problem code per parameter, in the error's usual shape.
    const refusedQuery = async (query: string) => {
      const res = await w.member.browser.get<{ error: { code: string; fields: Record<string, string> } }>(
        `${w.base}/resources/${query}`,
      );
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("validation");
      return res.body.error.fields;
    };
    expect(await refusedQuery("search?services=homeVisits,flying")).toEqual({ services: "unknown" });
    expect(await refusedQuery("search?kinds=castle")).toEqual({ kinds: "unknown" });
    expect(await refusedQuery("search?area=../x")).toEqual({ area: "unknown" });
    expect(await refusedQuery("search?lat=35.8563")).toEqual({ lng: "required" });
    expect(await refusedQuery("search?lat=1&lng=139.9&radiusKm=0")).toEqual({
      lat: "number",
      radiusKm: "number",
    });
    expect(await refusedQuery("search?near=resource0000000000000099")).toEqual({ near: "unknown" });
    expect(await refusedQuery("links")).toEqual({ targetKind: "unknown" });
    expect(await refusedQuery("links?targetKind=consultation")).toEqual({ targetKind: "unknown" });
    // From an entry's place: the entry itself is left out.
    const fromNear = await w.member.browser.get<{ hits: { resource: { name: string } }[] }>(
      `${w.base}/resources/search?services=homeVisits&near=${near}`,
    );
    expect(fromNear.body.hits.map((h) => h.resource.name)).toEqual(["看取りなし", "遠い在宅クリニック"]);
    // The OpenAPI document names the parameters.
    const doc = await w.member.browser.get<{
      paths: Record<string, Record<string, { parameters?: { name: string; required: boolean }[] }>>;
    }>("/api/openapi.json");
    const paramsOf = (path: string) =>
      doc.body.paths[`/api/workspaces/{wid}/resources/${path}`].get.parameters?.filter(
        (p) => p.name !== "wid",
      );
    expect(paramsOf("search")?.map((p) => p.name)).toEqual([
      "services",
      "kinds",
      "area",
      "q",
      "near",
      "lat",
      "lng",
      "radiusKm",
    ]);
    expect(paramsOf("lookup")?.map((p) => p.name)).toEqual(["ids", "q"]);
    expect(paramsOf("links")).toEqual([
      expect.objectContaining({ name: "targetKind", required: true }),
      expect.objectContaining({ name: "targetIds", required: false }),
    ]);

    // A plan action of this workspace as the plan's read model holds it (plan-projection.ts).
    const plan = await createDocument(server.ctx.kysely, w.workspaceId, {
      kind: "plan",
      title: "令和7年度計画",
    });
    const actionId = "action0000000000000001";
    await server.ctx.db.run(
      `INSERT INTO plan_actions (doc_name, id, ord, title, detail, scenes, items, goal_codes, owner_name,
         status, progress, weight, problem_ids, indicator_ids, evaluation_comment, next_step)
       VALUES (?, ?, 'a', '在宅医療の資源マップ作成', '', '[]', '[]', '[]', '', 'planned', 0, 1, '[]', '[]', '', '')`,
      [plan.docName, actionId],
    );
    // An action id the workspace does not have (another municipality's, or made up) is refused.
    expect(
      (await w.member.browser.put(`${w.base}/resources/${near}/links/planAction/action0000000000000099`))
        .status,
    ).toBe(404);
    expect(
      (await w.member.browser.put(`${w.base}/resources/${near}/links/consultation/${actionId}`)).status,
    ).toBe(400);
    expect(
      (await w.observer.browser.put(`${w.base}/resources/${near}/links/planAction/${actionId}`)).status,
    ).toBe(403);
    expect(
      (await w.member.browser.put(`${w.base}/resources/${near}/links/planAction/${actionId}`)).status,
    ).toBe(204);
    type Links = {
      links: { resourceId: string; targetId: string }[];
      resources: { name: string }[];
      targets: { id: string; title: string }[];
      canLink: boolean;
    };
    const links = await w.observer.browser.get<Links>(
      `${w.base}/resources/links?targetKind=planAction&targetIds=${actionId}`,
    );
    expect(links.body.links.map((l) => l.resourceId)).toEqual([near]);
    expect(links.body.resources.map((r) => r.name)).toEqual(["近い在宅クリニック"]);
    expect(links.body.targets).toEqual([{ id: actionId, title: "在宅医療の資源マップ作成" }]);
    expect(links.body.canLink).toBe(false);
    // Every link of the workspace (the directory's cards show their actions), for a member who links.
    const all = await w.member.browser.get<Links>(`${w.base}/resources/links?targetKind=planAction`);
    expect(all.body.links.map((l) => [l.resourceId, l.targetId])).toEqual([[near, actionId]]);
    expect(all.body.canLink).toBe(true);
    const none = await w.member.browser.get<Links>(
      `${w.base}/resources/links?targetKind=planAction&targetIds=`,
    );
    expect(none.body.links).toEqual([]);
    const lookup = await w.member.browser.get<{ resources: { name: string }[] }>(
      `${w.base}/resources/lookup?q=ちかい`,
    );
    expect(lookup.body.resources).toEqual([]);
    const byName = await w.member.browser.get<{ resources: { name: string }[] }>(
      `${w.base}/resources/lookup?q=近い`,
    );
    expect(byName.body.resources.map((r) => r.name)).toEqual(["近い在宅クリニック"]);
  });
});

/**
 * Text as Shift_JIS bytes, base64. Node has no Shift_JIS encoder: the table is made by
 * decoding every two-byte code with the platform's decoder and reversing it.
 */
async function shiftJis(text: string): Promise<string> {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder("shift_jis");
  for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)])
    for (const trail of range(0x40, 0xfc)) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== "\ufffd" && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const ch of text.replace(/^\ufeff/, "")) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) bytes.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no Shift_JIS code for ${ch}`);
      bytes.push(...pair);
    }
  }
  return Buffer.from(bytes).toString("base64");
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
