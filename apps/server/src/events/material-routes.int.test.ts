import { Document, Packer, Paragraph } from "docx";
import ExcelJS from "exceljs";
import { describe, expect } from "vitest";
import { TestBrowser } from "../testing/http-client.js";
import {
  createEvent,
  workspaceTest as it,
  personIn,
  regionNeighbours,
  type WorkspaceWorld,
} from "../testing/workspace-world.js";

type MaterialBody = {
  id: string;
  name: string;
  type: string;
  size: number;
  public: boolean;
  path: string;
};
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/** A small PDF as a word processor writes it (header, one page, trailer). */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);
/** A 1×1 PNG. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  "base64",
);
const HTML = Buffer.from('<!doctype html><html><body><script>alert("x")</script>案内</body></html>');

async function docxFile(): Promise<Buffer> {
  return Packer.toBuffer(
    new Document({ sections: [{ children: [new Paragraph("グループワークの進め方")] }] }),
  );
}
async function xlsxFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("参加者数").addRow(["職種", "人数"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a file as the organisers' page does: the bytes as the body, the name in the query. */
async function upload(b: TestBrowser, eventPath: string, name: string, bytes: Uint8Array) {
  const res = await fetch(`${b.baseUrl}${eventPath}/materials?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/octet-stream",
      ...(b.cookieHeader ? { Cookie: b.cookieHeader } : {}),
      ...(b.origin ? { Origin: b.origin } : {}),
    },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as { material: MaterialBody } & ErrorBody };
}

async function download(b: TestBrowser, path: string) {
  const res = await fetch(`${b.baseUrl}${path}`, {
    headers: b.cookieHeader ? { Cookie: b.cookieHeader } : {},
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The event the materials belong to. */
const createMaterialsEvent = (w: WorkspaceWorld) =>
  createEvent(w, { title: "第31回 介護と医療をつむぐ会", startsAt: "2030-06-30T18:30" });

async function materialRows(server: { ctx: { db: { all<T>(sql: string): Promise<T[]> } } }) {
  return server.ctx.db.all<{ name: string; size: number }>(
    "SELECT name, size FROM event_materials ORDER BY name",
  );
}

describe("event materials", () => {
  it("take PDF, Word, Excel and images by their contents; refuse HTML named .pdf, a mismatch, an empty file; store nothing refused", async ({
    server,
    world: w,
  }) => {
    const e = await createMaterialsEvent(w);
    const pdf = await upload(w.member.browser, e.path, "当日資料（グループワーク）.pdf", PDF);
    expect(pdf.status).toBe(201);
    expect(pdf.body.material).toMatchObject({
      name: "当日資料（グループワーク）.pdf",
      type: "application/pdf",
      size: PDF.length,
      public: false,
    });
    const docx = await upload(w.admin.browser, e.path, "C:\\Users\\jimu\\進め方.docx", await docxFile());
    expect(docx.status).toBe(201);
    // Only the file's own name is kept, never the sender's folders.
    expect(docx.body.material).toMatchObject({
      name: "進め方.docx",
      type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    });
    const xlsx = await upload(w.admin.browser, e.path, "参加者数.xlsx", await xlsxFile());
    expect(xlsx.body.material.type).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const png = await upload(w.admin.browser, e.path, "会場地図.PNG", PNG);
    expect(png.body.material.type).toBe("image/png");

    const html = await upload(w.admin.browser, e.path, "案内.pdf", HTML);
    expect(html.status).toBe(400);
    expect(html.body.error.code).toBe("material.type");
    expect(html.body.error.message).toContain("PDF、Word、Excel、PowerPoint");
    const renamedPng = await upload(w.admin.browser, e.path, "名簿.pdf", PNG);
    expect(renamedPng.status).toBe(400);
    expect(renamedPng.body.error).toMatchObject({ code: "material.mismatch" });
    expect(renamedPng.body.error.message).toContain("（.pdf）");
    const svg = await upload(
      w.admin.browser,
      e.path,
      "logo.svg",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    );
    expect(svg.body.error.code).toBe("material.type");
    expect((await upload(w.admin.browser, e.path, "空.pdf", Buffer.alloc(0))).body.error.code).toBe(
      "material.empty",
    );
    expect((await upload(w.admin.browser, e.path, "拡張子なし", PDF)).body.error.code).toBe("material.name");
    expect((await upload(w.admin.browser, e.path, "", PDF)).body.error).toMatchObject({
      code: "validation",
      fields: { name: "required" },
    });

    expect((await materialRows(server)).map((r) => r.name)).toEqual([
      "会場地図.PNG",
      "参加者数.xlsx",
      "当日資料（グループワーク）.pdf",
      "進め方.docx",
    ]);
    const audit = await server.ctx.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'event.material_added' ORDER BY id",
    );
    expect(audit).toHaveLength(4);
    expect(JSON.parse(audit[0].detail)).toMatchObject({
      name: "当日資料（グループワーク）.pdf",
      size: PDF.length,
    });
  });

  it("refuse a file over the configured size with 413 before storing anything", async ({
    server,
    world: w,
  }) => {
    const e = await createMaterialsEvent(w);
    server.ctx.config.publicForms.materialMaxBytes = 1024 * 1024;
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    const res = await upload(w.admin.browser, e.path, "大きな資料.pdf", big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("request.tooLarge");
    expect(res.body.error.message).toContain("ファイル1MBまで");
    expect(await materialRows(server)).toEqual([]);
    // Sent without a length (chunked), it is cut off as it arrives.
    const chunks = [PDF, Buffer.alloc(600 * 1024), Buffer.alloc(600 * 1024)];
    const streamed = await fetch(
      `${server.origin}${e.path}/materials?name=${encodeURIComponent("流れる資料.pdf")}`,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/octet-stream",
          Cookie: w.admin.browser.cookieHeader ?? "",
          Origin: server.origin,
        },
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next) controller.enqueue(new Uint8Array(next));
            else controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit,
    );
    expect(streamed.status).toBe(413);
    expect(await materialRows(server)).toEqual([]);
    // Within the limit the same kind of file goes in.
    expect((await upload(w.admin.browser, e.path, "資料.pdf", PDF)).status).toBe(201);
    const list = await w.admin.browser.get<{ maxBytes: number }>(`${e.path}/materials`);
    expect(list.body.maxBytes).toBe(1024 * 1024);
  });

  it("are downloaded as attachments with safe headers; read by every member, changed by the organisers only", async ({
    server,
    world: w,
  }) => {
    const e = await createMaterialsEvent(w);
    const { material } = (await upload(w.member.browser, e.path, "人生会議 資料 2030.pdf", PDF)).body;

    for (const p of [w.admin, w.member, w.outsider, w.observer]) {
      const list = await p.browser.get<{ materials: MaterialBody[]; scope: string }>(`${e.path}/materials`);
      expect(list.status).toBe(200);
      expect(list.body.scope).toBe("all");
      expect(list.body.materials.map((m) => m.name)).toEqual(["人生会議 資料 2030.pdf"]);
    }
    const got = await download(w.observer.browser, material.path);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PDF)).toBe(true);
    expect(got.headers.get("content-type")).toBe("application/pdf");
    const disposition = got.headers.get("content-disposition") ?? "";
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent("人生会議 資料 2030.pdf")}`);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-security-policy")).toBe(
      "default-src 'none'; sandbox; frame-ancestors 'none'",
    );
    expect(got.headers.get("cache-control")).toBe("no-store");

    // Members of no organiser group and observers read, never change.
    for (const p of [w.outsider, w.observer]) {
      expect((await upload(p.browser, e.path, "x.pdf", PDF)).status).toBe(403);
      expect((await p.browser.patch(material.path, { public: true })).status).toBe(403);
      expect((await p.browser.delete(material.path)).status).toBe(403);
    }
    const renamed = await w.member.browser.patch<{ material: MaterialBody }>(material.path, {
      name: "人生会議（ACP）資料.pdf",
    });
    expect(renamed.body.material.name).toBe("人生会議（ACP）資料.pdf");
    const wrongExt = await w.member.browser.patch<ErrorBody>(material.path, { name: "人生会議.html" });
    expect(wrongExt.status).toBe(400);
    expect(wrongExt.body.error.fields).toEqual({ name: "extension" });
    expect((await w.member.browser.patch(material.path, { name: "" })).status).toBe(400);

    expect((await w.member.browser.delete(material.path)).status).toBe(204);
    expect((await w.member.browser.get(material.path)).status).toBe(404);
    const deleted = await server.ctx.db.all<{ detail: string }>(
      "SELECT detail FROM audit_log WHERE event = 'event.material_deleted'",
    );
    expect(JSON.parse(deleted[0].detail)).toMatchObject({ name: "人生会議（ACP）資料.pdf" });
  });

  it("published ones are offered on the public page; a co-host sees only those, another municipality nothing", async ({
    server,
    world: w,
  }) => {
    const [kashiwa, abiko] = await regionNeighbours(server, w, [
      { name: "柏市", lgCode: "122173", inGroup: true },
      { name: "我孫子市", lgCode: "122220", inGroup: true },
    ]);
    const kAdmin = (await personIn(server, kashiwa)).browser;
    const aAdmin = (await personIn(server, abiko)).browser;

    const e = await createMaterialsEvent(w);
    expect((await w.admin.browser.put(`${e.path}/cohosts/${kashiwa}`)).status).toBe(200);
    const handout = (await upload(w.admin.browser, e.path, "配布資料.pdf", PDF)).body.material;
    const internal = (await upload(w.admin.browser, e.path, "講師との打合せメモ.docx", await docxFile())).body
      .material;
    expect((await w.admin.browser.patch(handout.path, { public: true })).status).toBe(200);

    const kPath = `/api/workspaces/${kashiwa}/events/${e.id}/materials`;
    const seen = await kAdmin.get<{ materials: MaterialBody[]; scope: string }>(kPath);
    expect(seen.body.scope).toBe("public");
    expect(seen.body.materials.map((m) => m.name)).toEqual(["配布資料.pdf"]);
    expect((await download(kAdmin, seen.body.materials[0].path)).status).toBe(200);
    expect((await download(kAdmin, `${kPath}/${internal.id}`)).status).toBe(404);
    expect((await upload(kAdmin, `/api/workspaces/${kashiwa}/events/${e.id}`, "x.pdf", PDF)).status).toBe(
      403,
    );
    // A municipality the event is not shared with does not find it at all.
    expect((await aAdmin.get(`/api/workspaces/${abiko}/events/${e.id}/materials`)).status).toBe(404);
    expect(
      (await download(aAdmin, `/api/workspaces/${abiko}/events/${e.id}/materials/${handout.id}`)).status,
    ).toBe(404);

    // The public page: nothing until the event is published; then the public handout only.
    const published = await w.admin.browser.patch<{ event: { publicPath: string } }>(e.path, {
      published: true,
    });
    const [, , lg, , pid] = published.body.event.publicPath.split("/");
    const anon = new TestBrowser(server.origin);
    const page = await anon.get<{ materials: { name: string; path: string; size: number }[] }>(
      `/api/public/events/${lg}/${pid}`,
    );
    expect(page.body.materials).toEqual([
      { name: "配布資料.pdf", type: "application/pdf", size: PDF.length, path: expect.any(String) },
    ]);
    const file = await download(anon, page.body.materials[0].path);
    expect(file.status).toBe(200);
    expect(file.bytes.equals(PDF)).toBe(true);
    expect(file.headers.get("content-disposition")).toContain("attachment;");
    expect(file.headers.get("content-security-policy")).toContain("sandbox");
    expect((await download(anon, `/api/public/events/${lg}/${pid}/materials/${internal.id}`)).status).toBe(
      404,
    );
    await w.admin.browser.patch(e.path, { published: false });
    expect((await download(anon, page.body.materials[0].path)).status).toBe(404);
  });
});
